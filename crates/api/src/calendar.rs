//! The working-day calendar the legal last days are moved by: the workspace's years, and the
//! shipped years (core) where the workspace has none of its own.

use serde::{Deserialize, Serialize};
use terroir_core::calendar::{CalendarYear, CalendarYearInput, WorkingCalendar, shipped_years};
use terroir_store::tables::{self, StoredCalendarYear};
use terroir_store::{Connection, audit};

use crate::error::{ApiError, Result};
use crate::workspace::Workspace;

/// One year of the calendar as the bureau sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CalendarEntry {
    #[serde(flatten)]
    pub year: CalendarYear,
    /// Shipped with Terroir (not entered in this workspace).
    pub shipped: bool,
    /// When it was entered here or in the workspace it came from (RFC 3339, UTC); `None` for
    /// the shipped years and for years entered before this was kept.
    pub entered_at: Option<String>,
}

/// The years in force: the workspace's, then the shipped ones it does not override.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<CalendarEntry>> {
    let own = tables::calendar_years(conn)?;
    let years: Vec<i32> = own.iter().map(|o| o.year.year).collect();
    let mut out: Vec<CalendarEntry> = shipped_years()
        .into_iter()
        .filter(|s| !years.contains(&s.year))
        .map(|year| CalendarEntry {
            year,
            shipped: true,
            entered_at: None,
        })
        .chain(own.into_iter().map(|o| CalendarEntry {
            year: o.year,
            shipped: false,
            entered_at: Some(o.entered_at).filter(|at| !at.is_empty()),
        }))
        .collect();
    out.sort_by_key(|e| e.year.year);
    Ok(out)
}

pub(crate) fn of(conn: &Connection) -> WorkingCalendar {
    match entries(conn) {
        Ok(e) => WorkingCalendar::new(e.into_iter().map(|e| e.year)),
        // A workspace whose calendar cannot be read still has the shipped years.
        Err(_) => WorkingCalendar::shipped(),
    }
}

impl Workspace {
    /// The calendar in force, for the rules that move a last day.
    pub fn calendar(&self) -> WorkingCalendar {
        of(&self.conn)
    }

    /// Every year of the calendar in force, oldest first.
    pub fn calendar_years(&self) -> Result<Vec<CalendarEntry>> {
        entries(&self.conn)
    }

    /// One year, or `None` when neither the workspace nor Terroir has it.
    pub fn calendar_year(&self, year: i32) -> Result<Option<CalendarEntry>> {
        Ok(entries(&self.conn)?
            .into_iter()
            .find(|e| e.year.year == year))
    }

    /// Enter or replace a year (checked: dates inside the year, none twice, working days on
    /// weekends); audited with the reason.
    pub fn set_calendar_year(
        &mut self,
        year: i32,
        input: &CalendarYearInput,
        reason: Option<&str>,
    ) -> Result<CalendarEntry> {
        let stamp = self.stamp();
        let parsed = input.parse(year)?;
        let tx = terroir_store::begin(&mut self.conn)?;
        // One entry more than the one it replaces (1 when the year is new here).
        let revision = tables::calendar_years(&tx)?
            .into_iter()
            .find(|c| c.year.year == year)
            .map_or(1, |c| c.revision + 1);
        let y = StoredCalendarYear {
            year: parsed,
            revision,
            entered_at: stamp.at.clone(),
        };
        tables::set_calendar_year(&tx, &stamp, &y, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(CalendarEntry {
            year: y.year,
            shipped: false,
            entered_at: Some(y.entered_at),
        })
    }
}

/// What a bundle's calendar year did here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CalendarOutcome {
    /// Not entered here: taken.
    New,
    /// Entered here too, differently, and the bundle's entry is newer: taken.
    Taken,
    /// Entered here too, differently, and this workspace's entry is as new or newer: kept.
    Kept,
}

/// A calendar year of a bundle that is not the same here, and what the merge does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BundleCalendarYear {
    pub year: i32,
    pub outcome: CalendarOutcome,
    /// The bundle's notice and entry time.
    pub theirs_source: String,
    pub theirs_entered_at: String,
    /// This workspace's, when it has the year (shipped or entered).
    pub ours_source: Option<String>,
    pub ours_entered_at: Option<String>,
}

/// Check a bundle's calendar years by the rules of the form: a year that breaks one refuses the
/// bundle, naming the date and the rule.
pub(crate) fn check_bundle_years(years: &[StoredCalendarYear]) -> Result<()> {
    for y in years {
        let iso = |ds: &[chrono::NaiveDate]| ds.iter().map(|d| d.to_string()).collect();
        let input = CalendarYearInput {
            holidays: iso(&y.year.holidays),
            workdays: iso(&y.year.workdays),
            source: Some(y.year.source.clone()),
        };
        input.parse(y.year.year).map_err(|vs| {
            ApiError::from(terroir_core::Violations(
                vs.0.into_iter().map(|v| v.at("calendar")).collect(),
            ))
        })?;
    }
    Ok(())
}

/// Merge a bundle's calendar years (already checked): a year not entered here is taken (unless
/// it is the shipped year unchanged); a year entered on both sides goes to the newer entry (the
/// later revision along the chain of workspaces, then the later entry time: never the clock
/// alone, which differs between machines).
/// Every write is audited with the bundle as the reason.
pub(crate) fn merge_bundle_years(
    conn: &Connection,
    stamp: &audit::Stamp,
    theirs: &[StoredCalendarYear],
    reason: &str,
) -> Result<Vec<BundleCalendarYear>> {
    let stored = tables::calendar_years(conn)?;
    let shipped = shipped_years();
    let mut out = vec![];
    for t in theirs {
        let own = stored.iter().find(|o| o.year.year == t.year.year);
        let ship = shipped.iter().find(|s| s.year == t.year.year);
        let same = match own {
            Some(o) => o.year == t.year,
            None => ship == Some(&t.year),
        };
        if same {
            continue;
        }
        let outcome = match own {
            None => CalendarOutcome::New,
            Some(o) if t.newer_than(o) => CalendarOutcome::Taken,
            Some(_) => CalendarOutcome::Kept,
        };
        if outcome != CalendarOutcome::Kept {
            tables::set_calendar_year(conn, stamp, t, Some(reason))?;
        }
        out.push(BundleCalendarYear {
            year: t.year.year,
            outcome,
            theirs_source: t.year.source.clone(),
            theirs_entered_at: t.entered_at.clone(),
            ours_source: own
                .map(|o| o.year.source.clone())
                .or_else(|| ship.map(|s| s.source.clone())),
            ours_entered_at: own
                .map(|o| o.entered_at.clone())
                .filter(|at| !at.is_empty()),
        });
    }
    Ok(out)
}
