//! `terroir case` (enforcement cases: the record commands and the flow 调查 → 决定 → 结案, 移送)
//! and `terroir stats enforcement` (the statistics form, computed, exported or printed).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::{Serialize, Serializer};
use serde_json::{Value, json};
use terroir_api::cases::{CaseStep, EnforcementStats, StatsRowInput};
use terroir_api::core::RecordKind;
use terroir_api::{ApiError, RecordData, Workspace};

use crate::common::{Outcome, Target, done};
use crate::output::{Out, word};
use crate::record::{self, RecordCmd};

#[derive(Debug, Args, Serialize)]
pub struct CaseFields {
    /// 案号, e.g. 信市监处〔2026〕12号
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    case_no: Option<String>,
    /// mark_infringement, gi_misuse, special_mark_misuse, well_known_wording or other
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    /// complaint, inspection, transfer or e_commerce
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    /// Division code of the bureau handling the case
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    /// 立案日期
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    opened_on: Option<String>,
    /// A party (repeat): ent:ENTERPRISE (code or credit code of a registered enterprise),
    /// org:NAME or org:NAME@CREDIT_CODE, or person:NAME (a person: the name only)
    #[arg(long = "party")]
    #[serde(
        rename = "parties",
        serialize_with = "parties_json",
        skip_serializing_if = "Vec::is_empty"
    )]
    parties: Vec<String>,
    /// A record the case concerns, by code (GI-…, TM-…, USR-…, WKM-…; repeat)
    #[arg(long = "related")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    facts: Option<String>,
    /// The article relied on
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    legal_basis: Option<String>,
    /// 违法经营额, yuan
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    turnover: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

/// `ent:…`, `org:NAME[@CODE]`, `person:NAME` as the api's parties; anything else is taken as
/// an organisation's name, for the api to check.
fn parties_json<S: Serializer>(parties: &[String], s: S) -> Result<S::Ok, S::Error> {
    let v: Vec<Value> = parties
        .iter()
        .map(|p| {
            if let Some(e) = p.strip_prefix("ent:") {
                json!({ "enterprise": e })
            } else if let Some(n) = p.strip_prefix("person:") {
                json!({ "name": n, "person": true })
            } else {
                let org = p.strip_prefix("org:").unwrap_or(p);
                match org.rsplit_once('@') {
                    Some((name, code)) => json!({ "name": name, "credit_code": code }),
                    None => json!({ "name": org }),
                }
            }
        })
        .collect();
    v.serialize(s)
}

#[derive(Debug, Args)]
pub struct At {
    #[command(flatten)]
    target: Target,
    /// Date of the step (default: today)
    #[arg(long)]
    on: Option<String>,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum CaseCmd {
    #[command(flatten)]
    Record(RecordCmd<CaseFields>),
    /// Start the investigation (调查)
    Investigate {
        #[command(flatten)]
        at: At,
        #[arg(long)]
        investigator: String,
    },
    /// Record the decision (处罚 or, with --no-penalty and a reason, 不予处罚). An infringement
    /// fine over the art. 60 limit for the recorded turnover is refused, naming the limit
    Decide {
        #[command(flatten)]
        at: At,
        /// 决定书文号
        #[arg(long)]
        number: String,
        /// Yuan
        #[arg(long)]
        fine: Option<String>,
        #[arg(long)]
        confiscation: Option<String>,
        #[arg(long)]
        order_to_stop: bool,
        /// A seller who did not know, proved a lawful source and named this supplier (ordered
        /// to stop selling only)
        #[arg(long)]
        supplier: Option<String>,
        /// 不予处罚
        #[arg(long)]
        no_penalty: bool,
        /// Why there is no penalty
        #[arg(long)]
        reason: Option<String>,
    },
    /// Transfer the case (移送), e.g. to the police
    Transfer {
        #[command(flatten)]
        at: At,
        /// 移送机关
        #[arg(long)]
        to: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Attach files to the case (inspection notes, photos, the decision; PDF or images)
    Attach {
        #[command(flatten)]
        target: Target,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// The fine limits the bureau set for the kinds the law gives no formula for; with --kind,
    /// set one (--max in yuan, --basis what it rests on) or remove it (--max "")
    Limits {
        /// gi_misuse, special_mark_misuse or other
        #[arg(long, requires = "max")]
        kind: Option<String>,
        #[arg(long)]
        max: Option<String>,
        #[arg(long)]
        basis: Option<String>,
        /// Why (kept in the audit log)
        #[arg(long)]
        reason: Option<String>,
    },
    /// Close the case (结案)
    Close {
        #[command(flatten)]
        at: At,
        #[arg(long)]
        note: Option<String>,
    },
}

pub fn run(ws: &mut Workspace, out: &Out, cmd: CaseCmd) -> Result<Outcome, ApiError> {
    let (target, step) = match cmd {
        CaseCmd::Record(c) => return record::run(ws, out, RecordKind::Case, c),
        CaseCmd::Investigate { at, investigator } => (
            at.target,
            CaseStep::Investigate {
                on: at.on,
                investigator,
            },
        ),
        CaseCmd::Decide {
            at,
            number,
            fine,
            confiscation,
            order_to_stop,
            supplier,
            no_penalty,
            reason,
        } => (
            at.target,
            CaseStep::Decide {
                on: at.on,
                penalised: !no_penalty,
                number,
                fine,
                confiscation,
                order_to_stop,
                supplier,
                reason,
            },
        ),
        CaseCmd::Transfer { at, to, note } => (
            at.target,
            CaseStep::Transfer {
                on: at.on,
                receiver: to,
                note,
            },
        ),
        CaseCmd::Close { at, note } => (at.target, CaseStep::Close { on: at.on, note }),
        CaseCmd::Limits {
            kind,
            max,
            basis,
            reason,
        } => {
            let limits = match kind {
                Some(k) => {
                    ws.set_fine_limit(&k, max.as_deref(), basis.as_deref(), reason.as_deref())?
                }
                None => ws.fine_limits()?,
            };
            if out.json {
                out.json(&limits);
            } else if limits.limits.is_empty() {
                println!(
                    "{}",
                    out.t("（本局未设定罚款上限）", "(no fine limits set)")
                );
            } else {
                for l in limits.limits {
                    let kind = terroir_api::core::record::key_of(&l.kind);
                    println!(
                        "{}  {}  {}",
                        word("caseKind", &kind, out.lang),
                        l.max,
                        l.basis
                    );
                }
            }
            return Ok(0);
        }
        CaseCmd::Attach { target, files } => {
            let r = ws.attach_case_files(&target.record, &files)?;
            done(out, &r, out.t("已添加附件", "files attached"));
            return Ok(0);
        }
    };
    let r = ws.case_step(&target.record, step)?;
    let state = match &r.record {
        RecordData::Case { summary, .. } => {
            terroir_api::core::record::key_of(&summary.state).to_string()
        }
        _ => String::new(),
    };
    done(out, &r, &word("caseState", &state, out.lang));
    Ok(0)
}

#[derive(Debug, Subcommand)]
pub enum StatsCmd {
    /// The enforcement statistics form (案件统计表) for a period: each row's figure from the
    /// live cases (opened, closed, decided or transferred in the period, as the row measures)
    Enforcement {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// A province, city or county code (default: every case)
        #[arg(long)]
        division: Option<String>,
        /// Also write it: .xlsx or .csv as a sheet, .pdf printed
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// The form's rows (label, kinds counted, measure); `--set FILE.json` replaces them
    Form {
        /// A JSON array of {"label", "kinds": [..], "measure"}; measures: cases, closed,
        /// penalised, fines, turnover, transfers
        #[arg(long)]
        set: Option<PathBuf>,
        /// Why (kept in the audit log)
        #[arg(long)]
        reason: Option<String>,
    },
}

pub fn stats(ws: &mut Workspace, out: &Out, cmd: StatsCmd) -> Result<Outcome, ApiError> {
    match cmd {
        StatsCmd::Enforcement {
            from,
            to,
            division,
            output,
        } => {
            let s = ws.enforcement_stats(&from, &to, division.as_deref())?;
            if let Some(path) = &output {
                if path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
                {
                    ws.print_enforcement_stats_to(&s, path)?;
                } else {
                    ws.export_enforcement_stats(&s, path)?;
                }
            }
            if out.json {
                out.json(&s);
            } else {
                print_stats(out, &s, output.as_ref());
            }
            Ok(0)
        }
        StatsCmd::Form { set, reason } => {
            if let Some(path) = set {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    ApiError::from(
                        terroir_api::core::Violation::file_missing(format!(
                            "{}: {e}",
                            path.display()
                        ))
                        .at("rows"),
                    )
                })?;
                let rows: Vec<StatsRowInput> = serde_json::from_str(&text).map_err(|e| {
                    ApiError::from(terroir_api::core::Violation::json_input(e).at("rows"))
                })?;
                ws.set_stats_form(&rows, reason.as_deref())?;
            }
            let rows = ws.stats_form()?;
            if out.json {
                out.json(&rows);
            } else {
                for r in rows {
                    println!("{}  [{}] {}", r.label, r.kinds.join(","), r.measure);
                }
            }
            Ok(0)
        }
    }
}

fn print_stats(out: &Out, s: &EnforcementStats, written: Option<&PathBuf>) {
    println!(
        "{} {} – {}{}",
        out.t("案件统计表", "Enforcement statistics"),
        s.from,
        s.to,
        s.division
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default()
    );
    for l in &s.lines {
        println!("{}  {}", l.label, EnforcementStats::shown(l));
    }
    if let Some(p) = written {
        println!("→ {}", p.display());
    }
}
