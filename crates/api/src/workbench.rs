//! The enterprise workbench: a well-known-mark candidate's evidence file (items, attachments,
//! the recognition decision), its readiness and evidence catalogue; applications for guidance
//! and awards through their review flow; incentive eligibility, budgets and the award ledger.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use terroir_core::application::{Action, Application, ApplicationKind, Award, AwardLine, State};
use terroir_core::candidate::MarkCandidate;
use terroir_core::date::parse_date;
use terroir_core::enterprise::Enterprise;
use terroir_core::evidence::{Attachment, EvidenceInput, Proceeding, RecognitionInput};
use terroir_core::gi::{GiProduct, Protection};
use terroir_core::incentive::{
    Applicant, AwardItem, Awarded, Claim, ClaimSubject, Eligibility, IncentiveRule, Proof, RuleRef,
    eligibility,
};
use terroir_core::readiness::{Readiness, Reference, Registration, assess};
use terroir_core::record::{RecordId, RecordKind};
use terroir_core::text::Bilingual;
use terroir_core::trademark::Trademark;
use terroir_core::user::{AuthorisedUser, Decision};
use terroir_core::{DivisionCode, Fen, Lang, Violation};
use terroir_dossier::catalogue::{CatalogueView, ExhibitRow};
use terroir_dossier::letter::FormTable;
use terroir_exchange::sheet::Cell;
use terroir_store::Connection;
use terroir_store::records::{self as store, Show};
use terroir_store::tables;
pub use terroir_store::tables::BudgetRow;
use terroir_store::{audit, files};

use crate::dossier::{Printed, create_dir, dossier_error, file_name};
use crate::error::{ApiError, Result};
use crate::records::{RecordDto, decode};
use crate::workspace::Workspace;

/// The largest file attached to an evidence item.
pub const ATTACHMENT_MAX_MB: u64 = 100;

/// A file read for attaching: its pages counted before anything is stored.
struct Incoming {
    path: PathBuf,
    name: String,
    pages: Option<u32>,
}

/// Count the pages of a file to attach: a PDF's page tree, 1 for an image, unknown otherwise.
/// A file that claims to be a PDF but cannot be read is refused, so the catalogue never
/// prints a page count it did not read.
fn read_attachment(path: &Path) -> Result<Incoming> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = std::fs::metadata(path)
        .map_err(|_| ApiError::from(Violation::file_missing(path.display())))?;
    if !meta.is_file() {
        return Err(Violation::file_missing(path.display()).into());
    }
    if meta.len() > ATTACHMENT_MAX_MB * 1024 * 1024 {
        return Err(Violation::attachment_too_large(
            &name,
            meta.len() / (1024 * 1024),
            ATTACHMENT_MAX_MB,
        )
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| {
        ApiError::from(Violation::file_missing(format!("{} ({e})", path.display())))
    })?;
    let pdf = name.to_lowercase().ends_with(".pdf") || bytes.starts_with(b"%PDF");
    let pages = if pdf {
        let doc = lopdf::Document::load_mem(&bytes)
            .map_err(|e| ApiError::from(Violation::pdf_unreadable(&name, e)))?;
        let n = doc.get_pages().len() as u32;
        if n == 0 {
            return Err(Violation::pdf_unreadable(&name, "no pages").into());
        }
        Some(n)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG") {
        Some(1)
    } else {
        None
    };
    Ok(Incoming {
        path: path.to_owned(),
        name,
        pages,
    })
}

/// One flow step of an application. Dates default to today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ApplicationStep {
    Submit {
        on: Option<String>,
    },
    StartReview {
        on: Option<String>,
        reviewer: String,
    },
    Approve {
        on: Option<String>,
        note: Option<String>,
        /// Approve past the budget (or without one): the reason is recorded and audited.
        over_budget_reason: Option<String>,
    },
    Reject {
        on: Option<String>,
        reason: String,
    },
    /// 退回补正: back to the applicant as a draft, with what to correct.
    Return {
        on: Option<String>,
        reason: String,
    },
    Pay {
        on: Option<String>,
        voucher: String,
    },
}

/// A paying jurisdiction's year: budget, approved (not yet paid), paid, remaining.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LedgerRow {
    pub jurisdiction: String,
    pub jurisdiction_name: Option<String>,
    pub year: i32,
    pub budget: Option<Fen>,
    pub approved: Fen,
    pub paid: Fen,
    pub remaining: Option<Fen>,
}

/// One awarded amount in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LedgerEntry {
    pub application: String,
    pub title: String,
    pub enterprise: String,
    pub rule_code: String,
    pub jurisdiction: String,
    pub year: i32,
    pub amount: Fen,
    pub state: State,
    pub decided_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub over_budget_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Ledger {
    /// Every paying jurisdiction with a budget or awards in the year(s).
    pub rows: Vec<LedgerRow>,
    /// The award lines of the first `shown` of the `applications` that match the filter.
    pub entries: Vec<LedgerEntry>,
    pub applications: u64,
    pub shown: u64,
}

/// The live rules that can pay an enterprise in `division`: those of the division and of the
/// divisions enclosing it (by the indexed jurisdiction). Every rule when the division is not
/// known, so eligibility explains why none applies.
fn rules_for(
    conn: &Connection,
    division: Option<&DivisionCode>,
) -> Result<Vec<(store::RecordRow, IncentiveRule)>> {
    let rows = match division {
        None => store::list(
            conn,
            RecordKind::IncentiveRule,
            Show::Live,
            None,
            u32::MAX,
            0,
        )?,
        Some(d) => {
            let mut rows = vec![];
            let mut at = Some(d.clone());
            while let Some(c) = at {
                rows.extend(store::list(
                    conn,
                    RecordKind::IncentiveRule,
                    Show::Live,
                    Some(("jurisdiction", c.as_str())),
                    u32::MAX,
                    0,
                )?);
                at = c.parent();
            }
            rows
        }
    };
    rows.into_iter()
        .map(|r| decode::<IncentiveRule>(&r).map(|e| (r, e)))
        .collect()
}

/// A step's date as typed, or today when none is given.
pub(crate) fn day(on: &Option<String>, today: NaiveDate) -> Result<NaiveDate> {
    match on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Ok(parse_date(s).map_err(|e| e.at("on"))?),
        None => Ok(today),
    }
}

/// What record `id` shows as proof of `item` (see [`terroir_core::incentive::Proof`]); `None`
/// when there is no such record.
pub(crate) fn proof_of(conn: &Connection, item: AwardItem, id: RecordId) -> Result<Option<Proof>> {
    let Some(row) = store::get(conn, item.proof_kind(), &id.to_string())? else {
        return Ok(None);
    };
    Ok(Some(match item {
        AwardItem::WellKnownMark => recognition_proof(decode(&row)?),
        AwardItem::GiTrademark | AwardItem::ProvincialFamousMark | AwardItem::MadridFiling => {
            mark_proof(item, decode(&row)?, id)
        }
        AwardItem::GiProduct | AwardItem::AgriculturalGi => product_proof(item, decode(&row)?, id),
        AwardItem::SpecialMarkUser => user_proof(decode(&row)?, id),
    }))
}

/// Why a record does not show what its claim needs.
fn shows_not(zh: &str, en: &str) -> Option<Bilingual> {
    Some(Bilingual::new(zh, en))
}

/// A candidate proves a well-known mark by its recognition decision: the mark, dated and
/// numbered by the decision.
fn recognition_proof(c: MarkCandidate) -> Proof {
    Proof {
        shows: c.recognition.is_none().then(|| {
            Bilingual::new(
                "该培育对象没有登记认定记录（机关、案号、日期）",
                "the candidate has no recorded recognition decision",
            )
        }),
        on: c.recognition.as_ref().map(|r| r.decided_on),
        enterprise: Some(c.enterprise_id),
        subject: ClaimSubject {
            subject: c.trademark_id,
            recognition: c.recognition.map(|r| r.case_no),
        },
    }
}

/// A trademark proves a mark award; a GI mark award needs a GI mark with its registration
/// date, which dates the claim.
fn mark_proof(item: AwardItem, tm: Trademark, id: RecordId) -> Proof {
    let shows = match item {
        AwardItem::GiTrademark if !tm.gi => shows_not(
            "该商标不是地理标志集体商标或证明商标",
            "not a GI collective or certification mark",
        ),
        AwardItem::GiTrademark if tm.registered_on.is_none() => shows_not(
            "该商标尚未登记注册日期",
            "the mark has no registration date",
        ),
        _ => None,
    };
    Proof {
        shows,
        on: (item == AwardItem::GiTrademark)
            .then_some(tm.registered_on)
            .flatten(),
        enterprise: Some(tm.registrant_id),
        subject: ClaimSubject {
            subject: id,
            recognition: None,
        },
    }
}

/// A GI product proves its product approval or its agricultural GI registration, dated by it;
/// it belongs to no enterprise.
fn product_proof(item: AwardItem, g: GiProduct, id: RecordId) -> Proof {
    let on = g.protections.iter().find_map(|p| match (item, p) {
        (AwardItem::GiProduct, Protection::ProductApproval { announced_on, .. })
        | (
            AwardItem::AgriculturalGi,
            Protection::AgriculturalGi {
                registered_on: announced_on,
                ..
            },
        ) => Some(*announced_on),
        _ => None,
    });
    let shows = match (item, on) {
        (AwardItem::GiProduct, None) => shows_not(
            "该产品没有地理标志产品保护批准记录",
            "the product has no GI product approval",
        ),
        (_, None) => shows_not(
            "该产品没有农产品地理标志登记记录",
            "the product has no agricultural GI registration",
        ),
        (_, Some(None)) => shows_not("批准或登记没有日期", "the approval has no date"),
        _ => None,
    };
    Proof {
        shows,
        on: on.flatten(),
        enterprise: None,
        subject: ClaimSubject {
            subject: id,
            recognition: None,
        },
    }
}

/// An authorised user proves the special mark's use by its approval, dated by the
/// announcement.
fn user_proof(u: AuthorisedUser, id: RecordId) -> Proof {
    let on = match &u.decision {
        Some(Decision::Approved { announced_on, .. }) => Some(*announced_on),
        _ => None,
    };
    Proof {
        shows: on
            .is_none()
            .then(|| Bilingual::new("该使用人尚未核准公告", "the user has not been approved")),
        on,
        enterprise: Some(u.enterprise_id),
        subject: ClaimSubject {
            subject: id,
            recognition: None,
        },
    }
}

/// Eligibility of application `id` (as `app`, possibly changed in this transaction) against
/// the live rules, read on `conn`.
fn judge(conn: &Connection, id: &str, app: &Application, as_of: NaiveDate) -> Result<Eligibility> {
    let ent_row = store::require(conn, RecordKind::Enterprise, &app.enterprise_id.to_string())?;
    let ent: Enterprise = decode(&ent_row)?;
    let rules = rules_for(conn, ent.division.as_ref())?;
    let refs: Vec<RuleRef<'_>> = rules
        .iter()
        .map(|(row, r)| {
            Ok(RuleRef {
                id: row.id.parse().map_err(ApiError::storage)?,
                code: &row.code,
                rule: r,
            })
        })
        .collect::<Result<_>>()?;
    let subjects: Vec<Option<ClaimSubject>> = app
        .claims
        .iter()
        .map(|c| claim_subject(conn, c))
        .collect::<Result<_>>()?;
    let awarded = awarded_elsewhere(conn, id, app)?;
    let recognised = match app.subject {
        Some(s) if s.kind == RecordKind::Candidate => {
            let row = store::require(conn, RecordKind::Candidate, &s.id.to_string())?;
            decode::<MarkCandidate>(&row)?.recognition.is_some()
        }
        _ => false,
    };
    Ok(eligibility(
        &app.claims,
        Applicant {
            division: ent.division.as_ref(),
            recognised,
            subjects: &subjects,
            awarded: &awarded,
        },
        &refs,
        as_of,
    ))
}

/// What a claim's proof shows it is for (see [`proof_of`]); none without a proof.
fn claim_subject(conn: &Connection, c: &Claim) -> Result<Option<ClaimSubject>> {
    Ok(match c.proof {
        Some(p) => proof_of(conn, c.item, p)?.map(|p| p.subject),
        None => None,
    })
}

/// What every application but `id` was awarded (approved or paid), whoever applied: nothing
/// is awarded twice for the same subject. A claim saved before proofs counts for its own
/// enterprise only, by item and date, as it did.
fn awarded_elsewhere(conn: &Connection, id: &str, app: &Application) -> Result<Vec<Awarded>> {
    let mut awarded = vec![];
    for state in ["approved", "paid"] {
        let rows = store::list(
            conn,
            RecordKind::Application,
            Show::Live,
            Some(("state", state)),
            u32::MAX,
            0,
        )?;
        for row in rows.into_iter().filter(|r| r.id != id) {
            let other: Application = decode(&row)?;
            let Some(aw) = other.committed() else {
                continue;
            };
            awarded.extend(awarded_claims(conn, &row.code, &other, aw, app)?);
        }
    }
    Ok(awarded)
}

/// The claims of application `code` (`other`) its award `aw` paid, as `app` must not be paid
/// for again.
fn awarded_claims(
    conn: &Connection,
    code: &str,
    other: &Application,
    aw: &Award,
    app: &Application,
) -> Result<Vec<Awarded>> {
    let mut awarded = vec![];
    // Each award line paid one claim of its item: a rule pays a claim once, so a line
    // goes to the first claim of its item that rule has not paid yet, in the order the
    // claims were judged (several rules, say a county's and a city's, may pay one).
    let mut paid_by: Vec<Vec<RecordId>> = vec![vec![]; other.claims.len()];
    for l in &aw.lines {
        let Some(i) = (0..other.claims.len())
            .find(|&i| other.claims[i].item == l.item && !paid_by[i].contains(&l.rule_id))
        else {
            continue;
        };
        paid_by[i].push(l.rule_id);
        let c = &other.claims[i];
        let subject = claim_subject(conn, c)?;
        if subject.is_none() && other.enterprise_id != app.enterprise_id {
            continue;
        }
        awarded.push(Awarded {
            item: c.item,
            achieved_on: c.achieved_on,
            subject,
            rule_id: l.rule_id,
            amount: l.amount,
            application: code.to_owned(),
        });
    }
    Ok(awarded)
}

/// The decision a review page leads with (see [`Workspace::review`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AwardReview {
    /// The budget year an approval today commits to.
    pub year: i32,
    /// What an approval today would award.
    pub due: Fen,
    /// Whether any rule applies to a claim.
    pub eligible: bool,
    pub budgets: Vec<BudgetLeft>,
    pub flags: Vec<terroir_core::text::Bilingual>,
}

/// One paying jurisdiction's budget as an approval would leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BudgetLeft {
    pub jurisdiction: String,
    /// This application's share.
    pub due: Fen,
    /// The year's budget; none set yet when absent.
    pub budget: Option<Fen>,
    /// Already committed by other applications this year.
    pub committed: Fen,
    /// Budget − committed − due (negative when over); absent without a budget.
    pub left_after: Option<i64>,
    /// Approving needs a reason: over the budget, or no budget.
    pub over: bool,
}

impl Workspace {
    /// Add an evidence item to a candidate, with files attached (copied into the workspace by
    /// content hash; PDFs' pages counted). All files are read before anything is stored.
    pub fn add_evidence(
        &mut self,
        candidate: &str,
        input: &EvidenceInput,
        attach: &[PathBuf],
    ) -> Result<RecordDto> {
        self.change_with_files(
            candidate,
            "add_evidence",
            attach,
            |c: &mut MarkCandidate, files| {
                let mut e = input.parse(c.next_evidence_no())?;
                e.files = files;
                c.evidence.push(e);
                Ok(())
            },
        )
    }

    /// Change an evidence item's fields; its number and files stay.
    pub fn update_evidence(
        &mut self,
        candidate: &str,
        no: u32,
        input: &EvidenceInput,
    ) -> Result<RecordDto> {
        self.change::<MarkCandidate>(candidate, "update_evidence", None, |c, _| {
            let i = evidence_index(c, no)?;
            let mut e = input.parse(no)?;
            e.files = std::mem::take(&mut c.evidence[i].files);
            c.evidence[i] = e;
            Ok(())
        })
    }

    /// Attach more files to an evidence item (a file already attached is not added twice).
    pub fn attach_evidence(
        &mut self,
        candidate: &str,
        no: u32,
        attach: &[PathBuf],
    ) -> Result<RecordDto> {
        self.change_with_files(
            candidate,
            "attach_evidence",
            attach,
            |c: &mut MarkCandidate, files| {
                let i = evidence_index(c, no)?;
                for f in files {
                    if !c.evidence[i].files.iter().any(|g| g.sha256 == f.sha256) {
                        c.evidence[i].files.push(f);
                    }
                }
                Ok(())
            },
        )
    }

    /// Change a record with files attached: every file is read (and refused) before anything
    /// is stored, then copied into the workspace by content hash within the change.
    pub(crate) fn change_with_files<E: crate::entity::Entity>(
        &mut self,
        key: &str,
        action: &str,
        attach: &[PathBuf],
        f: impl FnOnce(&mut E, Vec<Attachment>) -> Result<()>,
    ) -> Result<RecordDto> {
        let incoming = attach
            .iter()
            .map(|p| read_attachment(p))
            .collect::<Result<Vec<_>>>()?;
        let (at, dir) = (self.stamp().at, self.files_dir.clone());
        self.change::<E>(key, action, None, |c, lookup| {
            f(c, store_files(lookup.0, &dir, &incoming, &at)?)
        })
    }

    /// Remove an evidence item (its files stay in the workspace; history can restore it).
    pub fn remove_evidence(
        &mut self,
        candidate: &str,
        no: u32,
        reason: Option<&str>,
    ) -> Result<RecordDto> {
        self.change::<MarkCandidate>(candidate, "remove_evidence", reason, |c, _| {
            let i = evidence_index(c, no)?;
            c.evidence.remove(i);
            Ok(())
        })
    }

    /// Record the recognition decision: the only way a candidate becomes recognised.
    pub fn record_recognition(
        &mut self,
        candidate: &str,
        input: &RecognitionInput,
    ) -> Result<RecordDto> {
        self.change::<MarkCandidate>(candidate, "record_recognition", None, |c, _| {
            c.recognition = Some(input.parse()?);
            Ok(())
        })
    }

    /// How ready a candidate's evidence file is, counted back from the reference date: the
    /// one given (`reference_on`, with its proceeding), else the candidate's intended
    /// proceeding's, else `today` (the workspace's today if none).
    pub fn readiness(
        &self,
        candidate: &str,
        today: Option<NaiveDate>,
        reference_on: Option<NaiveDate>,
        proceeding: Option<Proceeding>,
    ) -> Result<Readiness> {
        let row = store::require(&self.conn, RecordKind::Candidate, candidate)?;
        let c: MarkCandidate = decode(&row)?;
        let tm_row = store::require(
            &self.conn,
            RecordKind::Trademark,
            &c.trademark_id.to_string(),
        )?;
        let tm: Trademark = decode(&tm_row)?;
        let reference =
            Reference::resolve(&c, reference_on, proceeding, today.unwrap_or(self.today()));
        let registration = Registration::of(&tm, reference.on, &self.calendar());
        Ok(assess(&c, registration, reference))
    }

    /// The evidence catalogue of a candidate, ready to print.
    pub fn catalogue_view(&self, candidate: &str) -> Result<CatalogueView> {
        let row = store::require(&self.conn, RecordKind::Candidate, candidate)?;
        let c: MarkCandidate = decode(&row)?;
        let tm_row = store::require(
            &self.conn,
            RecordKind::Trademark,
            &c.trademark_id.to_string(),
        )?;
        let tm: Trademark = decode(&tm_row)?;
        let ent_row = store::require(
            &self.conn,
            RecordKind::Enterprise,
            &c.enterprise_id.to_string(),
        )?;
        let ent: Enterprise = decode(&ent_row)?;
        let mut items = c.evidence.clone();
        items.sort_by_key(|e| (e.factor, e.period.from, e.no));
        let classes: Vec<String> = tm.classes.iter().map(|n| format!("第{n}类")).collect();
        let registration = tm
            .registered_on
            .map(|_| format!("注册号 {}，{}", tm.reg_no, classes.join("、")));
        Ok(CatalogueView {
            sample: row.sample || tm_row.sample,
            mark: tm.name.clone(),
            registration,
            enterprise: ent.name.clone(),
            credit_code: ent.credit_code.as_ref().map(ToString::to_string),
            printed_on: self.today(),
            audit_head: audit::record_head(&self.conn, &row.id)?.unwrap_or_default(),
            issuer: self.dossier_settings()?.issuer,
            exhibits: items
                .iter()
                .map(|e| ExhibitRow {
                    group: e.factor.group_label(Lang::Zh).to_owned(),
                    title: e.title.clone(),
                    source: e.source.clone(),
                    period: e.period.show(),
                    proves: if e.factor.article_item() == 5 {
                        format!("其他因素：{}", e.factor.label(Lang::Zh))
                    } else {
                        e.factor.label(Lang::Zh).to_owned()
                    },
                    pages: e.pages(),
                })
                .collect(),
        })
    }

    /// Print a candidate's evidence catalogue to `path` (written whole or not at all).
    pub fn print_catalogue_to(&self, candidate: &str, path: &Path) -> Result<Printed> {
        let row = store::require(&self.conn, RecordKind::Candidate, candidate)?;
        let view = self.catalogue_view(&row.id)?;
        let pdf = terroir_dossier::catalogue::render(&view).map_err(dossier_error)?;
        Printed::write(row.code, row.name, path, &pdf, vec![])
    }

    /// The approval form (奖励审批表 for an award) of an application: who applies, what it
    /// claims, the award fixed at approval with its lines, and a box per signature.
    fn approval_form(&self, row: &store::RecordRow) -> Result<terroir_dossier::letter::FormView> {
        let app: Application = decode(row)?;
        let facts = self.approval_facts(row, &app)?;
        let table = match &app.award {
            Some(award) => Some(self.award_table(award)),
            None if !app.claims.is_empty() => Some(self.claims_table(&app)),
            None => None,
        };
        Ok(terroir_dossier::letter::FormView {
            sample: row.sample,
            title: if app.kind == ApplicationKind::Award {
                "奖励审批表".into()
            } else {
                "申请审批表".into()
            },
            facts,
            table,
            signatures: vec![
                "经办人审核".into(),
                "科室负责人审核".into(),
                "分管领导审批".into(),
            ],
            issuer: self.dossier_settings()?.issuer,
            dated: self.today(),
            audit_head: audit::record_head(&self.conn, &row.id)?.unwrap_or_default(),
        })
    }

    /// The form's facts, label and value: the application and its applicant, where it stands,
    /// and the award fixed at approval.
    fn approval_facts(
        &self,
        row: &store::RecordRow,
        app: &Application,
    ) -> Result<Vec<(String, String)>> {
        let ent = store::get(
            &self.conn,
            RecordKind::Enterprise,
            &app.enterprise_id.to_string(),
        )?;
        let (ent_name, credit) = match &ent {
            Some(r) => {
                let e: Enterprise = decode(r)?;
                (e.name, e.credit_code.map(|c| c.to_string()))
            }
            None => (String::new(), None),
        };
        let zh =
            |d: Option<NaiveDate>| d.map_or("—".to_owned(), terroir_dossier::template::zh_date);
        let mut facts = vec![
            ("申请编号".to_owned(), row.code.clone()),
            ("申请人".to_owned(), ent_name),
        ];
        if let Some(c) = credit {
            facts.push(("统一社会信用代码".into(), c));
        }
        facts.push(("申请事项".into(), app.title.clone()));
        facts.push((
            "办理状态".into(),
            terroir_core::vocab::word_or_key(
                "appState",
                terroir_core::record::key_of(&app.state).as_str(),
                Lang::Zh,
            ),
        ));
        facts.push(("提交日期".into(), zh(app.submitted_on)));
        facts.push((
            "审核人".into(),
            app.reviewer.clone().unwrap_or_else(|| "—".into()),
        ));
        facts.push(("决定日期".into(), zh(app.decided_on)));
        if let Some(award) = &app.award {
            facts.push((
                "核准金额".into(),
                format!("{}（{} 年度）", award.total, award.year),
            ));
            if let Some(r) = &award.over_budget_reason {
                facts.push(("超预算核准理由".into(), r.clone()));
            }
        }
        Ok(facts)
    }

    /// The award's lines: item, rule, paying jurisdiction (by name where known) and amount.
    fn award_table(&self, award: &Award) -> FormTable {
        let rows = award
            .lines
            .iter()
            .map(|l| {
                vec![
                    award_item_word(l.item),
                    l.rule_code.clone(),
                    tables::division_name(&self.conn, l.jurisdiction.as_str())
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| l.jurisdiction.to_string()),
                    l.amount.to_string(),
                ]
            })
            .collect();
        FormTable {
            columns: vec![
                ("奖励事项".to_owned(), 3.0),
                ("奖励规则".to_owned(), 2.0),
                ("兑现区划".to_owned(), 2.0),
                ("金额".to_owned(), 2.0),
            ],
            rows,
        }
    }

    /// The claims before an award is fixed: item, when it was achieved and the record that
    /// proves it.
    fn claims_table(&self, app: &Application) -> FormTable {
        let lookup = self.lookup();
        FormTable {
            columns: vec![
                ("申报事项".to_owned(), 3.0),
                ("取得日期".to_owned(), 2.0),
                ("证明记录".to_owned(), 2.5),
            ],
            rows: app
                .claims
                .iter()
                .map(|c| {
                    vec![
                        award_item_word(c.item),
                        terroir_dossier::template::zh_date(c.achieved_on),
                        c.proof
                            .and_then(|id| {
                                terroir_core::record::Lookup::code_of(
                                    &lookup,
                                    c.item.proof_kind(),
                                    id,
                                )
                            })
                            .unwrap_or_else(|| "—".into()),
                    ]
                })
                .collect(),
        }
    }

    /// Print an application's approval form to `path` (written whole or not at all).
    pub fn print_application_form_to(&self, key: &str, path: &Path) -> Result<Printed> {
        let row = store::require(&self.conn, RecordKind::Application, key)?;
        self.print_form_of(row, path)
    }

    fn print_form_of(&self, row: store::RecordRow, path: &Path) -> Result<Printed> {
        let view = self.approval_form(&row)?;
        let pdf = terroir_dossier::letter::render_form(&view).map_err(dossier_error)?;
        Printed::write(row.code, row.name, path, &pdf, vec![])
    }

    /// Print an application's approval form into [`Self::print_dir`] (`审批表`), for the
    /// system viewer.
    pub fn print_application_form(&self, key: &str) -> Result<Printed> {
        let row = store::require(&self.conn, RecordKind::Application, key)?;
        let dir = self.print_dir("审批表");
        create_dir(&dir)?;
        let name = file_name(&row.code, "审批表");
        self.print_form_of(row, &dir.join(name))
    }

    /// Print a catalogue into [`Self::print_dir`] (`证据目录`), for the system viewer.
    pub fn print_catalogue_preview(&self, candidate: &str) -> Result<Printed> {
        let row = store::require(&self.conn, RecordKind::Candidate, candidate)?;
        let dir = self.print_dir("证据目录");
        create_dir(&dir)?;
        let name = file_name(&row.code, &format!("{}-证据目录", row.name));
        self.print_catalogue_to(&row.id, &dir.join(name))
    }

    /// Which incentive rules apply to an application as of `as_of` (its decision date once
    /// decided, else its submission date, else today), which are excluded and why, and the
    /// amount due.
    pub fn eligibility(&self, application: &str, as_of: Option<NaiveDate>) -> Result<Eligibility> {
        let row = store::require(&self.conn, RecordKind::Application, application)?;
        let app: Application = decode(&row)?;
        let as_of = as_of
            .or(app.decided_on)
            .or(app.submitted_on)
            .unwrap_or(self.today());
        judge(&self.conn, &row.id, &app, as_of)
    }

    /// What a reviewer decides on, first: the amount an approval today would fix, what it takes
    /// from each paying jurisdiction's budget for the year, and the warnings (lapsed rules,
    /// claims no rule covers). Nothing is written.
    pub fn review(&self, application: &str) -> Result<AwardReview> {
        let row = store::require(&self.conn, RecordKind::Application, application)?;
        let app: Application = decode(&row)?;
        let on = self.today();
        let e = judge(&self.conn, &row.id, &app, on)?;
        let budgets = if app.kind == terroir_core::application::ApplicationKind::Award {
            budgets_for(&self.conn, &row.id, &e, on.year())?
        } else {
            vec![]
        };
        Ok(AwardReview {
            year: on.year(),
            due: e.due,
            eligible: e.lines.iter().any(|l| l.applies),
            budgets,
            flags: e.flags,
        })
    }

    /// Move an application through its flow. Approving an award fixes the amount from the
    /// rules in force and checks it against each paying jurisdiction's budget for the year.
    pub fn application_step(&mut self, key: &str, step: ApplicationStep) -> Result<RecordDto> {
        let today = self.today();
        let (action_key, reason) = match &step {
            ApplicationStep::Submit { .. } => ("submit", None),
            ApplicationStep::StartReview { .. } => ("start_review", None),
            ApplicationStep::Approve {
                over_budget_reason, ..
            } => ("approve", over_budget_reason.clone()),
            ApplicationStep::Reject { reason, .. } => ("reject", Some(reason.clone())),
            ApplicationStep::Return { reason, .. } => ("return", Some(reason.clone())),
            ApplicationStep::Pay { .. } => ("pay", None),
        };
        self.change::<Application>(key, action_key, reason.as_deref(), |app, lookup| {
            let conn = lookup.0;
            let action = match step {
                ApplicationStep::Submit { on } => Action::Submit {
                    on: day(&on, today)?,
                },
                ApplicationStep::StartReview { on, reviewer } => Action::StartReview {
                    on: day(&on, today)?,
                    reviewer,
                },
                ApplicationStep::Reject { on, reason } => Action::Reject {
                    on: day(&on, today)?,
                    reason,
                },
                ApplicationStep::Return { on, reason } => Action::Return {
                    on: day(&on, today)?,
                    reason,
                },
                ApplicationStep::Pay { on, voucher } => Action::Pay {
                    on: day(&on, today)?,
                    voucher,
                },
                ApplicationStep::Approve {
                    on,
                    note,
                    over_budget_reason,
                } => {
                    let on = day(&on, today)?;
                    let over = over_budget_reason
                        .as_deref()
                        .and_then(terroir_core::text::trimmed);
                    let award =
                        if app.kind == ApplicationKind::Award && app.state == State::UnderReview {
                            Some(award_for(conn, app, key, on, over)?)
                        } else {
                            None
                        };
                    Action::Approve { on, note, award }
                }
            };
            app.apply(action)?;
            Ok(())
        })
    }

    /// Set a jurisdiction's award budget for a year (amount in yuan as typed); audited.
    pub fn set_budget(
        &mut self,
        jurisdiction: &str,
        year: i32,
        amount: &str,
        reason: Option<&str>,
    ) -> Result<BudgetRow> {
        let code = DivisionCode::parse(jurisdiction).map_err(|e| e.at("jurisdiction"))?;
        if !tables::division_known(&self.conn, &code)? {
            return Err(Violation::division_code_unknown(&code)
                .at("jurisdiction")
                .into());
        }
        if !(2000..=2100).contains(&year) {
            return Err(Violation::date_format(year).at("year").into());
        }
        let amount = Fen::parse_yuan(amount).map_err(|e| e.at("amount"))?;
        let row = BudgetRow {
            jurisdiction: code.to_string(),
            year,
            amount_fen: amount.0,
        };
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        tables::set_budget(&tx, &stamp, &row, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(row)
    }

    /// Write the ledger (every award line of the year(s) and jurisdiction, then a 合计 row) to
    /// `path` as XLSX or CSV, in `lang`; the budgets come first, each with its use.
    pub fn export_ledger(
        &self,
        year: Option<i32>,
        jurisdiction: Option<&str>,
        path: &Path,
        lang: Lang,
    ) -> Result<u32> {
        let l = self.ledger(year, jurisdiction, None)?;
        terroir_exchange::write::write(path, &ledger_sheet(&l, lang))
            .map_err(|e| ApiError::from(Violation::file_missing(e).at("output")))?;
        Ok(l.entries.len() as u32)
    }

    /// Budgets and awards per paying jurisdiction and year (one year, or all), and the award
    /// lines of the applications awarded there (in one jurisdiction, or all; at most `limit`
    /// applications, newest year first).
    pub fn ledger(
        &self,
        year: Option<i32>,
        jurisdiction: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Ledger> {
        let jurisdiction = jurisdiction.map(str::trim).filter(|j| !j.is_empty());
        let (applications, ids) = tables::awarded_applications(
            &self.conn,
            year,
            jurisdiction,
            limit.unwrap_or(u32::MAX),
        )?;
        let shown = ids.len() as u64;
        let entries = self.ledger_entries(ids, jurisdiction)?;
        let rows = self.ledger_rows(year)?;
        Ok(Ledger {
            rows,
            entries,
            applications,
            shown,
        })
    }

    /// The award lines of applications `ids` (those paid in `jurisdiction`, if given), newest
    /// year first, then by jurisdiction and application.
    fn ledger_entries(
        &self,
        ids: Vec<String>,
        jurisdiction: Option<&str>,
    ) -> Result<Vec<LedgerEntry>> {
        let mut entries = vec![];
        for id in ids {
            let row = store::require(&self.conn, RecordKind::Application, &id)?;
            let a: Application = decode(&row)?;
            let Some(aw) = a.committed() else { continue };
            let enterprise = store::code_and_name(
                &self.conn,
                RecordKind::Enterprise,
                &a.enterprise_id.to_string(),
            )?
            .map(|(_, n)| n)
            .unwrap_or_default();
            let wanted = |l: &&AwardLine| jurisdiction.is_none_or(|j| l.jurisdiction.as_str() == j);
            for l in aw.lines.iter().filter(wanted) {
                entries.push(LedgerEntry {
                    application: row.code.clone(),
                    title: a.title.clone(),
                    enterprise: enterprise.clone(),
                    rule_code: l.rule_code.clone(),
                    jurisdiction: l.jurisdiction.to_string(),
                    year: aw.year,
                    amount: l.amount,
                    state: a.state,
                    decided_on: a.decided_on,
                    paid_on: a.paid_on,
                    over_budget_reason: aw.over_budget_reason.clone(),
                });
            }
        }
        entries.sort_by(|a, b| {
            (b.year, &a.jurisdiction, &a.application).cmp(&(
                a.year,
                &b.jurisdiction,
                &b.application,
            ))
        });
        Ok(entries)
    }

    /// Each paying jurisdiction's year (`year`, or all) with a budget or awards: the budget,
    /// approved and paid, and what remains.
    fn ledger_rows(&self, year: Option<i32>) -> Result<Vec<LedgerRow>> {
        // Budget, approved and paid by (year, newest first; jurisdiction), each read once.
        type Totals = (Option<Fen>, Fen, Fen);
        let mut totals: BTreeMap<(Reverse<i32>, String), Totals> = BTreeMap::new();
        for b in tables::budgets(&self.conn)? {
            if year.is_none_or(|y| y == b.year) {
                let budget = Some(Fen(b.amount_fen));
                totals.insert((Reverse(b.year), b.jurisdiction), (budget, Fen(0), Fen(0)));
            }
        }
        for (j, y, approved, paid) in tables::award_totals(&self.conn, year)? {
            let t = totals
                .entry((Reverse(y), j))
                .or_insert((None, Fen(0), Fen(0)));
            (t.1, t.2) = (Fen(approved), Fen(paid));
        }
        totals
            .into_iter()
            .map(|((Reverse(y), j), (budget, approved, paid))| {
                Ok(LedgerRow {
                    jurisdiction_name: tables::division_name(&self.conn, &j)?,
                    remaining: budget.map(|b| Fen(b.0 - approved.0 - paid.0)),
                    jurisdiction: j,
                    year: y,
                    budget,
                    approved,
                    paid,
                })
            })
            .collect()
    }
}

/// The ledger as a sheet in `lang`: a row per budget with its use, a row per award line, then
/// the lines' total.
fn ledger_sheet(l: &Ledger, lang: Lang) -> terroir_exchange::write::Sheet {
    let mut rows: Vec<Vec<Cell>> = l.rows.iter().map(|r| budget_cells(r, lang)).collect();
    rows.extend(l.entries.iter().map(|e| award_cells(e, lang)));
    let total: i64 = l.entries.iter().map(|e| e.amount.0).sum();
    let mut sum = vec![Cell::Text(pick(lang, "合计", "Total"))];
    sum.extend(blank(10));
    sum.push(yuan(Fen(total)));
    sum.extend(blank(2));
    rows.push(sum);
    let headers = [
        ("类型", "Type"),
        ("兑现区划", "Paying jurisdiction"),
        ("年度", "Year"),
        ("申请", "Application"),
        ("申请事项", "Title"),
        ("企业", "Enterprise"),
        ("奖励规则", "Rule"),
        ("预算（元）", "Budget (yuan)"),
        ("已核准未拨付（元）", "Approved, unpaid (yuan)"),
        ("已拨付（元）", "Paid (yuan)"),
        ("剩余（元）", "Remaining (yuan)"),
        ("奖励金额（元）", "Award (yuan)"),
        ("状态", "State"),
        ("决定日期", "Decided on"),
    ];
    terroir_exchange::write::Sheet {
        name: pick(lang, "预算与台账", "Budget and ledger"),
        headers: headers.iter().map(|(zh, en)| pick(lang, zh, en)).collect(),
        notes: vec![],
        rows,
    }
}

/// A budget's row of the ledger sheet: jurisdiction and year, then budget, approved, paid
/// and remaining.
fn budget_cells(r: &LedgerRow, lang: Lang) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(pick(lang, "预算", "Budget")),
        Cell::Text(
            r.jurisdiction_name
                .as_deref()
                .unwrap_or(&r.jurisdiction)
                .to_owned(),
        ),
        Cell::Number(f64::from(r.year)),
    ];
    row.extend(blank(4));
    row.extend([
        r.budget.map_or(Cell::Empty, yuan),
        yuan(r.approved),
        yuan(r.paid),
        r.remaining.map_or(Cell::Empty, yuan),
    ]);
    row.extend(blank(3));
    row
}

/// An award line's row of the ledger sheet: where and for which application and rule, then
/// its amount, the application's state and the decision's date.
fn award_cells(e: &LedgerEntry, lang: Lang) -> Vec<Cell> {
    let mut row = vec![
        Cell::Text(pick(lang, "奖励", "Award")),
        Cell::Text(e.jurisdiction.clone()),
        Cell::Number(f64::from(e.year)),
        Cell::Text(e.application.clone()),
        Cell::Text(e.title.clone()),
        Cell::Text(e.enterprise.clone()),
        Cell::Text(e.rule_code.clone()),
    ];
    row.extend(blank(4));
    row.extend([
        yuan(e.amount),
        Cell::Text(terroir_core::vocab::word_or_key(
            "appState",
            e.state.key(),
            lang,
        )),
        e.decided_on.map_or(Cell::Empty, Cell::Date),
    ]);
    row
}

/// The Chinese or the English words, as `lang` asks.
fn pick(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// An amount in yuan, as a sheet's number.
fn yuan(f: Fen) -> Cell {
    Cell::Number(f.0 as f64 / 100.0)
}

fn blank(n: usize) -> Vec<Cell> {
    vec![Cell::Empty; n]
}

/// An award item in the bureau's words.
fn award_item_word(item: AwardItem) -> String {
    terroir_core::vocab::word_or_key(
        "awardItem",
        terroir_core::record::key_of(&item).as_str(),
        Lang::Zh,
    )
}

fn evidence_index(c: &MarkCandidate, no: u32) -> Result<usize> {
    c.evidence.iter().position(|e| e.no == no).ok_or_else(|| {
        Violation::not_found("证据", "evidence item", no)
            .at("no")
            .into()
    })
}

fn store_files(
    conn: &Connection,
    dir: &Path,
    incoming: &[Incoming],
    at: &str,
) -> Result<Vec<Attachment>> {
    incoming
        .iter()
        .map(|f| {
            let o = files::put(conn, dir, &f.path, at)?;
            Ok(Attachment {
                sha256: o.sha256,
                name: f.name.clone(),
                bytes: o.size,
                pages: f.pages,
            })
        })
        .collect()
}

/// What an award application's approval would take from each paying jurisdiction's budget
/// for `year`: the budget, what other applications already committed, and what is left after.
fn budgets_for(conn: &Connection, id: &str, e: &Eligibility, year: i32) -> Result<Vec<BudgetLeft>> {
    let mut out = vec![];
    for (j, due) in e.due_by_jurisdiction() {
        let committed = Fen(tables::committed_fen(conn, j.as_str(), year, id)?);
        let budget = tables::budget(conn, j.as_str(), year)?.map(Fen);
        out.push(BudgetLeft {
            jurisdiction: j.to_string(),
            due,
            committed,
            left_after: budget.map(|b| b.0 - committed.0 - due.0),
            over: budget.is_none_or(|b| committed.0 + due.0 > b.0),
            budget,
        });
    }
    Ok(out)
}

/// The award an approval on `on` fixes: the rules that apply, refused past any paying
/// jurisdiction's budget unless a reason is given.
fn award_for(
    conn: &Connection,
    app: &Application,
    key: &str,
    on: NaiveDate,
    over: Option<String>,
) -> Result<Award> {
    let id = store::require(conn, RecordKind::Application, key)?.id;
    let e = judge(conn, &id, app, on)?;
    let year = on.year();
    if over.is_none() {
        for b in budgets_for(conn, &id, &e, year)? {
            let name = tables::division_name(conn, b.jurisdiction.as_str())?
                .map(|n| format!("{n}（{}）", b.jurisdiction))
                .unwrap_or_else(|| b.jurisdiction.clone());
            match b.budget {
                None => {
                    return Err(Violation::budget_missing(name, year)
                        .at("over_budget_reason")
                        .into());
                }
                Some(budget) if b.over => {
                    return Err(Violation::budget_exceeded(
                        name,
                        year,
                        budget,
                        b.committed,
                        b.due,
                        Fen(budget.0 - b.committed.0),
                    )
                    .at("over_budget_reason")
                    .into());
                }
                _ => {}
            }
        }
    }
    let lines: Vec<AwardLine> = e
        .lines
        .iter()
        .filter(|l| l.applies)
        .map(|l| AwardLine {
            rule_id: l.rule_id,
            rule_code: l.rule_code.clone(),
            item: l.item,
            jurisdiction: l.jurisdiction.clone(),
            amount: l.amount,
        })
        .collect();
    Ok(Award {
        year,
        total: e.due,
        lines,
        over_budget_reason: over,
    })
}
