//! `terroir search` and `terroir reindex`: finding records by characters, pinyin, initials or
//! codes, and rebuilding the index that finds them.

use clap::Args;
use terroir_api::search::SearchHit;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, parse_kind};
use crate::output::Out;

#[derive(Debug, Args)]
pub struct SearchArgs {
    query: String,
    /// gi | enterprise | user | trademark
    #[arg(long)]
    kind: Option<String>,
    /// Hits per kind
    #[arg(long, default_value_t = 10)]
    limit: u32,
}

pub fn search(ws: &Workspace, out: &Out, a: SearchArgs) -> Result<Outcome, ApiError> {
    let kind = a.kind.as_deref().map(parse_kind).transpose()?;
    let r = ws.search(&a.query, kind, a.limit)?;
    if out.json {
        out.json(&r);
    } else if r.groups.is_empty() {
        println!("{}", out.t("没有找到。", "Nothing found."));
    } else {
        for g in &r.groups {
            println!("== {} ==", g.kind.label(out.lang));
            let rows: Vec<Vec<String>> = g.hits.iter().map(hit_row).collect();
            out.table(&rows);
        }
    }
    Ok(0)
}

/// A hit as a row: code, name with the matched part in brackets, detail, how it matched.
fn hit_row(h: &SearchHit) -> Vec<String> {
    let name = match h.span {
        Some([a, b]) => {
            let c: Vec<char> = h.name.chars().collect();
            let (a, b) = (a as usize, (b as usize).min(c.len()));
            format!(
                "{}[{}]{}",
                c[..a].iter().collect::<String>(),
                c[a..b].iter().collect::<String>(),
                c[b..].iter().collect::<String>()
            )
        }
        None => h.name.clone(),
    };
    let how = serde_json::to_value(h.matched)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    vec![
        h.code.clone(),
        name,
        h.detail.clone().unwrap_or_default(),
        how,
    ]
}

pub fn reindex(ws: &mut Workspace, out: &Out) -> Result<Outcome, ApiError> {
    let t = std::time::Instant::now();
    let n = ws.reindex()?;
    if out.json {
        out.json(&serde_json::json!({ "indexed": n, "seconds": t.elapsed().as_secs_f64() }));
    } else {
        println!(
            "{} {n} ({:.1} s)",
            out.t("已重建索引：", "reindexed:"),
            t.elapsed().as_secs_f64()
        );
    }
    Ok(0)
}
