//! Deadlines: trademark renewals and yearly use reports due within a horizon, or overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Deadline {
    pub kind: DeadlineKind,
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
}

/// Renewal deadlines of a trademark, as seen on `today` with the horizon `until`.
pub fn trademark_deadlines(
    code: &str,
    tm: &Trademark,
    today: NaiveDate,
    until: NaiveDate,
    cal: &WorkingCalendar,
) -> Option<Deadline> {
    let term = tm.current_term(cal)?;
    let make = |kind, due_on: NaiveDate, detail: String| Deadline {
        kind,
        code: code.to_owned(),
        name: tm.name.clone(),
        due_on,
        due_on_nominal: None,
        calendar_year_missing: None,
        days_left: (due_on - today).num_days(),
        overdue: due_on < today,
        detail,
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
            code: code.to_owned(),
            name: name.to_owned(),
            due_on: r.due_on,
            due_on_nominal: None,
            calendar_year_missing: None,
            days_left: (r.due_on - today).num_days(),
            overdue: r.due_on < today,
            detail: r.year.to_string(),
        })
        .collect()
}
