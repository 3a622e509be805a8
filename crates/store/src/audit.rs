//! The audit trail: one append-only row per change, written in the same transaction as the
//! change, each carrying the SHA-256 of the previous row so that any edit to history shows.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The hash the first row links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who changed what, when, and why: the caller (the api crate) supplies the time.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub actor: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// A change to be logged. `before`/`after` are JSON snapshots of the record.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub action: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub reason: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub reason: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.prev_hash.as_str(),
            &self.seq.to_string(),
            &self.at,
            &self.actor,
            &self.entity,
            &self.entity_id,
            &self.action,
        ] {
            h.update(part.as_bytes());
            h.update([0x1f]);
        }
        for part in [&self.before, &self.after, &self.reason] {
            match part {
                Some(s) => {
                    h.update([1]);
                    h.update(s.as_bytes());
                }
                None => h.update([0]),
            }
            h.update([0x1f]);
        }
        hex::encode(h.finalize())
    }
}

/// The hash of the last row, or [`GENESIS`] for an empty log.
pub fn head(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_owned()))
}

/// The hash of the last row about one record: the head of that record's history.
pub fn record_head(conn: &Connection, entity_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT hash FROM audit_log WHERE entity_id = ?1 ORDER BY seq DESC LIMIT 1",
            [entity_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Append a row. Call inside the transaction that makes the change.
pub fn append(conn: &Connection, stamp: &Stamp, change: &Change<'_>) -> Result<AuditEntry> {
    let (last_seq, prev_hash): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let mut entry = AuditEntry {
        seq: last_seq + 1,
        at: stamp.at.clone(),
        actor: stamp.actor.clone(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id.to_owned(),
        action: change.action.to_owned(),
        before: change.before.map(str::to_owned),
        after: change.after.map(str::to_owned),
        reason: change.reason.map(str::to_owned),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, before, after, reason, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        entry.seq,
        entry.at,
        entry.actor,
        entry.entity,
        entry.entity_id,
        entry.action,
        entry.before,
        entry.after,
        entry.reason,
        entry.prev_hash,
        entry.hash
    ])?;
    Ok(entry)
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        entity: r.get(3)?,
        entity_id: r.get(4)?,
        action: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        reason: r.get(8)?,
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}

const COLUMNS: &str =
    "seq, at, actor, entity, entity_id, action, before, after, reason, prev_hash, hash";

/// The newest `limit` rows (optionally for one record), newest first.
pub fn list(conn: &Connection, entity_id: Option<&str>, limit: u32) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY seq DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![entity_id, limit], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which audit rows a history page shows; every part optional. `from`/`to` are RFC 3339
/// instants (UTC), `to` exclusive.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter<'a> {
    pub entity_id: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub actor: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
}

/// A page of rows matching `f`, newest first: `limit` rows from `offset`.
pub fn page(
    conn: &Connection,
    f: &AuditFilter<'_>,
    offset: u32,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR entity_id = ?1) AND (?2 IS NULL OR entity = ?2)
           AND (?3 IS NULL OR actor = ?3) AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5)
         ORDER BY seq DESC LIMIT ?6 OFFSET ?7"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        params![f.entity_id, f.entity, f.actor, f.from, f.to, limit, offset],
        row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everyone who appears in the log, for the history's filter.
pub fn actors(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT actor FROM audit_log ORDER BY actor")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest row's sequence number about one record.
pub fn latest_seq(conn: &Connection, entity_id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT max(seq) FROM audit_log WHERE entity_id = ?1")?
        .query_row([entity_id], |r| r.get(0))?)
}

/// One row by sequence number.
pub fn get(conn: &Connection, seq: i64) -> Result<Option<AuditEntry>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM audit_log WHERE seq = ?1"),
            [seq],
            row,
        )
        .optional()?)
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ChainReport {
    pub rows: u64,
    pub head: String,
    /// The first row whose link or hash does not hold, with what is wrong.
    pub first_broken: Option<BrokenLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BrokenLink {
    pub seq: i64,
    pub problem: String,
}

/// Walk the whole log in order and report the first broken link.
pub fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let e = row(r)?;
        count += 1;
        let problem = if e.seq != expected_seq {
            Some(format!(
                "sequence jumps from {} to {}",
                expected_seq - 1,
                e.seq
            ))
        } else if e.prev_hash != prev {
            Some("does not link to the previous row's hash".to_owned())
        } else if e.compute_hash() != e.hash {
            Some("content does not match its hash".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            return Ok(ChainReport {
                rows: count,
                head: prev,
                first_broken: Some(BrokenLink {
                    seq: e.seq,
                    problem,
                }),
            });
        }
        prev = e.hash;
        expected_seq += 1;
    }
    Ok(ChainReport {
        rows: count,
        head: prev,
        first_broken: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::open_in_memory;

    fn stamp() -> Stamp {
        Stamp {
            actor: "测试".into(),
            at: "2026-11-27T10:00:00Z".into(),
        }
    }

    fn change(id: &str) -> Change<'_> {
        Change {
            entity: "enterprise",
            entity_id: id,
            action: "insert",
            before: None,
            after: Some("{}"),
            reason: None,
        }
    }

    #[test]
    fn audit_chain_links_and_verifies() {
        let conn = open_in_memory().unwrap();
        let a = append(&conn, &stamp(), &change("a")).unwrap();
        let b = append(&conn, &stamp(), &change("b")).unwrap();
        assert_eq!(a.prev_hash, GENESIS);
        assert_eq!(b.prev_hash, a.hash);
        let report = verify(&conn).unwrap();
        assert_eq!(report.rows, 2);
        assert_eq!(report.head, b.hash);
        assert_eq!(report.first_broken, None);
    }

    #[test]
    fn audit_log_refuses_update_and_delete() {
        let conn = open_in_memory().unwrap();
        append(&conn, &stamp(), &change("a")).unwrap();
        let upd = conn
            .execute("UPDATE audit_log SET actor = 'x'", [])
            .unwrap_err();
        assert!(upd.to_string().contains("append-only"), "{upd}");
        let del = conn.execute("DELETE FROM audit_log", []).unwrap_err();
        assert!(del.to_string().contains("append-only"), "{del}");
    }

    #[test]
    fn audit_verifier_reports_first_broken_link() {
        let conn = open_in_memory().unwrap();
        for id in ["a", "b", "c"] {
            append(&conn, &stamp(), &change(id)).unwrap();
        }
        // Tamper as an attacker with raw file access would: drop the trigger, edit row 2.
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;",
        )
        .unwrap();
        let report = verify(&conn).unwrap();
        let broken = report.first_broken.unwrap();
        assert_eq!(broken.seq, 2);
        assert!(broken.problem.contains("hash"));
    }
}
