//! Deadlines: trademark renewals and yearly use reports due within a horizon, or overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// The last day to act.
    pub due_on: NaiveDate,
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
) -> Option<Deadline> {
    let term = tm.current_term()?;
    let make = |kind, due_on: NaiveDate, detail: String| Deadline {
        kind,
        code: code.to_owned(),
        name: tm.name.clone(),
        due_on,
        days_left: (due_on - today).num_days(),
        overdue: due_on < today,
        detail,
    };
    match tm.standing_on(today) {
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
        Standing::InGrace => Some(make(
            DeadlineKind::RenewalGrace,
            term.grace_ends,
            term.expires.to_string(),
        )),
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
            days_left: (r.due_on - today).num_days(),
            overdue: r.due_on < today,
            detail: r.year.to_string(),
        })
        .collect()
}
