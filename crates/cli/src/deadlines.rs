//! `terroir deadlines`: the renewals and use reports due within a period, and overdue ones, on
//! screen or written out for a calendar or a call list.

use std::path::{Path, PathBuf};

use clap::Args;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, reminders_written};
use crate::output::Out;

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// Period such as 90d, 12w, 6m, 1y
    #[arg(long, default_value = "90d")]
    within: String,
    /// Write them to a calendar file (.ics) or a spreadsheet with contacts (.xlsx, .csv)
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(ws: &Workspace, out: &Out, a: DeadlinesArgs) -> Result<Outcome, ApiError> {
    match &a.output {
        Some(path) => export(ws, out, &a.within, path),
        None => list(ws, out, &a.within),
    }
}

fn export(ws: &Workspace, out: &Out, within: &str, path: &Path) -> Result<Outcome, ApiError> {
    let w = ws.export_deadlines(within, path, out.lang)?;
    reminders_written(out, &w, out.t("项到期事项", "deadlines"));
    Ok(0)
}

fn list(ws: &Workspace, out: &Out, within: &str) -> Result<Outcome, ApiError> {
    let list = ws.deadlines(within)?;
    if out.json {
        out.json(&list);
    } else if list.is_empty() {
        println!(
            "{}",
            out.t("期内没有到期事项。", "Nothing due in this period.")
        );
    } else {
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|d| {
                let when = if d.overdue {
                    format!("{} {}", out.t("已逾期", "overdue"), -d.days_left)
                } else {
                    format!("{} {}", out.t("剩余", "in"), d.days_left)
                };
                vec![
                    d.due_on.to_string(),
                    format!("{when} {}", out.t("天", "days")),
                    d.kind.label(out.lang),
                    d.code.clone(),
                    d.name.clone(),
                    d.note
                        .as_ref()
                        .map(|n| out.bilingual(n).to_owned())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&rows);
    }
    Ok(0)
}
