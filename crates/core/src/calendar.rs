//! The working-day calendar (工作日历) and the legal last day of a period.
//!
//! 商标法实施条例 art. 12 para 1: a period of the Trademark Law or its regulations (all but the
//! registration term) whose last day is a holiday ends on the first working day after it.
//! Holidays are the weekly rest days and the public holidays of the State Council's yearly
//! notice; a weekend day the notice makes a working day (调休上班) is a working day. A year is
//! known only once its notice is out, so the calendar is data the bureau keeps, one entry a
//! year; for a year without one, only weekends move a last day, and the result says so.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::date::{add_days, parse_date};
use crate::error::{Violation, Violations};
use crate::record::{LINE_MAX, optional_text};

/// The most days art. 12 para 1 can move a last day: Spring Festival's week with the weekends
/// around it. A date this far past a weekend-only last day may still have been on time.
pub const MAX_MOVE_DAYS: i64 = 15;

/// One year of the State Council's holiday arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CalendarYear {
    pub year: i32,
    /// Public holidays (放假), weekdays and weekend days alike.
    pub holidays: Vec<NaiveDate>,
    /// Weekend days made working days (调休上班).
    pub workdays: Vec<NaiveDate>,
    /// The notice it is taken from.
    pub source: String,
}

/// A year's calendar as typed: dates as text, `MM-DD` or full dates, ranges `a..b`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarYearInput {
    pub holidays: Vec<String>,
    pub workdays: Vec<String>,
    pub source: Option<String>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl CalendarYearInput {
    /// Parse one year: every date inside `year`, none listed twice (also not as both a
    /// holiday and a working day), every working day a Saturday or Sunday.
    pub fn parse(&self, year: i32) -> Result<CalendarYear, Violations> {
        let mut v = Violations::default();
        let mut seen = BTreeSet::new();
        let mut lists: [Vec<NaiveDate>; 2] = [vec![], vec![]];
        for (li, (field, items)) in [("holidays", &self.holidays), ("workdays", &self.workdays)]
            .into_iter()
            .enumerate()
        {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{field}[{i}]");
                let Some(days) = v.check(&at, || expand(item, year)) else {
                    continue;
                };
                for d in days {
                    if d.year() != year {
                        v.push(Violation::calendar_date(year, d).at(at.clone()));
                    } else if !seen.insert(d) {
                        v.push(Violation::duplicate_value(d).at(at.clone()));
                    } else if li == 1 && !is_weekend(d) {
                        v.push(Violation::calendar_workday(d).at(at.clone()));
                    } else {
                        lists[li].push(d);
                    }
                }
            }
        }
        let source = v.check("source", || {
            optional_text(self.source.as_deref(), LINE_MAX)?.ok_or(Violation::required())
        });
        let [holidays, workdays] = lists;
        v.finish(|| CalendarYear {
            year,
            holidays,
            workdays,
            source: source.unwrap(),
        })
    }
}

/// One item of a list: a date (`2026-02-15`, or `02-15` within `year`) or a range `a..b`.
fn expand(item: &str, year: i32) -> Result<Vec<NaiveDate>, Violation> {
    let day = |s: &str| -> Result<NaiveDate, Violation> {
        let s = s.trim();
        let full = if s.len() <= 5 && s.contains('-') {
            format!("{year}-{s}")
        } else {
            s.to_owned()
        };
        parse_date(&full)
    };
    match item.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (day(a)?, day(b)?);
            if b < a || (b - a).num_days() > 31 {
                return Err(Violation::date_order(a, b));
            }
            Ok(a.iter_days().take_while(|d| *d <= b).collect())
        }
        None => Ok(vec![day(item)?]),
    }
}

impl CalendarYear {
    /// Back to the form the clerk typed it in: one item a date.
    pub fn to_input(&self) -> CalendarYearInput {
        let fmt = |ds: &[NaiveDate]| ds.iter().map(|d| d.format("%m-%d").to_string()).collect();
        CalendarYearInput {
            holidays: fmt(&self.holidays),
            workdays: fmt(&self.workdays),
            source: Some(self.source.clone()),
        }
    }
}

/// The legal last day of a period, with why it differs from the nominal one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LastDay {
    /// The first working day on or after the nominal last day.
    pub legal: NaiveDate,
    pub nominal: NaiveDate,
    /// A year between the two (or the nominal day's) without an entry: only weekends moved it.
    pub year_not_entered: Option<i32>,
}

/// The calendar: the years the bureau has entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingCalendar {
    years: BTreeMap<i32, (BTreeSet<NaiveDate>, BTreeSet<NaiveDate>)>,
}

impl WorkingCalendar {
    pub fn new(years: impl IntoIterator<Item = CalendarYear>) -> Self {
        Self {
            years: years
                .into_iter()
                .map(|y| {
                    (
                        y.year,
                        (
                            y.holidays.into_iter().collect(),
                            y.workdays.into_iter().collect(),
                        ),
                    )
                })
                .collect(),
        }
    }

    /// The years Terroir ships, from the State Council notices (domain reference).
    pub fn shipped() -> Self {
        Self::new(shipped_years())
    }

    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.years.get(&d.year()) {
            Some((holidays, workdays)) => {
                workdays.contains(&d) || (!holidays.contains(&d) && !is_weekend(d))
            }
            None => !is_weekend(d),
        }
    }

    /// Art. 12 para 1: the first working day on or after `nominal`.
    pub fn last_day(&self, nominal: NaiveDate) -> LastDay {
        let mut d = nominal;
        let mut missing = (!self.has_year(d.year())).then_some(d.year());
        // The longest run of days off (Spring Festival with a weekend) is under three weeks.
        for _ in 0..40 {
            if self.is_working_day(d) {
                break;
            }
            d = add_days(d, 1);
            if missing.is_none() && !self.has_year(d.year()) {
                missing = Some(d.year());
            }
        }
        LastDay {
            legal: d,
            nominal,
            year_not_entered: missing,
        }
    }
}

/// 2025 (国办发明电〔2024〕12号) and 2026 (notice of 2025-11-04), as domain.md lists them.
pub fn shipped_years() -> Vec<CalendarYear> {
    let year = |y: i32, off: &[&str], on: &[&str], source: &str| {
        CalendarYearInput {
            holidays: off.iter().map(|s| (*s).to_owned()).collect(),
            workdays: on.iter().map(|s| (*s).to_owned()).collect(),
            source: Some(source.to_owned()),
        }
        .parse(y)
        .expect("the shipped calendars are valid (tested)")
    };
    vec![
        year(
            2025,
            &[
                "01-01",
                "01-28..02-04",
                "04-04..04-06",
                "05-01..05-05",
                "05-31..06-02",
                "10-01..10-08",
            ],
            &["01-26", "02-08", "04-27", "09-28", "10-11"],
            "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        ),
        year(
            2026,
            &[
                "01-01..01-03",
                "02-15..02-23",
                "04-04..04-06",
                "05-01..05-05",
                "06-19..06-21",
                "09-25..09-27",
                "10-01..10-07",
            ],
            &["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"],
            "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn shipped_years_parse_and_know_their_days() {
        let cal = WorkingCalendar::shipped();
        // Spring Festival 2026: 02-15..02-23 off, Saturday 02-14 and 02-28 working.
        assert!(!cal.is_working_day(d("2026-02-16")));
        assert!(cal.is_working_day(d("2026-02-14")));
        assert!(cal.is_working_day(d("2026-02-28")));
        assert!(cal.is_working_day(d("2026-02-24")));
        // National Day 2025 ran to 10-08; Saturday 10-11 was a working day.
        assert!(!cal.is_working_day(d("2025-10-08")));
        assert!(cal.is_working_day(d("2025-10-11")));
    }

    #[test]
    fn a_last_day_moves_to_the_first_working_day() {
        let cal = WorkingCalendar::shipped();
        let moved = |s: &str| cal.last_day(d(s)).legal;
        // A Sunday moves to Monday.
        assert_eq!(moved("2026-09-06"), d("2026-09-07"));
        // Into Spring Festival 2026: the first working day after it.
        assert_eq!(moved("2026-02-17"), d("2026-02-24"));
        // National Day 2025 and 2026.
        assert_eq!(moved("2025-10-03"), d("2025-10-09"));
        assert_eq!(moved("2026-10-01"), d("2026-10-08"));
        // A working Saturday does not move.
        assert_eq!(moved("2026-02-28"), d("2026-02-28"));
        assert_eq!(cal.last_day(d("2026-02-28")).year_not_entered, None);
        // 2027 is not entered: weekends only, and it says so.
        let l = cal.last_day(d("2027-10-02"));
        assert_eq!(l.legal, d("2027-10-04"));
        assert_eq!(l.year_not_entered, Some(2027));
    }

    #[test]
    fn bad_calendar_data_is_refused_naming_the_date_and_rule() {
        let input = CalendarYearInput {
            holidays: vec!["01-01".into(), "2026-01-01".into(), "2027-01-01".into()],
            workdays: vec!["02-16".into()],
            source: Some("通知".into()),
        };
        let e = input.parse(2026).unwrap_err();
        let rules: Vec<_> =
            e.0.iter()
                .map(|v| (v.field.clone().unwrap(), v.rule))
                .collect();
        assert!(
            rules.contains(&("holidays[1]".into(), Rule::DuplicateValue)),
            "{rules:?}"
        );
        assert!(
            rules.contains(&("holidays[2]".into(), Rule::CalendarDate)),
            "{rules:?}"
        );
        assert!(
            rules.contains(&("workdays[0]".into(), Rule::CalendarWorkday)),
            "{rules:?}"
        );
        let no_source = CalendarYearInput::default().parse(2027).unwrap_err();
        assert_eq!(no_source.0[0].rule, Rule::Required);
    }
}
