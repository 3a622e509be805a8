//! Trademark term and renewal (Trademark Law art. 39, 40).
//!
//! A registration runs 10 years from the registration date: its last day (expiry) is the day
//! before the 10th anniversary. The renewal window opens 12 months before expiry (the day after
//! expiry − 12 months, i.e. the 9th anniversary); the grace period ends 6 months after expiry on
//! the corresponding day, or the last day of the month where there is none. A recorded renewal
//! starts the next 10-year term on the day after expiry.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date::{add_days, add_months, anniversary};

/// The dates of one 10-year term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Term {
    pub starts: NaiveDate,
    pub expires: NaiveDate,
    pub window_opens: NaiveDate,
    pub grace_ends: NaiveDate,
}

/// Where a registration stands on a given day, computed on its current term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum RenewalStatus {
    /// In force, renewal window not yet open.
    Registered,
    /// In force, within the 12 months before expiry.
    RenewalDue,
    /// Expired, within the 6-month grace period: renewal still possible.
    InGrace,
    /// Past the grace period without renewal.
    Lapsed,
}

impl RenewalStatus {
    pub fn key(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::RenewalDue => "renewal_due",
            Self::InGrace => "in_grace",
            Self::Lapsed => "lapsed",
        }
    }
}

impl Term {
    /// The term starting on `starts`.
    pub fn starting(starts: NaiveDate) -> Self {
        let expires = add_days(anniversary(starts, 10), -1);
        Self {
            starts,
            expires,
            window_opens: add_days(add_months(expires, -12), 1),
            grace_ends: add_months(expires, 6),
        }
    }

    /// The current term of a mark registered on `registered` and renewed `renewals` times.
    pub fn current(registered: NaiveDate, renewals: u32) -> Self {
        let mut term = Self::starting(registered);
        for _ in 0..renewals {
            term = term.next();
        }
        term
    }

    /// The term a recorded renewal starts: from the day after this term's expiry.
    pub fn next(&self) -> Self {
        Self::starting(add_days(self.expires, 1))
    }

    pub fn status_on(&self, today: NaiveDate) -> RenewalStatus {
        if today < self.window_opens {
            RenewalStatus::Registered
        } else if today <= self.expires {
            RenewalStatus::RenewalDue
        } else if today <= self.grace_ends {
            RenewalStatus::InGrace
        } else {
            RenewalStatus::Lapsed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn renewal_table_from_the_foundation_issue() {
        let table = [
            ("2016-03-07", "2026-03-06", "2025-03-07", "2026-09-06"),
            ("2020-02-29", "2030-02-28", "2029-03-01", "2030-08-28"),
            ("2019-08-31", "2029-08-30", "2028-08-31", "2030-02-28"),
        ];
        for (registered, expires, window, grace) in table {
            let t = Term::current(d(registered), 0);
            assert_eq!(t.expires, d(expires), "expiry of {registered}");
            assert_eq!(t.window_opens, d(window), "window of {registered}");
            assert_eq!(t.grace_ends, d(grace), "grace of {registered}");
        }
    }

    #[test]
    fn renewal_starts_next_term_on_day_after_expiry() {
        let t = Term::current(d("2016-03-07"), 1);
        assert_eq!(t.starts, d("2026-03-07"));
        assert_eq!(t.expires, d("2036-03-06"));
        let leap = Term::current(d("2020-02-29"), 1);
        assert_eq!(leap.starts, d("2030-03-01"));
        assert_eq!(leap.expires, d("2040-02-29"));
    }

    #[test]
    fn renewal_status_on_each_boundary() {
        let t = Term::current(d("2016-03-07"), 0);
        assert_eq!(t.status_on(d("2025-03-06")), RenewalStatus::Registered);
        assert_eq!(t.status_on(d("2025-03-07")), RenewalStatus::RenewalDue);
        assert_eq!(t.status_on(d("2026-03-06")), RenewalStatus::RenewalDue);
        assert_eq!(t.status_on(d("2026-03-07")), RenewalStatus::InGrace);
        assert_eq!(t.status_on(d("2026-09-06")), RenewalStatus::InGrace);
        assert_eq!(t.status_on(d("2026-09-07")), RenewalStatus::Lapsed);
        assert_eq!(
            t.next().status_on(d("2026-09-07")),
            RenewalStatus::Registered
        );
    }
}
