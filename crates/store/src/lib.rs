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
