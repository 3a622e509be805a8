//! Trademarks (商标): ordinary, collective and certification marks, GI or not, with their term,
//! renewals, licences, assignments, pledges and termination.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{MAX_MOVE_DAYS, WorkingCalendar};
use crate::date::{add_days, parse_date};
use crate::error::Violations;
use crate::record::{
    LINE_MAX, Lookup, NAME_MAX, RecordId, RecordKind, enum_value, optional_date, optional_text,
    required_text, resolve, show_ref,
};
use crate::term::{RenewalStatus, Term};
use crate::text::Bilingual;
use crate::{Fen, NiceClass, RegNo, Violation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    Ordinary,
    Collective,
    Certification,
}

impl MarkKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Ordinary => "ordinary",
            Self::Collective => "collective",
            Self::Certification => "certification",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Trademark {
    pub reg_no: RegNo,
    /// The mark as words (or a description of a device mark).
    pub name: String,
    pub classes: Vec<NiceClass>,
    pub goods: Option<String>,
    /// The current registrant; assignments change it and are kept in `assignments`.
    pub registrant_id: RecordId,
    pub kind: MarkKind,
    pub gi: bool,
    pub filed_on: Option<NaiveDate>,
    /// `None` while the application is pending (or the date is not known yet).
    pub registered_on: Option<NaiveDate>,
    pub renewals: Vec<Renewal>,
    pub licences: Vec<Licence>,
    pub assignments: Vec<Assignment>,
    pub pledges: Vec<Pledge>,
    pub termination: Option<Termination>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Renewal {
    pub filed_on: NaiveDate,
    pub term_starts: NaiveDate,
    /// Filed after the weekend-only last day of a grace period ending in this year, whose
    /// public holidays were not entered: a past fact, recorded rather than refused, to be
    /// checked once the year is entered (see [`Trademark::renewal_notes`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unverified_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Licence {
    pub licensee_id: RecordId,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// An unrecorded licence cannot be opposed to a good-faith third party (art. 43).
    pub recorded: bool,
    pub recordal_no: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Assignment {
    pub from_id: RecordId,
    pub to_id: RecordId,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Pledge {
    pub pledgee: String,
    pub amount: Fen,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    pub registration_no: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum TerminationKind {
    Cancelled,
    Invalidated,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Termination {
    pub kind: TerminationKind,
    pub on: NaiveDate,
    pub reason: String,
    pub document_no: Option<String>,
}

/// The legal standing of a trademark on a day: pending, terminated, or its renewal status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Pending,
    Registered,
    RenewalDue,
    InGrace,
    Lapsed,
    Cancelled,
    Invalidated,
}

impl Trademark {
    /// The current term (after every recorded renewal), if registered; its grace period's
    /// last day moved by `cal`.
    pub fn current_term(&self, cal: &WorkingCalendar) -> Option<Term> {
        self.registered_on
            .map(|r| Term::current(r, self.renewals.len() as u32, cal))
    }

    /// The current term's expiry, which no calendar moves.
    pub fn expires(&self) -> Option<NaiveDate> {
        self.current_term(&WorkingCalendar::default())
            .map(|t| t.expires)
    }

    pub fn standing_on(&self, today: NaiveDate, cal: &WorkingCalendar) -> Standing {
        if let Some(t) = &self.termination {
            return match t.kind {
                TerminationKind::Cancelled => Standing::Cancelled,
                TerminationKind::Invalidated => Standing::Invalidated,
            };
        }
        match self.current_term(cal).map(|t| t.status_on(today)) {
            None => Standing::Pending,
            Some(RenewalStatus::Registered) => Standing::Registered,
            Some(RenewalStatus::RenewalDue) => Standing::RenewalDue,
            Some(RenewalStatus::InGrace) => Standing::InGrace,
            Some(RenewalStatus::Lapsed) => Standing::Lapsed,
        }
    }

    fn refuse_if_terminated(&self) -> Result<(), Violation> {
        match &self.termination {
            Some(t) => Err(Violation::trademark_terminated(match t.kind {
                TerminationKind::Cancelled => "注销 / cancelled",
                TerminationKind::Invalidated => "宣告无效 / invalidated",
            })),
            None => Ok(()),
        }
    }

    /// Record a renewal filed on `filed_on`, which must fall in the current term's renewal window
    /// or grace period. The next term starts the day after the current one expires.
    pub fn record_renewal(
        &mut self,
        filed_on: NaiveDate,
        cal: &WorkingCalendar,
    ) -> Result<Term, Violation> {
        self.refuse_if_terminated()?;
        let term = self
            .current_term(cal)
            .ok_or_else(|| Violation::required().at("registered_on"))?;
        let status = term.status_on(filed_on);
        // Past the weekend-only last day of a year not entered, but within the longest move a
        // holiday can make: it may well have been on time, so it is kept and flagged.
        let unverified = term.calendar_year_missing.filter(|_| {
            status == RenewalStatus::Lapsed
                && filed_on <= add_days(term.grace_ends_nominal, MAX_MOVE_DAYS)
        });
        if unverified.is_none()
            && !matches!(status, RenewalStatus::RenewalDue | RenewalStatus::InGrace)
        {
            return Err(Violation::flow_order(status.key(), "renew").at("filed_on"));
        }
        let next = term.next(cal);
        self.renewals.push(Renewal {
            filed_on,
            term_starts: next.starts,
            unverified_year: unverified,
        });
        Ok(next)
    }

    /// What a renewal recorded past a weekend-only last day (see [`Renewal::unverified_year`])
    /// needs said under the calendar in force: still unsure while its year is not entered,
    /// late once it is and the legal last day came before the filing, nothing when on time.
    pub fn renewal_notes(&self, cal: &WorkingCalendar) -> Vec<Bilingual> {
        let Some(registered) = self.registered_on else {
            return vec![];
        };
        let mut out = vec![];
        for (i, r) in self.renewals.iter().enumerate() {
            let Some(y) = r.unverified_year else {
                continue;
            };
            let term = Term::current(registered, i as u32, cal);
            let (filed, last) = (r.filed_on, term.grace_ends);
            if term.calendar_year_missing.is_some() {
                out.push(Bilingual::new(
                    format!(
                        "续展递交日 {filed} 晚于仅按周末顺延的宽展期末日 {last}：{y} 年节假日安排未录入，已照实记录，录入后核对是否逾期"
                    ),
                    format!(
                        "the renewal filed on {filed} is later than the grace period's last day moved over weekends only ({last}): the {y} public holidays are not entered; recorded as filed, to be checked once they are"
                    ),
                ));
            } else if filed > last {
                out.push(Bilingual::new(
                    format!(
                        "续展递交日 {filed} 晚于宽展期法定末日 {last}（{y} 年节假日安排已录入）：该续展逾期，请核实"
                    ),
                    format!(
                        "the renewal filed on {filed} is later than the grace period's legal last day {last} (the {y} public holidays are now entered): it was late; please verify"
                    ),
                ));
            }
        }
        out
    }

    /// Assign the mark to `to` on `on`; the registrant changes and the assignment is kept.
    pub fn assign(&mut self, to: RecordId, on: NaiveDate) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        if let Some(last) = self.assignments.last()
            && on < last.on
        {
            return Err(Violation::date_order(last.on, on).at("on"));
        }
        self.assignments.push(Assignment {
            from_id: self.registrant_id,
            to_id: to,
            on,
        });
        self.registrant_id = to;
        Ok(())
    }

    pub fn terminate(&mut self, t: Termination) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        if t.reason.trim().is_empty() {
            return Err(Violation::reason_required().at("reason"));
        }
        self.termination = Some(t);
        Ok(())
    }

    pub fn add_licence(&mut self, l: Licence) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        self.licences.push(l);
        Ok(())
    }

    pub fn add_pledge(&mut self, p: Pledge) -> Result<(), Violation> {
        self.refuse_if_terminated()?;
        self.pledges.push(p);
        Ok(())
    }

    pub fn to_input(&self, lookup: &dyn Lookup) -> TrademarkInput {
        TrademarkInput {
            reg_no: Some(self.reg_no.to_string()),
            name: Some(self.name.clone()),
            classes: self.classes.iter().map(ToString::to_string).collect(),
            goods: self.goods.clone(),
            registrant: Some(show_ref(lookup, RecordKind::Enterprise, self.registrant_id)),
            kind: Some(self.kind.key().into()),
            gi: Some(self.gi),
            filed_on: self.filed_on.map(|d| d.to_string()),
            registered_on: self.registered_on.map(|d| d.to_string()),
            notes: self.notes.clone(),
        }
    }
}

/// The fields of a trademark a clerk edits directly. Renewals, licences, assignments, pledges
/// and termination are recorded through their own actions, which check their rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct TrademarkInput {
    pub reg_no: Option<String>,
    pub name: Option<String>,
    pub classes: Vec<String>,
    pub goods: Option<String>,
    /// Code, id or credit code of the registrant enterprise.
    pub registrant: Option<String>,
    pub kind: Option<String>,
    pub gi: Option<bool>,
    pub filed_on: Option<String>,
    pub registered_on: Option<String>,
    pub notes: Option<String>,
}

impl TrademarkInput {
    /// Parse into a trademark, keeping the events of `existing` (when editing).
    pub fn parse(
        &self,
        lookup: &dyn Lookup,
        existing: Option<&Trademark>,
    ) -> Result<Trademark, Violations> {
        let mut v = Violations::default();
        let reg_no = v.check("reg_no", || {
            RegNo::parse(self.reg_no.as_deref().unwrap_or(""))
        });
        let name = v.check("name", || {
            required_text(self.name.as_deref().unwrap_or(""), NAME_MAX)
        });
        let mut classes = Vec::new();
        for (i, c) in self.classes.iter().enumerate() {
            if let Some(c) = v.check(&format!("classes[{i}]"), || {
                let c = NiceClass::parse(c)?;
                if classes.contains(&c) {
                    return Err(Violation::duplicate_value(c));
                }
                Ok(c)
            }) {
                classes.push(c);
            }
        }
        if self.classes.is_empty() {
            v.push(Violation::required().at("classes"));
        }
        classes.sort();
        let goods = v.check("goods", || {
            optional_text(self.goods.as_deref(), LINE_MAX * 4)
        });
        let registrant = v.check("registrant", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.registrant.as_deref().unwrap_or(""),
            )
        });
        let kind = v.check("kind", || match self.kind.as_deref().map(str::trim) {
            None | Some("") => Ok(MarkKind::Ordinary),
            Some(k) => enum_value(k, &["ordinary", "collective", "certification"]),
        });
        let filed_on = v.check("filed_on", || optional_date(self.filed_on.as_deref()));
        let registered_on = v.check("registered_on", || {
            optional_date(self.registered_on.as_deref())
        });
        if let (Some(Some(f)), Some(Some(r))) = (filed_on, registered_on)
            && r < f
        {
            v.push(Violation::date_order(f, r).at("registered_on"));
        }
        let notes = v.check("notes", || {
            optional_text(self.notes.as_deref(), LINE_MAX * 4)
        });
        v.finish(|| {
            let mut tm = Trademark {
                reg_no: reg_no.unwrap(),
                name: name.unwrap(),
                classes,
                goods: goods.unwrap(),
                registrant_id: registrant.unwrap(),
                kind: kind.unwrap(),
                gi: self.gi.unwrap_or(false),
                filed_on: filed_on.unwrap(),
                registered_on: registered_on.unwrap(),
                renewals: vec![],
                licences: vec![],
                assignments: vec![],
                pledges: vec![],
                termination: None,
                notes: notes.unwrap(),
            };
            if let Some(e) = existing {
                tm.renewals = e.renewals.clone();
                tm.licences = e.licences.clone();
                tm.assignments = e.assignments.clone();
                tm.pledges = e.pledges.clone();
                tm.termination = e.termination.clone();
            }
            tm
        })
    }
}

/// A licence as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct LicenceInput {
    pub licensee: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub recordal_no: Option<String>,
}

impl LicenceInput {
    /// A licence is `recorded` exactly when it has a recordal number.
    pub fn parse(&self, lookup: &dyn Lookup) -> Result<Licence, Violations> {
        let mut v = Violations::default();
        let licensee = v.check("licensee", || {
            resolve(
                lookup,
                RecordKind::Enterprise,
                self.licensee.as_deref().unwrap_or(""),
            )
        });
        let from = v.check("from", || parse_date(self.from.as_deref().unwrap_or("")));
        let to = v.check("to", || optional_date(self.to.as_deref()));
        let recordal_no = v.check("recordal_no", || {
            optional_text(self.recordal_no.as_deref(), NAME_MAX)
        });
        date_order(&mut v, from, to.flatten(), "to");
        v.finish(|| {
            let recordal_no = recordal_no.unwrap();
            Licence {
                licensee_id: licensee.unwrap(),
                from: from.unwrap(),
                to: to.unwrap(),
                recorded: recordal_no.is_some(),
                recordal_no,
            }
        })
    }
}

/// A pledge as typed; `amount` in yuan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct PledgeInput {
    pub pledgee: Option<String>,
    pub amount: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub registration_no: Option<String>,
}

impl PledgeInput {
    pub fn parse(&self) -> Result<Pledge, Violations> {
        let mut v = Violations::default();
        let pledgee = v.check("pledgee", || {
            required_text(self.pledgee.as_deref().unwrap_or(""), NAME_MAX)
        });
        let amount = v.check("amount", || {
            Fen::parse_yuan(self.amount.as_deref().unwrap_or(""))
        });
        let from = v.check("from", || parse_date(self.from.as_deref().unwrap_or("")));
        let to = v.check("to", || optional_date(self.to.as_deref()));
        let registration_no = v.check("registration_no", || {
            optional_text(self.registration_no.as_deref(), NAME_MAX)
        });
        date_order(&mut v, from, to.flatten(), "to");
        v.finish(|| Pledge {
            pledgee: pledgee.unwrap(),
            amount: amount.unwrap(),
            from: from.unwrap(),
            to: to.unwrap(),
            registration_no: registration_no.unwrap(),
        })
    }
}

/// Record a violation when `later` is before `earlier`.
pub fn date_order(
    v: &mut Violations,
    earlier: Option<NaiveDate>,
    later: Option<NaiveDate>,
    field: &str,
) {
    if let (Some(e), Some(l)) = (earlier, later)
        && l < e
    {
        v.push(Violation::date_order(e, l).at(field));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DivisionCode;
    use crate::Rule;
    use uuid::Uuid;

    struct One(RecordId);
    impl Lookup for One {
        fn find(&self, _: RecordKind, key: &str) -> Option<RecordId> {
            (key == "ENT-0001").then_some(self.0)
        }
        fn code_of(&self, _: RecordKind, _: RecordId) -> Option<String> {
            Some("ENT-0001".into())
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

    fn mark(lookup: &One) -> Trademark {
        TrademarkInput {
            reg_no: Some("3047772".into()),
            name: Some("信阳毛尖".into()),
            classes: vec!["30".into()],
            registrant: Some("ENT-0001".into()),
            kind: Some("certification".into()),
            gi: Some(true),
            registered_on: Some("2016-03-07".into()),
            ..Default::default()
        }
        .parse(lookup, None)
        .unwrap()
    }

    #[test]
    fn trademark_input_reports_every_broken_field() {
        let lookup = One(RecordId(Uuid::nil()));
        let errs = TrademarkInput {
            reg_no: Some("12x".into()),
            classes: vec!["30".into(), "30".into(), "46".into()],
            registrant: Some("ENT-0404".into()),
            filed_on: Some("2020-01-02".into()),
            registered_on: Some("2019-01-01".into()),
            ..Default::default()
        }
        .parse(&lookup, None)
        .unwrap_err();
        let got: Vec<_> = errs
            .0
            .iter()
            .map(|e| (e.field.clone().unwrap(), e.rule))
            .collect();
        assert_eq!(
            got,
            vec![
                ("reg_no".into(), Rule::RegNoFormat),
                ("name".into(), Rule::Required),
                ("classes[1]".into(), Rule::DuplicateValue),
                ("classes[2]".into(), Rule::NiceClassRange),
                ("registrant".into(), Rule::ReferenceMissing),
                ("registered_on".into(), Rule::DateOrder),
            ]
        );
    }

    #[test]
    fn renewal_only_in_window_or_grace_and_starts_next_term() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut tm = mark(&lookup);
        assert_eq!(
            tm.standing_on(d("2025-01-01"), &WorkingCalendar::shipped()),
            Standing::Registered
        );
        assert_eq!(
            tm.record_renewal(d("2025-01-01"), &WorkingCalendar::shipped())
                .unwrap_err()
                .rule,
            Rule::FlowOrder
        );
        let next = tm
            .record_renewal(d("2026-05-01"), &WorkingCalendar::shipped())
            .unwrap();
        assert_eq!(next.starts, d("2026-03-07"));
        assert_eq!(
            tm.standing_on(d("2026-09-07"), &WorkingCalendar::shipped()),
            Standing::Registered
        );
    }

    #[test]
    fn a_renewal_past_a_weekend_only_last_day_is_kept_flagged_then_judged_once_entered() {
        let lookup = One(RecordId(Uuid::nil()));
        // Expires 2027-04-04; the grace period nominally ends Monday 2027-10-04, in a year
        // the shipped calendar does not have.
        let fresh = || Trademark {
            registered_on: Some(d("2017-04-05")),
            ..mark(&lookup)
        };
        let cal = WorkingCalendar::shipped();
        let mut tm = fresh();
        // Eleven days late by weekends, within the longest move a holiday can make: kept.
        tm.record_renewal(d("2027-10-15"), &cal).unwrap();
        assert_eq!(tm.renewals[0].unverified_year, Some(2027));
        let notes = tm.renewal_notes(&cal);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].zh.contains("2027 年节假日安排未录入"), "{notes:?}");
        assert!(notes[0].zh.contains("2027-10-04"), "{notes:?}");
        // Past the longest move, it is refused as before.
        assert_eq!(
            fresh()
                .record_renewal(d("2027-10-20"), &cal)
                .unwrap_err()
                .rule,
            Rule::FlowOrder
        );
        // On time it carries no flag.
        let mut on_time = fresh();
        on_time.record_renewal(d("2027-10-04"), &cal).unwrap();
        assert_eq!(on_time.renewals[0].unverified_year, None);

        // Once 2027 is entered: National Day moves the last day to 10-08, so a filing on
        // 10-08 was on time (no note) and one on 10-15 was late (said so).
        let year = |holidays: &[&str]| {
            crate::calendar::CalendarYearInput {
                holidays: holidays.iter().map(|h| h.to_string()).collect(),
                workdays: vec![],
                source: Some("测试".into()),
            }
            .parse(2027)
            .unwrap()
        };
        let entered = WorkingCalendar::new([year(&["10-01..10-07"])]);
        assert_eq!(tm.renewal_notes(&entered).len(), 1);
        assert!(tm.renewal_notes(&entered)[0].zh.contains("逾期"));
        let mut on_the_eighth = fresh();
        on_the_eighth.record_renewal(d("2027-10-08"), &cal).unwrap();
        assert_eq!(on_the_eighth.renewals[0].unverified_year, Some(2027));
        assert!(on_the_eighth.renewal_notes(&entered).is_empty());
    }

    #[test]
    fn terminated_mark_refuses_further_events() {
        let lookup = One(RecordId(Uuid::nil()));
        let mut tm = mark(&lookup);
        let t = Termination {
            kind: TerminationKind::Invalidated,
            on: d("2024-01-01"),
            reason: "".into(),
            document_no: None,
        };
        assert_eq!(
            tm.terminate(t.clone()).unwrap_err().rule,
            Rule::ReasonRequired
        );
        tm.terminate(Termination {
            reason: "无效宣告".into(),
            ..t
        })
        .unwrap();
        assert_eq!(
            tm.standing_on(d("2024-02-01"), &WorkingCalendar::shipped()),
            Standing::Invalidated
        );
        assert_eq!(
            tm.record_renewal(d("2025-05-01"), &WorkingCalendar::shipped())
                .unwrap_err()
                .rule,
            Rule::TrademarkTerminated
        );
    }

    #[test]
    fn licence_is_recorded_exactly_when_it_has_a_recordal_number() {
        let lookup = One(RecordId(Uuid::nil()));
        let l = LicenceInput {
            licensee: Some("ENT-0001".into()),
            from: Some("2024-01-01".into()),
            recordal_no: Some("备案2024-1".into()),
            ..Default::default()
        };
        assert!(l.parse(&lookup).unwrap().recorded);
        let unrecorded = LicenceInput {
            recordal_no: None,
            to: Some("2023-01-01".into()),
            ..l
        };
        assert_eq!(
            unrecorded.parse(&lookup).unwrap_err().0[0].rule,
            Rule::DateOrder
        );
    }
}
