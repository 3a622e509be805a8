//! The audit trail: one append-only row per change, written in the same transaction as the
//! change, each carrying the SHA-256 of the previous row so that any edit to history shows.
//!
//! A record's snapshots are stored once. Its audit rows refer to them by SHA-256
//! (`before_sha`, `after_sha`): the content a record holds now is its own row, and a content it
//! no longer holds is in `audit_snapshot`, moved there by the change that replaced it. A row's
//! hash covers the reference, and `terroir check` proves that every reference resolves to
//! content with that hash. Rows written before schema 16, and rows about anything but a record
//! (divisions, the calendar, restores), hold their JSON in `before`/`after`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use terroir_core::RecordKind;

use crate::error::Result;
use crate::records::{self, RecordRow};

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
    /// A record's change (`entity` is a [`RecordKind`] key): `after` is exactly what
    /// [`RecordRow::snapshot`] gives for the record as the change leaves it, and `before` for the
    /// record as it was, so both are kept as references (see the module's documentation).
    pub of_record: bool,
}

/// One side of a stored row: nothing, the JSON itself, or a reference to it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    None,
    Text(String),
    Sha(Vec<u8>),
}

impl Part {
    fn read(r: &rusqlite::Row<'_>, text: usize, sha: usize) -> rusqlite::Result<Part> {
        Ok(match (r.get::<_, Option<String>>(text)?, r.get(sha)?) {
            (Some(t), _) => Part::Text(t),
            (None, Some(sha)) => Part::Sha(sha),
            (None, None) => Part::None,
        })
    }

    fn text(&self) -> Option<&str> {
        match self {
            Part::Text(t) => Some(t),
            _ => None,
        }
    }

    fn sha(&self) -> Option<&[u8]> {
        match self {
            Part::Sha(s) => Some(s),
            _ => None,
        }
    }

    fn hash_into(&self, h: &mut Sha256) {
        match self {
            Part::None => h.update([0]),
            Part::Text(s) => {
                h.update([1]);
                h.update(s.as_bytes());
            }
            Part::Sha(s) => {
                h.update([2]);
                h.update(s);
            }
        }
        h.update([0x1f]);
    }
}

/// The SHA-256 a snapshot is referred to by.
pub fn snapshot_sha(json: &str) -> Vec<u8> {
    Sha256::digest(json.as_bytes()).to_vec()
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

/// A row as stored: the snapshots as they are kept, not yet resolved.
struct Stored {
    seq: i64,
    at: String,
    actor: String,
    entity: String,
    entity_id: String,
    action: String,
    before: Part,
    after: Part,
    reason: Option<String>,
    prev_hash: String,
    hash: String,
}

impl Stored {
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
        self.before.hash_into(&mut h);
        self.after.hash_into(&mut h);
        match &self.reason {
            Some(s) => {
                h.update([1]);
                h.update(s.as_bytes());
            }
            None => h.update([0]),
        }
        h.update([0x1f]);
        hex::encode(h.finalize())
    }

    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
        Ok(Stored {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            action: r.get(5)?,
            before: Part::read(r, 6, 11)?,
            after: Part::read(r, 7, 12)?,
            reason: r.get(8)?,
            prev_hash: r.get(9)?,
            hash: r.get(10)?,
        })
    }

    /// The row with its snapshots' JSON, wherever it is kept.
    fn resolve(self, conn: &Connection) -> Result<AuditEntry> {
        let before = resolve(conn, &self.entity, &self.entity_id, &self.before)?;
        let after = resolve(conn, &self.entity, &self.entity_id, &self.after)?;
        Ok(AuditEntry {
            seq: self.seq,
            at: self.at,
            actor: self.actor,
            entity: self.entity,
            entity_id: self.entity_id,
            action: self.action,
            before,
            after,
            reason: self.reason,
            prev_hash: self.prev_hash,
            hash: self.hash,
        })
    }
}

/// The JSON of a snapshot: kept in the row, in `audit_snapshot`, or (the content the record
/// holds now) the record itself. `None` for a reference that resolves nowhere, which
/// `terroir check` reports.
fn resolve(
    conn: &Connection,
    entity: &str,
    entity_id: &str,
    part: &Part,
) -> Result<Option<String>> {
    let sha = match part {
        Part::None => return Ok(None),
        Part::Text(t) => return Ok(Some(t.clone())),
        Part::Sha(sha) => sha,
    };
    if let Some(json) = former(conn, sha)? {
        return Ok(Some(json));
    }
    Ok(current(conn, entity, entity_id)?
        .map(|row| row.snapshot())
        .filter(|json| snapshot_sha(json) == *sha))
}

/// A content some record held before, by its SHA-256.
fn former(conn: &Connection, sha: &[u8]) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT json FROM audit_snapshot WHERE sha = ?1")?
        .query_row([sha], |r| r.get(0))
        .optional()?)
}

fn current(conn: &Connection, entity: &str, entity_id: &str) -> Result<Option<RecordRow>> {
    match RecordKind::from_key(entity) {
        Some(kind) => records::get(conn, kind, entity_id),
        None => Ok(None),
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
    let row = next_row(conn, stamp, change)?;
    if let (Part::Sha(sha), Some(json)) = (&row.before, change.before) {
        // The content the record no longer holds: kept here, once.
        conn.prepare_cached("INSERT OR IGNORE INTO audit_snapshot (sha, json) VALUES (?1, ?2)")?
            .execute(params![sha, json])?;
    }
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, before, after, reason, prev_hash, hash, before_sha, after_sha)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        row.seq,
        row.at,
        row.actor,
        row.entity,
        row.entity_id,
        row.action,
        row.before.text(),
        row.after.text(),
        row.reason,
        row.prev_hash,
        row.hash,
        row.before.sha(),
        row.after.sha(),
    ])?;
    Ok(AuditEntry {
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        entity: row.entity,
        entity_id: row.entity_id,
        action: row.action,
        before: change.before.map(str::to_owned),
        after: change.after.map(str::to_owned),
        reason: row.reason,
        prev_hash: row.prev_hash,
        hash: row.hash,
    })
}

/// A row as a workspace before schema 16 wrote it (its JSON in the row), for the tests of
/// upgrades from then.
#[cfg(test)]
pub(crate) fn append_as_before_16(conn: &Connection, stamp: &Stamp, change: &Change<'_>) {
    assert!(!change.of_record, "rows held their JSON then");
    let row = next_row(conn, stamp, change).unwrap();
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, before, after, reason, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            row.seq,
            row.at,
            row.actor,
            row.entity,
            row.entity_id,
            row.action,
            row.before.text(),
            row.after.text(),
            row.reason,
            row.prev_hash,
            row.hash,
        ],
    )
    .unwrap();
}

/// The row `change` appends: the next number, linked to the last row, hashed.
fn next_row(conn: &Connection, stamp: &Stamp, change: &Change<'_>) -> Result<Stored> {
    let (last_seq, prev_hash): (i64, String) = conn
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_owned()));
    let part = |json: Option<&str>| match json {
        None => Part::None,
        Some(json) if change.of_record => Part::Sha(snapshot_sha(json)),
        Some(json) => Part::Text(json.to_owned()),
    };
    let mut row = Stored {
        seq: last_seq + 1,
        at: stamp.at.clone(),
        actor: stamp.actor.clone(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id.to_owned(),
        action: change.action.to_owned(),
        before: part(change.before),
        after: part(change.after),
        reason: change.reason.map(str::to_owned),
        prev_hash,
        hash: String::new(),
    };
    row.hash = row.compute_hash();
    Ok(row)
}

const COLUMNS: &str = "seq, at, actor, entity, entity_id, action, before, after, reason, prev_hash, hash, before_sha, after_sha";

fn resolved(conn: &Connection, rows: Vec<Stored>) -> Result<Vec<AuditEntry>> {
    rows.into_iter().map(|r| r.resolve(conn)).collect()
}

/// The newest `limit` rows (optionally for one record), newest first.
pub fn list(conn: &Connection, entity_id: Option<&str>, limit: u32) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_log WHERE ?1 IS NULL OR entity_id = ?1 ORDER BY seq DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![entity_id, limit], Stored::read)?;
    resolved(conn, rows.collect::<rusqlite::Result<_>>()?)
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
        Stored::read,
    )?;
    resolved(conn, rows.collect::<rusqlite::Result<_>>()?)
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
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM audit_log WHERE seq = ?1"),
        [seq],
        Stored::read,
    )
    .optional()?
    .map(|r| r.resolve(conn))
    .transpose()
}

/// Whether the latest row about a record says it holds `json` (its snapshot now), and if not,
/// what that row says it held, when that can be found.
pub(crate) enum Describes {
    Yes,
    No(Option<String>),
    /// No row about the record has an `after`.
    Nothing,
}

pub(crate) fn describes(conn: &Connection, entity_id: &str, json: &str) -> Result<Describes> {
    let last = conn
        .prepare_cached(
            "SELECT after, after_sha FROM audit_log WHERE entity_id = ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([entity_id], |r| Part::read(r, 0, 1))
        .optional()?;
    Ok(match last {
        None | Some(Part::None) => Describes::Nothing,
        Some(Part::Text(after)) => {
            let same = serde_json::from_str::<serde_json::Value>(&after)?
                == serde_json::from_str::<serde_json::Value>(json)?;
            if same {
                Describes::Yes
            } else {
                Describes::No(Some(after))
            }
        }
        Some(Part::Sha(sha)) if sha == snapshot_sha(json) => Describes::Yes,
        Some(Part::Sha(sha)) => Describes::No(former(conn, &sha)?),
    })
}

/// Every snapshot reference resolves to content with that hash: one in `audit_snapshot` that
/// hashes to its key, or the record's content now (`current`: each record's id and the hash of
/// its snapshot). Returns what does not hold.
pub(crate) fn verify_snapshots(
    conn: &Connection,
    current: &std::collections::HashMap<String, Vec<u8>>,
) -> Result<Vec<String>> {
    let mut problems = vec![];
    let mut stmt = conn.prepare("SELECT sha, json FROM audit_snapshot")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (sha, json): (Vec<u8>, String) = (r.get(0)?, r.get(1)?);
        if snapshot_sha(&json) != sha {
            problems.push(format!(
                "audit snapshot {} does not match its hash",
                hex::encode(&sha)
            ));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT seq, entity_id, sha FROM (
             SELECT seq, entity_id, before_sha AS sha FROM audit_log WHERE before_sha IS NOT NULL
             UNION ALL
             SELECT seq, entity_id, after_sha FROM audit_log WHERE after_sha IS NOT NULL)
         WHERE sha NOT IN (SELECT sha FROM audit_snapshot) ORDER BY seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (seq, id, sha): (i64, String, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        if current.get(&id) != Some(&sha) {
            problems.push(format!(
                "audit row {seq} refers to a snapshot kept nowhere ({})",
                hex::encode(&sha)
            ));
        }
    }
    Ok(problems)
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
        let e = Stored::read(r)?;
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
            of_record: false,
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

    fn gi(name: &str) -> records::Content {
        records::Content {
            name: name.into(),
            data: serde_json::json!({ "name": name, "profile": "产自山区" }),
            keys: vec![None],
        }
    }

    fn history(conn: &Connection, id: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let mut rows = list(conn, Some(id), 100).unwrap();
        rows.reverse();
        rows.into_iter()
            .map(|e| (e.action, e.before, e.after))
            .collect()
    }

    /// A record's snapshots are kept once: its rows hold hashes, the content it holds is its
    /// row, each content it held before is in `audit_snapshot`, and every row's history still
    /// reads back whole, through an edit, an archive and a purge.
    #[test]
    fn a_records_history_is_kept_by_reference_and_reads_back_whole() {
        let conn = open_in_memory().unwrap();
        let st = stamp();
        let kind = RecordKind::Gi;
        let a = records::insert_as(
            &conn,
            &st,
            kind,
            "a",
            gi("甲"),
            true,
            records::InsertAs::PLAIN,
        )
        .unwrap();
        let v1 = a.snapshot();
        let inline: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE after IS NOT NULL OR before IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(inline, 0, "a record's rows hold references, not JSON");
        let b = records::update(&conn, &st, kind, "a", gi("乙"), "update", None).unwrap();
        let v2 = b.snapshot();
        let c = records::set_archived(&conn, &st, kind, "a", true, Some("停用")).unwrap();
        let v3 = c.snapshot();
        assert_eq!(
            history(&conn, "a"),
            [
                ("insert".into(), None, Some(v1.clone())),
                ("update".into(), Some(v1.clone()), Some(v2.clone())),
                ("archive".into(), Some(v2.clone()), Some(v3.clone())),
            ]
        );
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM audit_snapshot", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 2, "the two contents it no longer holds, once each");
        assert!(
            crate::check::run(&conn, std::path::Path::new("/nonexistent"))
                .unwrap()
                .ok()
        );
        records::purge_sample(&conn, &st).unwrap();
        assert_eq!(
            history(&conn, "a").last().unwrap(),
            &("purge".into(), Some(v3.clone()), None)
        );
        assert_eq!(history(&conn, "a")[0].2.as_deref(), Some(v1.as_str()));
        let report = crate::check::run(&conn, std::path::Path::new("/nonexistent")).unwrap();
        assert!(report.ok(), "{report:?}");
        assert_eq!(verify(&conn).unwrap().rows, 4);
    }

    /// A record changed behind the log's back, or a kept content edited, is found by `check`;
    /// a reference's hash is part of its row's hash.
    #[test]
    fn a_content_changed_outside_the_log_is_reported() {
        let conn = open_in_memory().unwrap();
        let st = stamp();
        records::insert_as(
            &conn,
            &st,
            RecordKind::Gi,
            "a",
            gi("甲"),
            false,
            records::InsertAs::PLAIN,
        )
        .unwrap();
        records::update(&conn, &st, RecordKind::Gi, "a", gi("乙"), "update", None).unwrap();
        let files = std::path::Path::new("/nonexistent");
        conn.execute("UPDATE gi_product SET name = '丙'", [])
            .unwrap();
        let report = crate::check::run(&conn, files).unwrap();
        assert!(
            report.audit_mismatches.iter().any(|m| m.starts_with("gi ")),
            "{report:?}"
        );
        assert!(
            report
                .audit_mismatches
                .iter()
                .any(|m| m.contains("audit row 2 refers to a snapshot kept nowhere")),
            "{report:?}"
        );
        assert_eq!(report.audit_chain.first_broken, None);
        conn.execute("UPDATE gi_product SET name = '乙'", [])
            .unwrap();
        assert!(crate::check::run(&conn, files).unwrap().ok());
        conn.execute_batch(
            "DROP TRIGGER audit_snapshot_no_update;
             UPDATE audit_snapshot SET json = replace(json, '甲', '丁');",
        )
        .unwrap();
        let report = crate::check::run(&conn, files).unwrap();
        assert!(
            report
                .audit_mismatches
                .iter()
                .any(|m| m.contains("does not match its hash")),
            "{report:?}"
        );
        conn.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET after_sha = zeroblob(32) WHERE seq = 1;",
        )
        .unwrap();
        assert_eq!(verify(&conn).unwrap().first_broken.unwrap().seq, 1);
    }
}
