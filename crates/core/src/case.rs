//! Administrative enforcement cases (案件) for trademarks and GIs, plan section 三(五): who, what,
//! where, and the flow 立案 → 调查 → 决定 (处罚 / 不予处罚) → 结案, with 移送 at any step before
//! the case is closed. The fine a decision may impose is checked here (Trademark Law art. 60
//! para 2, art. 53); whether a party is a repeat infringer needs the other cases, so the api
//! finds it and hands it to the decision.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::application::{Step, Subject};
use crate::date::parse_date;
use crate::enterprise::known_division;
use crate::error::{Lang, Violation, Violations};
use crate::evidence::Attachment;
use crate::record::{
    ITEMS_MAX, LINE_MAX, Lookup, NAME_MAX, RecordId, RecordKind, StepOffer, TEXT_MAX, at_most,
    enum_value, optional_text, required_text, resolve, show_ref,
};
use crate::{CreditCode, DivisionCode, Fen};

/// What a case is about: the kinds the statistics form counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CaseKind {
    /// 侵犯注册商标专用权 (art. 57).
    MarkInfringement,
    /// 地理标志、集体商标、证明商标违法使用.
    GiMisuse,
    /// 地理标志专用标志违法使用.
    SpecialMarkMisuse,
    /// 违法使用“驰名商标”字样 (art. 14(5), art. 53).
    WellKnownWording,
    Other,
}

impl CaseKind {
    pub const KEYS: [&'static str; 5] = [
        "mark_infringement",
        "gi_misuse",
        "special_mark_misuse",
        "well_known_wording",
        "other",
    ];
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

/// How the case came to the bureau.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CaseSource {
    Complaint,
    Inspection,
    Transfer,
    ECommerce,
}

impl CaseSource {
    pub const KEYS: [&'static str; 4] = ["complaint", "inspection", "transfer", "e_commerce"];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 立案: opened.
    Filed,
    /// 调查.
    Investigating,
    /// 已决定 (处罚 or 不予处罚).
    Decided,
    /// 已移送.
    Transferred,
    /// 结案.
    Closed,
}

impl CaseState {
    pub const KEYS: [&'static str; 5] =
        ["filed", "investigating", "decided", "transferred", "closed"];
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
    fn label(self) -> &'static str {
        crate::vocab::word("caseState", self.key(), Lang::Zh).unwrap_or("?")
    }

    /// The steps a case in this state may take next (the one table the flow checks).
    pub fn steps(self) -> &'static [&'static str] {
        match self {
            Self::Filed => &["investigate", "transfer"],
            Self::Investigating => &["decide", "transfer"],
            Self::Decided => &["close", "transfer"],
            Self::Transferred => &["close"],
            Self::Closed => &[],
        }
    }
}

/// A step of the case flow as its form offers it.
pub fn step_offer(step: &str) -> StepOffer {
    match step {
        "investigate" => StepOffer::new(step, &["on", "investigator"], &["investigator"]),
        // A decision is legal: confirmed, and asks for its document.
        "decide" => StepOffer {
            legal: true,
            ..StepOffer::new(
                step,
                &[
                    "on",
                    "penalised",
                    "number",
                    "fine",
                    "confiscation",
                    "order_to_stop",
                    "supplier",
                    "reason",
                ],
                &["number"],
            )
        },
        "transfer" => StepOffer::new(step, &["on", "receiver", "note"], &["receiver"]),
        _ => StepOffer::new(step, &["on", "note"], &[]),
    }
}

/// A party to a case: an enterprise in the register (by reference), or an organisation or
/// person by name. A person's name is personal information: only the name is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Party {
    pub enterprise_id: Option<RecordId>,
    pub name: Option<String>,
    pub credit_code: Option<CreditCode>,
    pub person: bool,
}

impl Party {
    /// What identifies the party across cases (a repeat is the same party): the enterprise,
    /// else the credit code, else the name.
    pub fn identity(&self) -> String {
        match (&self.enterprise_id, &self.credit_code, &self.name) {
            (Some(id), _, _) => format!("enterprise:{id}"),
            (None, Some(c), _) => format!("credit:{c}"),
            (None, None, Some(n)) if self.person => format!("person:{n}"),
            (None, None, n) => format!("name:{}", n.as_deref().unwrap_or("")),
        }
    }
}

/// The decision (处罚决定 or 不予处罚).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "CaseDecision")]
pub struct Decision {
    pub on: NaiveDate,
    pub penalised: bool,
    /// 决定书文号.
    pub number: String,
    pub fine: Fen,
    pub confiscation: Option<String>,
    pub order_to_stop: bool,
    /// A seller who did not know, proved a lawful source and named this supplier (art. 60
    /// para 2): ordered to stop selling only.
    pub supplier: Option<String>,
    /// Why there is no penalty.
    pub reason: Option<String>,
    /// An earlier decided infringement case against the same party within 5 years (its code):
    /// a heavier penalty is to be considered.
    pub repeat_of: Option<String>,
    /// The fine limit: art. 60 para 2's for the recorded turnover (infringement), or the one
    /// the bureau set for the kind.
    pub limit: Option<Fen>,
    /// What the limit rests on: the article, or the bureau's standard.
    #[serde(default)]
    pub limit_basis: Option<String>,
}

/// A transfer (移送), e.g. to the police as a suspected crime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Transfer {
    pub on: NaiveDate,
    /// 移送机关, e.g. the county police.
    pub receiver: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EnforcementCase {
    /// 案号, e.g. 信市监处〔2026〕12号.
    pub case_no: String,
    pub kind: CaseKind,
    pub source: CaseSource,
    pub jurisdiction: DivisionCode,
    pub opened_on: NaiveDate,
    pub parties: Vec<Party>,
    /// The GI products, trademarks, authorised users and candidates it concerns.
    pub related: Vec<Subject>,
    pub facts: Option<String>,
    /// The article relied on.
    pub legal_basis: Option<String>,
    /// 违法经营额.
    pub turnover: Option<Fen>,
    pub notes: Option<String>,
    pub state: CaseState,
    pub investigator: Option<String>,
    pub decision: Option<Decision>,
    pub transfer: Option<Transfer>,
    pub closed_on: Option<NaiveDate>,
    /// Files of the case (notes of inspection, photos, the decision), kept by content hash as
    /// evidence files are.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub steps: Vec<Step>,
}

impl crate::record::Lifecycle for EnforcementCase {
    fn take_lifecycle(&mut self, current: &Self) {
        let EnforcementCase {
            case_no: _,
            kind: _,
            source: _,
            jurisdiction: _,
            opened_on: _,
            parties: _,
            related: _,
            facts: _,
            legal_basis: _,
            turnover: _,
            notes: _,
            state,
            investigator,
            decision,
            transfer,
            closed_on,
            attachments,
            steps,
        } = current;
        self.state = *state;
        self.investigator.clone_from(investigator);
        self.decision.clone_from(decision);
        self.transfer.clone_from(transfer);
        self.closed_on = *closed_on;
        self.attachments.clone_from(attachments);
        self.steps.clone_from(steps);
    }

    fn lifecycle_problems(&self) -> Violations {
        let mut v = Violations::default();
        v.check("attachments", || {
            at_most(self.attachments.len(), crate::record::EVIDENCE_MAX)
        });
        v
    }
}

/// What a row of the statistics form (案件统计表) can count: cases opened, closed, decided with
/// a penalty, their fines and turnover, transfers (each on its own day: opening, closing,
/// decision, transfer).
pub const MEASURES: [&str; 6] = [
    "cases",
    "closed",
    "penalised",
    "fines",
    "turnover",
    "transfers",
];

/// ¥50,000: from this illegal turnover on, the fine is up to five times the turnover.
pub const TURNOVER_THRESHOLD: Fen = Fen(5_000_000);
/// ¥250,000: the maximum fine without turnover or below the threshold.
pub const FINE_CAP_LOW: Fen = Fen(25_000_000);
/// ¥100,000: the fine for the 驰名商标 wording (art. 53).
pub const WORDING_FINE: Fen = Fen(10_000_000);
/// A repeat is a decided infringement within this many years before the decision.
pub const REPEAT_YEARS: u32 = 5;

/// The most an infringement fine may be for `turnover` (art. 60 para 2).
pub fn fine_limit(turnover: Option<Fen>) -> Fen {
    match turnover {
        Some(t) if t.0 >= TURNOVER_THRESHOLD.0 => Fen(t.0.saturating_mul(5)),
        _ => FINE_CAP_LOW,
    }
}

/// A fine limit the bureau set for a kind of case the law gives no formula for (GI, collective
/// or certification mark misuse; special-mark misuse; other), with what it rests on. Bureau
/// data: none is shipped, as no limit was verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BureauLimit {
    pub max: Fen,
    pub basis: String,
}

impl CaseKind {
    /// Whether the bureau may set this kind's fine limit: not where the law fixes it
    /// (infringement, art. 60; the wording, art. 53).
    pub fn limit_is_bureau_data(self) -> bool {
        !matches!(self, Self::MarkInfringement | Self::WellKnownWording)
    }
}

/// A flow action. `repeat_of` and `bureau_limit` of a decision are found by the api.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Investigate {
        on: NaiveDate,
        investigator: String,
    },
    Decide {
        on: NaiveDate,
        penalised: bool,
        number: String,
        fine: Option<Fen>,
        confiscation: Option<String>,
        order_to_stop: bool,
        supplier: Option<String>,
        reason: Option<String>,
        repeat_of: Option<String>,
        bureau_limit: Option<BureauLimit>,
    },
    Transfer {
        on: NaiveDate,
        receiver: String,
        note: Option<String>,
    },
    Close {
        on: NaiveDate,
        note: Option<String>,
    },
}

impl Action {
    pub fn key(&self) -> &'static str {
        match self {
            Self::Investigate { .. } => "investigate",
            Self::Decide { .. } => "decide",
            Self::Transfer { .. } => "transfer",
            Self::Close { .. } => "close",
        }
    }
    pub fn on(&self) -> NaiveDate {
        match self {
            Self::Investigate { on, .. }
            | Self::Decide { on, .. }
            | Self::Transfer { on, .. }
            | Self::Close { on, .. } => *on,
        }
    }
}

impl EnforcementCase {
    /// A closed case is not edited; before, its attributes are.
    pub fn editable(&self) -> bool {
        self.state != CaseState::Closed
    }

    pub fn next_steps(&self) -> Vec<StepOffer> {
        self.state.steps().iter().map(|s| step_offer(s)).collect()
    }

    /// Whether the decision imposed a penalty (the statistics form's fines count these).
    pub fn penalised(&self) -> bool {
        self.decision.as_ref().is_some_and(|d| d.penalised)
    }

    /// What a clerk should look at (never refusals): a wording fine other than ¥100,000, a
    /// repeat infringer.
    pub fn warnings(&self) -> Vec<Violation> {
        let mut w = vec![];
        if let Some(d) = &self.decision {
            if self.kind == CaseKind::WellKnownWording && d.penalised && d.fine != WORDING_FINE {
                w.push(Violation::wording_fine(WORDING_FINE, d.fine).at("fine"));
            }
            if let Some(code) = &d.repeat_of {
                w.push(Violation::repeat_infringer(code, REPEAT_YEARS).at("parties"));
            }
        }
        w
    }

    /// Apply a flow action, refusing one the state does not allow, a date before the last
    /// step's (or before the case was opened), and a decision the law does not allow.
    pub fn apply(&mut self, action: Action) -> Result<(), Violation> {
        if !self.state.steps().contains(&action.key()) {
            let word = crate::vocab::word("caseStep", action.key(), Lang::Zh).unwrap_or("?");
            return Err(Violation::flow_order(self.state.label(), word));
        }
        let last = self.steps.last().map_or(self.opened_on, |s| s.on);
        if action.on() < last {
            return Err(Violation::date_order(last, action.on()).at("on"));
        }
        let key = action.key().to_owned();
        let (on, by, note) = match action {
            Action::Investigate { on, investigator } => {
                let who =
                    required_text(&investigator, NAME_MAX).map_err(|e| e.at("investigator"))?;
                self.investigator = Some(who.clone());
                self.state = CaseState::Investigating;
                (on, Some(who), None)
            }
            Action::Decide {
                on,
                penalised,
                number,
                fine,
                confiscation,
                order_to_stop,
                supplier,
                reason,
                repeat_of,
                bureau_limit,
            } => {
                let d = self.decision_of(
                    on,
                    penalised,
                    &number,
                    fine,
                    confiscation,
                    order_to_stop,
                    supplier,
                    reason,
                    repeat_of,
                    bureau_limit,
                )?;
                let note = Some(d.number.clone());
                self.decision = Some(d);
                self.state = CaseState::Decided;
                (on, self.investigator.clone(), note)
            }
            Action::Transfer { on, receiver, note } => {
                let to = required_text(&receiver, NAME_MAX).map_err(|e| e.at("receiver"))?;
                let note = optional_text(note.as_deref(), LINE_MAX).map_err(|e| e.at("note"))?;
                self.transfer = Some(Transfer {
                    on,
                    receiver: to.clone(),
                    note,
                });
                self.state = CaseState::Transferred;
                (on, None, Some(to))
            }
            Action::Close { on, note } => {
                let note = optional_text(note.as_deref(), LINE_MAX).map_err(|e| e.at("note"))?;
                self.closed_on = Some(on);
                self.state = CaseState::Closed;
                (on, None, note)
            }
        };
        if self.steps.len() >= ITEMS_MAX {
            return Err(Violation::too_many(self.steps.len() + 1, ITEMS_MAX).at("steps"));
        }
        self.steps.push(Step {
            action: key,
            on,
            by,
            note,
        });
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn decision_of(
        &self,
        on: NaiveDate,
        penalised: bool,
        number: &str,
        fine: Option<Fen>,
        confiscation: Option<String>,
        order_to_stop: bool,
        supplier: Option<String>,
        reason: Option<String>,
        repeat_of: Option<String>,
        bureau_limit: Option<BureauLimit>,
    ) -> Result<Decision, Violation> {
        let number = required_text(number, NAME_MAX).map_err(|e| e.at("number"))?;
        let confiscation =
            optional_text(confiscation.as_deref(), LINE_MAX).map_err(|e| e.at("confiscation"))?;
        let supplier =
            optional_text(supplier.as_deref(), NAME_MAX).map_err(|e| e.at("supplier"))?;
        let reason = optional_text(reason.as_deref(), LINE_MAX).map_err(|e| e.at("reason"))?;
        let fine = fine.unwrap_or(Fen(0));
        let infringement = self.kind == CaseKind::MarkInfringement;
        if !penalised && reason.is_none() {
            return Err(Violation::reason_required().at("reason"));
        }
        if !penalised && (fine.0 > 0 || confiscation.is_some()) {
            return Err(Violation::not_applicable("处罚 / a penalty").at("fine"));
        }
        if supplier.is_some() {
            if !infringement {
                return Err(Violation::not_applicable(
                    "侵犯注册商标专用权案件 / registered-mark infringement",
                )
                .at("supplier"));
            }
            // art. 60 para 2: a seller who did not know is only ordered to stop selling.
            if fine.0 > 0 || confiscation.is_some() || !order_to_stop {
                return Err(
                    Violation::seller_stop_only(supplier.as_deref().unwrap_or("")).at(
                        if fine.0 > 0 {
                            "fine"
                        } else if confiscation.is_some() {
                            "confiscation"
                        } else {
                            "order_to_stop"
                        },
                    ),
                );
            }
        }
        let bureau_limit = bureau_limit.filter(|_| self.kind.limit_is_bureau_data());
        if let Some(b) = &bureau_limit
            && fine.0 > b.max.0
        {
            return Err(Violation::fine_over_bureau_limit(b.max, &b.basis).at("fine"));
        }
        let (limit, limit_basis) = if infringement {
            (
                Some(fine_limit(self.turnover)),
                Some("商标法第六十条第二款".to_owned()),
            )
        } else {
            (
                bureau_limit.as_ref().map(|b| b.max),
                bureau_limit.map(|b| b.basis),
            )
        };
        if let Some(limit) = limit.filter(|_| infringement)
            && fine.0 > limit.0
        {
            let turnover = self
                .turnover
                .map_or_else(|| "无 / none".to_owned(), |t| t.to_string());
            return Err(Violation::fine_over_limit(limit, turnover).at("fine"));
        }
        Ok(Decision {
            on,
            penalised,
            number,
            fine,
            confiscation,
            order_to_stop,
            supplier,
            reason,
            repeat_of: repeat_of.filter(|_| infringement && penalised),
            limit,
            limit_basis,
        })
    }
}

/// A decided misuse case (a GI, collective or certification mark, or the special mark,
/// penalised) naming an active authorised user: stopping its use right is to be considered.
/// Proposed to a clerk, never done here.
pub fn stop_use_proposal(
    case: &EnforcementCase,
    code: &str,
    user: &crate::user::AuthorisedUser,
) -> Option<crate::text::Bilingual> {
    let misuse = matches!(case.kind, CaseKind::GiMisuse | CaseKind::SpecialMarkMisuse);
    let decided = case.decision.as_ref().filter(|d| d.penalised)?;
    (misuse && user.stage() == crate::user::UserStage::Active).then(|| {
        crate::text::Bilingual::new(
            format!(
                "执法案件 {code} 已于 {} 作出处罚决定（{}）：请考虑是否停止其专用标志使用权",
                decided.on, decided.number
            ),
            format!(
                "enforcement case {code} was decided with a penalty on {} ({}): consider stopping its right to use the special mark",
                decided.on, decided.number
            ),
        )
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct PartyInput {
    /// An enterprise in the register (code, credit code or id).
    pub enterprise: Option<String>,
    pub name: Option<String>,
    pub credit_code: Option<String>,
    /// A natural person (only the name is kept).
    pub person: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct CaseInput {
    pub case_no: String,
    pub kind: String,
    pub source: String,
    pub jurisdiction: Option<String>,
    pub opened_on: String,
    pub parties: Vec<PartyInput>,
    /// Codes of the records the case concerns (GI-…, TM-…, USR-…, WKM-…).
    pub related: Vec<String>,
    pub facts: Option<String>,
    pub legal_basis: Option<String>,
    /// 违法经营额 in yuan.
    pub turnover: Option<String>,
    pub notes: Option<String>,
}

const LINK_KINDS: [RecordKind; 4] = [
    RecordKind::Gi,
    RecordKind::Trademark,
    RecordKind::User,
    RecordKind::Candidate,
];

impl PartyInput {
    fn parse_at(&self, i: usize, v: &mut Violations, lookup: &dyn Lookup) -> Option<Party> {
        let at = |f: &str| format!("parties[{i}].{f}");
        let person = self.person.unwrap_or(false);
        let blank = |s: &Option<String>| s.as_deref().is_none_or(|s| s.trim().is_empty());
        let enterprise = v.check(&at("enterprise"), || {
            if blank(&self.enterprise) {
                return Ok(None);
            }
            if person {
                return Err(Violation::not_applicable("企业或组织 / an organisation"));
            }
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.enterprise.as_deref().unwrap_or(""),
            )
            .map(Some)
        });
        let name = v.check(&at("name"), || {
            if !blank(&self.enterprise) {
                // A registered enterprise is named by its record.
                return Ok(None);
            }
            required_text(self.name.as_deref().unwrap_or(""), NAME_MAX).map(Some)
        });
        let credit_code = v.check(&at("credit_code"), || {
            if blank(&self.credit_code) || !blank(&self.enterprise) {
                return Ok(None);
            }
            if person {
                return Err(Violation::not_applicable("企业或组织 / an organisation"));
            }
            CreditCode::parse(self.credit_code.as_deref().unwrap_or("")).map(Some)
        });
        Some(Party {
            enterprise_id: enterprise?,
            name: name?,
            credit_code: credit_code?,
            person,
        })
    }
}

impl CaseInput {
    pub fn parse(
        &self,
        lookup: &dyn Lookup,
        existing: Option<&EnforcementCase>,
    ) -> Result<EnforcementCase, Violations> {
        if let Some(e) = existing
            && !e.editable()
        {
            return Err(Violation::flow_order(e.state.label(), "修改").into());
        }
        let mut v = Violations::default();
        let case_no = v.check("case_no", || required_text(&self.case_no, NAME_MAX));
        let kind = v.check("kind", || {
            if self.kind.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<CaseKind>(&self.kind, &CaseKind::KEYS)
        });
        let source = v.check("source", || {
            if self.source.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<CaseSource>(&self.source, &CaseSource::KEYS)
        });
        let jurisdiction = v.check("jurisdiction", || {
            known_division(self.jurisdiction.as_deref(), lookup)?.ok_or_else(Violation::required)
        });
        let opened_on = v.check("opened_on", || parse_date(&self.opened_on));
        let mut parties = vec![];
        v.check("parties", || {
            if self.parties.is_empty() {
                return Err(Violation::required());
            }
            at_most(self.parties.len(), ITEMS_MAX)
        });
        for (i, p) in self.parties.iter().enumerate().take(ITEMS_MAX + 1) {
            parties.extend(p.parse_at(i, &mut v, lookup));
        }
        let mut related = vec![];
        v.check("related", || at_most(self.related.len(), ITEMS_MAX));
        for (i, code) in self.related.iter().enumerate().take(ITEMS_MAX + 1) {
            related.extend(v.check(&format!("related[{i}]"), || link(lookup, code)));
        }
        let facts = v.check("facts", || optional_text(self.facts.as_deref(), TEXT_MAX));
        let legal_basis = v.check("legal_basis", || {
            optional_text(self.legal_basis.as_deref(), LINE_MAX)
        });
        let turnover = v.check("turnover", || {
            self.turnover
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(Fen::parse_yuan)
                .transpose()
        });
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        // A step already taken cannot be earlier than the day the case was opened.
        if let (Some(opened), Some(first)) = (opened_on, existing.and_then(|e| e.steps.first()))
            && opened > first.on
        {
            v.push(Violation::date_order(opened, first.on).at("opened_on"));
        }
        v.finish(|| EnforcementCase {
            case_no: case_no.unwrap(),
            kind: kind.unwrap(),
            source: source.unwrap(),
            jurisdiction: jurisdiction.unwrap(),
            opened_on: opened_on.unwrap(),
            parties,
            related,
            facts: facts.unwrap(),
            legal_basis: legal_basis.unwrap(),
            turnover: turnover.unwrap(),
            notes: notes.unwrap(),
            state: CaseState::Filed,
            investigator: None,
            decision: None,
            transfer: None,
            closed_on: None,
            attachments: vec![],
            steps: vec![],
        })
    }
}

/// A linked record by its code: the code's prefix says its kind.
fn link(lookup: &dyn Lookup, code: &str) -> Result<Subject, Violation> {
    let code = code.trim();
    let prefix = code.split('-').next().unwrap_or("").to_ascii_uppercase();
    let kind = LINK_KINDS
        .into_iter()
        .find(|k| k.prefix() == prefix)
        .ok_or_else(|| {
            let allowed: Vec<String> = LINK_KINDS.iter().map(|k| k.code(1)).collect();
            Violation::enum_value(code, allowed.join(", "))
        })?;
    Ok(Subject {
        kind,
        id: resolve(lookup, kind, code)?,
    })
}

impl EnforcementCase {
    pub fn to_input(&self, lookup: &dyn Lookup) -> CaseInput {
        CaseInput {
            case_no: self.case_no.clone(),
            kind: self.kind.key().to_owned(),
            source: CaseSource::KEYS[self.source as usize].to_owned(),
            jurisdiction: Some(self.jurisdiction.to_string()),
            opened_on: self.opened_on.to_string(),
            parties: self
                .parties
                .iter()
                .map(|p| PartyInput {
                    enterprise: p
                        .enterprise_id
                        .map(|id| show_ref(lookup, RecordKind::Enterprise, id)),
                    name: p.name.clone(),
                    credit_code: p.credit_code.as_ref().map(ToString::to_string),
                    person: p.person.then_some(true),
                })
                .collect(),
            related: self
                .related
                .iter()
                .map(|s| show_ref(lookup, s.kind, s.id))
                .collect(),
            facts: self.facts.clone(),
            legal_basis: self.legal_basis.clone(),
            turnover: self.turnover.map(yuan),
            notes: self.notes.clone(),
        }
    }
}

/// An amount as typed in yuan (`1234.5` → `1234.50`), which [`Fen::parse_yuan`] reads back.
pub fn yuan(f: Fen) -> String {
    format!("{}.{:02}", f.0 / 100, f.0 % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Rule;

    struct NoRefs;
    impl Lookup for NoRefs {
        fn find(&self, _: RecordKind, _: &str) -> Option<RecordId> {
            None
        }
        fn code_of(&self, _: RecordKind, _: RecordId) -> Option<String> {
            None
        }
        fn division_known(&self, _: &DivisionCode) -> bool {
            true
        }
        fn category_known(&self, _: &str) -> bool {
            true
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn case(kind: &str, turnover: Option<&str>) -> EnforcementCase {
        CaseInput {
            case_no: "信市监处〔2026〕1号".into(),
            kind: kind.into(),
            source: "complaint".into(),
            jurisdiction: Some("411500".into()),
            opened_on: "2026-03-02".into(),
            parties: vec![PartyInput {
                name: Some("某商行".into()),
                ..Default::default()
            }],
            turnover: turnover.map(Into::into),
            ..Default::default()
        }
        .parse(&NoRefs, None)
        .unwrap()
    }

    fn decide(fine: i64, supplier: Option<&str>, stop: bool) -> Action {
        Action::Decide {
            on: d("2026-05-01"),
            penalised: true,
            number: "信市监罚〔2026〕3号".into(),
            fine: Some(Fen(fine)),
            confiscation: None,
            order_to_stop: stop,
            supplier: supplier.map(Into::into),
            reason: None,
            repeat_of: None,
            bureau_limit: None,
        }
    }

    #[test]
    fn fine_limit_follows_art_60() {
        assert_eq!(fine_limit(None), Fen(25_000_000));
        assert_eq!(fine_limit(Some(Fen(4_999_999))), Fen(25_000_000));
        assert_eq!(fine_limit(Some(Fen(5_000_000))), Fen(25_000_000));
        assert_eq!(fine_limit(Some(Fen(8_000_000))), Fen(40_000_000));
    }

    #[test]
    fn a_fine_over_the_limit_is_refused_showing_the_limit() {
        let mut c = case("mark_infringement", Some("80000"));
        c.apply(Action::Investigate {
            on: d("2026-03-05"),
            investigator: "张三".into(),
        })
        .unwrap();
        let e = c.apply(decide(40_000_001, None, true)).unwrap_err();
        assert_eq!(e.rule, Rule::FineOverLimit);
        assert_eq!(e.field.as_deref(), Some("fine"));
        assert_eq!(e.params["limit"], "¥400,000.00");
        c.apply(decide(40_000_000, None, true)).unwrap();
        assert_eq!(c.state, CaseState::Decided);
        assert_eq!(c.decision.as_ref().unwrap().limit, Some(Fen(40_000_000)));
    }

    #[test]
    fn a_bureau_limit_holds_where_the_law_gives_none() {
        let limit = || BureauLimit {
            max: Fen(5_000_000),
            basis: "某局裁量基准（测试）".into(),
        };
        let over = |c: &mut EnforcementCase| {
            let mut a = decide(5_000_001, None, true);
            if let Action::Decide { bureau_limit, .. } = &mut a {
                *bureau_limit = Some(limit());
            }
            c.apply(a)
        };
        let mut c = case("gi_misuse", None);
        c.apply(Action::Investigate {
            on: d("2026-03-05"),
            investigator: "张三".into(),
        })
        .unwrap();
        let e = over(&mut c).unwrap_err();
        assert_eq!(
            (e.rule, e.field.as_deref()),
            (Rule::FineOverBureauLimit, Some("fine"))
        );
        assert_eq!(e.params["limit"], "¥50,000.00");
        // Where the law sets the limit, a bureau's does not apply.
        let mut w = case("well_known_wording", None);
        w.apply(Action::Investigate {
            on: d("2026-03-05"),
            investigator: "张三".into(),
        })
        .unwrap();
        over(&mut w).unwrap();
    }

    #[test]
    fn an_innocent_seller_is_only_ordered_to_stop() {
        let mut c = case("mark_infringement", None);
        c.apply(Action::Investigate {
            on: d("2026-03-05"),
            investigator: "张三".into(),
        })
        .unwrap();
        let e = c.apply(decide(100, Some("某批发部"), true)).unwrap_err();
        assert_eq!(
            (e.rule, e.field.as_deref()),
            (Rule::SellerStopOnly, Some("fine"))
        );
        let e = c.apply(decide(0, Some("某批发部"), false)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("order_to_stop"));
        c.apply(decide(0, Some("某批发部"), true)).unwrap();
    }

    #[test]
    fn a_wording_fine_other_than_100000_warns() {
        let mut c = case("well_known_wording", None);
        c.apply(Action::Investigate {
            on: d("2026-03-05"),
            investigator: "张三".into(),
        })
        .unwrap();
        c.apply(decide(5_000_000, None, true)).unwrap();
        let w = c.warnings();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].rule, Rule::WordingFine);
        // No art. 60 limit applies to it.
        assert_eq!(c.decision.unwrap().limit, None);
    }

    #[test]
    fn the_flow_keeps_its_order_and_its_dates() {
        let mut c = case("gi_misuse", None);
        let e = c
            .apply(Action::Close {
                on: d("2026-04-01"),
                note: None,
            })
            .unwrap_err();
        assert_eq!(e.rule, Rule::FlowOrder);
        let e = c
            .apply(Action::Investigate {
                on: d("2026-03-01"),
                investigator: "李四".into(),
            })
            .unwrap_err();
        assert_eq!((e.rule, e.field.as_deref()), (Rule::DateOrder, Some("on")));
        c.apply(Action::Transfer {
            on: d("2026-03-02"),
            receiver: "信阳市公安局".into(),
            note: None,
        })
        .unwrap();
        assert_eq!(c.next_steps().len(), 1);
        c.apply(Action::Close {
            on: d("2026-03-09"),
            note: None,
        })
        .unwrap();
        assert!(!c.editable());
        assert!(c.next_steps().is_empty());
    }

    #[test]
    fn bad_input_is_refused_by_name() {
        let input = CaseInput {
            case_no: " ".into(),
            kind: "theft".into(),
            source: "complaint".into(),
            jurisdiction: None,
            opened_on: "2026-02-30".into(),
            parties: vec![PartyInput {
                name: Some("王某".into()),
                credit_code: Some("91411500MA44XXXXX1".into()),
                person: Some(true),
                ..Default::default()
            }],
            related: vec!["APP-0001".into()],
            turnover: Some("-5".into()),
            ..Default::default()
        };
        let vs = input.parse(&NoRefs, None).unwrap_err();
        let fields: Vec<&str> = vs.0.iter().filter_map(|v| v.field.as_deref()).collect();
        for f in [
            "case_no",
            "kind",
            "jurisdiction",
            "opened_on",
            "parties[0].credit_code",
            "related[0]",
            "turnover",
        ] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }
}
