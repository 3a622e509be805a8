//! `terroir init`, `check`, `backup` and `restore`: the workspace as a whole, its creation,
//! its integrity and its copies.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{Map, Value};
use terroir_api::core::Lang;
use terroir_api::ops::Check;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, progress_bar};
use crate::output::{Out, word};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Add the illustrative Xinyang sample catalogue
    #[arg(long)]
    sample: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Folder for backups (default: backups/ beside the database)
    #[arg(long)]
    to: Option<PathBuf>,
    #[arg(long, default_value_t = 10)]
    keep: usize,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    backup: PathBuf,
}

pub fn init(db: &Path, actor: &str, out: &Out, a: InitArgs) -> Result<Outcome, ApiError> {
    let ws = if a.sample {
        Workspace::create_with_sample(db, actor)?
    } else {
        Workspace::create(db, actor)?
    };
    let counts = ws.counts()?;
    if out.json {
        let c: Map<String, Value> = counts
            .iter()
            .map(|(k, n)| (k.key().to_owned(), Value::from(*n)))
            .collect();
        out.json(&serde_json::json!({ "db": ws.db_path(), "records": c }));
    } else {
        println!(
            "{}: {}",
            out.t("已创建工作区", "workspace created"),
            ws.db_path().display()
        );
        for (k, n) in counts.iter().filter(|(_, n)| *n > 0) {
            println!("  {} {n}", k.label(out.lang));
        }
    }
    Ok(0)
}

pub fn backup(ws: &mut Workspace, out: &Out, a: BackupArgs) -> Result<Outcome, ApiError> {
    let info = ws.backup(a.to.as_deref(), a.keep)?;
    if out.json {
        out.json(&info);
    } else {
        println!(
            "{}: {}",
            out.t("已备份到", "backed up to"),
            info.path.display()
        );
        println!(
            "  {} {}, {} {}",
            info.manifest.audit_rows,
            out.t("条审计记录", "audit rows"),
            info.manifest.files,
            out.t("个文件", "files")
        );
    }
    Ok(0)
}

pub fn restore(ws: Workspace, out: &Out, a: RestoreArgs) -> Result<Outcome, ApiError> {
    let backup = a.backup;
    let (_, kept) = ws.restore(&backup)?;
    if out.json {
        out.json(&serde_json::json!({ "restored_from": backup, "replaced_kept_at": kept }));
    } else {
        println!(
            "{}: {}",
            out.t(
                "已还原；原工作区保存在",
                "restored; the replaced workspace is kept at"
            ),
            kept.display()
        );
    }
    Ok(0)
}

/// Exit 1 when any check fails.
pub fn check(ws: &Workspace, out: &Out) -> Result<Outcome, ApiError> {
    let bar = progress_bar(out, 0);
    let c = ws.check_with(&mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    if out.json {
        out.json(&c);
    } else {
        print_checks(out, &c);
        print_refused(out, &c);
        println!("{} {}", c.report.records, out.t("条记录", "records"));
        print_migration_notes(out, &c);
    }
    Ok(u8::from(!c.ok))
}

/// One line per check: ✓ or ✗, what was checked, and what failed.
fn print_checks(out: &Out, c: &Check) {
    let r = &c.report;
    let line = |ok: bool, what: &str, detail: String| {
        println!(
            "{} {what}{}",
            if ok { "✓" } else { "✗" },
            if detail.is_empty() {
                detail
            } else {
                format!(": {detail}")
            }
        )
    };
    line(
        r.integrity.is_empty(),
        out.t("数据库完整性", "database integrity"),
        r.integrity.join("; "),
    );
    line(
        r.foreign_keys.is_empty(),
        out.t("外键", "foreign keys"),
        r.foreign_keys.join("; "),
    );
    line(
        r.audit_chain.first_broken.is_none(),
        out.t("审计链", "audit chain"),
        r.audit_chain
            .first_broken
            .as_ref()
            .map(|b| format!("#{} {}", b.seq, b.problem))
            .unwrap_or_default(),
    );
    line(
        r.audit_mismatches.is_empty(),
        out.t("审计记录与数据一致", "audit rows match records"),
        r.audit_mismatches.join(", "),
    );
    line(
        r.files.is_empty(),
        out.t("文件完整", "files present and intact"),
        r.files.join("; "),
    );
    line(
        c.refused_total == 0,
        out.t("记录符合现行规则", "records pass the current rules"),
        if c.refused_total == 0 {
            String::new()
        } else {
            format!("{} {}", c.refused_total, out.t("条不符合", "refused"))
        },
    );
}

/// The stored records the current rules refuse, as many as the check lists.
fn print_refused(out: &Out, c: &Check) {
    for x in &c.refused {
        println!(
            "  ✗ {} {} {}",
            word("kind", x.kind.key(), out.lang),
            x.code,
            x.name
        );
        for p in &x.problems {
            println!("      - {}", out.message(&p.message));
        }
    }
    if c.refused_total > c.refused.len() as u64 {
        println!(
            "  … {} {}",
            c.refused_total - c.refused.len() as u64,
            out.t(
                "条未列出（--json 同样只列前 1000 条）",
                "more not listed (--json lists the first 1,000 too)"
            )
        );
    }
}

fn print_migration_notes(out: &Out, c: &Check) {
    if !c.migration_notes.is_empty() {
        println!("{}", out.t("升级说明：", "Upgrade notes:"));
        for n in &c.migration_notes {
            println!("  ! {}", said_one(out, n));
        }
    }
}

/// A note stored as "中文 / English", in the user's language.
fn said_one<'a>(out: &Out, note: &'a str) -> &'a str {
    match note.split_once(" / ") {
        Some((zh, en)) => match out.lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
        None => note,
    }
}
