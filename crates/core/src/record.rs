//! What every record has: a UUIDv7 id (stable across workspaces, so county catalogues merge at
//! the city without collisions), a kind, and a short human code such as `GI-0007`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Lang, Result, Violation};
use crate::text::trimmed;

/// A record's id. Ids are made above the core (the api crate owns the clock and randomness).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(transparent)]
pub struct RecordId(pub Uuid);

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for RecordId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// The kinds of record, named as in every CLI command (`gi`, `enterprise`, `user`,
/// `trademark`, `candidate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Gi,
    Enterprise,
    User,
    Trademark,
    Candidate,
    Application,
    IncentiveRule,
    Case,
    Target,
    Financing,
    Zone,
}

impl RecordKind {
    pub const ALL: [RecordKind; 11] = [
        Self::Gi,
        Self::Enterprise,
        Self::User,
        Self::Trademark,
        Self::Candidate,
        Self::Application,
        Self::IncentiveRule,
        Self::Case,
        Self::Target,
        Self::Financing,
        Self::Zone,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Gi => "gi",
            Self::Enterprise => "enterprise",
            Self::User => "user",
            Self::Trademark => "trademark",
            Self::Candidate => "candidate",
            Self::Application => "application",
            Self::IncentiveRule => "incentive_rule",
            Self::Case => "case",
            Self::Target => "target",
            Self::Financing => "financing",
            Self::Zone => "zone",
        }
    }

    /// The prefix of the human code: `GI-0007`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Gi => "GI",
            Self::Enterprise => "ENT",
            Self::User => "USR",
            Self::Trademark => "TM",
            Self::Candidate => "WKM",
            Self::Application => "APP",
            Self::IncentiveRule => "RULE",
            Self::Case => "CASE",
            Self::Target => "TGT",
            Self::Financing => "FIN",
            Self::Zone => "ZONE",
        }
    }

    /// The kind's word, from the one vocabulary.
    pub fn label(self, lang: Lang) -> &'static str {
        crate::vocab::word("kind", self.key(), lang).expect("every kind has a word (tested)")
    }

    pub fn code(self, n: u32) -> String {
        format!("{}-{n:04}", self.prefix())
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A record is its attributes, what its input parses to and what an edit or a restore
/// replaces, and its lifecycle, what only its own actions change (flow steps, photos, legal
/// events, evidence). Each kind says which is which once, by naming every field of itself
/// (no `..`): a field added later does not compile until it is placed on one side.
pub trait Lifecycle {
    /// Take `current`'s lifecycle: `self` holds freshly parsed attributes (an edit, an import
    /// row, a restored value) and becomes what is saved.
    fn take_lifecycle(&mut self, current: &Self);
    /// The rules the lifecycle's own parts are held to when a stored record is checked again
    /// (a bundle's, an older version's, one an action just changed).
    fn lifecycle_problems(&self) -> crate::Violations {
        crate::Violations::default()
    }
}

/// How parsers above the core resolve references to other records and check table-backed
/// values. The api crate implements it over the store; core stays free of IO.
pub trait Lookup {
    /// Find a live record of `kind` by code, id, or a kind-specific key (credit code for an
    /// enterprise, registration number for a trademark).
    fn find(&self, kind: RecordKind, key: &str) -> Option<RecordId>;
    /// The human code of a record, for showing references.
    fn code_of(&self, kind: RecordKind, id: RecordId) -> Option<String>;
    /// A referenced record's code and name, for lists that show both.
    fn code_and_name(&self, kind: RecordKind, id: RecordId) -> Option<(String, String)> {
        self.code_of(kind, id).map(|c| (c, String::new()))
    }
    fn division_known(&self, code: &crate::DivisionCode) -> bool;
    fn category_known(&self, name: &str) -> bool;
    /// The working-day calendar periods are moved by (the workspace's years; the shipped
    /// ones where there is no workspace).
    fn calendar(&self) -> crate::calendar::WorkingCalendar {
        crate::calendar::WorkingCalendar::shipped()
    }
    /// What a GI product's authorised users rest on as of `today` (see
    /// [`crate::user::GiBasis`]); `None` when it cannot be read.
    fn gi_basis(&self, _gi: RecordId, _today: chrono::NaiveDate) -> Option<crate::user::GiBasis> {
        None
    }
    /// What record `id` (of `item`'s proof kind) shows for an award claim; `None` when it
    /// cannot be read (the claim is then unproven).
    /// A trademark's pledges, for a financing record that names the mark; `None` when it
    /// cannot be read.
    fn pledges(&self, _trademark: RecordId) -> Option<Vec<crate::trademark::Pledge>> {
        None
    }
    fn proof(
        &self,
        _item: crate::incentive::AwardItem,
        _id: RecordId,
    ) -> Option<crate::incentive::Proof> {
        None
    }
}

/// Resolve a reference typed by a user into a record id.
pub fn resolve(lookup: &dyn Lookup, kind: RecordKind, key: &str) -> Result<RecordId> {
    let key = trimmed(key).ok_or_else(Violation::required)?;
    // No code, id, credit code, registration number or name is longer than a name.
    let key = check_len(key, NAME_MAX)?;
    lookup.find(kind, &key).ok_or_else(|| {
        Violation::reference_missing(kind.label(Lang::Zh), kind.label(Lang::En), &key)
    })
}

/// Show a reference as the referenced record's code (its id when the record is gone).
pub fn show_ref(lookup: &dyn Lookup, kind: RecordKind, id: RecordId) -> String {
    lookup.code_of(kind, id).unwrap_or_else(|| id.to_string())
}

/// A required free-text field, trimmed, at most `max` characters.
pub fn required_text(input: &str, max: usize) -> Result<String> {
    let t = trimmed(input).ok_or_else(Violation::required)?;
    check_len(t, max)
}

/// An optional free-text field, trimmed, at most `max` characters.
pub fn optional_text(input: Option<&str>, max: usize) -> Result<Option<String>> {
    input
        .and_then(trimmed)
        .map(|t| check_len(t, max))
        .transpose()
}

fn check_len(t: String, max: usize) -> Result<String> {
    if t.chars().count() > max {
        Err(Violation::too_long(max))
    } else {
        Ok(t)
    }
}

/// The stable key a value serialises to (`Proceeding::RefusalReview` → `refusal_review`).
pub fn key_of(v: &impl Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An optional date typed by a clerk (see [`crate::date::parse_date`]).
pub fn optional_date(input: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    input
        .and_then(trimmed)
        .map(|s| crate::date::parse_date(&s))
        .transpose()
}

/// Parse one of the `allowed` serialised names of a snake_case enum, naming them when the
/// input is none of them (a name kept only to read old records, a serde alias, is refused).
pub fn enum_value<T: serde::de::DeserializeOwned>(input: &str, allowed: &[&str]) -> Result<T> {
    let key = input.trim();
    let refused = || Violation::enum_value(key, allowed.join(", "));
    if !allowed.contains(&key) {
        return Err(refused());
    }
    serde_json::from_value(serde_json::Value::String(key.to_owned())).map_err(|_| refused())
}

/// The caps on every way in (form, CLI, import, exchange bundle, IPC); over a cap is a
/// `too_long` or `too_many` violation naming the field. Text limits are in characters:
/// names, titles, codes and references [`NAME_MAX`]; one-line texts [`LINE_MAX`]; notes
/// `LINE_MAX * 4`; long descriptions [`TEXT_MAX`]; phone numbers [`PHONE_MAX`]. Codes with a
/// format (credit code, division code, registration number, dates) are held to their format's
/// length by their parsers. Lists: [`PHOTOS_MAX`] photos per GI product, [`EVIDENCE_MAX`]
/// evidence items per candidate, [`CLAIMS_MAX`] claims per application and [`ITEMS_MAX`]
/// entries in any other list (protections, divisions, places, status history, licences,
/// pledges, assignments, renewals, use reports, steps).
pub const NAME_MAX: usize = 200;
pub const LINE_MAX: usize = 500;
pub const TEXT_MAX: usize = 20_000;
pub const PHONE_MAX: usize = 30;
pub const PHOTOS_MAX: usize = 50;
pub const EVIDENCE_MAX: usize = 500;
pub const CLAIMS_MAX: usize = 50;
pub const ITEMS_MAX: usize = 200;

/// A list holds at most `max` entries.
pub fn at_most(count: usize, max: usize) -> Result<()> {
    if count > max {
        Err(Violation::too_many(count, max))
    } else {
        Ok(())
    }
}

/// A step a record's flow allows next, as forms offer it: the fields its form has, those it
/// requires, and whether it changes a legal status (asks for a reason and a confirmation).
/// The flows (`user.rs`, `application.rs`) check every step against the same tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StepOffer {
    pub step: String,
    pub fields: Vec<String>,
    pub required: Vec<String>,
    /// A reason is required when the step's `passed` is false (a failed review rejects).
    pub reason_if_failed: bool,
    pub legal: bool,
}

impl StepOffer {
    pub(crate) fn new(step: &str, fields: &[&str], required: &[&str]) -> Self {
        let own = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect();
        Self {
            step: step.to_owned(),
            fields: own(fields),
            required: own(required),
            reason_if_failed: false,
            legal: false,
        }
    }
}

/// Every flow's step offers by stage or state: `{"user": {stage: {kind: [offer…]}},
/// "application": {kind: {state: [offer…]}}, "trademark": {…}}`, for the vocabulary's test
/// that every offered step has its words. The app takes them from each record's summary.
#[cfg(test)]
pub(crate) fn step_catalogue() -> serde_json::Value {
    use crate::application::{self, ApplicationKind, State};
    use crate::user::{self, UserStage};
    let users: serde_json::Map<String, serde_json::Value> = [
        UserStage::Applied,
        UserStage::FirstReviewed,
        UserStage::ProvinciallyReviewed,
        UserStage::Rejected,
        UserStage::Active,
        UserStage::Suspended,
        UserStage::Withdrawn,
    ]
    .into_iter()
    .map(|s| {
        // By kind: the entry steps differ (review, join, licence).
        let by_kind: serde_json::Map<String, serde_json::Value> = [
            user::UserKind::ApprovedProducer,
            user::UserKind::CollectiveMember,
            user::UserKind::CertificationLicensee,
            user::UserKind::OtherRecorded,
        ]
        .into_iter()
        .map(|k| {
            let offers: Vec<StepOffer> = s.steps(k).iter().map(|x| user::step_offer(x)).collect();
            (key_of(&k), serde_json::json!(offers))
        })
        .collect();
        (s.key().to_owned(), by_kind.into())
    })
    .collect();
    let mut apps = serde_json::Map::new();
    for kind in [ApplicationKind::Guidance, ApplicationKind::Award] {
        let states: serde_json::Map<String, serde_json::Value> = [
            State::Draft,
            State::Submitted,
            State::UnderReview,
            State::Approved,
            State::Rejected,
            State::Paid,
        ]
        .into_iter()
        .map(|s| {
            let offers: Vec<StepOffer> = s
                .steps(kind)
                .iter()
                .map(|x| application::step_offer(x))
                .collect();
            (s.key().to_owned(), serde_json::json!(offers))
        })
        .collect();
        let key = serde_json::to_value(kind).unwrap_or_default();
        apps.insert(key.as_str().unwrap_or_default().to_owned(), states.into());
    }
    let editable: serde_json::Map<String, serde_json::Value> = [
        State::Draft,
        State::Submitted,
        State::UnderReview,
        State::Approved,
        State::Rejected,
        State::Paid,
    ]
    .into_iter()
    .map(|s| (s.key().to_owned(), s.editable().into()))
    .collect();
    serde_json::json!({
        "user": users,
        "application": apps,
        "application_editable": editable,
        "trademark": trademark_offers(),
    })
}

/// A trademark's event offers by what decides them: `pending` (no registration date),
/// `registered`, `pledged` (a pledge in force asks for consent), `renewal_pending`.
#[cfg(test)]
fn trademark_offers() -> serde_json::Value {
    use crate::trademark::{MarkKind, Pledge, Renewal, RenewalDecision, Trademark};
    let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("a date");
    let mark = Trademark {
        reg_no: crate::RegNo::parse("1").expect("a registration number"),
        name: String::new(),
        classes: vec![],
        goods: None,
        registrant_id: RecordId(uuid::Uuid::nil()),
        kind: MarkKind::Ordinary,
        gi: false,
        filed_on: None,
        registered_on: None,
        renewals: vec![],
        licences: vec![],
        assignments: vec![],
        pledges: vec![],
        termination: None,
        notes: None,
    };
    let registered = Trademark {
        registered_on: Some(day("2016-01-01")),
        ..mark.clone()
    };
    let pledged = Trademark {
        pledges: vec![Pledge {
            pledgee: String::new(),
            amount: crate::Fen(1),
            registered_on: day("2020-01-01"),
            term_ends: None,
            registration_no: Some("1".into()),
            release: None,
        }],
        ..registered.clone()
    };
    let renewal_pending = Trademark {
        renewals: vec![Renewal {
            filed_on: day("2025-06-01"),
            term_starts: day("2026-01-01"),
            unverified_year: None,
            decision: RenewalDecision::Pending,
        }],
        ..registered.clone()
    };
    let today = day("2025-07-01");
    let cal = crate::calendar::WorkingCalendar::default();
    serde_json::json!({
        "pending": mark.next_events(today, &cal),
        "registered": registered.next_events(today, &cal),
        "pledged": pledged.next_events(today, &cal),
        "renewal_pending": renewal_pending.next_events(today, &cal),
    })
}
