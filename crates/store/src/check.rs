//! `terroir check`: integrity, foreign keys, the audit chain, audit rows matching data rows,
//! and stored files present with the right hash.

use std::path::Path;

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use terroir_core::RecordKind;

use crate::audit::{self, ChainReport, Describes};
use crate::error::Result;
use crate::records::{self, Show};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CheckReport {
    pub integrity: Vec<String>,
    pub foreign_keys: Vec<String>,
    pub audit_chain: ChainReport,
    /// Records whose latest audit row does not describe them as they are, and snapshot
    /// references that resolve nowhere.
    pub audit_mismatches: Vec<String>,
    pub files: Vec<String>,
    pub records: u64,
}

impl CheckReport {
    pub fn ok(&self) -> bool {
        self.integrity.is_empty()
            && self.foreign_keys.is_empty()
            && self.audit_chain.first_broken.is_none()
            && self.audit_mismatches.is_empty()
            && self.files.is_empty()
    }
}

pub fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows == ["ok"] { vec![] } else { rows })
}

pub fn run(conn: &Connection, files_dir: &Path) -> Result<CheckReport> {
    let integrity = integrity(conn)?;
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let foreign_keys = stmt
        .query_map([], |r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!(
                "{table} row {} refers to a missing {parent}",
                rowid.unwrap_or_default()
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let audit_chain = audit::verify(conn)?;
    let mut audit_mismatches = vec![];
    let mut current = HashMap::new();
    for kind in RecordKind::ALL {
        for row in records::list(conn, kind, Show::All, None, u32::MAX, 0)? {
            let json = row.snapshot();
            if !matches!(audit::describes(conn, &row.id, &json)?, Describes::Yes) {
                audit_mismatches.push(format!("{} {}", kind.key(), row.code));
            }
            current.insert(row.id, audit::snapshot_sha(&json));
        }
    }
    let count = current.len() as u64;
    audit_mismatches.extend(audit::verify_snapshots(conn, &current)?);
    let files = crate::files::verify(conn, files_dir)?;
    Ok(CheckReport {
        integrity,
        foreign_keys,
        audit_chain,
        audit_mismatches,
        files,
        records: count,
    })
}
