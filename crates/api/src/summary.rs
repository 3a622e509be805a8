//! The derived facts of each kind of record (its summary), typed: what lists and details show
//! beside the aggregate, computed on the day asked (standing, stage, whether a rule is in
//! force) and with references as codes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use terroir_core::application::{ApplicationKind, State};
use terroir_core::incentive::{AwardItem, Stacking};
use terroir_core::record::StepOffer;
use terroir_core::text::Bilingual;
use terroir_core::trademark::{MarkKind, Standing};
use terroir_core::user::{UserKind, UserStage};
use terroir_core::{CreditCode, DivisionCode, Fen, NiceClass, RegNo};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EnterpriseSummary {
    pub credit_code: Option<CreditCode>,
    pub division: Option<DivisionCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct GiSummary {
    pub category: Option<String>,
    /// Its protections' keys (`product_approval`, `gi_trademark`, `agricultural_gi`, and
    /// `origin_mark` for the earlier origin-mark registration, which is no GI protection).
    pub regimes: Vec<String>,
    /// The county or city that catalogues it (lists and counts go by it).
    pub responsible: Option<DivisionCode>,
    /// The production area's divisions, where known.
    pub divisions: Vec<DivisionCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TrademarkSummary {
    pub reg_no: RegNo,
    pub classes: Vec<NiceClass>,
    pub kind: MarkKind,
    pub gi: bool,
    /// The registrant's code.
    pub registrant: Option<String>,
    pub standing: Standing,
    pub expires_on: Option<NaiveDate>,
    pub window_opens: Option<NaiveDate>,
    /// The grace period's legal last day.
    pub grace_ends: Option<NaiveDate>,
    pub grace_ends_nominal: Option<NaiveDate>,
    /// The year whose holidays are not entered, when the grace end needed it.
    pub calendar_year_missing: Option<i32>,
    /// Notes on renewals recorded past a weekend-only last day.
    pub renewal_notes: Vec<Bilingual>,
    /// What a clerk should look at: a missing pledgee consent, similar marks an assignment
    /// left behind, what was performed before an invalidation.
    pub warnings: Vec<crate::Problem>,
    /// The events that may be recorded next, with their forms' fields.
    pub next_events: Vec<terroir_core::record::StepOffer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UserSummary {
    pub stage: UserStage,
    pub kind: UserKind,
    /// The GI product's code.
    pub gi: Option<String>,
    /// The enterprise's code.
    pub enterprise: Option<String>,
    pub use_reports_overdue: u32,
    /// Why the user, though active, no longer has a basis (its GI product revoked, its GI mark
    /// ended): flagged, and not printed as authorised.
    pub basis_gone: Option<terroir_core::text::Bilingual>,
    /// A certification mark's registrant refused this producer: flagged for the bureau
    /// (regulations art. 4 para 2).
    pub refusal_flag: Option<terroir_core::text::Bilingual>,
    /// Two years of reports without use: stopping the right is proposed, for a clerk to
    /// decide.
    pub no_use_proposal: Option<terroir_core::text::Bilingual>,
    /// The steps the flow allows next, with their forms' fields.
    pub next_steps: Vec<StepOffer>,
    /// The period a use report's form starts with.
    pub next_report: terroir_core::user::NextReport,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CandidateSummary {
    pub trademark: Option<String>,
    pub trademark_name: Option<String>,
    pub enterprise: Option<String>,
    pub enterprise_name: Option<String>,
    /// Evidence items on file.
    pub evidence: u32,
    pub recognised: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ApplicationSummary {
    pub kind: ApplicationKind,
    pub state: State,
    pub enterprise: Option<String>,
    pub enterprise_name: Option<String>,
    /// The subject record's code.
    pub subject: Option<String>,
    /// The award's total once approved.
    pub amount: Option<Fen>,
    pub submitted_on: Option<NaiveDate>,
    /// The steps the flow allows next, with their forms' fields.
    pub next_steps: Vec<StepOffer>,
    /// Whether an edit of the whole record is allowed (only a draft).
    pub editable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IncentiveRuleSummary {
    pub item: AwardItem,
    pub amount: Fen,
    pub jurisdiction: DivisionCode,
    pub stacking: Stacking,
    pub policy_no: String,
    /// In force on the day asked.
    pub in_force: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CaseSummary {
    pub case_no: String,
    pub kind: terroir_core::case::CaseKind,
    pub state: terroir_core::case::CaseState,
    pub jurisdiction: DivisionCode,
    pub opened_on: NaiveDate,
    /// The parties' names, as the case lists them (a registered enterprise by its record's).
    pub parties: Vec<String>,
    /// The fine of a decision that imposed a penalty.
    pub fine: Option<Fen>,
    /// A wording fine other than ¥100,000, a repeat infringer.
    pub warnings: Vec<crate::Problem>,
    /// The steps the flow allows next, with their forms' fields.
    pub next_steps: Vec<StepOffer>,
    /// Whether the whole record may be edited (until it is closed).
    pub editable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TargetSummary {
    pub metric: terroir_core::plan::Metric,
    pub measure: terroir_core::plan::Measure,
    pub jurisdiction: DivisionCode,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// Whether values are money (fen).
    pub money: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FinancingSummary {
    pub pledgor: Option<String>,
    pub pledgor_name: Option<String>,
    pub bank: String,
    pub amount: Fen,
    pub loan_on: NaiveDate,
    pub jurisdiction: DivisionCode,
    /// Not released and within its term on the day asked.
    pub outstanding: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ZoneSummary {
    pub gi: Option<String>,
    pub gi_name: Option<String>,
    pub status: terroir_core::plan::ZoneStatus,
    pub jurisdiction: DivisionCode,
    pub preparation_ends: Option<NaiveDate>,
    /// A preparation period ended with no result recorded.
    pub warnings: Vec<Bilingual>,
}
