//! The working-day calendar the legal last days are moved by: the workspace's years, and the
//! shipped years (core) where the workspace has none of its own.

use serde::{Deserialize, Serialize};
use terroir_core::calendar::{CalendarYear, CalendarYearInput, WorkingCalendar, shipped_years};
use terroir_store::{Connection, tables};

use crate::error::Result;
use crate::workspace::Workspace;

/// One year of the calendar as the bureau sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CalendarEntry {
    #[serde(flatten)]
    pub year: CalendarYear,
    /// Shipped with Terroir (not entered in this workspace).
    pub shipped: bool,
}

/// The years in force: the workspace's, then the shipped ones it does not override.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<CalendarEntry>> {
    let own = tables::calendar_years(conn)?;
    let years: Vec<i32> = own.iter().map(|o| o.year).collect();
    let mut out: Vec<CalendarEntry> = shipped_years()
        .into_iter()
        .filter(|s| !years.contains(&s.year))
        .map(|year| CalendarEntry {
            year,
            shipped: true,
        })
        .chain(own.into_iter().map(|year| CalendarEntry {
            year,
            shipped: false,
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
        let y = input.parse(year)?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        tables::set_calendar_year(&tx, &stamp, &y, reason)?;
        tx.commit().map_err(terroir_store::Error::from)?;
        Ok(CalendarEntry {
            year: y,
            shipped: false,
        })
    }
}
