//! `terroir audit`: the raw audit trail and its hash chain (`history` gives it in words).

use clap::Subcommand;
use serde_json::Value;
use terroir_api::{ApiError, Workspace};

use crate::common::{Outcome, parse_kind};
use crate::output::Out;

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// The newest audit rows, of one record or of the workspace
    Log {
        /// Kind of the record (gi, enterprise, user, trademark, candidate)
        #[arg(long, requires = "record")]
        kind: Option<String>,
        /// Record code or id
        #[arg(long, requires = "kind")]
        record: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Walk the hash chain and report the first broken link
    Verify,
}

pub fn run(ws: &Workspace, out: &Out, cmd: AuditCmd) -> Result<Outcome, ApiError> {
    match cmd {
        AuditCmd::Log {
            kind,
            record,
            limit,
        } => log(ws, out, kind, record.as_deref(), limit),
        AuditCmd::Verify => verify(ws, out),
    }
}

fn log(
    ws: &Workspace,
    out: &Out,
    kind: Option<String>,
    record: Option<&str>,
    limit: u32,
) -> Result<Outcome, ApiError> {
    let target = match (kind, record) {
        (Some(k), Some(r)) => Some((parse_kind(&k)?, r)),
        _ => None,
    };
    let rows = ws.audit_log(target, limit)?;
    if out.json {
        out.json(&rows);
    } else {
        let table: Vec<Vec<String>> = rows
            .iter()
            .map(|e| {
                vec![
                    e.seq.to_string(),
                    e.at.clone(),
                    e.actor.clone(),
                    e.action.clone(),
                    e.entity.clone(),
                    code_of(e.after.as_deref().or(e.before.as_deref())),
                    e.reason.clone().unwrap_or_default(),
                ]
            })
            .collect();
        out.table(&table);
    }
    Ok(0)
}

/// Exit 1 when the chain is broken.
fn verify(ws: &Workspace, out: &Out) -> Result<Outcome, ApiError> {
    let r = ws.audit_verify()?;
    if out.json {
        out.json(&r);
    } else {
        match &r.first_broken {
            None => println!(
                "{} {} {}; head {}",
                out.t("审计链完好：", "audit chain intact:"),
                r.rows,
                out.t("行", "rows"),
                r.head
            ),
            Some(b) => println!(
                "{} {}: {}",
                out.t("审计链断裂于第", "audit chain broken at row"),
                b.seq,
                b.problem
            ),
        }
    }
    Ok(u8::from(r.first_broken.is_some()))
}

fn code_of(snapshot: Option<&str>) -> String {
    snapshot
        .and_then(|s| serde_json::from_str::<Value>(s).ok())
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default()
}
