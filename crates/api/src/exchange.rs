//! Spreadsheet import and export, and templates.
//!
//! Import reads the sheet through terroir-exchange (guarded against hostile files), finds the
//! header row, turns each row into the kind's input and runs it through the same checks and
//! writes as typing it in, inside one transaction: a dry run (and any problem) rolls it all
//! back, so the preview is exactly what the import would do. Enterprises are matched on their
//! credit code and updated, never duplicated. Every written record's audit row names the file
//! and its SHA-256.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use terroir_core::record::RecordKind;
use terroir_core::{Rule, Violation};
use terroir_exchange::columns::{self, Mapping, column_letter};
use terroir_exchange::sheet::{self, Cell};
use terroir_exchange::write::{self, Sheet};
use terroir_store::records::{self as store, Show};
use terroir_store::tables;

use crate::entity::{Entity, input_from_json};
use crate::error::{ApiError, Message, Result};
use crate::records::{decode, insert_as, store_entity};
use crate::workspace::{StoreLookup, Workspace};
use terroir_store::search::BatchTerms;

/// New records are indexed for search in sorted chunks of this many (memory stays flat).
const INDEX_CHUNK: usize = 5_000;

/// One problem of one row: where (spreadsheet row, column), what was there, which rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportProblem {
    pub row: u32,
    /// Column letter and header, e.g. `C 统一社会信用代码`.
    pub column: Option<String>,
    pub value: Option<String>,
    pub field: Option<String>,
    pub rule: Rule,
    pub message: Message,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportItem {
    pub row: u32,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportChange {
    pub row: u32,
    pub code: String,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// What a sheet holds: one kind's records, or a sheet that is not a record kind's (the GI
/// products' yearly statistics, `gi_stats`), imported with the same preview, problems and
/// all-or-nothing write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(untagged)]
pub enum SheetKind {
    Records(RecordKind),
    Other(OtherSheet),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum OtherSheet {
    GiStats,
}

impl SheetKind {
    pub const GI_STATS: SheetKind = SheetKind::Other(OtherSheet::GiStats);

    /// A kind's key (`enterprise`, …) or `gi_stats`.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "gi_stats" => Some(Self::GI_STATS),
            k => RecordKind::from_key(k).map(Self::Records),
        }
    }

    /// The sheets that can be imported, by key.
    pub fn keys() -> Vec<&'static str> {
        columns::exchanged_kinds()
            .map(|k| k.key())
            .chain(["gi_stats"])
            .collect()
    }
}

impl From<RecordKind> for SheetKind {
    fn from(k: RecordKind) -> Self {
        Self::Records(k)
    }
}

/// What an import did, or (dry run, or problems found) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportReport {
    pub kind: SheetKind,
    pub file: String,
    pub sha256: String,
    pub header_row: u32,
    /// Data rows read (empty rows are skipped and not counted).
    pub rows: u32,
    pub added: Vec<ImportItem>,
    pub changed: Vec<ImportChange>,
    pub unchanged: Vec<ImportItem>,
    /// Columns no field matches: ignored, listed so nothing is lost unnoticed.
    pub ignored_columns: Vec<String>,
    pub problems: Vec<ImportProblem>,
    /// True when the changes were written (no problems, not a dry run).
    pub applied: bool,
    /// True when the clerk stopped the import: nothing was written, and the counts cover the
    /// rows checked until then.
    pub cancelled: bool,
}

/// How far an import has got: data rows checked of those in the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Rows between two progress reports.
const PROGRESS_EVERY: u32 = 250;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ExportSummary {
    pub kind: SheetKind,
    pub path: String,
    pub rows: u32,
}

fn sheet_error(e: terroir_exchange::Error) -> ApiError {
    use terroir_exchange::Error as E;
    let v = match e {
        E::Unreadable(detail) => Violation::file_missing(detail),
        E::NotSpreadsheet | E::NotDocument => Violation::sheet_not_spreadsheet(),
        E::Encoding => Violation::sheet_encoding(),
        E::Corrupt(detail) => Violation::sheet_damaged(detail),
        E::TooLarge { what, size, max } => Violation::sheet_too_large(what, size, max),
        E::ZipBomb { part, ratio } => Violation::sheet_zip_bomb(part, ratio),
        E::DeclaredCount {
            attr,
            declared,
            max,
        } => Violation::sheet_declared_count(attr, declared, max),
        E::TooMany { what, at, max } => Violation::sheet_too_many(what, at, max),
    };
    v.at("file").into()
}

fn exchanged(kind: RecordKind) -> Result<()> {
    if columns::columns(kind).is_empty() {
        return Err(
            Violation::enum_value(kind.key(), SheetKind::keys().join(", "))
                .at("kind")
                .into(),
        );
    }
    Ok(())
}

/// The column a violation's field came from: the longest origin field that is the field or
/// a prefix of it (`classes[1]` → `classes`).
fn column_of(origin: &[(String, usize)], field: &str) -> Option<usize> {
    origin
        .iter()
        .filter(|(f, _)| {
            field == f || field.starts_with(&format!("{f}[")) || field.starts_with(&format!("{f}."))
        })
        .max_by_key(|(f, _)| f.len())
        .map(|(_, c)| *c)
}

impl Workspace {
    /// Write an empty import template for `kind`: headers and a notes row.
    pub fn template(&self, kind: impl Into<SheetKind>, path: &Path) -> Result<()> {
        let (name, defs) = match kind.into() {
            SheetKind::Records(kind) => {
                exchanged(kind)?;
                (kind.key(), columns::columns(kind))
            }
            SheetKind::Other(OtherSheet::GiStats) => ("gi_stats", columns::GI_STATS),
        };
        let mut sheet = Sheet::new(name, defs);
        sheet.notes = defs.iter().map(|d| d.note.to_owned()).collect();
        write::write(path, &sheet)
            .map_err(|e| ApiError::from(Violation::file_missing(e).at("output")))
    }

    /// Export the records of `kind` (live, archived or all) as XLSX or CSV, in the import
    /// format: an exported sheet imports into another workspace unchanged.
    pub fn export(&self, kind: RecordKind, show: Show, path: &Path) -> Result<ExportSummary> {
        let query = crate::lists::ListQuery {
            show,
            ..Default::default()
        };
        self.export_list(kind, &query, path)
    }

    /// Write the records a list shows — its filters and order — as the kind's sheet.
    pub fn export_list(
        &self,
        kind: RecordKind,
        query: &crate::lists::ListQuery,
        path: &Path,
    ) -> Result<ExportSummary> {
        exchanged(kind)?;
        let filter = crate::lists::filter(kind, query)?;
        let sheet = self.export_sheet(kind, query.show, &filter)?;
        let rows = sheet.rows.len() as u32;
        write::write(path, &sheet)
            .map_err(|e| ApiError::from(Violation::file_missing(e).at("output")))?;
        Ok(ExportSummary {
            kind: kind.into(),
            path: path.display().to_string(),
            rows,
        })
    }

    fn export_sheet(&self, kind: RecordKind, show: Show, filter: &store::Filter) -> Result<Sheet> {
        let mut sheet = Sheet::new(kind.key(), columns::columns(kind));
        let lookup = StoreLookup(&self.conn);
        // References are written as what survives a move to another workspace: an
        // enterprise's credit code (else its code), a trademark's registration number, a GI
        // product's name.
        let mut refs: HashMap<String, String> = HashMap::new();
        let mut portable = |of: RecordKind, v: &mut Value| -> Result<()> {
            let Value::String(code) = v else {
                return Ok(());
            };
            if let Some(p) = refs.get(code.as_str()) {
                *code = p.clone();
                return Ok(());
            }
            let p = match store::get(&self.conn, of, code)? {
                Some(r) if of == RecordKind::Gi => r.name,
                Some(r) => r.keys[0].clone().unwrap_or(r.code),
                None => code.clone(),
            };
            refs.insert(code.clone(), p.clone());
            *code = p;
            Ok(())
        };
        fn input_json<E: Entity>(
            row: &terroir_store::records::RecordRow,
            lookup: &StoreLookup<'_>,
        ) -> Result<Value> {
            let e: E = decode(row)?;
            serde_json::to_value(e.to_input(lookup)).map_err(ApiError::storage)
        }
        for row in store::list_filtered(&self.conn, kind, show, filter, u32::MAX, 0)? {
            let mut input = crate::records::by_kind!(kind, input_json(&row, &lookup))?;
            match kind {
                RecordKind::User => {
                    portable(RecordKind::Gi, &mut input["gi"])?;
                    portable(RecordKind::Enterprise, &mut input["enterprise"])?;
                }
                RecordKind::Trademark => {
                    portable(RecordKind::Enterprise, &mut input["registrant"])?
                }
                RecordKind::Gi => {
                    if let Some(ps) = input.get_mut("protections").and_then(Value::as_array_mut) {
                        for p in ps {
                            if let Some(t) = p.get_mut("trademark") {
                                portable(RecordKind::Trademark, t)?;
                            }
                        }
                    }
                }
                _ => {}
            }
            sheet.rows.push(columns::export_row(kind, &input));
        }
        Ok(sheet)
    }

    /// Import a file previewed earlier, refusing it when it changed since (its SHA-256 differs).
    /// Progress and cancelling as in [`Workspace::import_with`].
    pub fn import_checked(
        &mut self,
        kind: impl Into<SheetKind>,
        path: &Path,
        sha256: &str,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        if file_sha256(path)? != sha256 {
            return Err(Violation::sheet_damaged(
                "the file changed after the preview; preview it again",
            )
            .at("file")
            .into());
        }
        self.import_with(kind, path, false, cancel, progress)
    }

    /// Import a spreadsheet of `kind`. With `dry_run`, or when any row has a problem, nothing
    /// is written and the report says what would happen.
    pub fn import(
        &mut self,
        kind: impl Into<SheetKind>,
        path: &Path,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.import_with(kind, path, dry_run, &AtomicBool::new(false), &mut |_| {})
    }

    /// [`Workspace::import`], reporting every few hundred rows checked on `progress`. Setting
    /// `cancel` stops it at the next row: nothing is written (the transaction is dropped) and
    /// the report says `cancelled`.
    pub fn import_with(
        &mut self,
        kind: impl Into<SheetKind>,
        path: &Path,
        dry_run: bool,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        let kind = match kind.into() {
            SheetKind::Records(kind) => kind,
            SheetKind::Other(OtherSheet::GiStats) => {
                return self.import_gi_stats(path, dry_run, cancel, progress);
            }
        };
        exchanged(kind)?;
        let sheet = ImportSheet::read(columns::columns(kind), path)?;
        let mut report = ImportReport::before_rows(kind.into(), &sheet);
        let divisions = self.division_names()?;
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        let mut rows = RowImport {
            tx: &tx,
            stamp: &stamp,
            kind,
            dry_run,
            reason: format!("导入 {} (sha256 {})", report.file, report.sha256),
            divisions,
            seen: HashMap::new(),
            unindexed: vec![],
            indexing: None,
        };
        let finished = rows.import_all(sheet, &mut report, cancel, progress)?;
        // A stop that comes while the last progress is shown still writes nothing.
        if !finished || cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            return Ok(report);
        }
        if report.problems.is_empty() && !dry_run {
            rows.index_chunk()?;
            rows.index_chunk()?;
            tx.commit().map_err(terroir_store::Error::from)?;
            report.applied = true;
        }
        Ok(report)
    }
    /// Import a sheet of GI yearly statistics: one row per product and year (the product by
    /// code or name), checked by the form's rules, each year's figures added or replaced and
    /// audited with the file; all or nothing, as a record sheet.
    fn import_gi_stats(
        &mut self,
        path: &Path,
        dry_run: bool,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportReport> {
        let sheet = ImportSheet::read(columns::GI_STATS, path)?;
        let mut report = ImportReport::before_rows(SheetKind::GI_STATS, &sheet);
        let reason = format!("导入 {} (sha256 {})", report.file, report.sha256);
        let stamp = self.stamp();
        let tx = terroir_store::begin(&mut self.conn)?;
        // (product id, year) → the row that first had it.
        let mut seen: HashMap<(String, i32), u32> = HashMap::new();
        let finished = each_row(
            sheet,
            &mut report,
            cancel,
            progress,
            |m, number, cells, header, report| {
                let (input, origin) = columns::row_input(None, m, cells);
                let place = RowPlace {
                    number,
                    cells,
                    header,
                    origin,
                };
                let outcome = stat_row(&tx, &stamp, &reason, input, number, &mut seen);
                report.record(&place, outcome);
                Ok(())
            },
        )?;
        if !finished || cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            return Ok(report);
        }
        if report.problems.is_empty() && !dry_run {
            tx.commit().map_err(terroir_store::Error::from)?;
            report.applied = true;
        }
        Ok(report)
    }

    /// Every GI product's yearly statistics as the import sheet (product code, year, …): an
    /// exported sheet imports unchanged.
    pub fn export_gi_stats(&self, path: &Path) -> Result<ExportSummary> {
        let mut sheet = Sheet::new("gi_stats", columns::GI_STATS);
        let mut rows = vec![];
        store::each(&self.conn, RecordKind::Gi, |gi| {
            rows.push(gi);
            Ok(())
        })?;
        rows.sort_by(|a, b| a.code.cmp(&b.code));
        for gi in rows {
            for (_, data, _) in terroir_store::plan::gi_stats(&self.conn, &gi.id)? {
                let stat: terroir_core::plan::GiYearStat =
                    serde_json::from_str(&data).map_err(ApiError::storage)?;
                let mut input = serde_json::to_value(stat.to_input()).map_err(ApiError::storage)?;
                input["gi"] = Value::String(gi.code.clone());
                sheet
                    .rows
                    .push(columns::export_cells(columns::GI_STATS, None, &input));
            }
        }
        let n = sheet.rows.len() as u32;
        write::write(path, &sheet)
            .map_err(|e| ApiError::from(Violation::file_missing(e).at("output")))?;
        Ok(ExportSummary {
            kind: SheetKind::GI_STATS,
            path: path.display().to_string(),
            rows: n,
        })
    }

    /// Division names → codes, for cells holding 固始县 instead of 411525. A name held by
    /// two divisions is left as typed (and then refused by the rules, with the value shown).
    fn division_names(&self) -> Result<HashMap<String, String>> {
        let mut out: HashMap<String, String> = HashMap::new();
        let mut twice = vec![];
        for d in tables::divisions(&self.conn)? {
            if out.insert(d.name.clone(), d.code).is_some() {
                twice.push(d.name);
            }
        }
        for n in twice {
            out.remove(&n);
        }
        Ok(out)
    }
}

/// The SHA-256 of a file to import, which its audit rows name.
fn file_sha256(path: &Path) -> Result<String> {
    let (sha, _) = terroir_store::files::hash_file(path)
        .map_err(|_| ApiError::from(Violation::file_missing(path.display()).at("file")))?;
    Ok(sha)
}

/// A sheet read for import: the file's name and SHA-256, its rows, and where its header is.
struct ImportSheet {
    file: String,
    sha256: String,
    rows: Vec<(u32, Vec<Cell>)>,
    mapping: Mapping,
}

impl ImportSheet {
    /// Hash the file, read it (guarded against hostile files) and find the header row of
    /// the columns `defs`, naming the first few when none is found.
    fn read(defs: &'static [columns::ColumnDef], path: &Path) -> Result<Self> {
        let sha256 = file_sha256(path)?;
        let rows = sheet::read(path).map_err(sheet_error)?.rows;
        let mapping = columns::locate_in(defs, &rows).ok_or_else(|| {
            let expected: Vec<&str> = defs.iter().take(3).map(|d| d.header).collect();
            ApiError::from(Violation::sheet_no_header(expected.join("、")).at("file"))
        })?;
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Self {
            file,
            sha256,
            rows,
            mapping,
        })
    }
}

impl ImportReport {
    /// The report of a sheet before any row is checked: which file, where its header is and
    /// which columns no field takes.
    fn before_rows(kind: SheetKind, sheet: &ImportSheet) -> Self {
        Self {
            kind,
            file: sheet.file.clone(),
            sha256: sheet.sha256.clone(),
            header_row: sheet.mapping.header_row,
            rows: 0,
            added: vec![],
            changed: vec![],
            unchanged: vec![],
            ignored_columns: sheet.mapping.ignored.clone(),
            problems: vec![],
            applied: false,
            cancelled: false,
        }
    }

    /// File a row's outcome under added, changed or unchanged; a refused row's problems are
    /// placed at the columns they came from.
    fn record(&mut self, place: &RowPlace<'_>, outcome: Result<Outcome>) {
        let row = place.number;
        match outcome {
            Ok(Outcome::Added(code, name)) => self.added.push(ImportItem { row, code, name }),
            Ok(Outcome::Changed(code, name, fields)) => self.changed.push(ImportChange {
                row,
                code,
                name,
                fields,
            }),
            Ok(Outcome::Unchanged(code, name)) => {
                self.unchanged.push(ImportItem { row, code, name })
            }
            Err(e) => {
                for p in &e.problems {
                    let v = Violation {
                        field: p.field.clone(),
                        rule: p.rule,
                        params: p.params.clone(),
                    };
                    self.problems
                        .push(place.problem(p.field.as_deref().unwrap_or(""), &v));
                }
            }
        }
    }
}

/// Where a row's problems point: its spreadsheet row, its cells, and the column each input
/// field came from.
struct RowPlace<'a> {
    number: u32,
    cells: &'a [Cell],
    header: &'a [Cell],
    origin: Vec<(String, usize)>,
}

impl RowPlace<'_> {
    /// The problem `v` with `field`, at the column (letter and header) and value it came from.
    fn problem(&self, field: &str, v: &Violation) -> ImportProblem {
        let col = column_of(&self.origin, field);
        ImportProblem {
            row: self.number,
            column: col.map(|c| {
                let header = cells_header(self.header, c);
                format!("{} {header}", column_letter(c))
            }),
            value: col
                .and_then(|c| self.cells.get(c))
                .map(Cell::text)
                .filter(|s| !s.is_empty()),
            field: Some(field.to_owned()).filter(|f| !f.is_empty()),
            rule: v.rule,
            message: Message {
                zh_cn: v.message(terroir_core::Lang::Zh),
                en_us: v.message(terroir_core::Lang::En),
            },
        }
    }
}

/// The rows of one import going through its transaction, with what they share: the audit
/// reason, the division names, the credit codes seen so far and the records still to index.
struct RowImport<'a> {
    tx: &'a terroir_store::Connection,
    stamp: &'a terroir_store::audit::Stamp,
    kind: RecordKind,
    dry_run: bool,
    /// Names the file and its SHA-256 on every written record's audit row.
    reason: String,
    divisions: HashMap<String, String>,
    /// Compacted credit code → the row that first had it.
    seen: HashMap<String, u32>,
    /// New records are indexed for search in sorted chunks, not one by one (see put_batch).
    unindexed: Vec<store::RecordRow>,
    /// The chunk before them, whose search terms are worked out on another thread while the
    /// next chunk's records are written.
    indexing: Option<(Vec<store::RecordRow>, std::thread::JoinHandle<BatchTerms>)>,
}

/// Go through a sheet's data rows in order (empty and notes rows skipped, each other counted
/// in the report), handing each to `row`, reporting progress every few hundred; false when the
/// clerk cancelled before the last row.
fn each_row(
    sheet: ImportSheet,
    report: &mut ImportReport,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(ImportProgress),
    mut row: impl FnMut(&Mapping, u32, &[Cell], &[Cell], &mut ImportReport) -> Result<()>,
) -> Result<bool> {
    let ImportSheet { rows, mapping, .. } = sheet;
    // Rows are consumed as they are written, so the sheet's memory shrinks as the
    // transaction grows.
    let header = rows[mapping.header_index].1.clone();
    let total = (rows.len() - mapping.header_index - 1) as u32;
    progress(ImportProgress { done: 0, total });
    for (i, (number, cells)) in rows.into_iter().skip(mapping.header_index + 1).enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Ok(false);
        }
        if i > 0 && (i as u32).is_multiple_of(PROGRESS_EVERY) {
            progress(ImportProgress {
                done: i as u32,
                total,
            });
        }
        if cells.iter().all(Cell::is_empty) || is_notes_row(&mapping, &cells) {
            continue;
        }
        report.rows += 1;
        row(&mapping, number, &cells, &header, report)?;
    }
    progress(ImportProgress { done: total, total });
    Ok(true)
}

impl RowImport<'_> {
    /// Check and write the sheet's data rows in order; false when the clerk cancelled.
    fn import_all(
        &mut self,
        sheet: ImportSheet,
        report: &mut ImportReport,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<bool> {
        each_row(
            sheet,
            report,
            cancel,
            progress,
            |m, number, cells, header, report| self.import_row(m, number, cells, header, report),
        )
    }

    /// Turn one data row into the kind's input and add it, or change the record it matches
    /// (or leave it, unchanged); what the rules refuse goes to the report's problems.
    fn import_row(
        &mut self,
        mapping: &Mapping,
        number: u32,
        cells: &[Cell],
        header: &[Cell],
        report: &mut ImportReport,
    ) -> Result<()> {
        let (mut input, origin) = columns::row_input(Some(self.kind), mapping, cells);
        let place = RowPlace {
            number,
            cells,
            header,
            origin,
        };
        resolve_divisions(self.kind, &mut input, &self.divisions);
        if let Some(v) = self.repeated_credit_code(&input, number) {
            report.problems.push(place.problem("credit_code", &v));
            return Ok(());
        }
        let outcome = match self.existing(&input)? {
            Some(id) => update_existing(self.tx, self.stamp, self.kind, &id, input, &self.reason),
            None => self.add(input),
        };
        if self.unindexed.len() >= INDEX_CHUNK {
            self.index_chunk()?;
        }
        report.record(&place, outcome);
        Ok(())
    }

    /// Index the chunk whose terms were being worked out, and start working out the terms of
    /// the records waiting (on another thread: the next records are written meanwhile). Twice
    /// at the end indexes everything.
    fn index_chunk(&mut self) -> Result<()> {
        if let Some((rows, terms)) = self.indexing.take() {
            let terms = terms
                .join()
                .map_err(|_| ApiError::storage("working out the search terms failed"))?;
            terroir_store::search::put_batch(self.tx, self.kind, &rows, terms)?;
        }
        let rows = std::mem::take(&mut self.unindexed);
        if !rows.is_empty() {
            let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
            let kind = self.kind;
            let terms = std::thread::spawn(move || {
                terroir_store::search::batch_terms(kind, names.iter().map(String::as_str))
            });
            self.indexing = Some((rows, terms));
        }
        Ok(())
    }

    /// The refusal of an enterprise whose credit code an earlier row of the file had: the
    /// same enterprise twice in one file is a mistake to show, not to merge.
    fn repeated_credit_code(
        &mut self,
        input: &Map<String, Value>,
        number: u32,
    ) -> Option<Violation> {
        if self.kind != RecordKind::Enterprise {
            return None;
        }
        let Some(Value::String(cc)) = input.get("credit_code") else {
            return None;
        };
        let key = terroir_core::text::compact_code(cc);
        if let Some(first) = self.seen.get(&key) {
            return Some(Violation::duplicate_in_file(cc, first).at("credit_code"));
        }
        self.seen.insert(key, number);
        None
    }

    /// The live record a row updates, if any. Enterprises are matched on the credit code; one
    /// without a code on its exact name, when exactly one live enterprise bears it. Rows of
    /// other kinds always add.
    fn existing(&self, input: &Map<String, Value>) -> Result<Option<String>> {
        Ok(
            match (self.kind, input.get("credit_code"), input.get("name")) {
                (RecordKind::Enterprise, Some(Value::String(cc)), _) => {
                    store::find_live(self.tx, self.kind, cc)?
                        .filter(|_| terroir_core::CreditCode::parse(cc).is_ok())
                }
                (RecordKind::Enterprise, None, Some(Value::String(name))) => {
                    store::find_by_name(self.tx, self.kind, name)?
                }
                _ => None,
            },
        )
    }

    /// Add a row as a new record, audited as imported from the file; unless this is a dry
    /// run, it waits for the next chunk to be indexed for search.
    fn add(&mut self, input: Map<String, Value>) -> Result<Outcome> {
        let how = store::InsertAs {
            action: "import",
            reason: Some(&self.reason),
            index_now: false,
        };
        let mut row = crate::records::by_kind!(
            self.kind,
            insert_as(self.tx, self.stamp, Value::Object(input), false, how)
        )?;
        let out = Outcome::Added(row.code.clone(), row.name.clone());
        if !self.dry_run {
            row.data = Value::Null; // the index needs names and keys only
            self.unindexed.push(row);
        }
        Ok(out)
    }
}

fn cells_header(header: &[Cell], c: usize) -> String {
    header
        .get(c)
        .map(|h| h.text().trim().to_owned())
        .unwrap_or_default()
}

/// A template's notes row (written under the headers) is not data.
fn is_notes_row(mapping: &Mapping, cells: &[Cell]) -> bool {
    let mut any = false;
    for (c, d) in &mapping.columns {
        let text = cells.get(*c).map(Cell::text).unwrap_or_default();
        if text.is_empty() {
            continue;
        }
        if text != d.note {
            return false;
        }
        any = true;
    }
    any
}

fn resolve_divisions(
    kind: RecordKind,
    input: &mut Map<String, Value>,
    names: &HashMap<String, String>,
) {
    let field = match kind {
        RecordKind::Enterprise => "division",
        RecordKind::IncentiveRule => "jurisdiction",
        RecordKind::Gi => "divisions",
        _ => return,
    };
    let fix = |v: &mut Value| {
        if let Value::String(s) = v
            && let Some(code) = names.get(s.as_str())
        {
            *s = code.clone();
        }
    };
    match input.get_mut(field) {
        Some(Value::Array(items)) => items.iter_mut().for_each(fix),
        Some(v) => fix(v),
        None => {}
    }
}

enum Outcome {
    Added(String, String),
    Changed(String, String, Vec<FieldChange>),
    Unchanged(String, String),
}

/// One row of a GI statistics sheet: its product found (by code, id or name, live), its
/// figures parsed by the form's rules, a product's year given twice in the file refused; then
/// added, or replacing that year's figures (the changed fields listed), or unchanged.
fn stat_row(
    tx: &terroir_store::Connection,
    stamp: &terroir_store::audit::Stamp,
    reason: &str,
    mut input: Map<String, Value>,
    number: u32,
    seen: &mut HashMap<(String, i32), u32>,
) -> Result<Outcome> {
    use terroir_core::plan::{GiYearStat, GiYearStatInput};
    let gi_key = input.remove("gi");
    let mut v = terroir_core::Violations::default();
    let gi = v.check("gi", || {
        let key = gi_key.as_ref().and_then(Value::as_str).unwrap_or("");
        terroir_core::record::resolve(&StoreLookup(tx), RecordKind::Gi, key)
    });
    let stat =
        match input_from_json::<GiYearStatInput>(Value::Object(input)).and_then(|i| i.parse()) {
            Ok(s) => Some(s),
            Err(e) => {
                for p in e.0 {
                    v.push(p);
                }
                None
            }
        };
    v.finish(|| ())?;
    let (gi, stat) = (gi.unwrap(), stat.unwrap());
    let row = store::require(tx, RecordKind::Gi, &gi.to_string())?;
    if row.archived_at.is_some() {
        return Err(Violation::archived(&row.code).at("gi").into());
    }
    let code = format!("{}/{}", row.code, stat.year);
    if let Some(first) = seen.insert((row.id.clone(), stat.year), number) {
        seen.insert((row.id.clone(), stat.year), first);
        return Err(Violation::duplicate_in_file(&code, first).at("year").into());
    }
    let stored: Option<GiYearStat> = terroir_store::plan::gi_stats(tx, &row.id)?
        .into_iter()
        .find(|(y, _, _)| *y == stat.year)
        .map(|(_, d, _)| serde_json::from_str(&d).map_err(ApiError::storage))
        .transpose()?;
    let outcome = match &stored {
        Some(s) if *s == stat => return Ok(Outcome::Unchanged(code, row.name)),
        Some(s) => {
            let json =
                |s: &GiYearStat| serde_json::to_value(s.to_input()).map_err(ApiError::storage);
            Outcome::Changed(code, row.name.clone(), diff(&json(s)?, &json(&stat)?))
        }
        None => Outcome::Added(code, row.name.clone()),
    };
    let data = serde_json::to_string(&stat).map_err(ApiError::storage)?;
    terroir_store::plan::set_gi_stat(tx, stamp, &row, stat.year, Some(&data), false, Some(reason))?;
    Ok(outcome)
}

/// Merge the row's fields into an existing record's input; write it when something changed.
fn update_existing(
    tx: &terroir_store::Connection,
    stamp: &terroir_store::audit::Stamp,
    kind: RecordKind,
    id: &str,
    fields: Map<String, Value>,
    reason: &str,
) -> Result<Outcome> {
    fn f<E: Entity>(
        tx: &terroir_store::Connection,
        stamp: &terroir_store::audit::Stamp,
        id: &str,
        fields: Map<String, Value>,
        reason: &str,
    ) -> Result<Outcome> {
        let row = store::require(tx, E::KIND, id)?;
        let current: E = decode(&row)?;
        let lookup = StoreLookup(tx);
        let before = serde_json::to_value(current.to_input(&lookup)).map_err(ApiError::storage)?;
        let mut merged = before.clone();
        for (k, v) in fields {
            merged[k] = v;
        }
        let input: E::Input = input_from_json(merged)?;
        let next = crate::entity::edited(&input, &lookup, &current)?;
        let after = serde_json::to_value(next.to_input(&lookup)).map_err(ApiError::storage)?;
        if after == before {
            return Ok(Outcome::Unchanged(row.code, row.name));
        }
        let changes = diff(&before, &after);
        let written = store_entity(tx, stamp, id, &next, "import", Some(reason))?;
        Ok(Outcome::Changed(written.code, written.name, changes))
    }
    crate::records::by_kind!(kind, f(tx, stamp, id, fields, reason))
}

fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub(crate) fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let keys: std::collections::BTreeSet<&String> = before
        .as_object()
        .into_iter()
        .chain(after.as_object())
        .flat_map(|m| m.keys())
        .collect();
    keys.into_iter()
        .filter(|k| before.get(k.as_str()) != after.get(k.as_str()))
        .map(|k| FieldChange {
            field: k.clone(),
            before: show(before.get(k.as_str())),
            after: show(after.get(k.as_str())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde::Serialize;
    use terroir_core::enterprise::EnterpriseInput;
    use terroir_core::gi::{GiInput, ProtectionInput};
    use terroir_core::trademark::TrademarkInput;
    use terroir_core::user::UserInput;

    use super::*;

    fn fields<T: Default + Serialize>() -> BTreeSet<String> {
        let Value::Object(m) = serde_json::to_value(T::default()).unwrap() else {
            panic!("an input is an object")
        };
        m.keys().cloned().collect()
    }

    /// Each column is a field Rust reads, and each field Rust reads has a column unless it is
    /// not exchanged by spreadsheet (named here). A GI's regime columns are protection fields.
    fn same<T: Default + Serialize>(kind: RecordKind, not_exchanged: &[&str]) {
        let mut top = BTreeSet::new();
        for def in columns::columns(kind) {
            match def.field.split_once('.') {
                Some((regime, field)) => {
                    assert!(
                        [
                            "product_approval",
                            "gi_trademark",
                            "agricultural_gi",
                            "origin_mark"
                        ]
                        .contains(&regime),
                        "{}",
                        def.field
                    );
                    assert!(fields::<ProtectionInput>().contains(field), "{}", def.field);
                    top.insert("protections".to_owned());
                }
                None => {
                    top.insert(def.field.to_owned());
                }
            }
        }
        let mut want = fields::<T>();
        for f in not_exchanged {
            assert!(want.remove(*f), "{f} is not a field");
        }
        assert_eq!(top, want, "{kind:?}");
    }

    #[test]
    fn the_columns_are_the_fields_rust_reads() {
        same::<EnterpriseInput>(RecordKind::Enterprise, &[]);
        same::<UserInput>(RecordKind::User, &[]);
        same::<TrademarkInput>(RecordKind::Trademark, &[]);
        same::<GiInput>(RecordKind::Gi, &["status_history"]);
        same::<terroir_core::incentive::IncentiveRuleInput>(RecordKind::IncentiveRule, &[]);
    }
}
