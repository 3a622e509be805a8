//! The one way to open a workspace database.
//!
//! WAL with `synchronous=FULL`: a committed batch survives power loss, which matters more here
//! than write throughput (a bureau's catalogue changes a few hundred rows a day; imports are
//! single large transactions). `foreign_keys=ON`, defensive mode on, trusted schema off and a
//! busy timeout on every connection.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use terroir_core::Violation;

use crate::error::{Error, Result, io};

/// The append-only migrations; the schema version is their count.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_search.sql"),
    include_str!("../migrations/0003_startup_indexes.sql"),
    include_str!("../migrations/0004_name_indexes.sql"),
    include_str!("../migrations/0005_exchange.sql"),
    include_str!("../migrations/0006_workbench.sql"),
    include_str!("../migrations/0007_award_lines.sql"),
    include_str!("../migrations/0008_calendar.sql"),
    include_str!("../migrations/0009_calendar_entered.sql"),
    include_str!("../migrations/0010_gi_profile.sql"),
    include_str!("../migrations/0011_award_top_up.sql"),
    include_str!("../migrations/0012_gi_responsible.sql"),
    include_str!("../migrations/0013_trademark_events.sql"),
    include_str!("../migrations/0014_user_search_by_parts.sql"),
    include_str!("../migrations/0015_search_postings.sql"),
    include_str!("../migrations/0016_audit_snapshot.sql"),
    include_str!("../migrations/0017_enforcement_case.sql"),
    include_str!("../migrations/0018_plan.sql"),
    include_str!("../migrations/0019_pinyin_keys_letters.sql"),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The first schema version with the search index laid out as it is now (posting lists,
/// migration 15; full-pinyin keys of letters only, migration 19): a workspace upgraded from an
/// older one has its index rebuilt.
const SEARCH_LAYOUT: u32 = 19;

/// The first schema version whose audit rows refer to a record's content by hash (migration
/// 16): the content a record holds is then kept only in its row, so a migration that rewrites
/// records must keep what they held first ([`keep_contents`]).
const AUDIT_BY_REFERENCE: u32 = 16;

/// Filesystems on which SQLite's WAL shared memory does not work reliably.
const NETWORK_FS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb3",
    "smbfs",
    "ncpfs",
    "afs",
    "ceph",
    "glusterfs",
    "lustre",
    "9p",
    "fuse.sshfs",
    "fuse.glusterfs",
    "fuse.davfs2",
    "davfs",
    "fuse.rclone",
    "fuse.s3fs",
];

/// The filesystem type of the mount holding `path`, read from a `/proc/self/mountinfo` text.
pub fn fs_type_of(mountinfo: &str, path: &Path) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mountinfo.lines() {
        let (left, right) = line.split_once(" - ")?;
        let mount_point = left.split(' ').nth(4)?.replace("\\040", " ");
        let fstype = right.split(' ').next()?.to_owned();
        if path.starts_with(&mount_point)
            && best
                .as_ref()
                .is_none_or(|(len, _)| mount_point.len() >= *len)
        {
            best = Some((mount_point.len(), fstype));
        }
    }
    best.map(|(_, t)| t)
}

/// Refuse a directory on a network filesystem, naming the filesystem.
pub fn refuse_network_fs(dir: &Path) -> Result<()> {
    let Ok(info) = std::fs::read_to_string("/proc/self/mountinfo") else {
        return Ok(());
    };
    let dir = dir.canonicalize().map_err(io(dir))?;
    if let Some(t) = fs_type_of(&info, &dir)
        && NETWORK_FS.contains(&t.as_str())
    {
        return Err(Violation::network_filesystem(t).into());
    }
    Ok(())
}

/// Open (and with `create`, create) the database at `path`, configure the connection and bring
/// the schema up to date. A database newer than this binary is refused.
pub fn open(path: &Path, create: bool) -> Result<Connection> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    refuse_network_fs(dir)?;
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// An in-memory database with the full schema, for tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    // Bulk writes cycle through a few dozen statements (records, audit, index postings): the
    // default cache of 16 would parse them again and again.
    conn.set_prepared_statement_cache_capacity(128);
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    if mode != "wal" && mode != "memory" {
        return Err(Error::Rule(Violation::storage(format!(
            "journal_mode is {mode}, WAL needed"
        ))));
    }
    // 32 MB of page cache: the search index's b-trees are large at national scale.
    conn.execute_batch(
        "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;",
    )?;
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

fn migrate(conn: &mut Connection) -> Result<()> {
    let found = schema_version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Violation::schema_too_new(found, SCHEMA_VERSION).into());
    }
    let backup = match conn.path().filter(|p| !p.is_empty()) {
        Some(path) if (1..SCHEMA_VERSION).contains(&found) => {
            Some(backup_before_migrating(conn, Path::new(path), found)?)
        }
        _ => None,
    };
    if found < SCHEMA_VERSION {
        // Every step in one transaction: a crash leaves the old schema, whole. Another process
        // (the desktop and the CLI opening one old workspace together) may have upgraded it
        // while we waited for the write lock: read the version again under it.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let from = schema_version(&tx)?;
        if from >= AUDIT_BY_REFERENCE {
            keep_contents(&tx)?;
        }
        for sql in MIGRATIONS.iter().skip(from as usize) {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        if (1..SEARCH_LAYOUT).contains(&from) {
            // The search index was added (version 2) or laid out anew since: fill it for the
            // records already there, as the current schema has them.
            crate::search::rebuild(&tx)?;
        }
        if from >= 1 {
            audit_migrated(&tx, from)?;
        }
        tx.commit()?;
    }
    if let Some(b) = backup {
        conn.execute(
            "INSERT INTO migration_note (version, note) VALUES (?1, ?2)",
            rusqlite::params![
                SCHEMA_VERSION,
                format!(
                    "升级前已备份并校验：{0} / backed up and verified before upgrading: {0}",
                    b.display()
                )
            ],
        )?;
    }
    Ok(())
}

/// Append an audit row (action `migrate`) for every record a migration rewrote, so that each
/// record's history still ends at what it holds and `check` finds no mismatch: the row says
/// which upgrade changed it, from what to what.
fn audit_migrated(tx: &Connection, from: u32) -> Result<()> {
    let at: String = tx.query_row("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", [], |r| {
        r.get(0)
    })?;
    let stamp = crate::audit::Stamp {
        actor: "系统升级 / upgrade".to_owned(),
        at,
    };
    let reason = format!(
        "数据结构由第 {from} 版升级至第 {SCHEMA_VERSION} 版 / schema upgraded from version {from} to {SCHEMA_VERSION}"
    );
    for kind in terroir_core::RecordKind::ALL {
        for row in crate::records::list(tx, kind, crate::records::Show::All, None, u32::MAX, 0)? {
            let after = row.snapshot();
            let before = match crate::audit::describes(tx, &row.id, &after)? {
                crate::audit::Describes::Yes | crate::audit::Describes::Nothing => continue,
                crate::audit::Describes::No(Some(before)) => before,
                // What the record held before the upgrade, as `keep_contents` kept it.
                crate::audit::Describes::No(None) => tx
                    .query_row(
                        "SELECT json FROM temp.kept_content WHERE id = ?1",
                        [&row.id],
                        |r| r.get(0),
                    )
                    .optional()?
                    .unwrap_or_default(),
            };
            crate::audit::append(
                tx,
                &stamp,
                &crate::audit::Change {
                    entity: kind.key(),
                    entity_id: &row.id,
                    action: "migrate",
                    before: Some(&before),
                    after: Some(&after),
                    reason: Some(&reason),
                    of_record: true,
                },
            )?;
        }
    }
    tx.execute("DROP TABLE IF EXISTS temp.kept_content", [])?;
    Ok(())
}

/// Before migrations that may rewrite records, keep what each record holds (its snapshot) in a
/// temporary table: its audit rows refer to that content by hash only, and `audit_migrated`
/// moves the content of every record a migration changed into `audit_snapshot`.
fn keep_contents(tx: &Connection) -> Result<()> {
    tx.execute(
        "CREATE TEMP TABLE kept_content (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
        [],
    )?;
    let mut insert = tx.prepare("INSERT INTO temp.kept_content (id, json) VALUES (?1, ?2)")?;
    crate::records::each_snapshot_before_migrating(tx, |id, json| {
        insert.execute([id, json])?;
        Ok(())
    })
}

/// Copy the database as it is, before a migration changes it, next to it
/// (`terroir.db.before-schema-9`), and check the copy's integrity: a migration that goes wrong
/// can always be undone by hand. Attachments are never touched by a migration.
fn backup_before_migrating(conn: &Connection, path: &Path, found: u32) -> Result<PathBuf> {
    let mut dest = PathBuf::from(format!("{}.before-schema-{found}", path.display()));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = PathBuf::from(format!("{}.before-schema-{found}-{n}", path.display()));
    }
    conn.execute("VACUUM INTO ?1", [dest.to_string_lossy()])?;
    let copy = Connection::open_with_flags(&dest, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let ok: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let version = schema_version(&copy)?;
    if ok != "ok" || version != found {
        return Err(Violation::backup_invalid(
            dest.display(),
            format!("integrity {ok}, schema {version}"),
        )
        .into());
    }
    Ok(dest)
}

/// What migrations had to reinterpret, oldest first (see `migration_note`).
pub fn migration_notes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT note FROM migration_note ORDER BY rowid")?;
    let notes = stmt
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(notes)
}

/// The notes written after the note `seen` (a rowid; 0 for all), with the last rowid.
pub fn migration_notes_after(conn: &Connection, seen: i64) -> Result<(Vec<String>, i64)> {
    let mut stmt =
        conn.prepare("SELECT rowid, note FROM migration_note WHERE rowid > ?1 ORDER BY rowid")?;
    let rows = stmt
        .query_map([seen], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let last = rows.last().map_or(seen, |r| r.0);
    Ok((rows.into_iter().map(|r| r.1).collect(), last))
}

/// The bundled SQLite's version, e.g. `3.54.1`.
pub fn sqlite_version(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT sqlite_version()", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_sqlite_is_at_least_3_51_3() {
        let conn = open_in_memory().unwrap();
        let v = sqlite_version(&conn).unwrap();
        let parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap()).collect();
        assert!(
            parts >= vec![3, 51, 3],
            "bundled SQLite {v} has the WAL-reset bug"
        );
    }

    #[test]
    fn migrations_run_on_an_empty_database() {
        let conn = open_in_memory().unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    /// Migration 10: a GI product's notes were printed as its profile; they move there.
    #[test]
    fn gi_notes_become_the_profile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let c = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..9] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "INSERT INTO gi_product (id, code, name, data, created_at, updated_at, version) VALUES
               ('a', 'GI-1', '甲', '{\"name\":\"甲\",\"notes\":\"产自山区\"}', '', '', 1),
               ('b', 'GI-2', '乙', '{\"name\":\"乙\",\"notes\":null}', '', '', 1);
             PRAGMA user_version = 9;",
        )
        .unwrap();
        drop(c);
        let c = open(&path, false).unwrap();
        let data = |id: &str| -> serde_json::Value {
            let s: String = c
                .query_row("SELECT data FROM gi_product WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap();
            serde_json::from_str(&s).unwrap()
        };
        assert_eq!(data("a")["profile"], serde_json::json!("产自山区"));
        assert!(data("a").get("notes").is_none());
        assert_eq!(data("b")["notes"], serde_json::Value::Null);
        assert!(data("b").get("profile").is_none());
        // The database as it was is kept beside it, checked, and the notes say where.
        let before = dir.path().join("t.db.before-schema-9");
        let copy = Connection::open(&before).unwrap();
        assert_eq!(schema_version(&copy).unwrap(), 9);
        let notes = migration_notes(&c).unwrap();
        assert!(
            notes.iter().any(|n| n.contains("t.db.before-schema-9")),
            "{notes:?}"
        );
    }

    /// Migration 12: the responsible division comes from the production area — the one
    /// division, or the city enclosing several — with a note per product to check; a product
    /// with no area keeps none.
    #[test]
    fn the_responsible_division_is_taken_from_the_area() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let c = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..11] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "INSERT INTO division (code, name, table_version) VALUES
               ('411500', '信阳市', 't'), ('411502', '浉河区', 't'), ('411525', '固始县', 't');
             INSERT INTO gi_product (id, code, name, data, created_at, updated_at, version) VALUES
               ('a', 'GI-0001', '信阳毛尖', '{\"area\":{\"divisions\":[\"411502\",\"411525\"]}}', '', '', 1),
               ('b', 'GI-0002', '固始鸡', '{\"area\":{\"divisions\":[\"411525\"]}}', '', '', 1),
               ('c', 'GI-0003', '未知', '{\"area\":{\"divisions\":[]}}', '', '', 1),
               ('d', 'GI-0004', '跨省', '{\"area\":{\"divisions\":[\"411525\",\"420100\"]}}', '', '', 1);
             PRAGMA user_version = 11;",
        )
        .unwrap();
        drop(c);
        let c = open(&path, false).unwrap();
        let responsible = |id: &str| -> Option<String> {
            c.query_row(
                "SELECT json_extract(data, '$.responsible') FROM gi_product WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(responsible("a").as_deref(), Some("411500"));
        assert_eq!(responsible("b").as_deref(), Some("411525"));
        assert_eq!(responsible("c"), None);
        let notes = migration_notes(&c).unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.contains("GI-0001") && n.contains("411500")),
            "{notes:?}"
        );
        // Across provinces: none is made up, and the clerk is told to enter it.
        assert_eq!(responsible("d"), None);
        assert!(
            notes
                .iter()
                .any(|n| n.contains("GI-0004") && n.contains("请补录")),
            "{notes:?}"
        );
    }

    /// Migration 13: a workspace of the previous version keeps every trademark, renewed marks
    /// stay renewed, "cancelled" reads as deregistered and is listed, and a pledge without a
    /// registration number stays in force and is listed.
    #[test]
    fn trademark_events_migrate_without_losing_a_record() {
        use terroir_core::trademark::{Standing, TerminationKind, Trademark};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let c = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..12] {
            c.execute_batch(sql).unwrap();
        }
        let ent = "00000000-0000-0000-0000-000000000001";
        let mark = |reg: &str, extra: &str| {
            format!(
                r#"{{"reg_no":"{reg}","name":"信阳毛尖","classes":[30],"goods":null,"registrant_id":"{ent}","kind":"certification","gi":true,"filed_on":null,"registered_on":"2008-03-07","licences":[{{"licensee_id":"{ent}","from":"2020-01-01","to":null,"recorded":false,"recordal_no":null}}],"assignments":[{{"from_id":"{ent}","to_id":"{ent}","on":"2019-01-01"}}],"notes":null,{extra}}}"#
            )
        };
        let rows = [
            (
                "a",
                "TM-0001",
                mark(
                    "1000001",
                    r#""renewals":[{"filed_on":"2018-01-10","term_starts":"2018-03-07"}],"pledges":[],"termination":null"#,
                ),
            ),
            (
                "b",
                "TM-0002",
                mark(
                    "1000002",
                    r#""renewals":[],"pledges":[],"termination":{"kind":"cancelled","on":"2017-01-01","reason":"未续展","document_no":null}"#,
                ),
            ),
            (
                "c",
                "TM-0003",
                mark(
                    "1000003",
                    r#""renewals":[{"filed_on":"2018-01-10","term_starts":"2018-03-07"}],"pledges":[{"pledgee":"银行","amount":300000000,"from":"2025-06-01","to":"2028-05-31","registration_no":null},{"pledgee":"另一银行","amount":100,"from":"2024-01-01","to":null,"registration_no":"质2024-1"}],"termination":null"#,
                ),
            ),
        ];
        c.execute(
            "INSERT INTO enterprise (id, code, name, data, created_at, updated_at, version)
             VALUES (?1, 'ENT-0001', '示例', '{}', '', '', 1)",
            [ent],
        )
        .unwrap();
        for (id, code, data) in &rows {
            c.execute(
                "INSERT INTO trademark (id, code, name, reg_no, registrant_id, data, created_at, updated_at, version)
                 VALUES (?1, ?2, '信阳毛尖', ?2, ?3, ?4, '', '', 1)",
                rusqlite::params![id, code, ent, data],
            )
            .unwrap();
        }
        // Each record's history, as the api wrote it under schema 12.
        let stamp = crate::audit::Stamp {
            actor: "测试员".into(),
            at: "2026-01-01T00:00:00.000Z".into(),
        };
        let created = |entity: &str, id: &str, code: &str, name: &str, data: &str| {
            let after = serde_json::json!({"code": code, "name": name, "sample": false,
                "archived_at": null, "data": serde_json::from_str::<serde_json::Value>(data).unwrap()})
            .to_string();
            crate::audit::append_as_before_16(
                &c,
                &stamp,
                &crate::audit::Change {
                    entity,
                    entity_id: id,
                    action: "create",
                    before: None,
                    after: Some(&after),
                    reason: None,
                    of_record: false,
                },
            );
        };
        created("enterprise", ent, "ENT-0001", "示例", "{}");
        for (id, code, data) in &rows {
            created("trademark", id, code, "信阳毛尖", data);
        }
        c.execute_batch("PRAGMA user_version = 12;").unwrap();
        drop(c);
        let c = open(&path, false).unwrap();
        // Every rewritten record's history ends at what it holds now, in a verified chain.
        let report = crate::check::run(&c, &dir.path().join("files")).unwrap();
        assert!(report.audit_mismatches.is_empty(), "{report:?}");
        assert!(report.audit_chain.first_broken.is_none(), "{report:?}");
        let migrated: Vec<String> = c
            .prepare("SELECT entity_id FROM audit_log WHERE action = 'migrate' ORDER BY seq")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(migrated, ["a", "b", "c"]);
        let read = |id: &str| -> (Trademark, Option<String>) {
            c.query_row(
                "SELECT data, status FROM trademark WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        serde_json::from_str(&r.get::<_, String>(0)?).unwrap(),
                        r.get(1)?,
                    ))
                },
            )
            .unwrap()
        };
        let cal = terroir_core::calendar::WorkingCalendar::shipped();
        let today = "2026-12-02".parse().unwrap();
        let (a, status) = read("a");
        assert_eq!(a.standing_on(today, &cal), Standing::Registered);
        assert_eq!(a.expires().unwrap().to_string(), "2028-03-06");
        assert_eq!((a.licences.len(), a.assignments.len()), (1, 1));
        assert_eq!(status, None);
        let (b, status) = read("b");
        assert_eq!(b.termination.unwrap().kind, TerminationKind::Deregistered);
        assert_eq!(status.as_deref(), Some("deregistered"));
        let (c3, _) = read("c");
        assert_eq!(c3.pledges.len(), 2);
        assert!(c3.pledges[0].in_force_on(today));
        assert_eq!(c3.pledges[0].registered_on.to_string(), "2025-06-01");
        let notes = migration_notes(&c).unwrap();
        assert!(
            notes.iter().any(|n| n.starts_with("2 件商标的续展记录")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("TM-0002") && n.contains("注销")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("TM-0003") && n.contains("没有质押登记号")),
            "{notes:?}"
        );
        assert!(!notes.iter().any(|n| n.contains("另一银行")), "{notes:?}");
    }

    /// Migration 11: a highest-only rule gets the top-up it was paid by (full), and the note
    /// says so; a cumulative rule is left alone.
    #[test]
    fn highest_only_rules_are_recorded_as_paying_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let c = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..10] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(
            "INSERT INTO division (code, name, table_version) VALUES ('411100', '漯河市', 't');
             INSERT INTO incentive_rule (id, code, name, jurisdiction, item, data, created_at, updated_at, version) VALUES
               ('a', 'RULE-0001', '驰名商标奖励', '411100', 'well_known_mark', '{\"stacking\":\"highest_only\"}', '', '', 1),
               ('b', 'RULE-0002', '马德里', '411100', 'madrid_filing', '{\"stacking\":\"cumulative\"}', '', '', 1);
             PRAGMA user_version = 10;",
        )
        .unwrap();
        drop(c);
        let c = open(&path, false).unwrap();
        let top_up = |id: &str| -> Option<String> {
            c.query_row(
                "SELECT json_extract(data, '$.top_up') FROM incentive_rule WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert_eq!(top_up("a").as_deref(), Some("full"));
        assert_eq!(top_up("b"), None);
        let notes = migration_notes(&c).unwrap();
        assert!(
            notes[0].contains("RULE-0001") && notes[0].contains("全额"),
            "{notes:?}"
        );
        assert!(!notes.iter().any(|n| n.contains("RULE-0002")));
    }

    #[test]
    fn database_newer_than_binary_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        drop(open(&path, true).unwrap());
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(c);
        let Err(Error::Rule(v)) = open(&path, false) else {
            panic!("newer schema accepted")
        };
        assert_eq!(v.rule, terroir_core::Rule::SchemaTooNew);
        assert_eq!(v.params["found"], (SCHEMA_VERSION + 1).to_string());
    }

    #[test]
    fn open_sets_wal_full_sync_and_defensive() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("t.db"), true).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!((mode.as_str(), sync), ("wal", 2));
        assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
        assert!(
            !conn
                .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
                .unwrap()
        );
    }

    #[test]
    fn network_filesystem_is_detected_from_mountinfo() {
        let info = "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n\
                    40 22 0:50 / /mnt/share rw - nfs4 server:/export rw\n\
                    41 22 0:51 / /mnt/my\\040docs rw - cifs //srv/docs rw";
        assert_eq!(
            fs_type_of(info, Path::new("/home/a")).as_deref(),
            Some("ext4")
        );
        assert_eq!(
            fs_type_of(info, Path::new("/mnt/share/county")).as_deref(),
            Some("nfs4")
        );
        assert_eq!(
            fs_type_of(info, Path::new("/mnt/my docs/x")).as_deref(),
            Some("cifs")
        );
        assert!(NETWORK_FS.contains(&"nfs4"));
    }

    #[test]
    fn database_of_the_previous_schema_version_is_upgraded_and_indexed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            // A workspace as schema version 1 left it, with one enterprise.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0]).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.execute(
                "INSERT INTO enterprise (id, code, name, data, created_at, updated_at, version)
                 VALUES ('0190a0b0-0000-7000-8000-000000000001', 'ENT-0001', '信阳市茶叶协会', '{}', 't', 't', 1)",
                [],
            )
            .unwrap();
        }
        let conn = open(&path, false).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let q = terroir_core::search::Query::new("xysc").unwrap();
        let hits =
            crate::search::search(&conn, terroir_core::RecordKind::Enterprise, &q, 5).unwrap();
        assert_eq!(hits.len(), 1, "the upgrade indexed the existing record");
    }

    #[test]
    fn missing_database_without_create_fails() {
        let dir = tempfile::tempdir().unwrap();
        assert!(open(&dir.path().join("none.db"), false).is_err());
    }

    /// From schema 16 on, what a record holds is kept only in its row: a migration that
    /// rewrites records keeps what they held first, and each rewritten record's history then
    /// says from what to what, with nothing `check` finds missing.
    #[test]
    fn a_migration_rewriting_records_keeps_what_they_held() {
        let conn = open_in_memory().unwrap();
        let stamp = crate::audit::Stamp {
            actor: "测试".into(),
            at: "2026-11-27T10:00:00Z".into(),
        };
        let content = crate::records::Content {
            name: "甲".into(),
            data: serde_json::json!({ "name": "甲", "profile": "旧" }),
            keys: vec![None],
        };
        let kind = terroir_core::RecordKind::Gi;
        let held = crate::records::insert_as(
            &conn,
            &stamp,
            kind,
            "a",
            content,
            false,
            crate::records::InsertAs::PLAIN,
        )
        .unwrap()
        .snapshot();
        let tx = conn.unchecked_transaction().unwrap();
        keep_contents(&tx).unwrap();
        tx.execute(
            "UPDATE gi_product SET data = json_set(data, '$.profile', '新')",
            [],
        )
        .unwrap();
        audit_migrated(&tx, AUDIT_BY_REFERENCE).unwrap();
        tx.commit().unwrap();
        let now = crate::records::get(&conn, kind, "a")
            .unwrap()
            .unwrap()
            .snapshot();
        assert!(now.contains("新"));
        let last = &crate::audit::list(&conn, Some("a"), 1).unwrap()[0];
        assert_eq!(last.action, "migrate");
        assert_eq!(last.before.as_deref(), Some(held.as_str()));
        assert_eq!(last.after.as_deref(), Some(now.as_str()));
        let report = crate::check::run(&conn, Path::new("/nonexistent")).unwrap();
        assert!(report.ok(), "{report:?}");
    }
}
