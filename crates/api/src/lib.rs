//! terroir-api: Terroir's use cases, one surface for every front end (the `terroir` CLI now,
//! the desktop app next). It opens a workspace, parses and validates input with terroir-core,
//! writes through terroir-store in one transaction per use case (audit included), and returns
//! DTOs or one [`ApiError`].
//!
//! This is the lowest layer that reads the clock: times and today's date are taken here and
//! passed down. It never prints and never exits the process.

pub mod bundle;
pub mod calendar;
pub mod cases;
pub mod dashboard;
pub mod dossier;
mod entity;
mod error;
pub mod exchange;
pub mod generate;
pub mod history;
pub mod lists;
pub mod ops;
pub mod plan;
pub mod records;
pub mod reminders;
pub mod report;
pub mod sample;
pub mod search;
pub mod summary;
pub mod wording;
pub mod workbench;
mod workspace;

pub use error::{ApiError, ErrorKind, Message, Problem, RecordProblems, Result};
pub use records::{Page, RecordData, RecordDto};
pub use terroir_core as core;
pub use terroir_store::audit::AuditEntry;
pub use terroir_store::records::Show;
pub use workspace::{KindCount, Workspace, WorkspaceInfo, files_dir_of};
