//! `terroir import`, `export` and `template`: records in and out as spreadsheets (XLSX or
//! UTF-8 CSV), all in the one import format.

use std::path::PathBuf;

use clap::Args;
use terroir_api::core::Violation;
use terroir_api::exchange::{ImportReport, SheetKind};
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, field_changes, progress_bar, show_of};
use crate::output::Out;

#[derive(Debug, Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// enterprise | user | gi | trademark | incentive_rule, or gi_stats (GI yearly statistics)
    #[arg(long)]
    kind: String,
    /// Show what would be added, changed and refused, and write nothing
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// enterprise | user | gi | trademark | incentive_rule, or gi_stats (GI yearly statistics)
    #[arg(long)]
    kind: String,
    /// Archived records instead of live ones
    #[arg(long)]
    archived: bool,
    /// Live and archived records
    #[arg(long, conflicts_with = "archived")]
    all: bool,
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// enterprise | user | gi | trademark | incentive_rule, or gi_stats (GI yearly statistics)
    kind: String,
    #[arg(short, long)]
    output: PathBuf,
}

/// Exit 1 when rows have problems (and then nothing was written).
pub fn import(ws: &mut Workspace, out: &Out, a: ImportArgs) -> Result<Outcome, ApiError> {
    // Rows checked on stderr (indicatif draws only on a terminal); Ctrl+C stops the
    // process, and the transaction, uncommitted, writes nothing.
    let bar = progress_bar(out, 0);
    let never = std::sync::atomic::AtomicBool::new(false);
    let report = ws.import_with(sheet_kind(&a.kind)?, &a.file, a.dry_run, &never, &mut |p| {
        bar.set_length(u64::from(p.total));
        bar.set_position(u64::from(p.done));
    })?;
    bar.finish_and_clear();
    if out.json {
        out.json(&report);
    } else {
        print_import(out, &report);
    }
    Ok(u8::from(!report.problems.is_empty()))
}

fn print_import(out: &Out, r: &ImportReport) {
    for c in &r.ignored_columns {
        eprintln!("{} {c}", out.t("已忽略列", "ignored column"));
    }
    for p in &r.problems {
        let at = match &p.column {
            Some(c) => format!("{} {} {}", out.t("第", "row"), p.row, c),
            None => format!("{} {}", out.t("第", "row"), p.row),
        };
        let value = p
            .value
            .as_ref()
            .map(|v| format!(" “{v}”"))
            .unwrap_or_default();
        println!("✗ {at}{value}: {}", out.message(&p.message));
    }
    for c in r.changed.iter().take(50) {
        let fields = field_changes(&c.fields);
        println!("~ {} {} {}  {}", out.t("第", "row"), c.row, c.name, fields);
    }
    let verb = if r.applied {
        out.t("已导入", "imported")
    } else if r.problems.is_empty() {
        out.t("试导入（未写入）", "dry run (nothing written)")
    } else {
        out.t(
            "发现问题，未写入任何记录",
            "problems found: nothing written",
        )
    };
    println!(
        "{verb}: {} {}  {} {}  {} {}  {} {}  ({} {})",
        r.added.len(),
        out.t("新增", "new"),
        r.changed.len(),
        out.t("更新", "changed"),
        r.unchanged.len(),
        out.t("无变化", "unchanged"),
        r.problems.len(),
        out.t("个问题", "problems"),
        r.rows,
        out.t("行", "rows")
    );
}

pub fn export(ws: &Workspace, out: &Out, a: ExportArgs) -> Result<Outcome, ApiError> {
    let show = show_of(a.archived, a.all);
    let s = match sheet_kind(&a.kind)? {
        SheetKind::Records(kind) => ws.export(kind, show, &a.output)?,
        SheetKind::Other(_) => ws.export_gi_stats(&a.output)?,
    };
    if out.json {
        out.json(&s);
    } else {
        println!("{} {} → {}", out.t("已导出", "exported"), s.rows, s.path);
    }
    Ok(0)
}

pub fn template(ws: &Workspace, out: &Out, a: TemplateArgs) -> Result<Outcome, ApiError> {
    ws.template(sheet_kind(&a.kind)?, &a.output)?;
    if !out.json {
        println!(
            "{} → {}",
            out.t("已生成模板", "template written"),
            a.output.display()
        );
    }
    Ok(0)
}

/// A sheet's kind as typed: a record kind's key or `gi_stats`.
fn sheet_kind(k: &str) -> Result<SheetKind, ApiError> {
    SheetKind::from_key(k).ok_or_else(|| {
        Violation::enum_value(k, SheetKind::keys().join(", "))
            .at("kind")
            .into()
    })
}
