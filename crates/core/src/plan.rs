//! The plan's own records (seed 一(二), 二(二), 四(九)): targets and how far along they are,
//! pledge financing, national GI product protection demonstration zones with their KPIs, and
//! the GI products' yearly statistics those KPIs read.
//!
//! Progress is decided here from a value the api counts (a metric's count or sum over the
//! target's jurisdiction, or the bureau's yearly values for a manual metric) and `today`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::date::parse_date;
use crate::enterprise::known_division;
use crate::error::{Violation, Violations};
use crate::record::{
    ITEMS_MAX, LINE_MAX, Lookup, NAME_MAX, RecordId, RecordKind, at_most, enum_value,
    optional_date, optional_text, required_text, resolve, show_ref,
};
use crate::text::Bilingual;
use crate::{DivisionCode, Fen};

/// What a target measures. Computed metrics are counted from the records; a manual metric's
/// values are entered by the bureau, year by year, with their source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// GI products protected in any regime (not revoked).
    GiProducts,
    /// 地理标志保护产品: products approved under the product-protection regime.
    ProductApprovals,
    /// GI collective and certification marks in force.
    GiMarks,
    /// 农产品地理标志 registrations.
    AgriculturalGis,
    /// Authorised users of the GI special mark whose right is in use (active).
    ApprovedUsers,
    /// Registered trademarks in force.
    ValidTrademarks,
    /// Well-known-mark recognitions (驰名商标认定) obtained.
    Recognitions,
    /// 知识产权质押融资额: loans made in the period, in fen.
    PledgeFinancing,
    /// Incentive awards paid in the period, in fen.
    AwardsPaid,
    /// Enforcement cases opened in the period.
    EnforcementCases,
    /// Entered by the bureau (e.g. 省级知识产权强企).
    Manual,
}

/// How a value is read against the period: a count on a day, or a sum over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Stock,
    Cumulative,
}

impl Measure {
    pub const KEYS: [&'static str; 2] = ["stock", "cumulative"];
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

impl Metric {
    pub const KEYS: [&'static str; 11] = [
        "gi_products",
        "product_approvals",
        "gi_marks",
        "agricultural_gis",
        "approved_users",
        "valid_trademarks",
        "recognitions",
        "pledge_financing",
        "awards_paid",
        "enforcement_cases",
        "manual",
    ];
    pub const ALL: [Metric; 11] = [
        Self::GiProducts,
        Self::ProductApprovals,
        Self::GiMarks,
        Self::AgriculturalGis,
        Self::ApprovedUsers,
        Self::ValidTrademarks,
        Self::Recognitions,
        Self::PledgeFinancing,
        Self::AwardsPaid,
        Self::EnforcementCases,
        Self::Manual,
    ];
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
    /// A computed metric's measure; `None` for a manual one (its target says).
    pub fn measure(self) -> Option<Measure> {
        match self {
            Self::PledgeFinancing | Self::AwardsPaid | Self::EnforcementCases => {
                Some(Measure::Cumulative)
            }
            Self::Manual => None,
            _ => Some(Measure::Stock),
        }
    }
    /// Whether its values are money (fen; entered in yuan).
    pub fn money(self) -> bool {
        matches!(self, Self::PledgeFinancing | Self::AwardsPaid)
    }
    /// The kind of record a computed metric counts (the `*_facts` below); `None` for a manual
    /// one.
    pub fn counts(self) -> Option<RecordKind> {
        Some(match self {
            Self::GiProducts | Self::ProductApprovals | Self::AgriculturalGis => RecordKind::Gi,
            Self::GiMarks | Self::ValidTrademarks => RecordKind::Trademark,
            Self::ApprovedUsers => RecordKind::User,
            Self::Recognitions => RecordKind::Candidate,
            Self::PledgeFinancing => RecordKind::Financing,
            Self::AwardsPaid => RecordKind::Application,
            Self::EnforcementCases => RecordKind::Case,
            Self::Manual => return None,
        })
    }
}

/// A plan target (规划目标): a value to reach in a jurisdiction by the end of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Target {
    pub title: String,
    /// The plan paragraph it comes from, e.g. `四(九)`.
    pub paragraph: Option<String>,
    pub jurisdiction: DivisionCode,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub metric: Metric,
    pub measure: Measure,
    /// In the metric's unit (fen for money).
    pub baseline: i64,
    pub target: i64,
    /// The unit's word for a manual metric (家, 个); a computed metric's is the vocabulary's.
    pub unit: Option<String>,
    pub notes: Option<String>,
    /// A manual metric's yearly values (lifecycle: set one by one, each audited).
    #[serde(default)]
    pub values: Vec<YearValue>,
}

/// One year's value of a manual metric, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct YearValue {
    pub year: i32,
    pub value: i64,
    pub source: String,
}

impl crate::record::Lifecycle for Target {
    fn take_lifecycle(&mut self, current: &Self) {
        let Target {
            title: _,
            paragraph: _,
            jurisdiction: _,
            starts_on: _,
            ends_on: _,
            metric: _,
            measure: _,
            baseline: _,
            target: _,
            unit: _,
            notes: _,
            values,
        } = current;
        self.values.clone_from(values);
    }
    fn lifecycle_problems(&self) -> Violations {
        let mut v = Violations::default();
        for (i, y) in self.values.iter().enumerate() {
            if let Err(e) = self.check_year(y.year) {
                v.push(e.at(format!("values[{i}].year")));
            }
        }
        v
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct TargetInput {
    pub title: String,
    pub paragraph: Option<String>,
    pub jurisdiction: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub metric: String,
    /// Only for a manual metric: `stock` or `cumulative`.
    pub measure: Option<String>,
    /// In yuan for a money metric, else a whole number.
    pub baseline: Option<String>,
    pub target: String,
    pub unit: Option<String>,
    pub notes: Option<String>,
}

/// A value in the metric's unit: yuan (to fen) for money, else a whole number ≥ 0.
fn parse_value(input: &str, money: bool) -> Result<i64, Violation> {
    if money {
        return Fen::parse_yuan(input).map(|f| f.0);
    }
    let s: String = input.trim().chars().filter(|c| *c != ',').collect();
    s.parse::<u64>()
        .ok()
        .and_then(|n| i64::try_from(n).ok())
        .ok_or_else(|| Violation::number_format(input.trim()))
}

fn show_value(v: i64, money: bool) -> String {
    if money {
        Fen(v).to_string()
    } else {
        v.to_string()
    }
}

impl TargetInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Target, Violations> {
        let mut v = Violations::default();
        let title = v.check("title", || required_text(&self.title, NAME_MAX));
        let paragraph = v.check("paragraph", || {
            optional_text(self.paragraph.as_deref(), LINE_MAX)
        });
        let jurisdiction = v.check("jurisdiction", || {
            known_division(self.jurisdiction.as_deref(), lookup)?.ok_or_else(Violation::required)
        });
        let starts_on = v.check("starts_on", || parse_date(&self.starts_on));
        let ends_on = v.check("ends_on", || parse_date(&self.ends_on));
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            v.push(Violation::date_order(s, e).at("ends_on"));
        }
        let metric = v.check("metric", || {
            if self.metric.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<Metric>(&self.metric, &Metric::KEYS)
        });
        let given = self.measure.as_deref().filter(|s| !s.trim().is_empty());
        let measure = metric.and_then(|m| {
            v.check("measure", || match (m.measure(), given) {
                (Some(own), None) => Ok(own),
                (Some(own), Some(g)) => {
                    let g = enum_value::<Measure>(g, &Measure::KEYS)?;
                    if g == own {
                        Ok(own)
                    } else {
                        Err(Violation::not_applicable("人工录入指标 / a manual metric"))
                    }
                }
                (None, None) => Err(Violation::required()),
                (None, Some(g)) => enum_value::<Measure>(g, &Measure::KEYS),
            })
        });
        let money = metric.is_some_and(Metric::money);
        let baseline = v.check("baseline", || {
            match self.baseline.as_deref().filter(|s| !s.trim().is_empty()) {
                None => Ok(0),
                Some(b) => parse_value(b, money),
            }
        });
        let target = v.check("target", || {
            if self.target.trim().is_empty() {
                return Err(Violation::required());
            }
            parse_value(&self.target, money)
        });
        if let (Some(b), Some(t), Some(Measure::Stock)) = (baseline, target, measure)
            && t <= b
        {
            v.push(Violation::target_not_above_baseline(show_value(b, money)).at("target"));
        }
        if let (Some(t), Some(Measure::Cumulative)) = (target, measure)
            && t == 0
        {
            v.push(Violation::amount_not_positive().at("target"));
        }
        let unit = v.check("unit", || optional_text(self.unit.as_deref(), 16));
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Target {
            title: title.unwrap(),
            paragraph: paragraph.unwrap(),
            jurisdiction: jurisdiction.unwrap(),
            starts_on: starts_on.unwrap(),
            ends_on: ends_on.unwrap(),
            metric: metric.unwrap(),
            measure: measure.unwrap(),
            baseline: baseline.unwrap(),
            target: target.unwrap(),
            unit: unit.unwrap(),
            notes: notes.unwrap(),
            values: vec![],
        })
    }
}

/// Where a target stands on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub value: i64,
    /// value ÷ target, in whole per cent (rounded down).
    pub percent: i64,
    /// What the value should be by today to be on track (rounded up).
    pub expected: i64,
    pub on_track: bool,
    /// Days of the period gone by `today` (0 before it starts, all after it ends).
    pub elapsed_days: i64,
    pub period_days: i64,
}

impl Target {
    pub fn money(&self) -> bool {
        self.metric.money()
    }

    pub fn to_input(&self) -> TargetInput {
        let money = self.money();
        TargetInput {
            title: self.title.clone(),
            paragraph: self.paragraph.clone(),
            jurisdiction: Some(self.jurisdiction.to_string()),
            starts_on: self.starts_on.to_string(),
            ends_on: self.ends_on.to_string(),
            metric: self.metric.key().to_owned(),
            measure: (self.metric == Metric::Manual).then(|| self.measure.key().to_owned()),
            baseline: (self.baseline != 0).then(|| plain_value(self.baseline, money)),
            target: plain_value(self.target, money),
            unit: self.unit.clone(),
            notes: self.notes.clone(),
        }
    }

    /// The day a stock is counted on for `today`: today within the period, its last day after.
    pub fn count_day(&self, today: NaiveDate) -> NaiveDate {
        today.min(self.ends_on)
    }

    /// The days a cumulative sum runs over by `today`: from the start to today (or the end).
    pub fn sum_days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        (self.starts_on, today.min(self.ends_on))
    }

    fn check_year(&self, year: i32) -> Result<(), Violation> {
        let (from, to) = (self.starts_on.year(), self.ends_on.year());
        if year < from || year > to {
            return Err(Violation::year_outside_period(year, from, to));
        }
        Ok(())
    }

    /// Set a manual metric's value for a year (replacing that year's), with its source.
    pub fn set_value(&mut self, year: i32, value: &str, source: &str) -> Result<(), Violations> {
        let mut v = Violations::default();
        if self.metric != Metric::Manual {
            v.push(Violation::not_applicable("人工录入指标 / a manual metric").at("metric"));
            return Err(v);
        }
        v.check("year", || self.check_year(year));
        let value = v.check("value", || parse_value(value, false));
        let source = v.check("source", || required_text(source, LINE_MAX));
        v.finish(|| ())?;
        let (value, source) = (value.unwrap(), source.unwrap());
        self.values.retain(|y| y.year != year);
        self.values.push(YearValue {
            year,
            value,
            source,
        });
        self.values.sort_by_key(|y| y.year);
        Ok(())
    }

    /// A manual metric's value by `today`: the latest year's for a stock (the baseline before
    /// any), the years' sum for a cumulative one.
    pub fn manual_value(&self, today: NaiveDate) -> i64 {
        let mut upto = self.values.iter().filter(|y| y.year <= today.year());
        match self.measure {
            Measure::Stock => upto.next_back().map_or(self.baseline, |y| y.value),
            Measure::Cumulative => upto.map(|y| y.value).sum(),
        }
    }

    /// Progress of `value` on `today`. On track: for a cumulative metric, value ≥ target ×
    /// elapsed share of the period; for a stock, value ≥ baseline + (target − baseline) ×
    /// elapsed share. The share is in days, the first and last included.
    pub fn progress(&self, value: i64, today: NaiveDate) -> Progress {
        let period = (self.ends_on - self.starts_on).num_days() + 1;
        let elapsed = ((today - self.starts_on).num_days() + 1).clamp(0, period);
        let (from, span) = match self.measure {
            Measure::Cumulative => (0, self.target),
            Measure::Stock => (self.baseline, self.target - self.baseline),
        };
        // expected = from + ceil(span × elapsed / period), in i128 so no product overflows.
        let num = i128::from(span) * i128::from(elapsed);
        let p = i128::from(period);
        let expected = i128::from(from) + (num + p - 1).div_euclid(p);
        let on_track = i128::from(value - from) * p >= num;
        Progress {
            value,
            percent: if self.target == 0 {
                0
            } else {
                (i128::from(value) * 100 / i128::from(self.target)) as i64
            },
            expected: expected as i64,
            on_track,
            elapsed_days: elapsed,
            period_days: period,
        }
    }
}

/// A value as its form field takes it: yuan for money (no grouping), else the number.
fn plain_value(v: i64, money: bool) -> String {
    if money {
        let sign = if v < 0 { "-" } else { "" };
        let v = v.unsigned_abs();
        if v.is_multiple_of(100) {
            format!("{sign}{}", v / 100)
        } else {
            format!("{sign}{}.{:02}", v / 100, v % 100)
        }
    } else {
        v.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// What each record counts for

/// What a record contributes to a computed metric: 1 (or `amount`) from `from` to `to`, both
/// days included (`None`: since ever, or still). A stock counts the facts whose days hold the
/// day it is counted on; a cumulative metric sums the facts whose `from` lies in the period.
/// The api keeps them beside the record (rewritten with it) so SQL sums them by division and
/// day; which days a record counts on is decided here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub metric: Metric,
    /// Where it counts, when the record says; `None`: its enterprise's division.
    pub division: Option<DivisionCode>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub amount: i64,
}

impl Fact {
    fn one(metric: Metric, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Self {
        Fact {
            metric,
            division: None,
            from,
            to,
            amount: 1,
        }
    }
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap_or(d)
}

/// A GI product counts in its regimes from the day each protection was announced or
/// registered (its GI marks count as trademarks), until the day before it was revoked; as a GI
/// product while any protection other than an origin mark stands.
pub fn gi_facts(gi: &crate::gi::GiProduct) -> Vec<Fact> {
    use crate::gi::{GiStatus, Protection};
    let Some(division) = gi
        .responsible
        .clone()
        .or_else(|| gi.area.divisions.first().cloned())
    else {
        return vec![];
    };
    let to = gi
        .status_history
        .last()
        .filter(|e| e.status == GiStatus::Revoked)
        .map(|e| day_before(e.on));
    let mut out = vec![];
    let mut since: Option<Option<NaiveDate>> = None;
    for p in &gi.protections {
        let (metric, from) = match p {
            Protection::ProductApproval { announced_on, .. } => {
                (Some(Metric::ProductApprovals), *announced_on)
            }
            Protection::AgriculturalGi { registered_on, .. } => {
                (Some(Metric::AgriculturalGis), *registered_on)
            }
            Protection::GiTrademark { .. } => (None, None),
            Protection::OriginMark { .. } => continue,
        };
        // The earliest protection (an unknown day counts as since ever).
        since = Some(match since {
            None => from,
            Some(s) => s.zip(from).map(|(a, b)| a.min(b)),
        });
        if let Some(m) = metric {
            out.push(Fact::one(m, from, to));
        }
    }
    if let Some(from) = since {
        out.push(Fact::one(Metric::GiProducts, from, to));
    }
    for f in &mut out {
        f.division = Some(division.clone());
    }
    out
}

/// A registered trademark is in force from its registration until its right ends: the day a
/// termination says, the grace period's last day while no renewal is recorded, open while a
/// renewal awaits its decision. An invalidated mark never was. A GI mark counts as both.
pub fn trademark_facts(
    tm: &crate::trademark::Trademark,
    cal: &crate::calendar::WorkingCalendar,
) -> Vec<Fact> {
    let (Some(from), Some(term)) = (tm.registered_on, tm.current_term(cal)) else {
        return vec![];
    };
    if tm.invalidated() {
        return vec![];
    }
    let to = match &tm.termination {
        Some(t) => t.right_ends(Some(term.expires)),
        None if tm.pending_renewal().is_some() => None,
        None => Some(term.grace_ends),
    };
    let mut out = vec![Fact::one(Metric::ValidTrademarks, Some(from), to)];
    if tm.gi {
        out.push(Fact::one(Metric::GiMarks, Some(from), to));
    }
    out
}

/// An authorised user counts while its right is in use: from the decision, through each
/// period its status events leave it active.
pub fn user_facts(u: &crate::user::AuthorisedUser) -> Vec<Fact> {
    use crate::user::{Decision, UseStatus};
    let start = match &u.decision {
        Some(Decision::Approved { announced_on, .. }) => *announced_on,
        Some(Decision::Joined { on, .. } | Decision::Licensed { on, .. }) => *on,
        _ => return vec![],
    };
    let mut out = vec![];
    let mut open = Some(start);
    for e in &u.status_events {
        match (e.status, open) {
            (UseStatus::Active, None) => open = Some(e.on),
            (UseStatus::Suspended | UseStatus::Withdrawn, Some(from)) => {
                if e.on > from {
                    out.push(Fact::one(
                        Metric::ApprovedUsers,
                        Some(from),
                        Some(day_before(e.on)),
                    ));
                }
                open = None;
            }
            _ => {}
        }
    }
    if let Some(from) = open {
        out.push(Fact::one(Metric::ApprovedUsers, Some(from), None));
    }
    out
}

/// A recognition counts from its decision.
pub fn candidate_facts(c: &crate::candidate::MarkCandidate) -> Vec<Fact> {
    c.recognition
        .iter()
        .map(|r| Fact::one(Metric::Recognitions, Some(r.decided_on), None))
        .collect()
}

/// A paid award counts each line in its jurisdiction on the day it was paid.
pub fn application_facts(a: &crate::application::Application) -> Vec<Fact> {
    let (Some(paid), Some(award)) = (a.paid_on, a.award.as_ref()) else {
        return vec![];
    };
    award
        .lines
        .iter()
        .map(|l| Fact {
            metric: Metric::AwardsPaid,
            division: Some(l.jurisdiction.clone()),
            from: Some(paid),
            to: Some(paid),
            amount: l.amount.0,
        })
        .collect()
}

/// A case counts on the day it was opened, in its jurisdiction.
pub fn case_facts(c: &crate::case::EnforcementCase) -> Vec<Fact> {
    vec![Fact {
        division: Some(c.jurisdiction.clone()),
        ..Fact::one(
            Metric::EnforcementCases,
            Some(c.opened_on),
            Some(c.opened_on),
        )
    }]
}

/// A loan counts its amount on the day it was made, in its jurisdiction.
pub fn financing_facts(f: &Financing) -> Vec<Fact> {
    vec![Fact {
        metric: Metric::PledgeFinancing,
        division: Some(f.jurisdiction.clone()),
        from: Some(f.loan_on),
        to: Some(f.loan_on),
        amount: f.amount.0,
    }]
}

// ---------------------------------------------------------------------------------------------
// Pledge financing

/// What a loan is secured by: a trademark, whose pledge registration is on the trademark record
/// (named here by its registration number, never copied), or a patent by number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PledgedItem {
    Trademark {
        trademark_id: RecordId,
        /// The registration number of the pledge on the mark (出质登记号).
        pledge_no: String,
    },
    Patent {
        number: String,
        title: String,
    },
}

/// A pledge-financing record (知识产权质押融资).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Financing {
    pub pledgor_id: RecordId,
    /// The county (or city) whose totals it counts in.
    pub jurisdiction: DivisionCode,
    pub bank: String,
    pub amount: Fen,
    /// The day the loan was made: its year is the year it counts in.
    pub loan_on: NaiveDate,
    pub term_ends: Option<NaiveDate>,
    pub released_on: Option<NaiveDate>,
    pub items: Vec<PledgedItem>,
    pub interest_subsidy: Option<Fen>,
    pub risk_compensation: Option<Fen>,
    pub notes: Option<String>,
}

impl crate::record::Lifecycle for Financing {
    /// All attributes: no lifecycle.
    fn take_lifecycle(&mut self, current: &Self) {
        let Financing {
            pledgor_id: _,
            jurisdiction: _,
            bank: _,
            amount: _,
            loan_on: _,
            term_ends: _,
            released_on: _,
            items: _,
            interest_subsidy: _,
            risk_compensation: _,
            notes: _,
        } = current;
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct PledgedItemInput {
    /// Code, id or registration number of a trademark record.
    pub trademark: Option<String>,
    /// Which of the mark's registered pledges (its registration number); needed only when the
    /// mark has more than one.
    pub pledge_no: Option<String>,
    pub patent_no: Option<String>,
    pub patent_title: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct FinancingInput {
    /// Code, id or credit code of the enterprise.
    pub pledgor: String,
    pub jurisdiction: Option<String>,
    pub bank: String,
    /// In yuan.
    pub amount: String,
    pub loan_on: String,
    pub term_ends: Option<String>,
    pub released_on: Option<String>,
    pub items: Vec<PledgedItemInput>,
    pub interest_subsidy: Option<String>,
    pub risk_compensation: Option<String>,
    pub notes: Option<String>,
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn optional_yuan(s: &Option<String>) -> Result<Option<Fen>, Violation> {
    s.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(Fen::parse_yuan)
        .transpose()
}

impl PledgedItemInput {
    fn parse_at(&self, i: usize, v: &mut Violations, lookup: &dyn Lookup) -> Option<PledgedItem> {
        let at = |f: &str| format!("items[{i}].{f}");
        if !blank(&self.trademark) {
            if !blank(&self.patent_no) {
                v.push(Violation::not_applicable("专利 / a patent").at(at("patent_no")));
                return None;
            }
            let tm = v.check(&at("trademark"), || {
                resolve(
                    lookup,
                    RecordKind::Trademark,
                    self.trademark.as_deref().unwrap_or(""),
                )
            })?;
            let code = show_ref(lookup, RecordKind::Trademark, tm);
            let registered: Vec<String> = lookup
                .pledges(tm)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.registration_no)
                .collect();
            let wanted = self
                .pledge_no
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty());
            let pledge_no = match (wanted, registered.as_slice()) {
                (_, []) => {
                    v.push(Violation::pledge_not_registered(&code).at(at("trademark")));
                    return None;
                }
                (None, [one]) => one.clone(),
                (None, _) => {
                    v.push(Violation::required().at(at("pledge_no")));
                    return None;
                }
                (Some(w), regs) => match regs.iter().find(|r| r.as_str() == w) {
                    Some(r) => r.clone(),
                    None => {
                        v.push(
                            Violation::pledge_not_registered(format!("{code} {w}"))
                                .at(at("pledge_no")),
                        );
                        return None;
                    }
                },
            };
            return Some(PledgedItem::Trademark {
                trademark_id: tm,
                pledge_no,
            });
        }
        let number = v.check(&at("patent_no"), || {
            required_text(self.patent_no.as_deref().unwrap_or(""), 32)
        });
        let title = v.check(&at("patent_title"), || {
            required_text(self.patent_title.as_deref().unwrap_or(""), NAME_MAX)
        });
        Some(PledgedItem::Patent {
            number: number?,
            title: title?,
        })
    }
}

impl FinancingInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Financing, Violations> {
        let mut v = Violations::default();
        let pledgor = v.check("pledgor", || {
            resolve(lookup, RecordKind::Enterprise, &self.pledgor)
        });
        let jurisdiction = v.check("jurisdiction", || {
            known_division(self.jurisdiction.as_deref(), lookup)?.ok_or_else(Violation::required)
        });
        let bank = v.check("bank", || required_text(&self.bank, NAME_MAX));
        let amount = v.check("amount", || {
            if self.amount.trim().is_empty() {
                return Err(Violation::required());
            }
            let a = Fen::parse_yuan(&self.amount)?;
            if a.0 == 0 {
                return Err(Violation::amount_not_positive());
            }
            Ok(a)
        });
        let loan_on = v.check("loan_on", || parse_date(&self.loan_on));
        let term_ends = v.check("term_ends", || optional_date(self.term_ends.as_deref()));
        let released_on = v.check("released_on", || optional_date(self.released_on.as_deref()));
        for (field, later) in [("term_ends", term_ends), ("released_on", released_on)] {
            if let (Some(l), Some(Some(d))) = (loan_on, later)
                && d < l
            {
                v.push(Violation::date_order(l, d).at(field));
            }
        }
        v.check("items", || {
            if self.items.is_empty() {
                return Err(Violation::required());
            }
            at_most(self.items.len(), ITEMS_MAX)
        });
        let mut items = vec![];
        for (i, it) in self.items.iter().enumerate().take(ITEMS_MAX + 1) {
            items.extend(it.parse_at(i, &mut v, lookup));
        }
        let interest_subsidy =
            v.check("interest_subsidy", || optional_yuan(&self.interest_subsidy));
        let risk_compensation = v.check("risk_compensation", || {
            optional_yuan(&self.risk_compensation)
        });
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| Financing {
            pledgor_id: pledgor.unwrap(),
            jurisdiction: jurisdiction.unwrap(),
            bank: bank.unwrap(),
            amount: amount.unwrap(),
            loan_on: loan_on.unwrap(),
            term_ends: term_ends.unwrap(),
            released_on: released_on.unwrap(),
            items,
            interest_subsidy: interest_subsidy.unwrap(),
            risk_compensation: risk_compensation.unwrap(),
            notes: notes.unwrap(),
        })
    }
}

impl Financing {
    pub fn to_input(&self, lookup: &dyn Lookup) -> FinancingInput {
        let yuan = |f: Option<Fen>| f.map(|f| plain_value(f.0, true));
        FinancingInput {
            pledgor: show_ref(lookup, RecordKind::Enterprise, self.pledgor_id),
            jurisdiction: Some(self.jurisdiction.to_string()),
            bank: self.bank.clone(),
            amount: plain_value(self.amount.0, true),
            loan_on: self.loan_on.to_string(),
            term_ends: self.term_ends.map(|d| d.to_string()),
            released_on: self.released_on.map(|d| d.to_string()),
            items: self
                .items
                .iter()
                .map(|it| match it {
                    PledgedItem::Trademark {
                        trademark_id,
                        pledge_no,
                    } => PledgedItemInput {
                        trademark: Some(show_ref(lookup, RecordKind::Trademark, *trademark_id)),
                        pledge_no: Some(pledge_no.clone()),
                        ..Default::default()
                    },
                    PledgedItem::Patent { number, title } => PledgedItemInput {
                        patent_no: Some(number.clone()),
                        patent_title: Some(title.clone()),
                        ..Default::default()
                    },
                })
                .collect(),
            interest_subsidy: yuan(self.interest_subsidy),
            risk_compensation: yuan(self.risk_compensation),
            notes: self.notes.clone(),
        }
    }

    pub fn trademark_ids(&self) -> impl Iterator<Item = RecordId> + '_ {
        self.items.iter().filter_map(|i| match i {
            PledgedItem::Trademark { trademark_id, .. } => Some(*trademark_id),
            PledgedItem::Patent { .. } => None,
        })
    }

    /// Released, or past its term, by `today`.
    pub fn outstanding_on(&self, today: NaiveDate) -> bool {
        self.loan_on <= today
            && self.released_on.is_none_or(|r| today < r)
            && self.term_ends.is_none_or(|t| today <= t)
    }
}

// ---------------------------------------------------------------------------------------------
// Demonstration zones

/// Where a demonstration zone (地理标志产品保护示范区) stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ZoneStatus {
    /// 已申报.
    Applied,
    /// 筹建中: approved for preparation, with a preparation period.
    Preparing,
    /// 已验收 (通过).
    Accepted,
    /// 已撤销.
    Revoked,
}

impl ZoneStatus {
    pub const KEYS: [&'static str; 4] = ["applied", "preparing", "accepted", "revoked"];
    pub fn key(self) -> &'static str {
        Self::KEYS[self as usize]
    }
}

/// A dated step of a zone with its document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ZoneStep {
    pub on: NaiveDate,
    pub document_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Zone {
    pub gi_id: RecordId,
    pub name: String,
    /// The government responsible (e.g. 信阳市人民政府) and its division.
    pub government: String,
    pub jurisdiction: DivisionCode,
    pub status: ZoneStatus,
    pub applied: Option<ZoneStep>,
    /// Approved for preparation: the step, and the period's last day.
    pub preparing: Option<ZoneStep>,
    pub preparation_ends: Option<NaiveDate>,
    pub accepted: Option<ZoneStep>,
    pub revoked: Option<ZoneStep>,
    /// The key of the bureau's KPI rule set it is measured against.
    pub kpi_set: Option<String>,
    pub notes: Option<String>,
}

impl crate::record::Lifecycle for Zone {
    /// All attributes: its status and steps are edited on its form.
    fn take_lifecycle(&mut self, current: &Self) {
        let Zone {
            gi_id: _,
            name: _,
            government: _,
            jurisdiction: _,
            status: _,
            applied: _,
            preparing: _,
            preparation_ends: _,
            accepted: _,
            revoked: _,
            kpi_set: _,
            notes: _,
        } = current;
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct ZoneInput {
    pub gi: String,
    /// Defaults to the GI's name and 地理标志产品保护示范区.
    pub name: Option<String>,
    pub government: String,
    pub jurisdiction: Option<String>,
    pub status: String,
    pub applied_on: Option<String>,
    pub applied_doc: Option<String>,
    pub preparing_on: Option<String>,
    pub preparing_doc: Option<String>,
    pub preparation_ends: Option<String>,
    pub accepted_on: Option<String>,
    pub accepted_doc: Option<String>,
    pub revoked_on: Option<String>,
    pub revoked_doc: Option<String>,
    pub kpi_set: Option<String>,
    pub notes: Option<String>,
}

impl ZoneInput {
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Zone, Violations> {
        let mut v = Violations::default();
        let gi = v.check("gi", || resolve(lookup, RecordKind::Gi, &self.gi));
        let name = v.check("name", || optional_text(self.name.as_deref(), NAME_MAX));
        let government = v.check("government", || required_text(&self.government, NAME_MAX));
        let jurisdiction = v.check("jurisdiction", || {
            known_division(self.jurisdiction.as_deref(), lookup)?.ok_or_else(Violation::required)
        });
        let status = v.check("status", || {
            if self.status.trim().is_empty() {
                return Err(Violation::required());
            }
            enum_value::<ZoneStatus>(&self.status, &ZoneStatus::KEYS)
        });
        let mut step = |on: &Option<String>, doc: &Option<String>, field: &str| {
            let day = v.check(field, || optional_date(on.as_deref()))?;
            let doc_field = field.replace("_on", "_doc");
            let doc = v.check(&doc_field, || optional_text(doc.as_deref(), LINE_MAX))?;
            match (day, doc) {
                (Some(on), document_no) => Some(Some(ZoneStep { on, document_no })),
                (None, Some(_)) => {
                    v.push(Violation::required().at(field));
                    None
                }
                (None, None) => Some(None),
            }
        };
        let applied = step(&self.applied_on, &self.applied_doc, "applied_on");
        let preparing = step(&self.preparing_on, &self.preparing_doc, "preparing_on");
        let accepted = step(&self.accepted_on, &self.accepted_doc, "accepted_on");
        let revoked = step(&self.revoked_on, &self.revoked_doc, "revoked_on");
        let preparation_ends = v.check("preparation_ends", || {
            optional_date(self.preparation_ends.as_deref())
        });
        // The status needs its own step; the steps run in order.
        if let Some(s) = status {
            let (field, have) = match s {
                ZoneStatus::Applied => ("applied_on", applied.as_ref().map(Option::is_some)),
                ZoneStatus::Preparing => ("preparing_on", preparing.as_ref().map(Option::is_some)),
                ZoneStatus::Accepted => ("accepted_on", accepted.as_ref().map(Option::is_some)),
                ZoneStatus::Revoked => ("revoked_on", revoked.as_ref().map(Option::is_some)),
            };
            if have == Some(false) {
                v.push(Violation::required().at(field));
            }
            if s == ZoneStatus::Preparing && preparation_ends == Some(None) {
                v.push(Violation::required().at("preparation_ends"));
            }
        }
        let day = |s: &Option<Option<ZoneStep>>| s.as_ref().and_then(|s| s.as_ref().map(|s| s.on));
        let mut last: Option<NaiveDate> = None;
        for (field, d) in [
            ("applied_on", day(&applied)),
            ("preparing_on", day(&preparing)),
            ("preparation_ends", preparation_ends.flatten()),
            ("accepted_on", day(&accepted)),
        ] {
            if let Some(d) = d {
                if let Some(l) = last
                    && d < l
                {
                    v.push(Violation::date_order(l, d).at(field));
                }
                last = Some(d);
            }
        }
        let kpi_set = v.check("kpi_set", || optional_text(self.kpi_set.as_deref(), 32));
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| {
            let gi = gi.unwrap();
            Zone {
                gi_id: gi,
                name: name.unwrap().unwrap_or_else(|| {
                    let gi_name = lookup
                        .code_and_name(RecordKind::Gi, gi)
                        .map(|(_, n)| n)
                        .unwrap_or_default();
                    format!("{gi_name}国家地理标志产品保护示范区")
                }),
                government: government.unwrap(),
                jurisdiction: jurisdiction.unwrap(),
                status: status.unwrap(),
                applied: applied.unwrap(),
                preparing: preparing.unwrap(),
                preparation_ends: preparation_ends.unwrap(),
                accepted: accepted.unwrap(),
                revoked: revoked.unwrap(),
                kpi_set: kpi_set.unwrap(),
                notes: notes.unwrap(),
            }
        })
    }
}

impl Zone {
    pub fn to_input(&self, lookup: &dyn Lookup) -> ZoneInput {
        let on = |s: &Option<ZoneStep>| s.as_ref().map(|s| s.on.to_string());
        let doc = |s: &Option<ZoneStep>| s.as_ref().and_then(|s| s.document_no.clone());
        ZoneInput {
            gi: show_ref(lookup, RecordKind::Gi, self.gi_id),
            name: Some(self.name.clone()),
            government: self.government.clone(),
            jurisdiction: Some(self.jurisdiction.to_string()),
            status: self.status.key().to_owned(),
            applied_on: on(&self.applied),
            applied_doc: doc(&self.applied),
            preparing_on: on(&self.preparing),
            preparing_doc: doc(&self.preparing),
            preparation_ends: self.preparation_ends.map(|d| d.to_string()),
            accepted_on: on(&self.accepted),
            accepted_doc: doc(&self.accepted),
            revoked_on: on(&self.revoked),
            revoked_doc: doc(&self.revoked),
            kpi_set: self.kpi_set.clone(),
            notes: self.notes.clone(),
        }
    }

    /// What a clerk must see: a preparation period that ended with no result recorded.
    pub fn warnings(&self, today: NaiveDate) -> Vec<Bilingual> {
        let mut out = vec![];
        if self.status == ZoneStatus::Preparing
            && let Some(end) = self.preparation_ends
            && end < today
        {
            out.push(Bilingual::new(
                format!("筹建期已届满，结果未录入（筹建期至 {end}）"),
                format!("the preparation period ended on {end} and no result is recorded"),
            ));
        }
        out
    }
}

/// A bureau's KPI rule set for demonstration zones (e.g. a province's criteria): bureau data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct KpiRules {
    /// At least this many active authorised users.
    pub min_users: Option<i64>,
    /// At least this share of the area's producers authorised, in per cent.
    pub min_authorised_pct: Option<i64>,
    /// Output value at least this (fen).
    pub min_output: Option<Fen>,
    /// Output value at least this share of the sector's, in per cent.
    pub min_sector_pct: Option<i64>,
}

/// The KPIs as they are read.
pub const KPIS: [&str; 4] = [
    "min_users",
    "min_authorised_pct",
    "min_output",
    "min_sector_pct",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct KpiRulesInput {
    pub min_users: Option<String>,
    pub min_authorised_pct: Option<String>,
    /// In yuan.
    pub min_output: Option<String>,
    pub min_sector_pct: Option<String>,
}

impl KpiRulesInput {
    pub fn parse(&self) -> Result<KpiRules, Violations> {
        let mut v = Violations::default();
        let count = |s: &Option<String>| -> Result<Option<i64>, Violation> {
            s.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_value(s, false))
                .transpose()
        };
        let pct = |s: &Option<String>| -> Result<Option<i64>, Violation> {
            let p = count(s)?;
            if let Some(p) = p
                && p > 100
            {
                return Err(Violation::number_format(p.to_string()));
            }
            Ok(p)
        };
        let min_users = v.check("min_users", || count(&self.min_users));
        let min_authorised_pct = v.check("min_authorised_pct", || pct(&self.min_authorised_pct));
        let min_output = v.check("min_output", || optional_yuan(&self.min_output));
        let min_sector_pct = v.check("min_sector_pct", || pct(&self.min_sector_pct));
        v.finish(|| KpiRules {
            min_users: min_users.unwrap(),
            min_authorised_pct: min_authorised_pct.unwrap(),
            min_output: min_output.unwrap(),
            min_sector_pct: min_sector_pct.unwrap(),
        })
    }
}

/// One KPI of a zone: what is required, what the records show, whether it is met, and what is
/// missing to tell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Kpi {
    pub key: String,
    pub required: i64,
    pub actual: Option<i64>,
    /// `None` when a figure it needs is missing.
    pub met: Option<bool>,
    pub missing: Option<Bilingual>,
}

impl KpiRules {
    /// The KPIs of a zone whose GI has `users` active authorised users, read against the GI's
    /// statistics for the latest year recorded (`stats`).
    pub fn evaluate(&self, users: i64, stats: Option<&GiYearStat>) -> Vec<Kpi> {
        let no_stats = |what_zh: &str, what_en: &str| {
            Bilingual::new(
                match stats {
                    Some(s) => format!("{} 年统计数据缺少{what_zh}", s.year),
                    None => format!("尚未录入年度统计数据（{what_zh}）"),
                },
                match stats {
                    Some(s) => format!("the {} statistics have no {what_en}", s.year),
                    None => format!("no yearly statistics recorded ({what_en})"),
                },
            )
        };
        let mut out = vec![];
        if let Some(min) = self.min_users {
            out.push(Kpi {
                key: "min_users".into(),
                required: min,
                actual: Some(users),
                met: Some(users >= min),
                missing: None,
            });
        }
        if let Some(min) = self.min_authorised_pct {
            let producers = stats.and_then(|s| s.producers).filter(|p| *p > 0);
            out.push(match producers {
                Some(p) => Kpi {
                    key: "min_authorised_pct".into(),
                    required: min,
                    actual: Some(users * 100 / p),
                    met: Some(users * 100 >= min * p),
                    missing: None,
                },
                None => Kpi {
                    key: "min_authorised_pct".into(),
                    required: min,
                    actual: None,
                    met: None,
                    missing: Some(no_stats(
                        "产区生产者数量",
                        "number of producers in the area",
                    )),
                },
            });
        }
        if let Some(min) = self.min_output {
            let output = stats.and_then(|s| s.output_value);
            out.push(Kpi {
                key: "min_output".into(),
                required: min.0,
                actual: output.map(|o| o.0),
                met: output.map(|o| o >= min),
                missing: output.is_none().then(|| no_stats("产值", "output value")),
            });
        }
        if let Some(min) = self.min_sector_pct {
            let pair =
                stats.and_then(|s| Some((s.output_value?, s.sector_output.filter(|f| f.0 > 0)?)));
            out.push(match pair {
                Some((o, sector)) => Kpi {
                    key: "min_sector_pct".into(),
                    required: min,
                    actual: Some(
                        i64::try_from(i128::from(o.0) * 100 / i128::from(sector.0))
                            .unwrap_or(i64::MAX),
                    ),
                    met: Some(i128::from(o.0) * 100 >= i128::from(min) * i128::from(sector.0)),
                    missing: None,
                },
                None => Kpi {
                    key: "min_sector_pct".into(),
                    required: min,
                    actual: None,
                    met: None,
                    missing: Some(no_stats(
                        "产值或行业总产值",
                        "output or the sector's output",
                    )),
                },
            });
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// GI yearly statistics

/// A GI product's figures for a year (地理标志产业统计).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct GiYearStat {
    pub year: i32,
    /// Producers (enterprises, cooperatives, households) in the production area.
    pub producers: Option<i64>,
    /// 产值.
    pub output_value: Option<Fen>,
    /// The sector's output value in the area (行业总产值), for the KPI's share.
    pub sector_output: Option<Fen>,
    /// 种植面积 in mu, where it applies.
    pub area_mu: Option<i64>,
    /// 存栏/出栏 head count, where it applies.
    pub head_count: Option<i64>,
    /// 电商销售额.
    pub e_commerce: Option<Fen>,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct GiYearStatInput {
    pub year: String,
    pub producers: Option<String>,
    /// Money in yuan.
    pub output_value: Option<String>,
    pub sector_output: Option<String>,
    pub area_mu: Option<String>,
    pub head_count: Option<String>,
    pub e_commerce: Option<String>,
    pub source: String,
}

impl GiYearStatInput {
    pub fn parse(&self) -> Result<GiYearStat, Violations> {
        let mut v = Violations::default();
        let year = v.check("year", || {
            let y = parse_value(&self.year, false)?;
            if !(1990..=2100).contains(&y) {
                return Err(Violation::number_format(self.year.trim()));
            }
            Ok(y as i32)
        });
        let count = |s: &Option<String>| {
            s.as_deref()
                .filter(|s| !s.trim().is_empty())
                .map(|s| parse_value(s, false))
                .transpose()
        };
        let producers = v.check("producers", || count(&self.producers));
        let output = v.check("output_value", || optional_yuan(&self.output_value));
        let sector_output = v.check("sector_output", || optional_yuan(&self.sector_output));
        let area_mu = v.check("area_mu", || count(&self.area_mu));
        let head_count = v.check("head_count", || count(&self.head_count));
        let e_commerce = v.check("e_commerce", || optional_yuan(&self.e_commerce));
        let source = v.check("source", || required_text(&self.source, LINE_MAX));
        if let (Some(Some(o)), Some(Some(s))) = (output, sector_output)
            && o > s
        {
            v.push(Violation::output_over_sector(o.to_string(), s.to_string()).at("output_value"));
        }
        v.finish(|| GiYearStat {
            year: year.unwrap(),
            producers: producers.unwrap(),
            output_value: output.unwrap(),
            sector_output: sector_output.unwrap(),
            area_mu: area_mu.unwrap(),
            head_count: head_count.unwrap(),
            e_commerce: e_commerce.unwrap(),
            source: source.unwrap(),
        })
    }
}

impl GiYearStat {
    pub fn to_input(&self) -> GiYearStatInput {
        let n = |v: Option<i64>| v.map(|v| v.to_string());
        let y = |v: Option<Fen>| v.map(|f| plain_value(f.0, true));
        GiYearStatInput {
            year: self.year.to_string(),
            producers: n(self.producers),
            output_value: y(self.output_value),
            sector_output: y(self.sector_output),
            area_mu: n(self.area_mu),
            head_count: n(self.head_count),
            e_commerce: y(self.e_commerce),
            source: self.source.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn target(measure: Measure, baseline: i64, target: i64) -> Target {
        Target {
            title: "t".into(),
            paragraph: None,
            jurisdiction: DivisionCode::parse("411500").unwrap(),
            starts_on: d("2021-01-01"),
            ends_on: d("2023-12-31"),
            metric: Metric::Manual,
            measure,
            baseline,
            target,
            unit: None,
            notes: None,
            values: vec![],
        }
    }

    #[test]
    fn on_track_follows_the_elapsed_share_of_the_period() {
        // ¥300m over 2021–2023 (1,095 days): by 2022-06-30 (546 days) ¥149.6m is expected.
        let t = target(Measure::Cumulative, 0, 300_000_000);
        let p = t.progress(149_589_041, d("2022-06-30"));
        assert_eq!((p.elapsed_days, p.period_days), (546, 1095));
        assert_eq!(p.expected, 149_589_042);
        assert!(!p.on_track);
        assert!(t.progress(149_589_042, d("2022-06-30")).on_track);
        assert_eq!(t.progress(150_000_000, d("2022-06-30")).percent, 50);
        // Before the start nothing is expected; after the end all of it.
        assert_eq!(t.progress(0, d("2020-05-01")).expected, 0);
        assert!(t.progress(0, d("2020-05-01")).on_track);
        let after = t.progress(299_999_999, d("2026-01-01"));
        assert_eq!((after.expected, after.on_track), (300_000_000, false));
        // A stock starts from its baseline: 10 → 20, half-way expects 15.
        let s = Target {
            starts_on: d("2021-01-01"),
            ends_on: d("2021-01-10"),
            ..target(Measure::Stock, 10, 20)
        };
        let p = s.progress(15, d("2021-01-05"));
        assert_eq!((p.expected, p.on_track, p.percent), (15, true, 75));
        assert!(!s.progress(14, d("2021-01-05")).on_track);
    }

    #[test]
    fn manual_values_are_by_year_within_the_period() {
        let mut t = target(Measure::Cumulative, 0, 10);
        t.set_value(2021, "3", "省局公布名单").unwrap();
        t.set_value(2022, "4", "省局公布名单").unwrap();
        t.set_value(2021, "2", "更正").unwrap();
        assert_eq!(t.manual_value(d("2022-12-31")), 6);
        assert_eq!(t.manual_value(d("2021-12-31")), 2);
        let e = t.set_value(2024, "1", "x").unwrap_err();
        assert_eq!(e.0[0].field.as_deref(), Some("year"));
        let e = t.set_value(2023, "-1", "").unwrap_err();
        let fields: Vec<&str> = e.0.iter().filter_map(|v| v.field.as_deref()).collect();
        assert_eq!(fields, ["value", "source"]);
        t.measure = Measure::Stock;
        assert_eq!(t.manual_value(d("2023-06-01")), 4);
    }

    #[test]
    fn kpis_say_what_is_missing() {
        let rules = KpiRules {
            min_users: Some(5),
            min_authorised_pct: Some(50),
            min_output: Some(Fen(10_000_000_000)),
            min_sector_pct: Some(50),
        };
        let k = rules.evaluate(4, None);
        assert_eq!(k[0].met, Some(false));
        assert!(
            k[1..]
                .iter()
                .all(|k| k.met.is_none() && k.missing.is_some())
        );
        let stats = GiYearStat {
            year: 2025,
            producers: Some(8),
            output_value: Some(Fen(12_000_000_000)),
            sector_output: Some(Fen(20_000_000_000)),
            area_mu: None,
            head_count: None,
            e_commerce: None,
            source: "统计公报".into(),
        };
        let k = rules.evaluate(4, Some(&stats));
        let met: Vec<Option<bool>> = k.iter().map(|k| k.met).collect();
        assert_eq!(met, [Some(false), Some(true), Some(true), Some(true)]);
        assert_eq!(k[3].actual, Some(60));
    }
}
