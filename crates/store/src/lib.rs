//! terroir-store: the workspace on disk — a SQLite database (bundled, WAL) and a `files/`
//! folder of content-addressed attachments — with append-only migrations, record tables, the
//! hash-chained audit trail, backup/restore and consistency checks.
//!
//! It never decides domain rules (terroir-core does) and never reads the clock: times come in
//! through [`audit::Stamp`]. It is the only crate that touches rusqlite.

pub mod audit;
pub mod backup;
pub mod cases;
pub mod check;
pub mod db;
mod error;
pub mod files;
pub mod plan;
mod postings;
pub mod records;
pub mod search;
pub mod tables;

pub use error::{Error, Result};
pub use rusqlite::{Connection, Transaction, TransactionBehavior};

/// Begin an IMMEDIATE transaction: the write lock is taken at once, so a busy workspace waits
/// (busy timeout) instead of failing half-way.
pub fn begin(conn: &mut Connection) -> Result<Transaction<'_>> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// The range of division codes under `prefix` (`4115` → 411500..411600): an index range.
pub(crate) fn division_range(prefix: &str) -> (String, String) {
    let lo = format!("{prefix:0<6}");
    let hi = if prefix.is_empty() {
        "999999".to_owned() + "~"
    } else {
        let n: u64 = prefix.parse().unwrap_or(0) + 1;
        format!("{:0<6}", format!("{n:0w$}", w = prefix.len()))
    };
    (lo, hi)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_prefix_is_a_range_of_codes() {
        assert_eq!(
            super::division_range("4115"),
            ("411500".into(), "411600".into())
        );
        assert_eq!(
            super::division_range("41"),
            ("410000".into(), "420000".into())
        );
        assert_eq!(
            super::division_range("411525"),
            ("411525".into(), "411526".into())
        );
        assert_eq!(
            super::division_range("4109"),
            ("410900".into(), "411000".into())
        );
    }
}
