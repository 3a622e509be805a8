//! terroir-desktop: the Tauri glue. Builder, managed state (the open workspace) and one-line
//! commands calling terroir-api. No rules, no SQL, no file paths from the UI: photos are picked
//! in a native dialog opened here.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Instant;

use serde_json::Value;
use tauri::ipc::Channel;
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;
use terroir_api::bundle::{BundleReport, BundleSummary};
use terroir_api::calendar::CalendarEntry;
use terroir_api::cases::{CaseStep, EnforcementStats, FineLimits, StatsRowInput};
use terroir_api::core::RecordKind;
use terroir_api::core::calendar::CalendarYearInput;
use terroir_api::core::evidence::{EvidenceInput, RecognitionInput};
use terroir_api::core::incentive::Eligibility;
use terroir_api::core::plan::GiYearStat;
use terroir_api::core::readiness::Readiness;
use terroir_api::core::user::ReportSchedule;
use terroir_api::dashboard::Dashboard;
use terroir_api::dossier::{
    BatchProgress, BatchReport, BatchSelection, DossierCheck, DossierSettings, Printed,
};
use terroir_api::exchange::{ExportSummary, ImportProgress, ImportReport, SheetKind};
use terroir_api::history::{HistoryPage, HistoryQuery};
use terroir_api::lists::{ListFacets, ListQuery};
use terroir_api::ops::{
    AttentionList, BackupSettings, BackupSummary, Check, CheckProgress, OverviewDeadlines,
    TrademarkEvent, UserStep,
};
use terroir_api::plan::{Counted, DataAge, FinancingTotals, KpiSet, TargetProgress, ZoneKpis};
use terroir_api::reminders::{ReminderFormat, RemindersWritten};
use terroir_api::search::SearchResults;
use terroir_api::wording::WordingCheck;
use terroir_api::workbench::{ApplicationStep, AwardReview, BudgetRow, Ledger};
use terroir_api::{ApiError, Page, RecordDto, Workspace, WorkspaceInfo};

use tauri::generate_handler;

include!("../commands.rs");

type Result<T> = std::result::Result<T, ApiError>;

/// The open workspace (`None` only for the instant a restore swaps it).
#[derive(Debug)]
pub struct Open {
    ws: Mutex<Option<Workspace>>,
    started: Instant,
}

impl Open {
    fn with<T>(&self, f: impl FnOnce(&mut Workspace) -> Result<T>) -> Result<T> {
        let mut guard = self
            .ws
            .lock()
            .map_err(|_| ApiError::storage("workspace lock poisoned"))?;
        let ws = guard
            .as_mut()
            .ok_or_else(|| ApiError::storage("no workspace open"))?;
        f(ws)
    }
}

/// How to open a second connection to the open workspace, for work off the main thread (batch
/// printing, the check): the same file, as the same actor, on the same day.
struct Reader {
    db: PathBuf,
    actor: String,
    today: terroir_api::core::chrono::NaiveDate,
}

impl Reader {
    fn of(s: &Open) -> Result<Self> {
        s.with(|ws| Self::of_workspace(ws))
    }

    fn of_workspace(ws: &Workspace) -> Result<Self> {
        Ok(Self {
            db: ws.db_path().to_owned(),
            actor: ws.actor().to_owned(),
            today: ws.today(),
        })
    }

    fn open(&self) -> Result<Workspace> {
        let mut ws = Workspace::open(&self.db, &self.actor)?;
        ws.set_today(Some(self.today));
        Ok(ws)
    }
}

/// The start's work on its own connection, off the main thread, on the other core while the
/// window starts: the overview's two slowest answers (its deadlines and the attention list,
/// which read users' records), then the day's automatic backup once the first screen is
/// complete (or after [`BACKUP_WAITS`]), so that none of them holds up the first screen.
#[derive(Debug)]
pub struct Start {
    /// The overview's deadlines as computed at start, taken by the first call.
    deadlines: Early<OverviewDeadlines>,
    /// The attention list as computed at start, taken by the first `attention` call.
    attention: Early<AttentionList>,
    /// The open workspace's change mark when the start's work began: an early answer is
    /// the workspace's answer while the mark is the same.
    mark: (i64, u64),
    /// Told when the first screen is complete.
    shown: Mutex<Option<mpsc::Sender<()>>>,
}

/// An answer worked out while the window starts, for the first call that asks for it.
#[derive(Debug)]
struct Early<T>(Mutex<Option<mpsc::Receiver<Result<T>>>>);

impl<T> Early<T> {
    /// The answer worked out at start (waiting for it if need be), if the workspace is
    /// unchanged since; else the workspace's answer now. Only the first call takes it.
    fn take(
        &self,
        s: &Open,
        mark: (i64, u64),
        now: impl FnOnce(&mut Workspace) -> Result<T>,
    ) -> Result<T> {
        let early = self.0.lock().ok().and_then(|mut g| g.take());
        if let Some(Ok(Ok(answer))) = early.map(|rx| rx.recv())
            && s.with(|ws| ws.change_mark())? == mark
        {
            return Ok(answer);
        }
        s.with(now)
    }
}

/// How long the day's backup waits for the first screen before it begins anyway.
const BACKUP_WAITS: std::time::Duration = std::time::Duration::from_secs(10);

impl Start {
    fn begin(ws: &Workspace) -> Self {
        let (deadlines_answer, deadlines) = mpsc::channel();
        let (attention_answer, attention) = mpsc::channel();
        let (shown, first_screen) = mpsc::channel();
        let mark = ws.change_mark().unwrap_or_default();
        if let Ok(reader) = Reader::of_workspace(ws) {
            std::thread::spawn(move || {
                // The deadlines first: the overview's first rows wait for them.
                let work = reader.open().inspect(|early| {
                    let _ = deadlines_answer.send(early.overview_deadlines());
                    let _ = attention_answer.send(early.attention());
                });
                drop((deadlines_answer, attention_answer));
                let _ = first_screen.recv_timeout(BACKUP_WAITS);
                // A failure is said where a bureau's IT person will look; the next start
                // tries again.
                if let Err(e) = work.and_then(|early| early.daily_backup()) {
                    eprintln!("Terroir: {}\n{}", e.message.zh_cn, e.message.en_us);
                }
            });
        }
        Self {
            deadlines: Early(Mutex::new(Some(deadlines))),
            attention: Early(Mutex::new(Some(attention))),
            mark,
            shown: Mutex::new(Some(shown)),
        }
    }
}

/// The running batch print: its cancel flag and the folder it writes to.
#[derive(Debug, Default)]
pub struct Batch {
    cancel: AtomicBool,
    folder: Mutex<Option<PathBuf>>,
}

/// The spreadsheet picked for import, between its preview and its import, and the flag that
/// stops a running preview or import.
#[derive(Debug, Default)]
pub struct Picked {
    import: Mutex<Option<PathBuf>>,
    cancel_import: AtomicBool,
    bundle: Mutex<Option<PathBuf>>,
}

/// The last document printed for the viewer, which 打开 / 打开所在文件夹 / 打印 act on: the
/// path stays here, never in the UI.
#[derive(Debug, Default)]
pub struct LastPrinted(Mutex<Option<PathBuf>>);

impl LastPrinted {
    fn set(&self, path: &str) {
        if let Ok(mut p) = self.0.lock() {
            *p = Some(PathBuf::from(path));
        }
    }

    fn get(&self) -> Result<PathBuf> {
        self.0
            .lock()
            .map_err(|_| ApiError::storage("print lock poisoned"))?
            .clone()
            .ok_or_else(|| ApiError::storage("nothing printed yet"))
    }
}

/// Where printed documents go: `TERROIR_DOCUMENTS`, else the OS documents folder, under
/// 地标品牌库/ (推介资料/, 证据目录/), where a clerk finds them again.
pub fn documents_dir() -> PathBuf {
    std::env::var_os("TERROIR_DOCUMENTS")
        .map(PathBuf::from)
        .or_else(dirs::document_dir)
        .or_else(dirs::home_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("地标品牌库")
}

/// Remember a printed document (for 打开, 打开所在文件夹, 打印) and open it in the system
/// viewer; `opened` is false when no viewer could be started (or `TERROIR_NO_VIEWER=1`, for
/// tests and kiosks, asks for none).
fn shown(app: &tauri::AppHandle, last: &LastPrinted, printed: Printed) -> (Printed, bool) {
    last.set(&printed.path);
    let opened = std::env::var_os("TERROIR_NO_VIEWER").is_none()
        && app.opener().open_path(&printed.path, None::<&str>).is_ok();
    (printed, opened)
}

/// Where save and batch dialogs start: the documents folder's 地标品牌库/推介资料 (made if
/// missing, so the dialog can open there).
fn dossier_folder() -> PathBuf {
    let dir = documents_dir().join("推介资料");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The workspace the app opens: `TERROIR_DB`, else the OS data directory.
pub fn default_db() -> PathBuf {
    std::env::var_os("TERROIR_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("terroir")
                .join("terroir.db")
        })
}

/// Open the workspace, creating it with the sample catalogue on first start.
///
/// `TERROIR_TODAY=YYYY-MM-DD` (development and tests only) fixes the date every rule and
/// form takes as today, as `terroir --today` does; otherwise it is the local date, which the
/// UI reads from `workspace_info` and never computes itself.
pub fn open_workspace(db: &std::path::Path) -> Result<Workspace> {
    let actor = std::env::var("TERROIR_ACTOR")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "terroir".into());
    let today = match std::env::var("TERROIR_TODAY") {
        Ok(s) => Some(
            terroir_api::core::date::parse_date(&s).map_err(|e| ApiError::from(e.at("today")))?,
        ),
        Err(_) => None,
    };
    let mut ws = if db.exists() {
        Workspace::open(db, &actor)?
    } else {
        Workspace::create_with_sample(db, &actor)?
    };
    ws.set_today(today);
    ws.set_print_dir(Some(documents_dir()));
    Ok(ws)
}

#[tauri::command(rename_all = "snake_case")]
fn workspace_info(s: State<'_, Open>) -> Result<WorkspaceInfo> {
    s.with(|ws| ws.info())
}

#[tauri::command(rename_all = "snake_case")]
fn set_actor(s: State<'_, Open>, actor: String) -> Result<WorkspaceInfo> {
    s.with(|ws| {
        ws.set_actor(&actor)?;
        ws.info()
    })
}

#[tauri::command(rename_all = "snake_case")]
fn list_records(
    s: State<'_, Open>,
    kind: RecordKind,
    query: ListQuery,
    offset: u32,
    limit: u32,
) -> Result<Page> {
    s.with(|ws| ws.list_query(kind, &query, limit.min(500), offset))
}

/// What a kind's list can be filtered and sorted by.
#[tauri::command(rename_all = "snake_case")]
fn list_facets(kind: RecordKind) -> ListFacets {
    terroir_api::lists::facets(kind)
}

#[tauri::command(rename_all = "snake_case")]
fn show_record(s: State<'_, Open>, kind: RecordKind, key: String) -> Result<RecordDto> {
    s.with(|ws| ws.show(kind, &key))
}

#[tauri::command(rename_all = "snake_case")]
fn record_input(s: State<'_, Open>, kind: RecordKind, key: String) -> Result<Value> {
    s.with(|ws| ws.input_of(kind, &key))
}

#[tauri::command(rename_all = "snake_case")]
fn add_record(s: State<'_, Open>, kind: RecordKind, input: Value) -> Result<RecordDto> {
    s.with(|ws| ws.add(kind, input))
}

#[tauri::command(rename_all = "snake_case")]
fn edit_record(
    s: State<'_, Open>,
    kind: RecordKind,
    key: String,
    patch: Value,
    reason: Option<String>,
    version: Option<i64>,
) -> Result<RecordDto> {
    s.with(|ws| ws.edit(kind, &key, patch, reason.as_deref(), version))
}

#[tauri::command(rename_all = "snake_case")]
fn archive_record(
    s: State<'_, Open>,
    kind: RecordKind,
    key: String,
    reason: Option<String>,
) -> Result<RecordDto> {
    s.with(|ws| ws.archive(kind, &key, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn unarchive_record(
    s: State<'_, Open>,
    kind: RecordKind,
    key: String,
    reason: Option<String>,
) -> Result<RecordDto> {
    s.with(|ws| ws.unarchive(kind, &key, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn user_step(s: State<'_, Open>, key: String, step: UserStep) -> Result<RecordDto> {
    s.with(|ws| ws.user_step(&key, step))
}

#[tauri::command(rename_all = "snake_case")]
fn trademark_event(s: State<'_, Open>, key: String, event: TrademarkEvent) -> Result<RecordDto> {
    s.with(|ws| ws.trademark_event(&key, event))
}

/// Pick a photo in a native dialog (the path never reaches the UI) and add it.
#[tauri::command(rename_all = "snake_case")]
async fn add_photo(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    key: String,
) -> Result<Option<RecordDto>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("照片 / Photos", &["jpg", "jpeg", "png", "webp"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    s.with(|ws| ws.add_photo(&key, &path, None)).map(Some)
}

/// The wording check of pasted text (用语检查). Nothing is stored.
#[tauri::command(rename_all = "snake_case")]
fn check_wording_text(text: String) -> WordingCheck {
    terroir_api::wording::check_text(&text)
}

/// The wording check of a document picked in a native dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn check_wording_file(app: tauri::AppHandle) -> Result<Option<WordingCheck>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("文档 / Documents", &["txt", "docx", "pdf"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    tauri::async_runtime::spawn_blocking(move || terroir_api::wording::check_file(&path))
        .await
        .map_err(ApiError::storage)?
        .map(Some)
}

/// Add an evidence item to a candidate (files are attached afterwards with `attach_evidence`).
#[tauri::command(rename_all = "snake_case")]
fn add_evidence(s: State<'_, Open>, key: String, input: EvidenceInput) -> Result<RecordDto> {
    s.with(|ws| ws.add_evidence(&key, &input, &[]))
}

#[tauri::command(rename_all = "snake_case")]
fn update_evidence(
    s: State<'_, Open>,
    key: String,
    no: u32,
    input: EvidenceInput,
) -> Result<RecordDto> {
    s.with(|ws| ws.update_evidence(&key, no, &input))
}

/// Pick files in a native dialog (paths never reach the UI) and attach them to an item.
#[tauri::command(rename_all = "snake_case")]
async fn attach_evidence(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    key: String,
    no: u32,
) -> Result<Option<RecordDto>> {
    let paths = pick_documents(&app, "证据 / Evidence");
    if paths.is_empty() {
        return Ok(None);
    }
    s.with(|ws| ws.attach_evidence(&key, no, &paths)).map(Some)
}

/// PDFs and pictures picked in a native dialog (none when cancelled); the paths never reach
/// the UI.
fn pick_documents(app: &tauri::AppHandle, filter: &str) -> Vec<PathBuf> {
    app.dialog()
        .file()
        .add_filter(filter, &["pdf", "jpg", "jpeg", "png"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

#[tauri::command(rename_all = "snake_case")]
fn remove_evidence(
    s: State<'_, Open>,
    key: String,
    no: u32,
    reason: Option<String>,
) -> Result<RecordDto> {
    s.with(|ws| ws.remove_evidence(&key, no, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn record_recognition(
    s: State<'_, Open>,
    key: String,
    input: RecognitionInput,
) -> Result<RecordDto> {
    s.with(|ws| ws.record_recognition(&key, &input))
}

#[tauri::command(rename_all = "snake_case")]
fn readiness(s: State<'_, Open>, key: String) -> Result<Readiness> {
    s.with(|ws| ws.readiness(&key, None, None, None))
}

/// Print a candidate's evidence catalogue beside the workspace and open it in the viewer.
#[tauri::command(rename_all = "snake_case")]
fn preview_catalogue(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    key: String,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| ws.print_catalogue_preview(&key))?;
    Ok(shown(&app, &last, printed))
}

#[tauri::command(rename_all = "snake_case")]
fn application_step(s: State<'_, Open>, key: String, step: ApplicationStep) -> Result<RecordDto> {
    s.with(|ws| ws.application_step(&key, step))
}

#[tauri::command(rename_all = "snake_case")]
fn case_step(s: State<'_, Open>, key: String, step: CaseStep) -> Result<RecordDto> {
    s.with(|ws| ws.case_step(&key, step))
}

/// Pick files in a native dialog (paths never reach the UI) and attach them to a case.
#[tauri::command(rename_all = "snake_case")]
async fn attach_case_files(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    key: String,
) -> Result<Option<RecordDto>> {
    let paths = pick_documents(&app, "案件材料 / Case files");
    if paths.is_empty() {
        return Ok(None);
    }
    s.with(|ws| ws.attach_case_files(&key, &paths)).map(Some)
}

/// The enforcement statistics form for [from, to] in a division (all when absent).
#[tauri::command(rename_all = "snake_case")]
fn enforcement_stats(
    s: State<'_, Open>,
    from: String,
    to: String,
    division: Option<String>,
) -> Result<EnforcementStats> {
    s.with(|ws| ws.enforcement_stats(&from, &to, division.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn fine_limits(s: State<'_, Open>) -> Result<FineLimits> {
    s.with(|ws| ws.fine_limits())
}

/// Set a kind's fine limit (yuan as typed) with its basis, or remove it (`max` empty).
#[tauri::command(rename_all = "snake_case")]
fn set_fine_limit(
    s: State<'_, Open>,
    kind: String,
    max: Option<String>,
    basis: Option<String>,
    reason: Option<String>,
) -> Result<FineLimits> {
    s.with(|ws| ws.set_fine_limit(&kind, max.as_deref(), basis.as_deref(), reason.as_deref()))
}

/// Every live target's progress; a division's own and below when given.
#[tauri::command(rename_all = "snake_case")]
fn targets_progress(s: State<'_, Open>, division: Option<String>) -> Result<Vec<TargetProgress>> {
    s.with(|ws| ws.targets_progress(division.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn target_progress(s: State<'_, Open>, key: String) -> Result<TargetProgress> {
    s.with(|ws| ws.target_progress(&key))
}

/// The records a target's value counts, a page at a time.
#[tauri::command(rename_all = "snake_case")]
fn target_counted(
    s: State<'_, Open>,
    key: String,
    division: Option<String>,
    limit: u32,
    offset: u32,
) -> Result<Counted> {
    s.with(|ws| ws.target_counted(&key, division.as_deref(), limit, offset))
}

/// A manual target's value for a year, with its source.
#[tauri::command(rename_all = "snake_case")]
fn set_target_value(
    s: State<'_, Open>,
    key: String,
    year: i32,
    value: String,
    source: String,
    reason: Option<String>,
) -> Result<RecordDto> {
    s.with(|ws| ws.set_target_value(&key, year, &value, &source, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn gi_stats(s: State<'_, Open>, gi: String) -> Result<Vec<GiYearStat>> {
    s.with(|ws| ws.gi_stats(&gi))
}

/// Set a GI product's statistics for the input's year; answers every year's.
#[tauri::command(rename_all = "snake_case")]
fn set_gi_stats(
    s: State<'_, Open>,
    gi: String,
    input: Value,
    reason: Option<String>,
) -> Result<Vec<GiYearStat>> {
    s.with(|ws| {
        ws.set_gi_stats(&gi, input, reason.as_deref())?;
        ws.gi_stats(&gi)
    })
}

#[tauri::command(rename_all = "snake_case")]
fn remove_gi_stats(
    s: State<'_, Open>,
    gi: String,
    year: i32,
    reason: Option<String>,
) -> Result<Vec<GiYearStat>> {
    s.with(|ws| {
        ws.remove_gi_stats(&gi, year, reason.as_deref())?;
        ws.gi_stats(&gi)
    })
}

#[tauri::command(rename_all = "snake_case")]
fn kpi_sets(s: State<'_, Open>) -> Result<Vec<KpiSet>> {
    s.with(|ws| ws.kpi_sets())
}

/// Set a demonstration-zone KPI rule set; answers them all.
#[tauri::command(rename_all = "snake_case")]
fn set_kpi_set(
    s: State<'_, Open>,
    key: String,
    name: String,
    basis: String,
    rules: Value,
    reason: Option<String>,
) -> Result<Vec<KpiSet>> {
    s.with(|ws| {
        ws.set_kpi_set(&key, &name, &basis, rules, reason.as_deref())?;
        ws.kpi_sets()
    })
}

#[tauri::command(rename_all = "snake_case")]
fn zone_kpis(s: State<'_, Open>, key: String) -> Result<ZoneKpis> {
    s.with(|ws| ws.zone_kpis(&key))
}

/// Pledge-financing loans per year and division.
#[tauri::command(rename_all = "snake_case")]
fn financing_totals(
    s: State<'_, Open>,
    from: i32,
    to: i32,
    division: Option<String>,
) -> Result<FinancingTotals> {
    s.with(|ws| ws.financing_totals(from, to, division.as_deref()))
}

/// The dashboard's numbers for a year, of a division and below when given.
#[tauri::command(rename_all = "snake_case")]
fn dashboard(s: State<'_, Open>, year: i32, division: Option<String>) -> Result<Dashboard> {
    s.with(|ws| ws.dashboard(year, division.as_deref()))
}

/// Print the yearly report (PDF) into the documents folder and open it.
#[tauri::command(rename_all = "snake_case")]
fn print_annual_report(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    year: i32,
    division: Option<String>,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| ws.print_annual_report(year, division.as_deref()))?;
    Ok(shown(&app, &last, printed))
}

/// Write the yearly report as an editable Word document or a workbook, to a file chosen in a
/// save dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn export_annual_report(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    year: i32,
    division: Option<String>,
) -> Result<Option<Printed>> {
    let picked = app
        .dialog()
        .file()
        .set_file_name(format!("{year}年度工作报告.docx"))
        .add_filter("Word", &["docx"])
        .add_filter("Excel", &["xlsx"])
        .blocking_save_file();
    let Some(mut path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension("docx");
    }
    s.with(|ws| ws.write_annual_report(year, division.as_deref(), &path))
        .map(Some)
}

/// For each division whose records came in bundles, the last bundle merged and its age.
#[tauri::command(rename_all = "snake_case")]
fn data_freshness(s: State<'_, Open>, division: Option<String>) -> Result<Vec<DataAge>> {
    s.with(|ws| ws.data_freshness(division.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn stats_form(s: State<'_, Open>) -> Result<Vec<StatsRowInput>> {
    s.with(|ws| ws.stats_form())
}

#[tauri::command(rename_all = "snake_case")]
fn set_stats_form(
    s: State<'_, Open>,
    rows: Vec<StatsRowInput>,
    reason: Option<String>,
) -> Result<Vec<StatsRowInput>> {
    s.with(|ws| {
        ws.set_stats_form(&rows, reason.as_deref())?;
        ws.stats_form()
    })
}

/// Export the form to a sheet chosen in a native save dialog; `false` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn export_enforcement_stats(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    from: String,
    to: String,
    division: Option<String>,
) -> Result<bool> {
    let stats = s.with(|ws| ws.enforcement_stats(&from, &to, division.as_deref()))?;
    let name = format!("案件统计表-{from}-{to}.xlsx");
    let picked = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV (UTF-8)", &["csv"])
        .blocking_save_file();
    let Some(mut path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(false);
    };
    if path.extension().is_none() {
        path.set_extension("xlsx");
    }
    s.with(|ws| ws.export_enforcement_stats(&stats, &path))
        .map(|()| true)
}

/// Print the form into the documents folder and open it.
#[tauri::command(rename_all = "snake_case")]
fn print_enforcement_stats(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    from: String,
    to: String,
    division: Option<String>,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| {
        let stats = ws.enforcement_stats(&from, &to, division.as_deref())?;
        ws.print_enforcement_stats(&stats)
    })?;
    Ok(shown(&app, &last, printed))
}

#[tauri::command(rename_all = "snake_case")]
fn eligibility(s: State<'_, Open>, key: String) -> Result<Eligibility> {
    s.with(|ws| ws.eligibility(&key, None))
}

/// What a reviewer decides on: the amount an approval today fixes and the budgets it leaves.
#[tauri::command(rename_all = "snake_case")]
fn review(s: State<'_, Open>, key: String) -> Result<AwardReview> {
    s.with(|ws| ws.review(&key))
}

#[tauri::command(rename_all = "snake_case")]
fn set_budget(
    s: State<'_, Open>,
    jurisdiction: String,
    year: i32,
    amount: String,
    reason: Option<String>,
) -> Result<BudgetRow> {
    s.with(|ws| ws.set_budget(&jurisdiction, year, &amount, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn calendar_years(s: State<'_, Open>) -> Result<Vec<CalendarEntry>> {
    s.with(|ws| ws.calendar_years())
}

#[tauri::command(rename_all = "snake_case")]
fn set_calendar_year(
    s: State<'_, Open>,
    year: i32,
    input: CalendarYearInput,
    reason: Option<String>,
) -> Result<CalendarEntry> {
    s.with(|ws| ws.set_calendar_year(year, &input, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn ledger(s: State<'_, Open>, year: Option<i32>, jurisdiction: Option<String>) -> Result<Ledger> {
    // The window lists the latest 200 awarded applications; the totals cover all of them.
    s.with(|ws| ws.ledger(year, jurisdiction.as_deref(), Some(200)))
}

#[tauri::command(rename_all = "snake_case")]
fn photo_data(s: State<'_, Open>, sha256: String) -> Result<String> {
    s.with(|ws| ws.photo_data(&sha256))
}

/// The authorised users needing a decision (the overview asks after its first paint). The
/// first call takes the answer computed while the window started, if nothing was written since.
#[tauri::command(rename_all = "snake_case")]
async fn attention(s: State<'_, Open>, start: State<'_, Start>) -> Result<AttentionList> {
    start.attention.take(&s, start.mark, |ws| ws.attention())
}

/// What the overview shows of the deadlines (counts and the most urgent). The first call takes
/// the answer computed while the window started, if nothing was written since.
#[tauri::command(rename_all = "snake_case")]
async fn overview_deadlines(
    s: State<'_, Open>,
    start: State<'_, Start>,
) -> Result<OverviewDeadlines> {
    start
        .deadlines
        .take(&s, start.mark, |ws| ws.overview_deadlines())
}

/// How often users report their use (the bureau's setting).
#[tauri::command(rename_all = "snake_case")]
fn report_schedule(s: State<'_, Open>) -> Result<ReportSchedule> {
    s.with(|ws| ws.report_schedule())
}

#[tauri::command(rename_all = "snake_case")]
fn set_report_schedule(s: State<'_, Open>, schedule: ReportSchedule) -> Result<ReportSchedule> {
    s.with(|ws| ws.set_report_schedule(&schedule))
}

/// What the last upgrade of the workspace reinterpreted, not yet shown (the app shows it once on
/// start).
#[tauri::command(rename_all = "snake_case")]
fn migration_report(s: State<'_, Open>) -> Result<Vec<String>> {
    s.with(|ws| ws.migration_report())
}

#[tauri::command(rename_all = "snake_case")]
fn acknowledge_migration_report(s: State<'_, Open>) -> Result<()> {
    s.with(|ws| ws.acknowledge_migration_report())
}

#[tauri::command(rename_all = "snake_case")]
fn dossier_settings(s: State<'_, Open>) -> Result<DossierSettings> {
    s.with(|ws| ws.dossier_settings())
}

#[tauri::command(rename_all = "snake_case")]
fn set_dossier_settings(s: State<'_, Open>, settings: DossierSettings) -> Result<DossierSettings> {
    s.with(|ws| ws.set_dossier_settings(&settings))
}

/// Print a dossier beside the workspace and open it in the system's PDF viewer (the preview,
/// from which the clerk prints). `opened` is false when no viewer could be started.
#[tauri::command(rename_all = "snake_case")]
fn preview_dossier(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    key: String,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| ws.print_dossier_preview(&key))?;
    Ok(shown(&app, &last, printed))
}

/// Print a dossier to a file chosen in a native save dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn save_dossier(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    key: String,
) -> Result<Option<Printed>> {
    let name = s.with(|ws| {
        let r = ws.show(RecordKind::Gi, &key)?;
        Ok(terroir_api::dossier::file_name(&r.code, &r.name))
    })?;
    let picked = app
        .dialog()
        .file()
        .set_file_name(&name)
        .set_directory(dossier_folder())
        .add_filter("PDF", &["pdf"])
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let printed = s.with(|ws| ws.print_dossier_to(&key, &path))?;
    last.set(&printed.path);
    Ok(Some(printed))
}

/// Open the last printed document in the system viewer, or (`folder`) its folder in the file
/// manager; false when nothing could be opened.
#[tauri::command(rename_all = "snake_case")]
fn open_printed(app: tauri::AppHandle, last: State<'_, LastPrinted>, folder: bool) -> Result<bool> {
    let path = last.get()?;
    let target = if folder {
        path.parent().map(PathBuf::from).unwrap_or_default()
    } else {
        path
    };
    if std::env::var_os("TERROIR_NO_VIEWER").is_some() {
        return Ok(target.exists());
    }
    Ok(app
        .opener()
        .open_path(target.to_string_lossy(), None::<&str>)
        .is_ok())
}

/// Send the last printed document to the default printer (`lp`, CUPS); false when no printer
/// took it (the clerk prints from the viewer instead).
#[tauri::command(rename_all = "snake_case")]
async fn print_printed(last: State<'_, LastPrinted>) -> Result<bool> {
    let path = last.get()?;
    if std::env::var_os("TERROIR_NO_VIEWER").is_some() {
        return Ok(false);
    }
    tauri::async_runtime::spawn_blocking(move || {
        Ok(std::process::Command::new("lp")
            .arg("--")
            .arg(&path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success()))
    })
    .await
    .map_err(|e| ApiError::storage(e.to_string()))?
}

/// How many GI products a batch would print, the settings still missing and the products
/// whose dossier would have gaps.
#[tauri::command(rename_all = "snake_case")]
fn dossier_check(s: State<'_, Open>, selection: BatchSelection) -> Result<DossierCheck> {
    s.with(|ws| ws.dossier_check(&selection))
}

/// Print a batch into a folder picked in a native dialog, reporting progress on `progress`.
/// It reads through its own connection, so the app stays usable meanwhile; `None` when the
/// folder dialog was cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn print_batch(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    b: State<'_, Batch>,
    selection: BatchSelection,
    progress: Channel<BatchProgress>,
) -> Result<Option<BatchReport>> {
    let Some(folder) = app
        .dialog()
        .file()
        .set_directory(dossier_folder())
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
    else {
        return Ok(None);
    };
    let reader = Reader::of(&s)?;
    b.cancel.store(false, Ordering::Relaxed);
    *b.folder
        .lock()
        .map_err(|_| ApiError::storage("batch lock poisoned"))? = Some(folder.clone());
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let reader = reader.open()?;
        let b = app.state::<Batch>();
        reader.print_batch(&selection, &folder, &b.cancel, &mut |done, total, code| {
            let _ = progress.send(BatchProgress {
                done: done as u32,
                total: total as u32,
                code: code.to_owned(),
            });
        })
    })
    .await
    .map_err(|e| ApiError::storage(e.to_string()))?
    .map(Some)
}

#[tauri::command(rename_all = "snake_case")]
fn cancel_batch(b: State<'_, Batch>) {
    b.cancel.store(true, Ordering::Relaxed);
}

/// Open the last batch's folder in the file manager.
#[tauri::command(rename_all = "snake_case")]
fn open_batch_folder(app: tauri::AppHandle, b: State<'_, Batch>) -> Result<bool> {
    let folder = b
        .folder
        .lock()
        .map_err(|_| ApiError::storage("batch lock poisoned"))?
        .clone();
    Ok(folder.is_some_and(|f| {
        app.opener()
            .open_path(f.to_string_lossy(), None::<&str>)
            .is_ok()
    }))
}

/// Export a list to XLSX or CSV chosen in a native save dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn export_list(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    kind: RecordKind,
    query: ListQuery,
) -> Result<Option<ExportSummary>> {
    let picked = app
        .dialog()
        .file()
        .set_file_name(format!("{}.xlsx", kind.key()))
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV (UTF-8)", &["csv"])
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    s.with(|ws| ws.export_list(kind, &query, &path)).map(Some)
}

/// Export every GI product's yearly statistics (the import sheet) to a file chosen in a save
/// dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn export_gi_stats(
    app: tauri::AppHandle,
    s: State<'_, Open>,
) -> Result<Option<ExportSummary>> {
    let picked = app
        .dialog()
        .file()
        .set_file_name("地理标志年度统计.xlsx")
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV (UTF-8)", &["csv"])
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    s.with(|ws| ws.export_gi_stats(&path)).map(Some)
}

/// Write an empty import template chosen in a save dialog; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn write_template(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    kind: SheetKind,
) -> Result<Option<String>> {
    let key = match kind {
        SheetKind::Records(k) => k.key(),
        SheetKind::Other(_) => "gi_stats",
    };
    let picked = app
        .dialog()
        .file()
        .set_file_name(format!("{key}-template.xlsx"))
        .add_filter("Excel", &["xlsx"])
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    s.with(|ws| ws.template(kind, &path))?;
    Ok(Some(path.display().to_string()))
}

/// Pick a spreadsheet in a native dialog and preview its import (a dry run), reporting rows
/// checked on `progress`; `None` when the dialog was cancelled. The file is remembered for
/// `import_apply`.
#[tauri::command(rename_all = "snake_case")]
async fn import_preview(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    p: State<'_, Picked>,
    kind: SheetKind,
    progress: Channel<ImportProgress>,
) -> Result<Option<ImportReport>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("表格 / Spreadsheets", &["xlsx", "csv"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|f| f.into_path().ok()) else {
        return Ok(None);
    };
    *p.import
        .lock()
        .map_err(|_| ApiError::storage("import lock poisoned"))? = Some(path.clone());
    p.cancel_import.store(false, Ordering::Relaxed);
    let mut report = |n| {
        let _ = progress.send(n);
    };
    s.with(|ws| ws.import_with(kind, &path, true, &p.cancel_import, &mut report))
        .map(Some)
}

/// Import the previewed file, provided it is still the file previewed (same SHA-256),
/// reporting rows checked on `progress`. Off the main thread, so progress reaches the window.
#[tauri::command(rename_all = "snake_case")]
async fn import_apply(
    s: State<'_, Open>,
    p: State<'_, Picked>,
    kind: SheetKind,
    sha256: String,
    progress: Channel<ImportProgress>,
) -> Result<ImportReport> {
    let path = p
        .import
        .lock()
        .map_err(|_| ApiError::storage("import lock poisoned"))?
        .clone()
        .ok_or_else(|| ApiError::storage("no spreadsheet previewed"))?;
    p.cancel_import.store(false, Ordering::Relaxed);
    let mut report = |n| {
        let _ = progress.send(n);
    };
    s.with(|ws| ws.import_checked(kind, &path, &sha256, &p.cancel_import, &mut report))
}

/// Stop the running import preview or import: nothing is written.
#[tauri::command(rename_all = "snake_case")]
fn cancel_import(p: State<'_, Picked>) {
    p.cancel_import.store(true, Ordering::Relaxed);
}

/// Export the catalogue as an exchange bundle to a file chosen in a save dialog; persons'
/// names in cases only with `personal_data`.
#[tauri::command(rename_all = "snake_case")]
async fn export_bundle(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    personal_data: bool,
) -> Result<Option<BundleSummary>> {
    let picked = app
        .dialog()
        .file()
        .set_file_name("terroir.bundle")
        .add_filter("交换包 / Bundle", &["bundle"])
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    s.with(|ws| ws.export_bundle(&path, personal_data))
        .map(Some)
}

/// Pick a bundle and preview its merge (nothing written); remembered for `bundle_apply`.
#[tauri::command(rename_all = "snake_case")]
async fn bundle_preview(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    p: State<'_, Picked>,
) -> Result<Option<BundleReport>> {
    let picked = app
        .dialog()
        .file()
        .add_filter("交换包 / Bundle", &["bundle"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|f| f.into_path().ok()) else {
        return Ok(None);
    };
    *p.bundle
        .lock()
        .map_err(|_| ApiError::storage("bundle lock poisoned"))? = Some(path.clone());
    s.with(|ws| ws.import_bundle(&path, true, false)).map(Some)
}

/// Merge the previewed bundle, provided it is still the bundle previewed (same SHA-256).
#[tauri::command(rename_all = "snake_case")]
fn bundle_apply(
    s: State<'_, Open>,
    p: State<'_, Picked>,
    sha256: String,
    take_theirs: bool,
) -> Result<BundleReport> {
    let path = p
        .bundle
        .lock()
        .map_err(|_| ApiError::storage("bundle lock poisoned"))?
        .clone()
        .ok_or_else(|| ApiError::storage("no bundle previewed"))?;
    s.with(|ws| ws.import_bundle_checked(&path, &sha256, take_theirs))
}

#[tauri::command(rename_all = "snake_case")]
fn search(
    s: State<'_, Open>,
    query: String,
    kind: Option<RecordKind>,
    limit: u32,
) -> Result<SearchResults> {
    s.with(|ws| ws.search(&query, kind, limit.min(50)))
}

#[tauri::command(rename_all = "snake_case")]
fn deadlines(
    s: State<'_, Open>,
    within: String,
) -> Result<Vec<terroir_api::core::deadline::Deadline>> {
    s.with(|ws| ws.deadlines(&within))
}

/// Write the deadlines due within `within` to a calendar file (`ics`) or a spreadsheet with
/// contacts (`xlsx`, or CSV when the clerk picks it), chosen in a save dialog, in the UI's
/// language; `None` when cancelled.
#[tauri::command(rename_all = "snake_case")]
async fn export_deadlines(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    within: String,
    format: ReminderFormat,
    lang: terroir_api::core::Lang,
) -> Result<Option<RemindersWritten>> {
    let zh = lang == terroir_api::core::Lang::Zh;
    let stem = if zh { "续展提醒" } else { "deadlines" };
    let dialog = app.dialog().file();
    let dialog = match format {
        ReminderFormat::Ics => dialog.set_file_name(format!("{stem}.ics")).add_filter(
            if zh {
                "日历 (iCalendar)"
            } else {
                "Calendar (iCalendar)"
            },
            &["ics"],
        ),
        ReminderFormat::Xlsx | ReminderFormat::Csv => dialog
            .set_file_name(format!("{stem}.xlsx"))
            .add_filter("Excel", &["xlsx"])
            .add_filter("CSV (UTF-8)", &["csv"]),
        ReminderFormat::Pdf => dialog
            .set_file_name(format!("{stem}函.pdf"))
            .add_filter("PDF", &["pdf"]),
    };
    let Some(mut path) = dialog.blocking_save_file().and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    // A name typed without an extension gets the format asked for.
    if path.extension().is_none() {
        path.set_extension(match format {
            ReminderFormat::Ics => "ics",
            ReminderFormat::Pdf => "pdf",
            ReminderFormat::Xlsx | ReminderFormat::Csv => "xlsx",
        });
    }
    s.with(|ws| ws.export_deadlines(&within, &path, lang))
        .map(Some)
}

/// Export the ledger of `year` (budgets, award lines, a total row) to a sheet chosen in a
/// native save dialog, in `lang`; `None` when cancelled, else how many award lines.
#[tauri::command(rename_all = "snake_case")]
async fn export_ledger(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    year: Option<i32>,
    lang: terroir_api::core::Lang,
) -> Result<Option<u32>> {
    let zh = lang == terroir_api::core::Lang::Zh;
    let name = format!(
        "{}{}.xlsx",
        if zh { "奖励台账" } else { "ledger" },
        year.map(|y| format!("-{y}")).unwrap_or_default()
    );
    let picked = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter("Excel", &["xlsx"])
        .add_filter("CSV (UTF-8)", &["csv"])
        .blocking_save_file();
    let Some(mut path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension("xlsx");
    }
    s.with(|ws| ws.export_ledger(year, None, &path, lang))
        .map(Some)
}

/// Print an application's approval form into the documents folder and open it.
#[tauri::command(rename_all = "snake_case")]
fn print_application_form(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    key: String,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| ws.print_application_form(&key))?;
    Ok(shown(&app, &last, printed))
}

/// Print the letters (续展提醒函, 使用情况报送通知) for the deadlines due within `within` into
/// the documents folder and open them in the system viewer; `opened` as for a dossier.
#[tauri::command(rename_all = "snake_case")]
fn print_letters(
    app: tauri::AppHandle,
    s: State<'_, Open>,
    last: State<'_, LastPrinted>,
    within: String,
) -> Result<(Printed, bool)> {
    let printed = s.with(|ws| ws.print_letters(&within))?;
    Ok(shown(&app, &last, printed))
}

/// A page of the history in words (see `terroir_api::history`).
#[tauri::command(rename_all = "snake_case")]
fn history(s: State<'_, Open>, query: HistoryQuery) -> Result<HistoryPage> {
    s.with(|ws| ws.history(&query))
}

#[tauri::command(rename_all = "snake_case")]
fn restore_value(
    s: State<'_, Open>,
    kind: RecordKind,
    key: String,
    seq: i64,
    reason: Option<String>,
) -> Result<RecordDto> {
    s.with(|ws| ws.restore_value(kind, &key, seq, reason.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
fn backup_now(s: State<'_, Open>) -> Result<BackupSummary> {
    s.with(|ws| ws.backup_now())
}

#[tauri::command(rename_all = "snake_case")]
fn backup_settings(s: State<'_, Open>) -> Result<BackupSettings> {
    s.with(|ws| ws.backup_settings())
}

#[tauri::command(rename_all = "snake_case")]
fn set_backup_settings(s: State<'_, Open>, settings: BackupSettings) -> Result<BackupSettings> {
    s.with(|ws| ws.set_backup_settings(settings))
}

/// How many sample records there are (Settings offers to remove them).
#[tauri::command(rename_all = "snake_case")]
fn sample_count(s: State<'_, Open>) -> Result<u64> {
    s.with(|ws| ws.sample_count())
}

/// Delete every sample record (audited); refused while a real record refers to one.
#[tauri::command(rename_all = "snake_case")]
fn remove_sample(s: State<'_, Open>) -> Result<u64> {
    s.with(|ws| ws.remove_sample())
}

#[tauri::command(rename_all = "snake_case")]
fn list_backups(s: State<'_, Open>) -> Result<Vec<BackupSummary>> {
    s.with(|ws| ws.list_backups())
}

#[tauri::command(rename_all = "snake_case")]
fn restore_backup(s: State<'_, Open>, name: String) -> Result<WorkspaceInfo> {
    let mut guard =
        s.ws.lock()
            .map_err(|_| ApiError::storage("workspace lock poisoned"))?;
    let ws = guard
        .take()
        .ok_or_else(|| ApiError::storage("no workspace open"))?;
    let db = ws.db_path().to_owned();
    match ws.restore_named(&name) {
        Ok((ws, _kept)) => {
            let info = ws.info();
            *guard = Some(ws);
            info
        }
        Err(e) => {
            // The workspace was not replaced: reopen it as it was.
            *guard = Some(open_workspace(&db)?);
            Err(e)
        }
    }
}

#[tauri::command(rename_all = "snake_case")]
fn overview(s: State<'_, Open>) -> Result<terroir_api::ops::Overview> {
    s.with(|ws| ws.overview())
}

#[tauri::command(rename_all = "snake_case")]
fn related(
    s: State<'_, Open>,
    kind: RecordKind,
    of: RecordKind,
    key: String,
    limit: u32,
    offset: u32,
) -> Result<Vec<RecordDto>> {
    s.with(|ws| ws.related(kind, of, &key, limit.min(500), offset))
}

/// Check the workspace on its own read connection, off the main thread, so the window stays
/// usable and the records read reach it over `progress`.
#[tauri::command(rename_all = "snake_case")]
async fn check(s: State<'_, Open>, progress: Channel<CheckProgress>) -> Result<Check> {
    let reader = Reader::of(&s)?;
    tauri::async_runtime::spawn_blocking(move || {
        reader.open()?.check_with(&mut |done, total| {
            let _ = progress.send(CheckProgress { done, total });
        })
    })
    .await
    .map_err(|e| ApiError::storage(e.to_string()))?
}

/// A point of the cold start the UI reports (`TERROIR_STARTUP_LOG`, bench/README.md).
#[derive(Debug, Clone, Copy, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
enum StartupMark {
    /// The first page of a list (the overview's deadlines, or a list) is on screen.
    FirstRows,
    /// The whole first screen is complete: every tile of the overview filled, fonts loaded.
    FirstScreen,
}

/// The UI reports a cold-start mark. With `TERROIR_STARTUP_LOG` set, a line `first_rows 812.4`
/// (the mark and the milliseconds since process start) is appended to that file.
#[tauri::command(rename_all = "snake_case")]
fn mark_startup(s: State<'_, Open>, start: State<'_, Start>, mark: StartupMark) -> Result<f64> {
    let ms = s.started.elapsed().as_secs_f64() * 1000.0;
    if matches!(mark, StartupMark::FirstScreen)
        && let Some(shown) = start.shown.lock().ok().and_then(|mut g| g.take())
    {
        let _ = shown.send(());
    }
    if let Some(path) = std::env::var_os("TERROIR_STARTUP_LOG") {
        use std::io::Write;
        let name = match mark {
            StartupMark::FirstRows => "first_rows",
            StartupMark::FirstScreen => "first_screen",
        };
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(ApiError::storage)?;
        writeln!(f, "{name} {ms:.1}").map_err(ApiError::storage)?;
    }
    Ok(ms)
}

/// Build and run the app on the default workspace.
pub fn run() {
    let started = Instant::now();
    let db = default_db();
    let ws = match open_workspace(&db) {
        Ok(ws) => ws,
        Err(e) => {
            // No window can show it yet: say it where a bureau's IT person will look.
            eprintln!("Terroir: {}\n{}", e.message.zh_cn, e.message.en_us);
            std::process::exit(2);
        }
    };
    let start = Start::begin(&ws);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(Batch::default())
        .manage(Picked::default())
        .manage(LastPrinted::default())
        .manage(start)
        .manage(Open {
            ws: Mutex::new(Some(ws)),
            started,
        })
        .invoke_handler(terroir_commands!(generate_handler))
        .run(tauri::generate_context!())
        .expect("error while running Terroir");
}
