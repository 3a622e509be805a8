//! Trademark term and renewal (Trademark Law art. 39, 40).
//!
//! A registration runs 10 years from the registration date: its last day (expiry) is the day
//! before the 10th anniversary, and it never moves (regulations art. 12 para 2). The renewal
//! window opens 12 months before expiry (the day after expiry − 12 months, i.e. the 9th
//! anniversary) and ends at the unmoved expiry. The grace period nominally ends 6 months after
//! expiry on the corresponding day, or the last day of the month where there is none; being a
//! period of para 1, its legal last day is the first working day on or after that
//! ([`crate::calendar`]). A recorded renewal starts the next 10-year term on the day after
//! expiry.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::date::{add_days, add_months, anniversary};

/// The dates of one 10-year term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Term {
    pub starts: NaiveDate,
    pub expires: NaiveDate,
    pub window_opens: NaiveDate,
    /// The legal last day of the grace period: a renewal filed on it is on time.
    pub grace_ends: NaiveDate,
    /// The grace period's nominal last day, before art. 12 para 1 moves it.
    pub grace_ends_nominal: NaiveDate,
    /// The year whose holidays are not entered, if one was needed: only weekends moved it.
    pub calendar_year_missing: Option<i32>,
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
    /// The term starting on `starts`, its grace period's last day moved by `cal`.
    pub fn starting(starts: NaiveDate, cal: &WorkingCalendar) -> Self {
        let expires = add_days(anniversary(starts, 10), -1);
        let grace = cal.last_day(add_months(expires, 6));
        Self {
            starts,
            expires,
            window_opens: add_days(add_months(expires, -12), 1),
            grace_ends: grace.legal,
            grace_ends_nominal: grace.nominal,
            calendar_year_missing: grace.year_not_entered,
        }
    }

    /// The current term of a mark registered on `registered` and renewed `renewals` times.
    pub fn current(registered: NaiveDate, renewals: u32, cal: &WorkingCalendar) -> Self {
        let mut term = Self::starting(registered, cal);
        for _ in 0..renewals {
            term = term.next(cal);
        }
        term
    }

    /// The term a recorded renewal starts: from the day after this term's expiry.
    pub fn next(&self, cal: &WorkingCalendar) -> Self {
        Self::starting(add_days(self.expires, 1), cal)
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

    /// Weekends only, no holidays: the nominal days of these tables fall on working days or
    /// move over a weekend.
    fn none() -> WorkingCalendar {
        WorkingCalendar::default()
    }

    #[test]
    fn renewal_table_from_the_foundation_issue() {
        let table = [
            ("2016-03-07", "2026-03-06", "2025-03-07", "2026-09-06"),
            ("2020-02-29", "2030-02-28", "2029-03-01", "2030-08-28"),
            ("2019-08-31", "2029-08-30", "2028-08-31", "2030-02-28"),
        ];
        for (registered, expires, window, grace) in table {
            let t = Term::current(d(registered), 0, &none());
            assert_eq!(t.expires, d(expires), "expiry of {registered}");
            assert_eq!(t.window_opens, d(window), "window of {registered}");
            assert_eq!(t.grace_ends_nominal, d(grace), "grace of {registered}");
        }
    }

    #[test]
    fn renewal_starts_next_term_on_day_after_expiry() {
        let t = Term::current(d("2016-03-07"), 1, &none());
        assert_eq!(t.starts, d("2026-03-07"));
        assert_eq!(t.expires, d("2036-03-06"));
        let leap = Term::current(d("2020-02-29"), 1, &none());
        assert_eq!(leap.starts, d("2030-03-01"));
        assert_eq!(leap.expires, d("2040-02-29"));
    }

    #[test]
    fn renewal_status_on_each_boundary() {
        let cal = WorkingCalendar::shipped();
        let t = Term::current(d("2016-03-07"), 0, &cal);
        assert_eq!(t.status_on(d("2025-03-06")), RenewalStatus::Registered);
        assert_eq!(t.status_on(d("2025-03-07")), RenewalStatus::RenewalDue);
        assert_eq!(t.status_on(d("2026-03-06")), RenewalStatus::RenewalDue);
        assert_eq!(t.status_on(d("2026-03-07")), RenewalStatus::InGrace);
        // The grace period nominally ends on Sunday 2026-09-06; by art. 12 para 1 its last
        // day is Monday 2026-09-07.
        assert_eq!(t.grace_ends_nominal, d("2026-09-06"));
        assert_eq!(t.grace_ends, d("2026-09-07"));
        assert_eq!(t.status_on(d("2026-09-06")), RenewalStatus::InGrace);
        assert_eq!(t.status_on(d("2026-09-07")), RenewalStatus::InGrace);
        assert_eq!(t.status_on(d("2026-09-08")), RenewalStatus::Lapsed);
        assert_eq!(
            t.next(&cal).status_on(d("2026-09-08")),
            RenewalStatus::Registered
        );
    }

    #[test]
    fn the_term_never_moves_and_the_grace_period_moves_over_holidays() {
        let cal = WorkingCalendar::shipped();
        // Registered 2015-08-17: expires Saturday 2025-08-16 (unmoved); grace nominally ends
        // Monday 2026-02-16, in Spring Festival 2026, and legally on Tuesday 2026-02-24.
        let t = Term::current(d("2015-08-17"), 0, &cal);
        assert_eq!(t.expires, d("2025-08-16"));
        assert_eq!(t.grace_ends_nominal, d("2026-02-16"));
        assert_eq!(t.grace_ends, d("2026-02-24"));
        assert_eq!(t.status_on(d("2026-02-24")), RenewalStatus::InGrace);
        assert_eq!(t.status_on(d("2026-02-25")), RenewalStatus::Lapsed);
        // Grace nominally ending on National Day 2025 (Friday 2025-10-03) ends 2025-10-09.
        let t = Term::current(d("2015-04-04"), 0, &cal);
        assert_eq!(t.grace_ends_nominal, d("2025-10-03"));
        assert_eq!(t.grace_ends, d("2025-10-09"));
        // A working Saturday (2026-02-28) is a last day as it is.
        let t = Term::current(d("2015-08-29"), 0, &cal);
        assert_eq!(t.grace_ends_nominal, d("2026-02-28"));
        assert_eq!(t.grace_ends, d("2026-02-28"));
        assert_eq!(t.calendar_year_missing, None);
        // 2027 has no entry: weekends only, and the term says so.
        let t = Term::current(d("2016-10-03"), 0, &cal);
        assert_eq!(t.grace_ends_nominal, d("2027-04-02"));
        assert_eq!(t.calendar_year_missing, Some(2027));
    }
}
