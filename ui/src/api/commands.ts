// The only place the UI calls Rust. Every type comes from ./bindings (generated from the Rust
// DTOs by ts-rs; `make test` fails when they are stale). Command names are checked against
// src-tauri/commands.rs (the generated CommandName); parameters match the #[tauri::command]s in
// src-tauri/src/lib.rs one to one.
import { Channel, invoke, type InvokeArgs } from '@tauri-apps/api/core'
import type { CommandName } from './bindings/CommandName'
import type { ApiError } from './bindings/ApiError'
import type { Lang } from './bindings/Lang'
import type { ReminderFormat } from './bindings/ReminderFormat'
import type { RemindersWritten } from './bindings/RemindersWritten'
import type { ApplicationStep } from './bindings/ApplicationStep'
import type { BudgetRow } from './bindings/BudgetRow'
import type { CaseStep } from './bindings/CaseStep'
import type { EnforcementStats } from './bindings/EnforcementStats'
import type { StatsRowInput } from './bindings/StatsRowInput'
import type { FineLimits } from './bindings/FineLimits'
import type { Eligibility } from './bindings/Eligibility'
import type { EvidenceInput } from './bindings/EvidenceInput'
import type { Ledger } from './bindings/Ledger'
import type { Readiness } from './bindings/Readiness'
import type { RecognitionInput } from './bindings/RecognitionInput'
import type { HistoryPage } from './bindings/HistoryPage'
import type { HistoryQuery } from './bindings/HistoryQuery'
import type { BackupSummary } from './bindings/BackupSummary'
import type { BackupSettings } from './bindings/BackupSettings'
import type { BatchProgress } from './bindings/BatchProgress'
import type { BatchReport } from './bindings/BatchReport'
import type { BatchSelection } from './bindings/BatchSelection'
import type { BundleReport } from './bindings/BundleReport'
import type { BundleSummary } from './bindings/BundleSummary'
import type { CalendarEntry } from './bindings/CalendarEntry'
import type { CalendarYearInput } from './bindings/CalendarYearInput'
import type { CheckProgress } from './bindings/CheckProgress'
import type { Check } from './bindings/Check'
import type { Deadline } from './bindings/Deadline'
import type { DossierSettings } from './bindings/DossierSettings'
import type { DossierCheck } from './bindings/DossierCheck'
import type { ListFacets } from './bindings/ListFacets'
import type { ListQuery } from './bindings/ListQuery'
import type { AwardReview } from './bindings/AwardReview'
import type { ReportSchedule } from './bindings/ReportSchedule'
import type { AttentionList } from './bindings/AttentionList'
import type { OverviewDeadlines } from './bindings/OverviewDeadlines'
import type { ExportSummary } from './bindings/ExportSummary'
import type { ImportProgress } from './bindings/ImportProgress'
import type { ImportReport } from './bindings/ImportReport'
import type { JsonValue } from './bindings/serde_json/JsonValue'
import type { Overview } from './bindings/Overview'
import type { Page } from './bindings/Page'
import type { Printed } from './bindings/Printed'
import type { RecordDto } from './bindings/RecordDto'
import type { RecordKind } from './bindings/RecordKind'
import type { SheetKind } from './bindings/SheetKind'
import type { SearchResults } from './bindings/SearchResults'
import type { Show } from './bindings/Show'
import type { TrademarkEvent } from './bindings/TrademarkEvent'
import type { UserStep } from './bindings/UserStep'
import type { WorkspaceInfo } from './bindings/WorkspaceInfo'
import type { WordingCheck } from './bindings/WordingCheck'
import type { TargetProgress } from './bindings/TargetProgress'
import type { Counted } from './bindings/Counted'
import type { GiYearStat } from './bindings/GiYearStat'
import type { GiYearStatInput } from './bindings/GiYearStatInput'
import type { KpiSet } from './bindings/KpiSet'
import type { KpiRulesInput } from './bindings/KpiRulesInput'
import type { ZoneKpis } from './bindings/ZoneKpis'
import type { FinancingTotals } from './bindings/FinancingTotals'
import type { DataAge } from './bindings/DataAge'
import type { Dashboard } from './bindings/Dashboard'

export type { BatchProgress }

export type { ApiError }

/** Narrow an unknown rejection to the api's error shape. */
export function isApiError(e: unknown): e is ApiError {
  return typeof e === 'object' && e !== null && 'rule' in e && 'kind' in e && 'problems' in e
}

/** Every call to Rust: a command missing from src-tauri/commands.rs does not compile. */
function call<T>(cmd: CommandName, args?: InvokeArgs): Promise<T> {
  return invoke<T>(cmd, args)
}

/** A whole ListQuery: `show`, what `narrow` sets, and nothing else. */
export function listQuery(show: Show, narrow: Partial<ListQuery> = {}): ListQuery {
  return { state: null, division: null, category: null, expires_from: null, expires_to: null, sort: null, desc: false, ...narrow, show }
}

export const api = {
  workspaceInfo: () => call<WorkspaceInfo>('workspace_info'),
  setActor: (actor: string) => call<WorkspaceInfo>('set_actor', { actor }),

  /** A page of records; `state` keeps only applications in that state (the work queue). */
  /** A page of a list: `show` and, in `narrow`, its filters and order (see ListQuery). */
  listRecords: (kind: RecordKind, show: Show, offset: number, limit: number, narrow: Partial<ListQuery> = {}) =>
    call<Page>('list_records', { kind, query: listQuery(show, narrow), offset, limit }),
  listFacets: (kind: RecordKind) => call<ListFacets>('list_facets', { kind }),
  showRecord: (kind: RecordKind, key: string) => call<RecordDto>('show_record', { kind, key }),
  /** The record as editable input: the shape addRecord and editRecord take. */
  recordInput: (kind: RecordKind, key: string) => call<JsonValue>('record_input', { kind, key }),
  addRecord: (kind: RecordKind, input: JsonValue) => call<RecordDto>('add_record', { kind, input }),
  /**
   * `patch` is a JSON merge patch over recordInput's shape; null clears a field. `version` is
   * the record's version the form was opened on: changed since, the edit is refused
   * (`stale_version`, with a `changed_meanwhile` problem under each field that changed).
   */
  editRecord: (kind: RecordKind, key: string, patch: JsonValue, reason: string | null, version: number | null) =>
    call<RecordDto>('edit_record', { kind, key, patch, reason, version }),
  archiveRecord: (kind: RecordKind, key: string, reason: string | null) =>
    call<RecordDto>('archive_record', { kind, key, reason }),
  unarchiveRecord: (kind: RecordKind, key: string, reason: string | null) =>
    call<RecordDto>('unarchive_record', { kind, key, reason }),

  userStep: (key: string, step: UserStep) => call<RecordDto>('user_step', { key, step }),
  trademarkEvent: (key: string, event: TrademarkEvent) => call<RecordDto>('trademark_event', { key, event }),
  /** Opens a file dialog in Rust; the photo is copied into the workspace. null when cancelled. */
  addPhoto: (key: string) => call<RecordDto | null>('add_photo', { key }),

  /** The wording check (用语检查) of pasted text; nothing is stored. */
  checkWordingText: (text: string) => call<WordingCheck>('check_wording_text', { text }),
  /** The wording check of a .txt, .docx or .pdf picked in a native dialog; null when cancelled. */
  checkWordingFile: () => call<WordingCheck | null>('check_wording_file'),
  /** A photo as a data: URL for an <img>. */
  photoData: (sha256: string) => call<string>('photo_data', { sha256 }),

  search: (query: string, kind: RecordKind | null, limit: number) =>
    call<SearchResults>('search', { query, kind, limit }),
  deadlines: (within: string) => call<Deadline[]>('deadlines', { within }),
  /**
   * Write the deadlines due within `within` to a calendar file or a spreadsheet with contacts,
   * chosen in a native save dialog, in `lang`; null when cancelled.
   */
  exportDeadlines: (within: string, format: ReminderFormat, lang: Lang) =>
    call<RemindersWritten | null>('export_deadlines', { within, format, lang }),

  /** A page of the history in words (filters optional), newest first. */
  history: (query: HistoryQuery) => call<HistoryPage>('history', { query }),
  /** Put back the record's content as it was after audit row `seq` (itself audited). */
  restoreValue: (kind: RecordKind, key: string, seq: number, reason: string | null) =>
    call<RecordDto>('restore_value', { kind, key, seq, reason }),

  backupNow: () => call<BackupSummary>('backup_now'),
  listBackups: () => call<BackupSummary[]>('list_backups'),
  backupSettings: () => call<BackupSettings>('backup_settings'),
  setBackupSettings: (settings: BackupSettings) => call<BackupSettings>('set_backup_settings', { settings }),
  /** How many sample records the workspace holds. */
  sampleCount: () => call<number>('sample_count'),
  /** Delete every sample record (audited); refused while a real record refers to one. */
  removeSample: () => call<number>('remove_sample'),
  /** Restore a backup listed by listBackups, by its name. */
  restoreBackup: (name: string) => call<WorkspaceInfo>('restore_backup', { name }),
  /** The workspace check; `onProgress` hears the records read again by today's rules. */
  check: (onProgress: (p: CheckProgress) => void = () => {}) => {
    const progress = new Channel<CheckProgress>()
    progress.onmessage = onProgress
    return call<Check>('check', { progress })
  },
  /** How often authorised users report their use, as the bureau set it. */
  reportSchedule: () => call<ReportSchedule>('report_schedule'),
  /** Problems name the field `due_days`. */
  setReportSchedule: (schedule: ReportSchedule) => call<ReportSchedule>('set_report_schedule', { schedule }),
  /** What the last upgrade of the workspace reinterpreted, not yet read (shown once on start). */
  migrationReport: () => call<string[]>('migration_report'),
  acknowledgeMigrationReport: () => call<null>('acknowledge_migration_report'),
  dossierSettings: () => call<DossierSettings>('dossier_settings'),
  /** Problems name the field `issuer` or `qr_template`. */
  setDossierSettings: (settings: DossierSettings) => call<DossierSettings>('set_dossier_settings', { settings }),
  /**
   * Print a GI product's brand-promotion dossier beside the workspace and open it in the
   * system PDF viewer; the boolean is false when no viewer could be started.
   */
  previewDossier: (key: string) => call<[Printed, boolean]>('preview_dossier', { key }),
  /** Export the ledger of a year (or all) to a sheet chosen in a save dialog; null when cancelled. */
  exportLedger: (year: number | null, lang: Lang) => call<number | null>('export_ledger', { year, lang }),
  /** Print an application's approval form (奖励审批表) and open it. */
  printApplicationForm: (key: string) => call<[Printed, boolean]>('print_application_form', { key }),
  /** Print the letters for the deadlines due within `within` and open them. */
  printLetters: (within: string) => call<[Printed, boolean]>('print_letters', { within }),
  /** Open the last printed document (or its folder); false when nothing could be opened. */
  openPrinted: (folder: boolean) => call<boolean>('open_printed', { folder }),
  /** Send the last printed document to the default printer; false when none took it. */
  printPrinted: () => call<boolean>('print_printed'),
  /** Print a dossier to a file chosen in a native save dialog; null when cancelled. */
  saveDossier: (key: string) => call<Printed | null>('save_dossier', { key }),
  /** How many GI products a batch would print. */
  dossierCheck: (selection: BatchSelection) => call<DossierCheck>('dossier_check', { selection }),
  /**
   * Print a batch into a folder picked in a native dialog; `onProgress` is called (through a
   * Tauri channel) after each dossier. null when the folder dialog was cancelled.
   */
  printBatch: (selection: BatchSelection, onProgress: (p: BatchProgress) => void) => {
    const progress = new Channel<BatchProgress>()
    progress.onmessage = onProgress
    return call<BatchReport | null>('print_batch', { selection, progress })
  },
  /** Stop the running batch after the current dossier. */
  cancelBatch: () => call<void>('cancel_batch'),
  /** Open the last batch's folder in the file manager; false when it could not be opened. */
  openBatchFolder: () => call<boolean>('open_batch_folder'),
  /**
   * Export a list (the records `show` selects) to XLSX or CSV chosen in a native save dialog;
   * null when cancelled.
   */
  exportList: (kind: RecordKind, show: Show, narrow: Partial<ListQuery> = {}) =>
    call<ExportSummary | null>('export_list', { kind, query: listQuery(show, narrow) }),
  /**
   * Export every GI product's yearly statistics (the `gi_stats` import sheet: an exported file
   * imports unchanged) to XLSX or CSV chosen in a native save dialog; null when cancelled.
   */
  exportGiStats: () => call<ExportSummary | null>('export_gi_stats'),
  /** Save an empty import template for `kind` (a record kind or `gi_stats`; save dialog); its path, or null when cancelled. */
  writeTemplate: (kind: SheetKind) => call<string | null>('write_template', { kind }),
  /**
   * Pick a spreadsheet (XLSX or UTF-8 CSV) in a native dialog and dry-run its import: nothing
   * is written; `onProgress` hears the rows checked. null when the dialog was cancelled. Rust
   * remembers the file for importApply.
   */
  importPreview: (kind: SheetKind, onProgress: (p: ImportProgress) => void = () => {}) => {
    const progress = new Channel<ImportProgress>()
    progress.onmessage = onProgress
    return call<ImportReport | null>('import_preview', { kind, progress })
  },
  /**
   * Import the previewed file, all or nothing. Refused (rule `sheet_damaged`) when the file's
   * SHA-256 is no longer `sha256`; `applied` is false (nothing written) when rows have problems.
   */
  importApply: (kind: SheetKind, sha256: string, onProgress: (p: ImportProgress) => void = () => {}) => {
    const progress = new Channel<ImportProgress>()
    progress.onmessage = onProgress
    return call<ImportReport>('import_apply', { kind, sha256, progress })
  },
  /** Stop the running import preview or import at the next row: nothing is written (`cancelled`). */
  cancelImport: () => call<void>('cancel_import'),
  /**
   * Export the whole catalogue (records with their stable ids, divisions, photos) as one
   * verified exchange bundle, to a file chosen in a native save dialog; null when cancelled.
   */
  exportBundle: (personalData: boolean) => call<BundleSummary | null>('export_bundle', { personal_data: personalData }),
  /**
   * Pick an exchange bundle in a native dialog and dry-run its merge: nothing is written.
   * null when the dialog was cancelled. Rust remembers the file for bundleApply. A damaged or
   * tampered bundle is refused with rule `bundle_invalid` (the message names the part).
   */
  bundlePreview: () => call<BundleReport | null>('bundle_preview'),
  /**
   * Merge the previewed bundle (refused, rule `bundle_invalid`, when its SHA-256 is no longer
   * `sha256`). Conflicts keep the local version unless `takeTheirs`.
   */
  bundleApply: (sha256: string, takeTheirs: boolean) => call<BundleReport>('bundle_apply', { sha256, take_theirs: takeTheirs }),
  // ---- well-known-mark candidates: evidence file, recognition, readiness ----
  /** `key` is the candidate's code (WKM-0001). */
  addEvidence: (key: string, input: EvidenceInput) => call<RecordDto>('add_evidence', { key, input }),
  updateEvidence: (key: string, no: number, input: EvidenceInput) => call<RecordDto>('update_evidence', { key, no, input }),
  /** Opens a native multi-file dialog in Rust; null when cancelled. */
  /** Pick files in a native dialog and attach them to a case; null when cancelled. */
  attachCaseFiles: (key: string) => call<RecordDto | null>('attach_case_files', { key }),
  attachEvidence: (key: string, no: number) => call<RecordDto | null>('attach_evidence', { key, no }),
  removeEvidence: (key: string, no: number, reason: string | null) => call<RecordDto>('remove_evidence', { key, no, reason }),
  recordRecognition: (key: string, input: RecognitionInput) => call<RecordDto>('record_recognition', { key, input }),
  readiness: (key: string) => call<Readiness>('readiness', { key }),
  /** Print the evidence catalogue beside the workspace and open it; false when no viewer started. */
  previewCatalogue: (key: string) => call<[Printed, boolean]>('preview_catalogue', { key }),

  // ---- the working-day calendar ----
  calendarYears: () => call<CalendarEntry[]>('calendar_years'),
  setCalendarYear: (year: number, input: CalendarYearInput, reason: string | null) =>
    call<CalendarEntry>('set_calendar_year', { year, input, reason }),

  // ---- applications, incentive rules, budgets ----
  applicationStep: (key: string, step: ApplicationStep) => call<RecordDto>('application_step', { key, step }),
  /** The incentive rules an award application's claims meet, as of today. */
  eligibility: (key: string) => call<Eligibility>('eligibility', { key }),
  review: (key: string) => call<AwardReview>('review', { key }),
  /** `amount` in yuan as typed (`300000`, `300,000.00`). */
  setBudget: (jurisdiction: string, year: number, amount: string, reason: string | null) =>
    call<BudgetRow>('set_budget', { jurisdiction, year, amount, reason }),
  /** Budgets and awards per paying jurisdiction: one year, or all when null. */
  /** Budgets and totals of every jurisdiction; the awards of one (`jurisdiction`) or all, latest 200. */
  ledger: (year: number | null, jurisdiction: string | null = null) => call<Ledger>('ledger', { year, jurisdiction }),

  // ---- enforcement cases and the statistics form (案件统计表) ----
  /**
   * Move a case through its flow (立案 → 调查 → 决定 → 结案, or 移送); a date left null is
   * today, amounts are yuan as typed. Problems name the step's fields (`fine_over_limit` on
   * `fine`, with the limit and the turnover).
   */
  caseStep: (key: string, step: CaseStep) => call<RecordDto>('case_step', { key, step }),
  /** The statistics form for [from, to] (dates as typed) in a division, or all when null. */
  enforcementStats: (from: string, to: string, division: string | null) =>
    call<EnforcementStats>('enforcement_stats', { from, to, division }),
  /** The form's rows as the bureau set them (the sample's until then). */
  statsForm: () => call<StatsRowInput[]>('stats_form'),
  fineLimits: () => call<FineLimits>('fine_limits'),
  setFineLimit: (kind: string, max: string | null, basis: string | null, reason: string | null) =>
    call<FineLimits>('set_fine_limit', { kind, max, basis, reason }),
  /** Replace the form's rows (audited with the reason); the rows as stored. Problems name `rows[i].label` … */
  setStatsForm: (rows: StatsRowInput[], reason: string | null) => call<StatsRowInput[]>('set_stats_form', { rows, reason }),
  /** Export the computed form to a sheet chosen in a native save dialog; false when cancelled. */
  exportEnforcementStats: (from: string, to: string, division: string | null) =>
    call<boolean>('export_enforcement_stats', { from, to, division }),
  /** Print the computed form into the documents folder and open it (false: no viewer started). */
  printEnforcementStats: (from: string, to: string, division: string | null) =>
    call<[Printed, boolean]>('print_enforcement_stats', { from, to, division }),
  /** The yearly report as a PDF in the documents folder, opened. */
  printAnnualReport: (year: number, division: string | null) => call<[Printed, boolean]>('print_annual_report', { year, division }),
  /** The yearly report as Word or Excel, to a file picked in a save dialog (`null`: cancelled). */
  exportAnnualReport: (year: number, division: string | null) => call<Printed | null>('export_annual_report', { year, division }),

  // ---- the plan: targets and their progress, GI yearly statistics, zones' KPIs, financing ----
  /** Every live target's progress (those of `division` and below when given), in code order. */
  targetsProgress: (division: string | null) => call<TargetProgress[]>('targets_progress', { division }),
  targetProgress: (key: string) => call<TargetProgress>('target_progress', { key }),
  /** The records a computed target's value counts (in `division` under its jurisdiction when given), a page at a time. */
  targetCounted: (key: string, division: string | null, limit: number, offset: number) =>
    call<Counted>('target_counted', { key, division, limit, offset }),
  /** A manual target's value for a year, with its source (audited); the target as it is after. */
  setTargetValue: (key: string, year: number, value: string, source: string, reason: string | null) =>
    call<RecordDto>('set_target_value', { key, year, value, source, reason }),
  /** A GI product's yearly statistics, oldest first. */
  giStats: (gi: string) => call<GiYearStat[]>('gi_stats', { gi }),
  /** Set the input's year (replacing it; money in yuan as typed); every year's after. */
  setGiStats: (gi: string, input: GiYearStatInput, reason: string | null) => call<GiYearStat[]>('set_gi_stats', { gi, input, reason }),
  removeGiStats: (gi: string, year: number, reason: string | null) => call<GiYearStat[]>('remove_gi_stats', { gi, year, reason }),
  /** The bureau's KPI rule sets for demonstration zones. */
  kpiSets: () => call<KpiSet[]>('kpi_sets'),
  /** Set one rule set (audited); all of them after. Problems name `key`, `name`, `basis`, `min_users` … */
  setKpiSet: (key: string, name: string, basis: string, rules: KpiRulesInput, reason: string | null) =>
    call<KpiSet[]>('set_kpi_set', { key, name, basis, rules, reason }),
  /** A zone's KPIs on today, from its GI's active users and latest yearly statistics, with its warnings. */
  zoneKpis: (key: string) => call<ZoneKpis>('zone_kpis', { key }),
  /** Pledge-financing loans per year of `from..=to` and division directly under `division`. */
  financingTotals: (from: number, to: number, division: string | null) => call<FinancingTotals>('financing_totals', { from, to, division }),
  /** For each division under `division` (all when null) whose records came in bundles, the last bundle merged and its age. */
  dataFreshness: (division: string | null) => call<DataAge[]>('data_freshness', { division }),

  /**
   * The dashboard (数据看板) for `year`, of `division` and below (all when null): every chart's
   * numbers in one answer, each the api's own figure, grouped; the page draws them and never sums.
   */
  dashboard: (year: number, division: string | null) => call<Dashboard>('dashboard', { year, division }),

  /** GI products per division and per category (computed in Rust). */
  overview: () => call<Overview>('overview'),
  /** The authorised users needing a decision (asked after the overview's first paint). */
  attention: () => call<AttentionList>('attention'),
  /** The overview's deadlines: counts and the most urgent (the horizon and how many in Rust). */
  overviewDeadlines: () => call<OverviewDeadlines>('overview_deadlines'),
  /** Live records of `kind` referring to record `key` of kind `of` (users of a GI, ...). */
  related: (kind: RecordKind, of: RecordKind, key: string, limit: number, offset: number) =>
    call<RecordDto[]>('related', { kind, of, key, limit, offset }),
}

const marked = new Set<string>()
/**
 * Record, once per process, a cold-start mark: `first_rows` when the first page of rows is on
 * screen, `first_screen` when the whole first screen is (every overview tile filled).
 */
export function markStartup(mark: 'first_rows' | 'first_screen'): void {
  if (marked.has(mark)) return
  marked.add(mark)
  // "On screen" includes the glyphs: wait for the web fonts the rows use (no CJK font may be
  // installed, so until they load Chinese would show as boxes).
  const fontsReady: Promise<unknown> = document.fonts?.ready ?? Promise.resolve()
  void fontsReady.then(() => {
    performance.mark(`terroir:${mark.replace('_', '-')}`)
    call<number>('mark_startup', { mark }).catch(() => {})
  })
}
