use std::path::PathBuf;

use terroir_core::Violation;

/// Errors of the store. `Rule` carries a domain-level reason (a conflict, a missing record, a
/// database too new, a workspace on a network filesystem); the others are storage failures.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Rule(Violation),
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The code and the schema disagree (a kind's key columns and its table's).
    #[error("schema: {0}")]
    Schema(String),
}

impl Error {
    /// Another connection held the write lock past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Self::Sqlite(e) if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        )
    }
}

impl From<Violation> for Error {
    fn from(v: Violation) -> Self {
        Self::Rule(v)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Attach a path to an IO error.
pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io { path, source }
}
