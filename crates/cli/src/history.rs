//! `terroir history`: the history in words, as the desktop shows it (`audit log` stays the raw
//! chain for machines).

use clap::Args;
use terroir_api::history::HistoryQuery;
use terroir_api::{ApiError, Workspace};

use crate::common::Outcome;
use crate::output::Out;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// A record kind (gi, enterprise, user, trademark, candidate, application, incentive_rule)
    /// or budget, division, calendar, workspace
    #[arg(long)]
    kind: Option<String>,
    /// One record's code or id (with --kind)
    #[arg(long, requires = "kind")]
    record: Option<String>,
    /// Only this operator's changes
    #[arg(long)]
    actor: Option<String>,
    /// First day, YYYY-MM-DD (local)
    #[arg(long)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD (local)
    #[arg(long)]
    to: Option<String>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

pub fn run(ws: &Workspace, out: &Out, a: HistoryArgs) -> Result<Outcome, ApiError> {
    let page = ws.history(&HistoryQuery {
        entity: a.kind,
        record: a.record,
        actor: a.actor,
        from: a.from,
        to: a.to,
        offset: a.offset,
        limit: a.limit,
    })?;
    if out.json {
        out.json(&page);
        return Ok(0);
    }
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .map(|r| {
            let mut what: Vec<String> =
                r.step.iter().map(|s| out.bilingual(s).to_owned()).collect();
            what.extend(r.changes.iter().map(|c| {
                format!(
                    "{}{}{} → {}",
                    out.bilingual(&c.label),
                    out.t("：", ": "),
                    out.bilingual(&c.before),
                    out.bilingual(&c.after)
                )
            }));
            vec![
                r.seq.to_string(),
                r.at.clone(),
                r.actor.clone(),
                format!(
                    "{} {}",
                    out.bilingual(&r.entity_label),
                    r.code.clone().unwrap_or_default()
                ),
                out.bilingual(&r.action_label).to_owned(),
                what.join(out.t("；", "; ")),
                r.reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.table(&rows);
    if page.more {
        println!(
            "{}",
            out.t(
                &format!("更早的记录：--offset {}", a.offset + a.limit),
                &format!("older rows: --offset {}", a.offset + a.limit)
            )
        );
    }
    Ok(0)
}
