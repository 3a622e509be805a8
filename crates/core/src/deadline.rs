//! Deadlines: trademark renewals and yearly use reports due within a horizon, or overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::error::Lang;
use crate::text::Bilingual;
use crate::trademark::{Standing, Trademark};
use crate::user::AuthorisedUser;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The renewal window is open or opens before the horizon: renew by expiry.
    Renewal,
    /// Expired, in the grace period: renew by the end of grace or lose the registration.
    RenewalGrace,
    /// A yearly use report is due or overdue.
    UseReport,
}

impl DeadlineKind {
    pub fn key(self) -> &'static str {
        match self {
            Self::Renewal => "renewal",
            Self::RenewalGrace => "renewal_grace",
            Self::UseReport => "use_report",
        }
    }

    /// Its word in the vocabulary.
    pub fn label(self, lang: Lang) -> String {
        crate::vocab::word_or_key("deadlineKind", self.key(), lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The id of the record concerned (stable across workspaces).
    pub id: String,
    /// The code of the record concerned (`TM-0003`, `USR-0012`).
    pub code: String,
    pub name: String,
    /// The last day to act (for a grace period, the legal last day: art. 12 para 1).
    pub due_on: NaiveDate,
    /// The nominal last day, when the calendar moved it to `due_on`.
    pub due_on_nominal: Option<NaiveDate>,
    /// A year whose holidays are not entered decided `due_on`: only weekends moved it.
    pub calendar_year_missing: Option<i32>,
    /// Days from today to `due_on` (negative when overdue).
    pub days_left: i64,
    pub overdue: bool,
    /// For renewals: the day the window opens; for reports: the report year.
    pub detail: String,
    /// The day the term concerned started (renewals): with `id`, what names this deadline.
    pub term_starts: Option<NaiveDate>,
    /// The enterprise to remind: the registrant, or the authorised user's enterprise.
    pub enterprise_id: Option<String>,
    /// Why the last day moved, or that a year's holidays are not entered.
    pub note: Option<Bilingual>,
}

impl Deadline {
    /// What names this deadline in every export (a calendar event's UID): the record and the
    /// term (or report year) it concerns, so two exports name it alike.
    pub fn uid(&self) -> String {
        match self.term_starts {
            Some(t) => format!("{}-{}-{t}@terroir", self.id, self.kind_key()),
            None => format!("{}-{}-{}@terroir", self.id, self.kind_key(), self.detail),
        }
    }

    fn kind_key(&self) -> &'static str {
        match self.kind {
            // A renewal and its grace period are one deadline moving on: the same event.
            DeadlineKind::Renewal | DeadlineKind::RenewalGrace => "renewal",
            DeadlineKind::UseReport => "use-report",
        }
    }
}

/// The note a moved or unsure last day carries, in both languages: one text for the app, the
/// CLI, the lists and the exports.
pub fn last_day_note(
    nominal: NaiveDate,
    legal: NaiveDate,
    missing: Option<i32>,
) -> Option<Bilingual> {
    match (missing, nominal == legal) {
        (Some(y), _) => Some(Bilingual::new(
            format!("{y} 年节假日安排未录入，仅按周末顺延"),
            format!("the {y} public holidays are not entered: moved over weekends only"),
        )),
        (None, false) => Some(Bilingual::new(
            format!(
                "期限末日 {nominal} 为休息日或法定节假日，顺延至 {legal}（商标法实施条例第十二条）"
            ),
            format!(
                "the last day {nominal} is a rest day or public holiday, so it moves to {legal} (Trademark Law Implementing Regulations art. 12)"
            ),
        )),
        (None, true) => None,
    }
}

/// Renewal deadlines of a trademark, as seen on `today` with the horizon `until`.
pub fn trademark_deadlines(
    id: &str,
    code: &str,
    tm: &Trademark,
    today: NaiveDate,
    until: NaiveDate,
    cal: &WorkingCalendar,
) -> Option<Deadline> {
    let term = tm.current_term(cal)?;
    let make = |kind, due_on: NaiveDate, detail: String| Deadline {
        kind,
        id: id.to_owned(),
        code: code.to_owned(),
        name: tm.name.clone(),
        due_on,
        due_on_nominal: None,
        calendar_year_missing: None,
        days_left: (due_on - today).num_days(),
        overdue: due_on < today,
        detail,
        term_starts: Some(term.starts),
        enterprise_id: Some(tm.registrant_id.to_string()),
        note: None,
    };
    match tm.standing_on(today, cal) {
        Standing::Registered if term.window_opens <= until => Some(make(
            DeadlineKind::Renewal,
            term.expires,
            term.window_opens.to_string(),
        )),
        Standing::RenewalDue => Some(make(
            DeadlineKind::Renewal,
            term.expires,
            term.window_opens.to_string(),
        )),
        Standing::InGrace => Some(Deadline {
            due_on_nominal: (term.grace_ends != term.grace_ends_nominal)
                .then_some(term.grace_ends_nominal),
            calendar_year_missing: term.calendar_year_missing,
            note: last_day_note(
                term.grace_ends_nominal,
                term.grace_ends,
                term.calendar_year_missing,
            ),
            ..make(
                DeadlineKind::RenewalGrace,
                term.grace_ends,
                term.expires.to_string(),
            )
        }),
        _ => None,
    }
}

/// Use reports of a user not yet received, due before the horizon (or overdue).
pub fn user_deadlines(
    id: &str,
    code: &str,
    name: &str,
    user: &AuthorisedUser,
    today: NaiveDate,
    until: NaiveDate,
) -> Vec<Deadline> {
    user.use_reports
        .iter()
        .filter(|r| r.received_on.is_none() && r.due_on <= until)
        .map(|r| Deadline {
            kind: DeadlineKind::UseReport,
            id: id.to_owned(),
            code: code.to_owned(),
            name: name.to_owned(),
            due_on: r.due_on,
            due_on_nominal: None,
            calendar_year_missing: None,
            days_left: (r.due_on - today).num_days(),
            overdue: r.due_on < today,
            detail: r.year.to_string(),
            term_starts: None,
            enterprise_id: Some(user.enterprise_id.to_string()),
            note: None,
        })
        .collect()
}
