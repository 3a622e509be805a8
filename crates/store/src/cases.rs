//! What the enforcement cases need beside their records: who and what each case concerns
//! (`case_ref`), the statistics form's rows (bureau data, audited as entity `stats_form`), and
//! the sums the form is computed from, narrowed by SQL on the case table's key columns.

use rusqlite::{Connection, OptionalExtension, params, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use terroir_core::RecordKind;

use crate::audit::{self, Change, Stamp};
use crate::error::Result;
use crate::records::{self, RecordRow};

/// A case's reference to a party (role 0) or a related record (role 1).
pub const PARTY: i64 = 0;
pub const RELATED: i64 = 1;

/// Replace what case `case_id` refers to.
pub fn set_refs(conn: &Connection, case_id: &str, refs: &[(String, i64)]) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_ref WHERE case_id = ?1")?
        .execute([case_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO case_ref (ref, case_id, role) VALUES (?1, ?2, ?3)",
    )?;
    for (r, role) in refs {
        insert.execute(params![r, case_id, role])?;
    }
    Ok(())
}

/// The ids of live cases other than `except` that refer to `r` in `role`.
pub fn referring(conn: &Connection, r: &str, role: i64, except: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id FROM case_ref x JOIN enforcement_case c ON c.id = x.case_id
         WHERE x.ref = ?1 AND x.role = ?2 AND x.case_id <> ?3 AND c.archived_at IS NULL
         ORDER BY c.opened_on, c.code",
    )?;
    let ids = stmt
        .query_map(params![r, role, except], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ids)
}

/// One page of the live cases that refer to `r` in `role`, oldest first.
pub fn referring_page(
    conn: &Connection,
    r: &str,
    role: i64,
    limit: u32,
    offset: u32,
) -> Result<Vec<RecordRow>> {
    let (cols, _) = records::columns_of(RecordKind::Case, "c");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols} FROM case_ref x JOIN enforcement_case c ON c.id = x.case_id
         WHERE x.ref = ?1 AND x.role = ?2 AND c.archived_at IS NULL
         ORDER BY c.opened_on, c.code LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(params![r, role, limit, offset], |row| {
            records::read_row(RecordKind::Case, row, 0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The live active authorised users (the only ones a stop can be proposed for) named by a live
/// misuse case decided with a penalty, each with that case (the newest decision first): the
/// users' queue proposes stopping their right.
pub fn misuse_decided(conn: &Connection) -> Result<Vec<(RecordRow, RecordRow)>> {
    let (users, n) = records::columns_of(RecordKind::User, "u");
    let (cases, _) = records::columns_of(RecordKind::Case, "c");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {users}, {cases} FROM authorised_user u
         JOIN case_ref x ON x.ref = u.id AND x.role = 1
         JOIN enforcement_case c ON c.id = x.case_id
         WHERE u.stage = 'active' AND +u.archived_at IS NULL
           AND c.archived_at IS NULL AND c.fine_fen IS NOT NULL
           AND c.kind IN ('gi_misuse', 'special_mark_misuse')
         ORDER BY c.decided_on DESC"
    ))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                records::read_row(RecordKind::User, r, 0)?,
                records::read_row(RecordKind::Case, r, n)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A kind's fine limit set by the bureau: (max in fen, basis).
pub fn fine_limit(conn: &Connection, kind: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT max_fen, basis FROM case_fine_limit WHERE kind = ?1")?
        .query_row([kind], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The fine limits the bureau set: (kind, max in fen, basis), by kind.
pub fn fine_limits(conn: &Connection) -> Result<Vec<(String, i64, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, max_fen, basis FROM case_fine_limit ORDER BY kind")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Set (or, with `None`, remove) a kind's fine limit; audited as entity `fine_limit`.
pub fn set_fine_limit(
    conn: &Connection,
    stamp: &Stamp,
    kind: &str,
    limit: Option<(i64, &str)>,
    reason: Option<&str>,
) -> Result<()> {
    let json =
        |max: i64, basis: &str| serde_json::json!({ "max_fen": max, "basis": basis }).to_string();
    let before = fine_limits(conn)?
        .into_iter()
        .find(|l| l.0 == kind)
        .map(|(_, m, b)| json(m, &b));
    match limit {
        Some((max, basis)) => conn.execute(
            "INSERT INTO case_fine_limit (kind, max_fen, basis) VALUES (?1, ?2, ?3)
             ON CONFLICT (kind) DO UPDATE SET max_fen = excluded.max_fen, basis = excluded.basis",
            params![kind, max, basis],
        )?,
        None => conn.execute("DELETE FROM case_fine_limit WHERE kind = ?1", [kind])?,
    };
    let after = limit.map(|(m, b)| json(m, b));
    let action = match (&before, &after) {
        (None, _) => "insert",
        (Some(_), Some(_)) => "update",
        (Some(_), None) => "purge",
    };
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "fine_limit",
            entity_id: kind,
            action,
            before: before.as_deref(),
            after: after.as_deref(),
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

/// One row of the statistics form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormRow {
    pub label: String,
    /// Case kind keys counted; empty counts every kind.
    pub kinds: Vec<String>,
    /// `cases`, `closed`, `penalised`, `fines`, `turnover` or `transfers`.
    pub measure: String,
    pub sample: bool,
}

pub fn form(conn: &Connection) -> Result<Vec<FormRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT label, kinds, measure, sample FROM stats_form_row ORDER BY position",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let kinds: String = r.get(1)?;
            Ok(FormRow {
                label: r.get(0)?,
                kinds: kinds
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned)
                    .collect(),
                measure: r.get(2)?,
                sample: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Replace the form's rows; audited as entity `stats_form`, with the rows before and after.
pub fn set_form(
    conn: &Connection,
    stamp: &Stamp,
    rows: &[FormRow],
    reason: Option<&str>,
) -> Result<()> {
    let before = form(conn)?;
    conn.execute("DELETE FROM stats_form_row", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO stats_form_row (position, label, kinds, measure, sample) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, r) in rows.iter().enumerate() {
        insert.execute(params![
            i as i64,
            r.label,
            r.kinds.join(","),
            r.measure,
            r.sample
        ])?;
    }
    let json = |rows: &[FormRow]| serde_json::to_string(rows).unwrap_or_default();
    audit::append(
        conn,
        stamp,
        &Change {
            entity: "stats_form",
            entity_id: "form",
            action: if before.is_empty() {
                "insert"
            } else {
                "update"
            },
            before: (!before.is_empty()).then(|| json(&before)).as_deref(),
            after: Some(&json(rows)),
            reason,
            of_record: false,
        },
    )?;
    Ok(())
}

/// The day a case counts on for a measure: opened (cases), closed, decided (penalties, fines,
/// turnover) or transferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    Opened,
    Decided,
    Closed,
    Transferred,
}

impl Day {
    fn column(self) -> &'static str {
        match self {
            Self::Opened => "opened_on",
            Self::Decided => "decided_on",
            Self::Closed => "closed_on",
            Self::Transferred => "transferred_on",
        }
    }
}

/// Per case kind, the live cases whose `day` falls within [from, to] (ISO dates) in
/// jurisdictions starting with `division` (all when `None`): (kind, count, cases penalised
/// (a fine recorded, even of zero), fines, turnover), fen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KindSums {
    pub kind: String,
    pub count: i64,
    pub penalised: i64,
    pub fines: i64,
    pub turnover: i64,
}

pub fn sums(
    conn: &Connection,
    day: Day,
    from: &str,
    to: &str,
    division: Option<&str>,
) -> Result<Vec<KindSums>> {
    let col = day.column();
    let mut values: Vec<Value> = vec![from.to_owned().into(), to.to_owned().into()];
    let mut cond = String::new();
    if let Some(prefix) = division {
        assert!(
            prefix.bytes().all(|b| b.is_ascii_digit()),
            "division digits"
        );
        cond = format!(" AND substr(jurisdiction, 1, {}) = ?3", prefix.len());
        values.push(prefix.to_owned().into());
    }
    // Only a decision's day reads the money: each query stays within its covering index.
    let money = if day == Day::Decided {
        "COUNT(fine_fen), COALESCE(SUM(CAST(fine_fen AS INTEGER)), 0),
         COALESCE(SUM(CAST(turnover_fen AS INTEGER)), 0)"
    } else {
        "0, 0, 0"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT kind, COUNT(*), {money}
         FROM enforcement_case INDEXED BY enforcement_case_{idx}
         WHERE {col} >= ?1 AND {col} <= ?2 AND archived_at IS NULL{cond}
         GROUP BY kind ORDER BY kind",
        idx = col.trim_end_matches("_on")
    ))?;
    let rows = stmt
        .query_map(params_from_iter(values), |r| {
            Ok(KindSums {
                kind: r.get(0)?,
                count: r.get(1)?,
                penalised: r.get(2)?,
                fines: r.get(3)?,
                turnover: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
