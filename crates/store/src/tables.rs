//! Reference tables (divisions, categories) and workspace metadata.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use terroir_core::calendar::CalendarYear;
use terroir_core::division::{SEED_VERSION, XINYANG};
use terroir_core::{Division, DivisionCode};

use crate::audit::{self, Change, Stamp};
use crate::error::Result;

/// GB/T 43583-2023's five top classes, the seed of the user-maintained category table.
pub const CATEGORY_SEED: &[(&str, &str)] = &[
    ("1", "食用农林产品及食品"),
    ("2", "非食用农林产品"),
    ("3", "中药材"),
    ("4", "手工艺品"),
    ("5", "其他"),
];

pub fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Seed divisions and categories (idempotent).
pub fn seed(conn: &Connection) -> Result<()> {
    for (code, name) in XINYANG {
        conn.execute(
            "INSERT OR IGNORE INTO division (code, name, table_version) VALUES (?1, ?2, ?3)",
            [code, name, &SEED_VERSION],
        )?;
    }
    for (code, name) in CATEGORY_SEED {
        conn.execute(
            "INSERT OR IGNORE INTO category (name, code, seeded) VALUES (?1, ?2, 1)",
            [name, code],
        )?;
    }
    Ok(())
}

pub fn division_known(conn: &Connection, code: &DivisionCode) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM division WHERE code = ?1")?
        .exists([code.as_str()])?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DivisionRow {
    pub code: String,
    pub name: String,
    pub table_version: String,
    pub user_added: bool,
}

pub fn divisions(conn: &Connection) -> Result<Vec<DivisionRow>> {
    let mut stmt =
        conn.prepare("SELECT code, name, table_version, user_added FROM division ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        Ok(DivisionRow {
            code: r.get(0)?,
            name: r.get(1)?,
            table_version: r.get(2)?,
            user_added: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn division_name(conn: &Connection, code: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT name FROM division WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

/// Add or rename a division (the user extends the table); audited.
pub fn put_division(
    conn: &Connection,
    stamp: &Stamp,
    d: &Division,
    table_version: &str,
) -> Result<()> {
    let before: Option<String> = division_name(conn, d.code.as_str())?;
    conn.execute(
        "INSERT INTO division (code, name, table_version, user_added) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, table_version = excluded.table_version",
        [d.code.as_str(), &d.name, table_version],
    )?;
    let after = serde_json::to_string(d)?;
    let before = before.map(|name| serde_json::json!({ "code": d.code, "name": name }).to_string());
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "division",
            entity_id: d.code.as_str(),
            action: if before.is_some() { "update" } else { "insert" },
            before: before.as_deref(),
            after: Some(&after),
            reason: None,
            of_record: false,
        },
    )?;
    Ok(())
}

pub fn category_known(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM category WHERE name = ?1")?
        .exists([name])?)
}

pub fn categories(conn: &Connection) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt =
        conn.prepare("SELECT name, parent FROM category ORDER BY coalesce(code, name)")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The data hash of a record as last exchanged with `source`.
pub fn exchange_seen(conn: &Connection, source: &str, record_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT data_sha256 FROM exchange_seen WHERE source = ?1 AND record_id = ?2",
        )?
        .query_row([source, record_id], |r| r.get(0))
        .optional()?)
}

pub fn set_exchange_seen(
    conn: &Connection,
    source: &str,
    record_id: &str,
    sha: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO exchange_seen (source, record_id, data_sha256) VALUES (?1, ?2, ?3)
         ON CONFLICT (source, record_id) DO UPDATE SET data_sha256 = excluded.data_sha256",
    )?
    .execute([source, record_id, sha])?;
    Ok(())
}

/// A year of the calendar as the workspace holds it, with which entry it is: `revision` counts
/// the entries of the year along the workspaces it travelled through, `entered_at` (RFC 3339,
/// UTC; empty for years entered before it was kept) tells two entries of one revision apart.
/// Between workspaces the newer entry wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCalendarYear {
    #[serde(flatten)]
    pub year: CalendarYear,
    #[serde(default)]
    pub revision: u32,
    pub entered_at: String,
}

impl StoredCalendarYear {
    /// Whether this entry of the year is newer than `other`: a later revision, or the same
    /// revision entered later.
    pub fn newer_than(&self, other: &StoredCalendarYear) -> bool {
        (self.revision, &self.entered_at) > (other.revision, &other.entered_at)
    }
}

/// The calendar years the workspace holds (without the shipped ones it does not override).
pub fn calendar_years(conn: &Connection) -> Result<Vec<StoredCalendarYear>> {
    let mut stmt = conn.prepare_cached(
        "SELECT year, holidays, workdays, source, revision, entered_at FROM calendar_year
         ORDER BY year",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, u32>(4)?,
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut out = vec![];
    for row in rows {
        let (year, holidays, workdays, source, revision, entered_at) = row?;
        out.push(StoredCalendarYear {
            year: CalendarYear {
                year,
                holidays: serde_json::from_str(&holidays)?,
                workdays: serde_json::from_str(&workdays)?,
                source,
            },
            revision,
            entered_at,
        });
    }
    Ok(out)
}

/// Enter or replace a year of the calendar as the entry `y` (revision and time as given);
/// audited as entity `calendar`, id the year.
pub fn set_calendar_year(
    conn: &Connection,
    stamp: &Stamp,
    y: &StoredCalendarYear,
    reason: Option<&str>,
) -> Result<()> {
    let before = calendar_years(conn)?
        .into_iter()
        .find(|c| c.year.year == y.year.year)
        .map(|c| serde_json::to_string(&c.year))
        .transpose()?;
    let c = &y.year;
    conn.execute(
        "INSERT INTO calendar_year (year, holidays, workdays, source, revision, entered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (year) DO UPDATE SET holidays = excluded.holidays,
           workdays = excluded.workdays, source = excluded.source,
           revision = excluded.revision, entered_at = excluded.entered_at",
        rusqlite::params![
            c.year,
            serde_json::to_string(&c.holidays)?,
            serde_json::to_string(&c.workdays)?,
            c.source,
            y.revision,
            y.entered_at,
        ],
    )?;
    let after = serde_json::to_string(c)?;
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "calendar",
            entity_id: &c.year.to_string(),
            action: if before.is_some() { "update" } else { "insert" },
            before: before.as_deref(),
            after: Some(&after),
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

/// A yearly award budget of a paying jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BudgetRow {
    pub jurisdiction: String,
    pub year: i32,
    pub amount_fen: i64,
}

pub fn budget(conn: &Connection, jurisdiction: &str, year: i32) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT amount_fen FROM budget WHERE jurisdiction = ?1 AND year = ?2")?
        .query_row(rusqlite::params![jurisdiction, year], |r| r.get(0))
        .optional()?)
}

pub fn budgets(conn: &Connection) -> Result<Vec<BudgetRow>> {
    let mut stmt = conn.prepare(
        "SELECT jurisdiction, year, amount_fen FROM budget ORDER BY year DESC, jurisdiction",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(BudgetRow {
            jurisdiction: r.get(0)?,
            year: r.get(1)?,
            amount_fen: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Set a budget; audited as entity `budget`, id `JURISDICTION/YEAR`, with the reason given.
pub fn set_budget(
    conn: &Connection,
    stamp: &Stamp,
    row: &BudgetRow,
    reason: Option<&str>,
) -> Result<()> {
    let before = budget(conn, &row.jurisdiction, row.year)?
        .map(|amount_fen| serde_json::json!({ "amount_fen": amount_fen }).to_string());
    conn.execute(
        "INSERT INTO budget (jurisdiction, year, amount_fen) VALUES (?1, ?2, ?3)
         ON CONFLICT (jurisdiction, year) DO UPDATE SET amount_fen = excluded.amount_fen",
        rusqlite::params![row.jurisdiction, row.year, row.amount_fen],
    )?;
    let after = serde_json::json!({ "amount_fen": row.amount_fen }).to_string();
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "budget",
            entity_id: &format!("{}/{}", row.jurisdiction, row.year),
            action: if before.is_some() { "update" } else { "insert" },
            before: before.as_deref(),
            after: Some(&after),
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

/// One line of an approved or paid award, as the budget check and the ledger sum it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardLineRow {
    pub jurisdiction: String,
    pub year: i32,
    pub amount_fen: i64,
}

/// Replace the award lines of an application (none unless it is approved or paid).
pub fn set_award_lines(
    conn: &Connection,
    application_id: &str,
    lines: &[AwardLineRow],
) -> Result<()> {
    conn.prepare_cached("DELETE FROM award_line WHERE application_id = ?1")?
        .execute([application_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO award_line (application_id, jurisdiction, year, amount_fen)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for l in lines {
        insert.execute(rusqlite::params![
            application_id,
            l.jurisdiction,
            l.year,
            l.amount_fen
        ])?;
    }
    Ok(())
}

/// What live applications other than `except` have committed (approved or paid) against a
/// jurisdiction's budget for a year.
pub fn committed_fen(
    conn: &Connection,
    jurisdiction: &str,
    year: i32,
    except: &str,
) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(l.amount_fen), 0) FROM award_line l
             JOIN application a ON a.id = l.application_id
             WHERE l.jurisdiction = ?1 AND l.year = ?2 AND l.application_id <> ?3
               AND a.archived_at IS NULL",
        )?
        .query_row(rusqlite::params![jurisdiction, year, except], |r| r.get(0))?)
}

/// Per jurisdiction and year (all years if `None`): the amount approved and not yet paid, and
/// the amount paid, over live applications; newest year first.
pub fn award_totals(conn: &Connection, year: Option<i32>) -> Result<Vec<(String, i32, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.jurisdiction, l.year,
                sum(CASE WHEN a.state = 'paid' THEN 0 ELSE l.amount_fen END),
                sum(CASE WHEN a.state = 'paid' THEN l.amount_fen ELSE 0 END)
         FROM award_line l JOIN application a ON a.id = l.application_id
         WHERE a.archived_at IS NULL AND (?1 IS NULL OR l.year = ?1)
         GROUP BY l.jurisdiction, l.year
         ORDER BY l.year DESC, l.jurisdiction",
    )?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The live applications with award lines in `year` and `jurisdiction` (each `None` for all):
/// how many there are, and the ids of the first `limit`, newest year first, then by code.
pub fn awarded_applications(
    conn: &Connection,
    year: Option<i32>,
    jurisdiction: Option<&str>,
    limit: u32,
) -> Result<(u64, Vec<String>)> {
    const FROM: &str = "FROM award_line l JOIN application a ON a.id = l.application_id
         WHERE a.archived_at IS NULL AND (?1 IS NULL OR l.year = ?1)
           AND (?2 IS NULL OR l.jurisdiction = ?2)";
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(DISTINCT l.application_id) {FROM}"))?
        .query_row(rusqlite::params![year, jurisdiction], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.application_id {FROM} GROUP BY l.application_id
         ORDER BY max(l.year) DESC, length(a.code), a.code LIMIT ?3"
    ))?;
    let ids = stmt
        .query_map(rusqlite::params![year, jurisdiction, limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((total as u64, ids))
}

#[cfg(test)]
mod tests {
    /// Every seeded category has its words in the one vocabulary (the UI shows the English).
    #[test]
    fn every_seeded_category_has_words() {
        for (_, name) in super::CATEGORY_SEED {
            for lang in [terroir_core::Lang::Zh, terroir_core::Lang::En] {
                assert!(
                    terroir_core::vocab::word("category", name, lang).is_some(),
                    "{name}"
                );
            }
        }
    }
}
