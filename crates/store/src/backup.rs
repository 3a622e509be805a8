//! Backup and restore of a whole workspace (database and files).
//!
//! Backup: `VACUUM INTO` a temporary folder, copy the stored files, verify the copy (integrity,
//! audit chain, every file's hash), write a manifest, then rename the folder into place and
//! keep the newest N generations. Restore verifies the backup first, then moves the current
//! workspace aside (kept, never deleted) and puts the backup in its place.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use terroir_core::Violation;

use crate::error::{Result, io};
use crate::files::{self, sync_dir, write_durably};
use crate::{audit, check, db};

pub const DB_NAME: &str = "terroir.db";
pub const MANIFEST: &str = "manifest.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub created_at: String,
    pub schema_version: u32,
    pub db_sha256: String,
    pub db_size: u64,
    pub files: u64,
    pub audit_rows: u64,
    pub audit_head: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// Older generations removed to keep the newest `keep`.
    pub pruned: Vec<PathBuf>,
}

fn invalid(path: &Path, detail: impl Into<String>) -> crate::Error {
    Violation::backup_invalid(path.display(), detail.into()).into()
}

/// Back up the workspace whose database is `conn` and whose files are in `files_dir` into a new
/// folder under `dest`. `stamp` (e.g. `20261127T101500Z`) names the generation.
pub fn backup(
    conn: &Connection,
    files_dir: &Path,
    dest: &Path,
    stamp: &str,
    created_at: &str,
    keep: usize,
) -> Result<BackupInfo> {
    std::fs::create_dir_all(dest).map_err(io(dest))?;
    remove_abandoned(dest);
    let mut name = format!("terroir-{stamp}");
    let mut n = 1;
    while dest.join(&name).exists() {
        n += 1;
        name = format!("terroir-{stamp}-{n}");
    }
    let tmp = dest.join(format!(".tmp-{name}"));
    // Held until the folder is renamed into place: while it is, no other backup takes the
    // folder for an abandoned one.
    let lock_path = lock_of(&tmp);
    let lock = hold_lock(&lock_path)?;
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    std::fs::create_dir_all(tmp.join("files")).map_err(io(&tmp))?;
    let result: Result<(PathBuf, Manifest)> = (|| {
        let tmp_db = tmp.join(DB_NAME);
        conn.execute("VACUUM INTO ?1", [tmp_db.to_string_lossy()])?;
        for f in files::all(conn)? {
            let from = files::path_of(files_dir, &f.sha256);
            let to = files::path_of(&tmp.join("files"), &f.sha256);
            std::fs::create_dir_all(to.parent().expect("has parent")).map_err(io(&to))?;
            std::fs::copy(&from, &to).map_err(io(&from))?;
            std::fs::File::open(&to)
                .and_then(|f| f.sync_all())
                .map_err(io(&to))?;
        }
        let manifest = verify_parts(&tmp, created_at)?;
        write_durably(
            &tmp.join(MANIFEST),
            serde_json::to_string_pretty(&manifest)?.as_bytes(),
        )?;
        sync_dir(&tmp)?;
        let path = dest.join(&name);
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        sync_dir(dest)?;
        Ok((path, manifest))
    })();
    let done = match result {
        Ok(v) => Ok(v),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    };
    let _ = std::fs::remove_file(&lock_path);
    drop(lock);
    let (path, manifest) = done?;
    let pruned = prune(dest, keep)?;
    Ok(BackupInfo {
        path,
        manifest,
        pruned,
    })
}

/// The lock file beside a backup's temporary folder (`.tmp-NAME.lock`).
fn lock_of(tmp: &Path) -> PathBuf {
    let mut name = tmp.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Create and lock the file at `path`. Another backup's [`remove_abandoned`] may remove the
/// file between its creation and its locking: then it is created again, so the lock held is
/// always the one on disk.
fn hold_lock(path: &Path) -> Result<std::fs::File> {
    use std::os::unix::fs::MetadataExt;
    loop {
        let f = std::fs::File::create(path).map_err(io(path))?;
        f.lock().map_err(io(path))?;
        let held = f.metadata().map_err(io(path))?.ino();
        match std::fs::metadata(path) {
            Ok(m) if m.ino() == held => return Ok(f),
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io(path)(e)),
        }
    }
}

/// Remove the temporary folders of backups that were stopped before they finished (the app
/// closed during its daily backup, a killed `terroir backup`): a backup in progress holds the
/// lock beside its folder, an abandoned one's lock is free or gone. Best effort: a folder that
/// cannot be removed now is left for the next backup.
fn remove_abandoned(dest: &Path) {
    let Ok(entries) = std::fs::read_dir(dest) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with(".tmp-") || name.ends_with(".lock") {
            continue;
        }
        let lock_path = lock_of(&path);
        let held = std::fs::File::open(&lock_path);
        let free = match &held {
            Ok(f) => f.try_lock().is_ok(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if free {
            // The lock (when there is one) is held here until both are gone.
            let _ = std::fs::remove_dir_all(&path);
            let _ = std::fs::remove_file(&lock_path);
        }
    }
}

/// Remove all but the newest `keep` generations in `dest`.
fn prune(dest: &Path, keep: usize) -> Result<Vec<PathBuf>> {
    let mut gens = generations(dest)?;
    let excess = gens.len().saturating_sub(keep.max(1));
    let old: Vec<PathBuf> = gens.drain(..excess).collect();
    for p in &old {
        std::fs::remove_dir_all(p).map_err(io(p))?;
    }
    Ok(old)
}

/// Backup folders in `dest`, oldest first.
pub fn generations(dest: &Path) -> Result<Vec<PathBuf>> {
    let mut gens: Vec<(std::time::SystemTime, PathBuf)> = vec![];
    for e in std::fs::read_dir(dest).map_err(io(dest))? {
        let e = e.map_err(io(dest))?;
        let p = e.path();
        if e.file_name().to_string_lossy().starts_with("terroir-") && p.join(MANIFEST).exists() {
            let modified = p
                .join(MANIFEST)
                .metadata()
                .and_then(|m| m.modified())
                .map_err(io(&p))?;
            gens.push((modified, p));
        }
    }
    gens.sort();
    Ok(gens.into_iter().map(|(_, p)| p).collect())
}

/// Check a backup folder's database and files; returns the manifest they amount to.
fn verify_parts(dir: &Path, created_at: &str) -> Result<Manifest> {
    let db_path = dir.join(DB_NAME);
    if !db_path.exists() {
        return Err(invalid(dir, format!("{DB_NAME} is missing")));
    }
    let conn = Connection::open_with_flags(&db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let integrity = check::integrity(&conn)?;
    if !integrity.is_empty() {
        return Err(invalid(
            dir,
            format!("integrity check: {}", integrity.join("; ")),
        ));
    }
    let schema_version = db::schema_version(&conn)?;
    if schema_version > db::SCHEMA_VERSION {
        return Err(invalid(
            dir,
            format!("schema version {schema_version} is newer than this program"),
        ));
    }
    let chain = audit::verify(&conn)?;
    if let Some(b) = &chain.first_broken {
        return Err(invalid(
            dir,
            format!("audit chain broken at row {}: {}", b.seq, b.problem),
        ));
    }
    let problems = files::verify(&conn, &dir.join("files"))?;
    if !problems.is_empty() {
        return Err(invalid(dir, problems.join("; ")));
    }
    let files = files::all(&conn)?.len() as u64;
    drop(conn);
    let (db_sha256, db_size) = files::hash_file(&db_path)?;
    Ok(Manifest {
        created_at: created_at.to_owned(),
        schema_version,
        db_sha256,
        db_size,
        files,
        audit_rows: chain.rows,
        audit_head: chain.head,
    })
}

/// Verify a backup folder (or the database file inside one) against its manifest.
pub fn verify_backup(path: &Path) -> Result<(PathBuf, Manifest)> {
    let dir = if path.is_file() {
        path.parent().unwrap_or(Path::new(".")).to_owned()
    } else {
        path.to_owned()
    };
    let manifest_path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&manifest_path)
        .map_err(|_| invalid(&dir, format!("{MANIFEST} is missing")))?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|e| invalid(&dir, format!("{MANIFEST}: {e}")))?;
    let (sha, _) = files::hash_file(&dir.join(DB_NAME))
        .map_err(|_| invalid(&dir, format!("{DB_NAME} is missing")))?;
    if sha != manifest.db_sha256 {
        return Err(invalid(
            &dir,
            format!("{DB_NAME} does not match the manifest's SHA-256"),
        ));
    }
    let found = verify_parts(&dir, &manifest.created_at)?;
    if found.audit_head != manifest.audit_head || found.files != manifest.files {
        return Err(invalid(&dir, "contents differ from the manifest"));
    }
    Ok((dir, manifest))
}

/// Replace the workspace at `db_path` (and its `files/`) with a verified backup. The replaced
/// workspace is moved to `replaced-<stamp>/` beside it. The caller must have closed every
/// connection to `db_path`.
pub fn restore(backup: &Path, db_path: &Path, stamp: &str) -> Result<PathBuf> {
    let (dir, _) = verify_backup(backup)?;
    let ws_dir = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_owned();
    let files_dir = ws_dir.join("files");
    let replaced = ws_dir.join(format!("replaced-{stamp}"));
    std::fs::create_dir_all(&replaced).map_err(io(&replaced))?;
    // Copy the backup next to the live files first, so the swap below is two renames.
    let incoming = ws_dir.join(format!(".restore-{stamp}"));
    std::fs::create_dir_all(incoming.join("files")).map_err(io(&incoming))?;
    std::fs::copy(dir.join(DB_NAME), incoming.join(DB_NAME)).map_err(io(&incoming))?;
    copy_tree(&dir.join("files"), &incoming.join("files"))?;
    sync_dir(&incoming)?;
    let db_name = db_path.file_name().expect("database path names a file");
    for suffix in ["", "-wal", "-shm"] {
        let mut name = db_name.to_owned();
        name.push(suffix);
        let p = ws_dir.join(&name);
        if p.exists() {
            std::fs::rename(&p, replaced.join(&name)).map_err(io(&p))?;
        }
    }
    if files_dir.exists() {
        std::fs::rename(&files_dir, replaced.join("files")).map_err(io(&files_dir))?;
    }
    std::fs::rename(incoming.join(DB_NAME), db_path).map_err(io(db_path))?;
    std::fs::rename(incoming.join("files"), &files_dir).map_err(io(&files_dir))?;
    std::fs::remove_dir_all(&incoming).map_err(io(&incoming))?;
    sync_dir(&ws_dir)?;
    Ok(replaced)
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    if !from.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(to).map_err(io(to))?;
    for e in std::fs::read_dir(from).map_err(io(from))? {
        let e = e.map_err(io(from))?;
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target)?;
        } else {
            std::fs::copy(e.path(), &target).map_err(io(&target))?;
        }
    }
    Ok(())
}
