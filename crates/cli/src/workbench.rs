//! `terroir candidate`, `readiness`, `evidence-catalogue`, `application` and `incentive`: the
//! enterprise workbench on the command line.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;
use terroir_api::core::Lang;
use terroir_api::core::date::parse_date;
use terroir_api::core::evidence::{EvidenceInput, Proceeding, RecognitionInput};
use terroir_api::core::readiness::{Level, Status};
use terroir_api::core::record::enum_value;
use terroir_api::core::text::Bilingual;
use terroir_api::workbench::{ApplicationStep, Ledger};
use terroir_api::{ApiError, RecordData, Workspace};

use crate::common::{Outcome, Reason, Target, done};
use crate::fields::CandidateFields;
use crate::output::{Out, key_of, word};
use crate::record::{self, RecordCmd};
use terroir_api::core::RecordKind;

#[derive(Debug, Subcommand)]
pub enum CandidateCmd {
    #[command(flatten)]
    Record(RecordCmd<CandidateFields>),
    /// The candidate's evidence file
    Evidence {
        #[command(subcommand)]
        cmd: EvidenceCmd,
    },
    /// Record the recognition decision (authority, case number, date, kind of proceeding)
    Recognise(RecogniseArgs),
}

#[derive(Debug, Args)]
pub struct EvidenceFields {
    #[arg(long)]
    title: String,
    /// awareness, use, publicity, protection, revenue, market_share, net_profit, tax_paid,
    /// sales_regions
    #[arg(long)]
    factor: String,
    /// 2024, 2019-2024, or 2019-03-01..2024-05-31
    #[arg(long)]
    period: String,
    #[arg(long)]
    source: String,
    #[arg(long)]
    notes: Option<String>,
}

impl EvidenceFields {
    fn input(self) -> EvidenceInput {
        EvidenceInput {
            title: self.title,
            factor: self.factor,
            period: self.period,
            source: self.source,
            notes: self.notes,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCmd {
    /// Add an evidence item, with files attached (PDF page counts are read)
    Add {
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        fields: EvidenceFields,
        /// Files to attach (repeat)
        #[arg(long = "file")]
        files: Vec<PathBuf>,
    },
    /// Replace an item's fields (its files stay)
    Edit {
        #[command(flatten)]
        target: Target,
        no: u32,
        #[command(flatten)]
        fields: EvidenceFields,
    },
    /// Attach files to an item
    Attach {
        #[command(flatten)]
        target: Target,
        no: u32,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Remove an item (history keeps it)
    Remove {
        #[command(flatten)]
        target: Target,
        no: u32,
        #[command(flatten)]
        reason: Reason,
    },
    /// List a candidate's evidence
    List(Target),
}

#[derive(Debug, Args)]
pub struct RecogniseArgs {
    #[command(flatten)]
    target: Target,
    #[arg(long)]
    authority: String,
    #[arg(long)]
    case_no: String,
    #[arg(long)]
    decided_on: String,
    /// opposition, invalidation, enforcement or court
    #[arg(long)]
    proceeding: String,
}

#[derive(Debug, Args)]
pub struct ReadinessArgs {
    candidate: String,
    /// The proceeding: opposition, refusal_review, invalidation, enforcement or court
    #[arg(long)]
    proceeding: Option<String>,
    /// The date the 3 and 5 years count back from (the opposed mark's or the challenged
    /// registration's filing date, or the date protection is requested)
    #[arg(long)]
    reference_on: Option<String>,
}

#[derive(Debug, Args)]
pub struct CatalogueArgs {
    candidate: String,
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

#[derive(Debug, Args, Serialize)]
pub struct ApplicationFields {
    /// guidance or award
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    enterprise: Option<String>,
    /// candidate, trademark, gi or user
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    subject_kind: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// An achievement claimed with the record that proves it, as ITEM@DATE@PROOF or
    /// ITEM@DATE@PROOF@DOCUMENT (repeat), e.g. gi_trademark@2026-02-01@TM-0003@第12345678号;
    /// the proof is a candidate with its recognition (well_known_mark), a trademark, a GI
    /// product or an approved user
    #[arg(long = "claim")]
    #[serde(
        rename = "claims",
        serialize_with = "claims_json",
        skip_serializing_if = "Vec::is_empty"
    )]
    claims: Vec<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

fn claims_json<S: serde::Serializer>(claims: &[String], s: S) -> Result<S::Ok, S::Error> {
    let v: Vec<Value> = claims
        .iter()
        .map(|c| {
            let mut parts = c.splitn(4, '@');
            serde_json::json!({
                "item": parts.next().unwrap_or(""),
                "achieved_on": parts.next().unwrap_or(""),
                "proof": parts.next(),
                "document": parts.next(),
            })
        })
        .collect();
    v.serialize(s)
}

#[derive(Debug, Args, Serialize)]
pub struct RuleFields {
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    /// well_known_mark, provincial_famous_mark, gi_trademark, gi_product, agricultural_gi,
    /// special_mark_user, madrid_filing
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    /// Yuan, e.g. 300000
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<String>,
    /// Division code of the paying government
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    jurisdiction: Option<String>,
    /// Empty: any time; 0: the application's year; n: the last n years
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    window_years: Option<String>,
    /// cumulative or highest_only
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    stacking: Option<String>,
    /// Stacking group of a highest-only rule
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    /// What a highest-only rule pays after a lower award for the same subject: difference
    /// (补差) or full
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    top_up: Option<String>,
    /// Once per mark (default) or once per recognition
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    once_per: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_no: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    valid_to: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    budget_line: Option<String>,
    #[arg(long)]
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct OnDate {
    #[command(flatten)]
    target: Target,
    /// Date of the step (default: today)
    #[arg(long)]
    on: Option<String>,
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum ApplicationCmd {
    #[command(flatten)]
    Record(RecordCmd<ApplicationFields>),
    /// Print the approval form to sign (奖励审批表 for an award)
    Form {
        /// Application code or id
        record: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Submit a draft
    Submit(OnDate),
    /// Start reviewing a submitted application
    Review {
        #[command(flatten)]
        at: OnDate,
        #[arg(long)]
        reviewer: String,
    },
    /// Approve: an award's amount is fixed from the rules in force and checked against budgets
    Approve {
        #[command(flatten)]
        at: OnDate,
        #[arg(long)]
        note: Option<String>,
        /// Approve past a budget (or without one); recorded in the audit log
        #[arg(long)]
        over_budget_reason: Option<String>,
    },
    /// Reject (a reason is required)
    Reject {
        #[command(flatten)]
        at: OnDate,
        #[arg(long)]
        reason: String,
    },
    /// Return a rejected application to its applicant as a draft (退回补正), saying what to
    /// correct
    Return {
        #[command(flatten)]
        at: OnDate,
        #[arg(long)]
        reason: String,
    },
    /// Record the payment of an approved award
    Pay {
        #[command(flatten)]
        at: OnDate,
        #[arg(long)]
        voucher: String,
    },
}

#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum IncentiveCmd {
    /// Incentive rules (add, list, show, edit, archive)
    Rules {
        #[command(subcommand)]
        cmd: RecordCmd<RuleFields>,
    },
    /// Which rules apply to an application, which are excluded and why, the amount due
    Eligibility {
        application: String,
        /// Judge as of this date (default: the decision, submission or today)
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Budgets, approved and paid awards per paying jurisdiction and year
    Ledger {
        #[arg(long)]
        year: Option<i32>,
        /// List only the awards paid by this jurisdiction (division code)
        #[arg(long)]
        jurisdiction: Option<String>,
        /// List at most this many awarded applications (the totals cover all)
        #[arg(long)]
        limit: Option<u32>,
        /// Write the ledger (budgets, every award line, a total row) to .xlsx or .csv
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
    },
    /// Set a jurisdiction's award budget for a year
    Budget {
        jurisdiction: String,
        year: i32,
        /// Yuan, e.g. 500000
        amount: String,
        #[command(flatten)]
        reason: Reason,
    },
}

fn said(out: &Out, b: &Bilingual) -> String {
    if out.zh() { b.zh.clone() } else { b.en.clone() }
}

pub fn candidate(ws: &mut Workspace, out: &Out, cmd: CandidateCmd) -> Result<Outcome, ApiError> {
    match cmd {
        CandidateCmd::Record(c) => record::run(ws, out, RecordKind::Candidate, c),
        CandidateCmd::Evidence { cmd } => evidence(ws, out, cmd),
        CandidateCmd::Recognise(a) => recognise(ws, out, a),
    }
}

fn evidence(ws: &mut Workspace, out: &Out, cmd: EvidenceCmd) -> Result<Outcome, ApiError> {
    let r = match cmd {
        EvidenceCmd::Add {
            target,
            fields,
            files,
        } => ws.add_evidence(&target.record, &fields.input(), &files)?,
        EvidenceCmd::Edit { target, no, fields } => {
            ws.update_evidence(&target.record, no, &fields.input())?
        }
        EvidenceCmd::Attach { target, no, files } => {
            ws.attach_evidence(&target.record, no, &files)?
        }
        EvidenceCmd::Remove { target, no, reason } => {
            ws.remove_evidence(&target.record, no, reason.reason.as_deref())?
        }
        EvidenceCmd::List(target) => {
            let RecordData::Candidate { data: c, .. } =
                ws.show(RecordKind::Candidate, &target.record)?.record
            else {
                return Err(ApiError::storage("a candidate's record is not a candidate"));
            };
            if out.json {
                out.json(&c.evidence);
                return Ok(0);
            }
            let lang = if out.zh() { Lang::Zh } else { Lang::En };
            let mut rows = vec![vec![
                out.t("编号", "no").to_owned(),
                out.t("证据名称", "title").to_owned(),
                out.t("证明内容", "factor").to_owned(),
                out.t("期间", "period").to_owned(),
                out.t("来源", "source").to_owned(),
                out.t("页数", "pages").to_owned(),
            ]];
            for e in &c.evidence {
                rows.push(vec![
                    e.no.to_string(),
                    e.title.clone(),
                    e.factor.label(lang).to_owned(),
                    e.period.show(),
                    e.source.clone(),
                    e.pages().map_or("—".into(), |n| n.to_string()),
                ]);
            }
            out.table(&rows);
            return Ok(0);
        }
    };
    let n = match &r.record {
        RecordData::Candidate { summary, .. } => summary.evidence,
        _ => 0,
    };
    done(
        out,
        &r,
        &format!("{} {n}", out.t("证据项数", "evidence items")),
    );
    Ok(0)
}

fn recognise(ws: &mut Workspace, out: &Out, a: RecogniseArgs) -> Result<Outcome, ApiError> {
    let r = ws.record_recognition(
        &a.target.record,
        &RecognitionInput {
            authority: a.authority,
            case_no: a.case_no,
            decided_on: a.decided_on,
            proceeding: a.proceeding,
        },
    )?;
    done(out, &r, out.t("已记录认定", "recognition recorded"));
    Ok(0)
}

/// Exit 0 when ready, 1 otherwise (scripts can gate on it).
pub fn readiness(ws: &Workspace, out: &Out, a: ReadinessArgs) -> Result<Outcome, ApiError> {
    let proceeding = a
        .proceeding
        .as_deref()
        .map(|p| enum_value::<Proceeding>(p, &Proceeding::KEYS).map_err(|e| e.at("proceeding")))
        .transpose()?;
    let reference_on = a
        .reference_on
        .as_deref()
        .map(|d| parse_date(d).map_err(|e| e.at("reference_on")))
        .transpose()?;
    let r = ws.readiness(&a.candidate, None, reference_on, proceeding)?;
    if out.json {
        out.json(&r);
    } else {
        let mut basis = vec![r.reference_on.to_string()];
        if let Some(p) = r.proceeding {
            basis.push(word("proceeding", &key_of(&p), out.lang));
        }
        basis.push(word(
            "referenceSource",
            &key_of(&r.reference_source),
            out.lang,
        ));
        println!(
            "{}: {} ({})",
            out.t("准备程度", "readiness"),
            word("level", &key_of(&r.level), out.lang),
            basis.join(out.t("，", ", "))
        );
        for c in &r.criteria {
            let mark = match c.status {
                Status::Met => "✓",
                Status::Partly => "~",
                Status::Missing => "✗",
            };
            println!("  {mark} {}", said(out, &c.reason));
            if let Some(add) = &c.add {
                println!("      → {}", said(out, add));
            }
        }
        match &r.recognition {
            Some(rec) => println!(
                "{}: {} {} {}",
                out.t("认定记录", "recognition decision"),
                rec.authority,
                rec.case_no,
                rec.decided_on
            ),
            None => println!(
                "{}",
                out.t(
                    "未记录认定：准备程度不等于认定，商标只有在个案中经认定才是驰名商标。",
                    "No recognition decision is recorded: readiness is not recognition."
                )
            ),
        }
    }
    Ok(if r.level == Level::Ready { 0 } else { 1 })
}

pub fn catalogue(ws: &Workspace, out: &Out, a: CatalogueArgs) -> Result<Outcome, ApiError> {
    let p = ws.print_catalogue_to(&a.candidate, &a.output)?;
    if out.json {
        out.json(&p);
    } else {
        println!(
            "{}: {} ({} KB)",
            out.t("已打印证据目录", "evidence catalogue printed"),
            p.path,
            p.bytes / 1024
        );
    }
    Ok(0)
}

pub fn application(
    ws: &mut Workspace,
    out: &Out,
    cmd: ApplicationCmd,
) -> Result<Outcome, ApiError> {
    let (target, step) = match cmd {
        ApplicationCmd::Record(c) => return record::run(ws, out, RecordKind::Application, c),
        ApplicationCmd::Form { record, output } => {
            let p = ws.print_application_form_to(&record, &output)?;
            if out.json {
                out.json(&p);
            } else {
                println!(
                    "{}: {} ({} KB)",
                    out.t("已打印审批表", "approval form printed"),
                    p.path,
                    p.bytes / 1024
                );
            }
            return Ok(0);
        }
        ApplicationCmd::Submit(at) => (at.target, ApplicationStep::Submit { on: at.on }),
        ApplicationCmd::Review { at, reviewer } => (
            at.target,
            ApplicationStep::StartReview {
                on: at.on,
                reviewer,
            },
        ),
        ApplicationCmd::Approve {
            at,
            note,
            over_budget_reason,
        } => (
            at.target,
            ApplicationStep::Approve {
                on: at.on,
                note,
                over_budget_reason,
            },
        ),
        ApplicationCmd::Reject { at, reason } => {
            (at.target, ApplicationStep::Reject { on: at.on, reason })
        }
        ApplicationCmd::Return { at, reason } => {
            (at.target, ApplicationStep::Return { on: at.on, reason })
        }
        ApplicationCmd::Pay { at, voucher } => {
            (at.target, ApplicationStep::Pay { on: at.on, voucher })
        }
    };
    let r = ws.application_step(&target.record, step)?;
    let (state, amount) = match &r.record {
        RecordData::Application { summary, .. } => (
            key_of(&summary.state),
            summary.amount.map(|f| format!(" {f}")).unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    };
    done(
        out,
        &r,
        &format!("{}{amount}", word("appState", &state, out.lang)),
    );
    Ok(0)
}

pub fn incentive(ws: &mut Workspace, out: &Out, cmd: IncentiveCmd) -> Result<Outcome, ApiError> {
    match cmd {
        IncentiveCmd::Rules { cmd } => record::run(ws, out, RecordKind::IncentiveRule, cmd),
        IncentiveCmd::Eligibility { application, as_of } => {
            eligibility(ws, out, &application, as_of)
        }
        IncentiveCmd::Ledger {
            year,
            jurisdiction,
            limit: _,
            output: Some(path),
        } => export_ledger(ws, out, year, jurisdiction.as_deref(), &path),
        IncentiveCmd::Ledger {
            year,
            jurisdiction,
            limit,
            output: None,
        } => ledger(ws, out, year, jurisdiction.as_deref(), limit),
        IncentiveCmd::Budget {
            jurisdiction,
            year,
            amount,
            reason,
        } => budget(ws, out, &jurisdiction, year, &amount, &reason),
    }
}

fn eligibility(
    ws: &Workspace,
    out: &Out,
    application: &str,
    as_of: Option<String>,
) -> Result<Outcome, ApiError> {
    let as_of = as_of
        .map(|d| parse_date(&d).map_err(|e| e.at("as_of")))
        .transpose()?;
    let e = ws.eligibility(application, as_of)?;
    if out.json {
        out.json(&e);
        return Ok(0);
    }
    let mut rows = vec![vec![
        out.t("规则", "rule").to_owned(),
        out.t("事项", "item").to_owned(),
        out.t("辖区", "jurisdiction").to_owned(),
        out.t("金额", "amount").to_owned(),
        out.t("结论", "verdict").to_owned(),
        out.t("理由", "why").to_owned(),
    ]];
    for l in &e.lines {
        rows.push(vec![
            l.rule_code.clone(),
            said(out, &l.item.label()),
            l.jurisdiction.to_string(),
            l.amount.to_string(),
            if l.applies {
                out.t("适用", "applies")
            } else if l.lapsed {
                out.t("已失效", "lapsed")
            } else {
                out.t("不适用", "excluded")
            }
            .to_owned(),
            said(out, &l.reason),
        ]);
    }
    out.table(&rows);
    for f in &e.flags {
        println!("! {}", said(out, f));
    }
    println!("{}: {} ({})", out.t("应奖励", "due"), e.due, e.as_of);
    Ok(0)
}

fn export_ledger(
    ws: &Workspace,
    out: &Out,
    year: Option<i32>,
    jurisdiction: Option<&str>,
    path: &Path,
) -> Result<Outcome, ApiError> {
    let n = ws.export_ledger(year, jurisdiction, path, out.lang)?;
    println!(
        "{}: {n} → {}",
        out.t("已导出台账，奖励", "ledger written, awards"),
        path.display()
    );
    Ok(0)
}

fn ledger(
    ws: &Workspace,
    out: &Out,
    year: Option<i32>,
    jurisdiction: Option<&str>,
    limit: Option<u32>,
) -> Result<Outcome, ApiError> {
    let l = ws.ledger(year, jurisdiction, limit)?;
    if out.json {
        out.json(&l);
        return Ok(0);
    }
    print_budgets(out, &l);
    if !l.entries.is_empty() {
        println!();
        print_awards(out, &l);
    }
    Ok(0)
}

/// Per jurisdiction and year: the budget, what was approved and paid, and what remains.
fn print_budgets(out: &Out, l: &Ledger) {
    let none = || out.t("未设定", "not set").to_owned();
    let mut rows = vec![vec![
        out.t("辖区", "jurisdiction").to_owned(),
        out.t("年度", "year").to_owned(),
        out.t("预算", "budget").to_owned(),
        out.t("已核准", "approved").to_owned(),
        out.t("已拨付", "paid").to_owned(),
        out.t("剩余", "remaining").to_owned(),
    ]];
    for r in &l.rows {
        rows.push(vec![
            match &r.jurisdiction_name {
                Some(n) => format!("{n} · {}", r.jurisdiction),
                None => r.jurisdiction.clone(),
            },
            r.year.to_string(),
            r.budget.map_or_else(none, |b| b.to_string()),
            r.approved.to_string(),
            r.paid.to_string(),
            r.remaining.map_or_else(none, |b| b.to_string()),
        ]);
    }
    out.table(&rows);
}

/// The awarded applications listed (at most the limit; the totals above cover all).
fn print_awards(out: &Out, l: &Ledger) {
    let rows: Vec<Vec<String>> = l
        .entries
        .iter()
        .map(|e| {
            vec![
                e.application.clone(),
                e.enterprise.clone(),
                e.rule_code.clone(),
                e.amount.to_string(),
                word("appState", e.state.key(), out.lang),
                e.over_budget_reason.clone().unwrap_or_default(),
            ]
        })
        .collect();
    out.table(&rows);
    if l.shown < l.applications {
        println!(
            "{} {} / {}",
            out.t("显示申请", "showing applications"),
            l.shown,
            l.applications
        );
    }
}

fn budget(
    ws: &mut Workspace,
    out: &Out,
    jurisdiction: &str,
    year: i32,
    amount: &str,
    reason: &Reason,
) -> Result<Outcome, ApiError> {
    let b = ws.set_budget(jurisdiction, year, amount, reason.reason.as_deref())?;
    if out.json {
        out.json(&b);
    } else {
        println!(
            "{}: {} {} {}",
            out.t("已设定预算", "budget set"),
            b.jurisdiction,
            b.year,
            terroir_api::core::Fen(b.amount_fen)
        );
    }
    Ok(0)
}
