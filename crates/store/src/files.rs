//! Content-addressed files beside the database: `files/ab/cdef…` named by SHA-256. The
//! original file name is metadata in `file_object`, never part of the path.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Result, io};

/// Files larger than this are refused (photos and evidence scans stay well below).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

pub fn path_of(files_dir: &Path, sha256: &str) -> PathBuf {
    files_dir.join(&sha256[..2]).join(&sha256[2..])
}

/// SHA-256 of a file, streamed.
pub fn hash_file(path: &Path) -> Result<(String, u64)> {
    let mut f = std::fs::File::open(path).map_err(io(path))?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf).map_err(io(path))?;
        if n == 0 {
            break;
        }
        size += n as u64;
        h.update(&buf[..n]);
    }
    Ok((hex::encode(h.finalize()), size))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileObject {
    pub sha256: String,
    pub size: u64,
    pub original_name: String,
}

/// Copy `source` into `files_dir` by content hash (written to a temporary name, synced, then
/// renamed) and record it. Adding the same content twice stores it once.
pub fn put(
    conn: &Connection,
    files_dir: &Path,
    source: &Path,
    added_at: &str,
) -> Result<FileObject> {
    let (sha256, size) = hash_file(source)?;
    let original_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    store(
        conn,
        files_dir,
        &sha256,
        size,
        &original_name,
        added_at,
        |tmp| std::fs::copy(source, tmp).map(|_| ()),
    )
}

/// Store bytes made by the program (e.g. a print-ready photo) like [`put`].
pub fn put_bytes(
    conn: &Connection,
    files_dir: &Path,
    bytes: &[u8],
    name: &str,
    added_at: &str,
) -> Result<FileObject> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    store(
        conn,
        files_dir,
        &sha256,
        bytes.len() as u64,
        name,
        added_at,
        |tmp| std::fs::write(tmp, bytes),
    )
}

fn store(
    conn: &Connection,
    files_dir: &Path,
    sha256: &str,
    size: u64,
    original_name: &str,
    added_at: &str,
    write: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<FileObject> {
    let target = path_of(files_dir, sha256);
    if !target.exists() {
        let parent = target.parent().expect("hash path has a parent");
        std::fs::create_dir_all(parent).map_err(io(parent))?;
        let tmp = parent.join(format!(".{}.tmp", &sha256[2..]));
        write(&tmp).map_err(io(&tmp))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(&tmp))?;
        std::fs::rename(&tmp, &target).map_err(io(&target))?;
    }
    conn.execute(
        "INSERT OR IGNORE INTO file_object (sha256, size, original_name, added_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![sha256, size as i64, original_name, added_at],
    )?;
    Ok(FileObject {
        sha256: sha256.to_owned(),
        size,
        original_name: original_name.to_owned(),
    })
}

pub fn all(conn: &Connection) -> Result<Vec<FileObject>> {
    let mut stmt =
        conn.prepare("SELECT sha256, size, original_name FROM file_object ORDER BY sha256")?;
    let rows = stmt.query_map([], |r| {
        Ok(FileObject {
            sha256: r.get(0)?,
            size: r.get::<_, i64>(1)? as u64,
            original_name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Problems with the stored files: missing, or content not matching the hash.
pub fn verify(conn: &Connection, files_dir: &Path) -> Result<Vec<String>> {
    let mut problems = vec![];
    for f in all(conn)? {
        let p = path_of(files_dir, &f.sha256);
        if !p.exists() {
            problems.push(format!(
                "file {} ({}) is missing",
                f.sha256, f.original_name
            ));
            continue;
        }
        let (actual, _) = hash_file(&p)?;
        if actual != f.sha256 {
            problems.push(format!(
                "file {} ({}) does not match its hash",
                f.sha256, f.original_name
            ));
        }
    }
    Ok(problems)
}

/// fsync a directory so a rename into it is durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io(dir))
}

/// Write bytes to `path` durably (temporary file, fsync, rename).
pub fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let mut f = std::fs::File::create(&tmp).map_err(io(&tmp))?;
    f.write_all(bytes)
        .and_then(|_| f.sync_all())
        .map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(io(path))
}
