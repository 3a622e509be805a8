//! The commands every record kind shares (add, list, show, edit, archive, unarchive), and the
//! flags-plus-JSON-file input they take.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{Map, Value};
use terroir_api::core::{RecordKind, Violation};
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, Reason, Target, done, show_of};
use crate::fields::to_json;
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum RecordCmd<F: Args> {
    /// Add a record from flags, or from a JSON file (an object, or an array added as one batch)
    Add {
        #[command(flatten)]
        fields: F,
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// List records in code order
    List(ListArgs),
    /// Show one record
    Show(Target),
    /// Edit a record: the flags (or the JSON file, a merge patch) given replace those fields
    Edit(EditArgs<F>),
    /// Archive a record (records are archived, not deleted)
    Archive {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        reason: Reason,
    },
    /// Bring an archived record back
    Unarchive {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        reason: Reason,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show archived records instead of live ones
    #[arg(long)]
    archived: bool,
    /// Show live and archived records
    #[arg(long, conflicts_with = "archived")]
    all: bool,
    /// Only applications in this state (draft, submitted, under_review, approved,
    /// rejected, paid), or trademarks with this status (renewal_pending, deregistered,
    /// revoked, invalidated)
    #[arg(long)]
    state: Option<String>,
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

impl ListArgs {
    /// Live records, every one, no state filter: what a kind's own overview may show instead.
    pub fn live_only(&self) -> bool {
        !self.archived
            && !self.all
            && self.state.is_none()
            && self.limit.is_none()
            && self.offset == 0
    }
}

#[derive(Debug, Args)]
pub struct EditArgs<F: Args> {
    #[command(flatten)]
    target: Target,
    #[command(flatten)]
    fields: F,
    #[arg(long)]
    file: Option<PathBuf>,
    #[command(flatten)]
    reason: Reason,
    /// Save only if the record is still at this version (`show --json` gives it); a record
    /// changed since is refused (exit 2) with what changed. Without it, the version read
    /// just before writing.
    #[arg(long, value_name = "VERSION")]
    if_version: Option<i64>,
}

pub fn run<F: Args + serde::Serialize>(
    ws: &mut Workspace,
    out: &Out,
    kind: RecordKind,
    cmd: RecordCmd<F>,
) -> Result<Outcome, ApiError> {
    match cmd {
        RecordCmd::Add { fields, file } => add(ws, out, kind, &fields, file.as_deref())?,
        RecordCmd::List(a) => list(ws, out, kind, a)?,
        RecordCmd::Show(t) => out.record(&ws.show(kind, &t.record)?),
        RecordCmd::Edit(a) => edit(ws, out, kind, a)?,
        RecordCmd::Archive { target, reason } => {
            let r = ws.archive(kind, &target.record, reason.reason.as_deref())?;
            done(out, &r, out.t("已归档", "archived"));
        }
        RecordCmd::Unarchive { target, reason } => {
            let r = ws.unarchive(kind, &target.record, reason.reason.as_deref())?;
            done(out, &r, out.t("已恢复", "unarchived"));
        }
    }
    Ok(0)
}

fn add(
    ws: &mut Workspace,
    out: &Out,
    kind: RecordKind,
    fields: &impl serde::Serialize,
    file: Option<&Path>,
) -> Result<(), ApiError> {
    let value = input(to_json(fields), file)?;
    let added = match value {
        Value::Array(items) => {
            ws.add_batch(kind, items.into_iter().map(without_nulls).collect())?
        }
        v => vec![ws.add(kind, without_nulls(v))?],
    };
    if out.json {
        out.json(&added);
    } else {
        let codes: Vec<&str> = added.iter().map(|r| r.code.as_str()).collect();
        let shown = if codes.len() > 6 {
            format!("{} … {}", codes[0], codes[codes.len() - 1])
        } else {
            codes.join(", ")
        };
        println!("{} {}: {shown}", out.t("已添加", "added"), added.len());
    }
    Ok(())
}

fn list(ws: &Workspace, out: &Out, kind: RecordKind, a: ListArgs) -> Result<(), ApiError> {
    let show = show_of(a.archived, a.all);
    let page = ws.list_in_state(
        kind,
        show,
        a.state.as_deref(),
        a.limit.unwrap_or(u32::MAX),
        a.offset,
    )?;
    out.records(&page.items);
    if !out.json && page.total > page.items.len() as u64 {
        println!(
            "{} {}–{} / {}",
            out.t("显示", "showing"),
            a.offset + 1,
            a.offset as usize + page.items.len(),
            page.total
        );
    }
    Ok(())
}

fn edit<F: Args + serde::Serialize>(
    ws: &mut Workspace,
    out: &Out,
    kind: RecordKind,
    a: EditArgs<F>,
) -> Result<(), ApiError> {
    let patch = input(to_json(&a.fields), a.file.as_deref())?;
    if !patch.is_object() {
        return Err(Violation::json_input("an edit takes a JSON object")
            .at("file")
            .into());
    }
    let base = match a.if_version {
        Some(v) => v,
        None => ws.show(kind, &a.target.record)?.version,
    };
    out.record(&ws.edit(
        kind,
        &a.target.record,
        patch,
        a.reason.reason.as_deref(),
        Some(base),
    )?);
    Ok(())
}

fn read_json(path: &Path) -> Result<Value, ApiError> {
    let text = std::fs::read_to_string(path)
        .map_err(|_| ApiError::from(Violation::file_missing(path.display()).at("file")))?;
    serde_json::from_str(&text).map_err(|e| Violation::json_input(e).at("file").into())
}

/// Flags and an optional JSON file, merged (flags win).
fn input(fields: Map<String, Value>, file: Option<&Path>) -> Result<Value, ApiError> {
    let mut base = match file {
        Some(p) => read_json(p)?,
        None => Value::Object(Map::new()),
    };
    match &mut base {
        Value::Object(m) => m.extend(fields),
        Value::Array(_) if !fields.is_empty() => {
            return Err(
                Violation::json_input("flags cannot be combined with a JSON array")
                    .at("file")
                    .into(),
            );
        }
        _ => {}
    }
    Ok(base)
}

/// Add, drop `null`s (an absent field and an empty one are the same on add).
fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.into_iter().filter(|(_, v)| !v.is_null()).collect()),
        other => other,
    }
}
