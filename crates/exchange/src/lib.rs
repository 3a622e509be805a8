//! terroir-exchange: spreadsheets in and out.
//!
//! - [`sheet`]: reading XLSX and CSV without trusting them (size, zip-bomb, declared-count and
//!   row/column caps checked before calamine parses; cells streamed);
//! - [`columns`]: each kind's columns, their Chinese synonyms, and how cells become record
//!   input (and records become cells), shared by import, export and templates;
//! - [`write`]: XLSX and CSV output that never turns text into formulas;
//! - [`bundle`]: county-to-city exchange bundles, every part checked against the manifest;
//! - [`document`]: the text of a `.txt`, `.docx` or text-layer `.pdf` for the wording check,
//!   read as untrusted as spreadsheets are, each piece with where it is.
//!
//! It knows nothing of the workspace: the api maps rows to records, checks them with the
//! domain rules and writes them in one transaction.

pub mod bundle;
pub mod columns;
pub mod document;
pub mod docx_out;
pub mod error;
pub mod sheet;
pub mod write;

pub use error::{Error, Result};
