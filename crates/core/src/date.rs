//! Calendar arithmetic for legal terms, and dates as clerks type them.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::{Result, Violation};
use crate::text::half_width;

/// The `years`-th anniversary of `date`. The anniversary of 29 February in a common year is
/// 1 March.
pub fn anniversary(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date.year() + years as i32;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 3, 1).expect("1 March exists"))
}

/// `date` moved by `months` (may be negative); where the target month has no corresponding day,
/// the last day of that month (Civil Code art. 202).
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let m = Months::new(months.unsigned_abs());
    // chrono clamps to the last day of the month, which is the rule we want.
    if months >= 0 {
        date.checked_add_months(m)
    } else {
        date.checked_sub_months(m)
    }
    .expect("date within chrono's range")
}

pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date + Days::new(days as u64)
    } else {
        date - Days::new(days.unsigned_abs())
    }
}

/// Parse a date written as `2019-03-05`, `2019/3/5`, `2019.3.5` or `2019年3月5日`, with
/// full-width digits and stray spaces tolerated.
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let err = || Violation::date_format(input.trim());
    let s: String = input
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(Violation::required());
    }
    let s = s.strip_suffix('日').unwrap_or(&s);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts.iter().any(|p| p.is_empty() || p.len() > 4)
    {
        return Err(err());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| err());
    NaiveDate::from_ymd_opt(num(parts[0])? as i32, num(parts[1])?, num(parts[2])?).ok_or_else(err)
}

/// A period such as `90d`, `12w`, `6m`, `1y`, ending at `from + period`.
pub fn parse_horizon(input: &str, from: NaiveDate) -> Result<NaiveDate> {
    let err = || Violation::duration_format(input.trim());
    let s = input.trim().to_ascii_lowercase();
    let (n, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).ok_or_else(err)?);
    let n: u32 = n.parse().map_err(|_| err())?;
    if n > 100_000 {
        return Err(err());
    }
    Ok(match unit {
        "d" => add_days(from, n.into()),
        "w" => add_days(from, i64::from(n) * 7),
        "m" => add_months(from, n as i32),
        "y" => anniversary(from, n),
        _ => return Err(err()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn anniversary_of_29_february_in_a_common_year_is_1_march() {
        assert_eq!(anniversary(d("2020-02-29"), 10), d("2030-03-01"));
        assert_eq!(anniversary(d("2020-02-29"), 4), d("2024-02-29"));
        assert_eq!(anniversary(d("2016-03-07"), 10), d("2026-03-07"));
    }

    #[test]
    fn add_months_takes_last_day_when_no_corresponding_day() {
        assert_eq!(add_months(d("2029-08-30"), 6), d("2030-02-28"));
        assert_eq!(add_months(d("2030-02-28"), -12), d("2029-02-28"));
        assert_eq!(add_months(d("2026-03-31"), -1), d("2026-02-28"));
    }

    #[test]
    fn dates_as_clerks_type_them() {
        for s in [
            "2019-03-05",
            "2019/3/5",
            "2019.3.5",
            "2019年3月5日",
            " ２０１９年３月５日 ",
        ] {
            assert_eq!(parse_date(s).unwrap(), d("2019-03-05"), "{s}");
        }
        for bad in [
            "2019-02-30",
            "19-3-5",
            "2019-3",
            "yesterday",
            "2019-03-05-01",
        ] {
            assert_eq!(parse_date(bad).unwrap_err().rule, Rule::DateFormat, "{bad}");
        }
    }

    #[test]
    fn horizons() {
        let today = d("2026-11-27");
        assert_eq!(parse_horizon("90d", today).unwrap(), d("2027-02-25"));
        assert_eq!(parse_horizon("6m", today).unwrap(), d("2027-05-27"));
        assert_eq!(parse_horizon("1y", today).unwrap(), d("2027-11-27"));
        assert!(parse_horizon("90", today).is_err());
        assert!(parse_horizon("d", today).is_err());
    }
}
