// A mocked IPC layer answering the same commands as src-tauri, from in-memory sample data.
// Loaded only by `?mock` in non-production builds (screenshots, demos) and by tests.
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import type { ApiError } from '../api/bindings/ApiError'
import type { AuditEntry } from '../api/bindings/AuditEntry'
import type { BatchReport } from '../api/bindings/BatchReport'
import type { BundleReport } from '../api/bindings/BundleReport'
import type { CalendarEntry } from '../api/bindings/CalendarEntry'
import type { CommandName } from '../api/bindings/CommandName'
import historyFixture from '../api/bindings/history.json'
import dossierCheckFixture from '../api/bindings/dossier-check.json'
import listFacetsFixture from '../api/bindings/list-facets.json'
import replies from '../api/bindings/replies.json'
import exchange from '../api/bindings/exchange.json'
import wording from '../api/bindings/wording.json'
import type { WordingCheck } from '../api/bindings/WordingCheck'
import type { ListQuery } from '../api/bindings/ListQuery'
import type { HistoryQuery } from '../api/bindings/HistoryQuery'
import type { DossierSettings } from '../api/bindings/DossierSettings'
import type { DossierCheck } from '../api/bindings/DossierCheck'
import type { ReportSchedule } from '../api/bindings/ReportSchedule'
import type { ImportReport } from '../api/bindings/ImportReport'
import type { Printed } from '../api/bindings/Printed'
import type { Problem } from '../api/bindings/Problem'
import type { SearchResults } from '../api/bindings/SearchResults'
import type { Deadline } from '../api/bindings/Deadline'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { SheetKind } from '../api/bindings/SheetKind'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'
import { AWARD_REVIEW, CATEGORIES, DIVISIONS, SAMPLE_CALENDAR, SAMPLE_DEADLINES, SAMPLE_INPUTS, SAMPLE_OVERVIEW, SAMPLE_OVERVIEW_DEADLINES, SAMPLE_TODAY, manyEnterprises, sampleRecords, type MockRecord } from './data'
import { setLocale } from '../i18n'
import { createWorkbench } from './workbench'
import { createCases } from './cases'
import { createPlan } from './plan'
import vocabulary from '../api/bindings/vocabulary.json'
import { canon, notRecorded, replay } from './replay'

type Args = Record<string, unknown>
type Obj = Record<string, JsonValue>

export function err(rule: string, field: string | null, params: Record<string, string> = {}, kind: ApiError['kind'] = 'validation'): ApiError {
  const message = { 'zh-CN': rule, 'en-US': rule }
  return { kind, field, rule: rule as ApiError['rule'], params, message, problems: [{ field, rule: rule as ApiError['rule'], params, message }] }
}

/**
 * Send `message` on a Tauri channel argument the way Rust does (indexed, through the IPC
 * callback the Channel registered), so the page's `onmessage` sees it in order.
 */
export function sendToChannel(channel: unknown, index: number, message: unknown) {
  const id =
    typeof channel === 'object' && channel !== null && 'id' in channel
      ? Number((channel as { id: unknown }).id)
      : typeof channel === 'string' && channel.startsWith('__CHANNEL__:')
        ? Number(channel.slice('__CHANNEL__:'.length))
        : NaN
  const internals = (window as Window & { __TAURI_INTERNALS__?: { runCallback?: (id: number, data: unknown) => void } }).__TAURI_INTERNALS__
  if (Number.isFinite(id)) internals?.runCallback?.(id, { index, message })
}

const DEFAULT_QR = '地标品牌库核验：{name}（{code}）记录 {id} 校验 {head}'
/** What Rust answered where a screen shows a rule's outcome (crates/api/tests/fixtures.rs). */
const REPLIES = replies as unknown as {
  refusals: { kind: RecordKind; input: Obj; problems: Problem[] }[]
  required: Record<RecordKind, Problem[]>
  settings_refused: { issuer: string; error: ApiError }
  selections: Record<string, string[]>
  bad_county: { code: string; error: ApiError }
  print_warnings: Record<string, Problem[]>
  print_refused: { code: string; error: ApiError }
  searches: { args: { query: string; kind: RecordKind | null; limit: number }; reply: SearchResults }[]
}

/** Rust's answers for the exchange screens (crates/api/tests/fixtures.rs): each kind's import
 * sheet previewed and imported, with the records it wrote, and the city's bundle previewed and
 * merged either way, with the records and calendar after. A sheet with no recording (the GI
 * yearly statistics, `gi_stats`, for now) is previewed by the desktop app only. */
interface Merged {
  report: BundleReport
  records: MockRecord[]
  calendar: CalendarEntry[]
}
const EXCHANGE = exchange as unknown as {
  imports: Partial<Record<SheetKind, { preview: ImportReport; applied: ImportReport; records: MockRecord[] }>>
  bundle: { preview: BundleReport; kept: Merged; theirs: Merged }
}

export function createMockBackend(
  opts: {
    extraEnterprises?: number
    printDelayMs?: number
    migrationNotes?: string[]
    printReady?: boolean
    /** Replay Rust's refusal to print the product an approved user's name makes unprintable. */
    printRefused?: boolean
  } = {},
) {
  const records: MockRecord[] = [...sampleRecords(), ...manyEnterprises(opts.extraEnterprises ?? 0)]
  const printDelay = opts.printDelayMs ?? 400
  let dossierSettings: DossierSettings = { issuer: null, issuer_contact: null, qr_template: DEFAULT_QR }
  // Which of Rust's recorded checks before a batch to replay: the fresh sample's, or the one
  // after the settings were saved (`printReady` starts there).
  let printReady = opts.printReady ?? false
  let reportSchedule: ReportSchedule = { period: 'yearly', due_days: 90 }
  // What an upgrade reinterpreted: none in a fresh workspace (tests set some through
  // `opts.migrationNotes`).
  let migrationNotes: string[] = opts.migrationNotes ?? []
  let batchCancel = false
  let batchFolder: string | null = null
  const audit: AuditEntry[] = []
  let backupSettings = { daily: true, keep: 10 }
  let actor = '王科员'
  let seq = 0
  const today = SAMPLE_TODAY
  const snap = (r: MockRecord) => JSON.stringify({ code: r.code, name: r.name, sample: r.sample, archived_at: r.archived_at, data: r.data })
  function log(r: MockRecord, action: string, before: string | null, reason: string | null = null) {
    seq++
    audit.push({
      seq,
      at: `${today}T${String(8 + (seq % 9)).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}:00Z`,
      actor,
      entity: r.kind,
      entity_id: r.id,
      action,
      before,
      after: snap(r),
      reason,
      prev_hash: '',
      hash: '',
    })
  }
  for (const r of records.slice(0, 40)) log(r, 'insert', null)

  const find = (kind: RecordKind, key: string) => {
    const r = records.find((x) => x.kind === kind && (x.code === key || x.id === key || x.name === key))
    if (!r) throw err('not_found', null, { kind, kind_en: kind, value: key }, 'not_found')
    return r
  }

  /** The sample's deadlines as Rust computed them on the fixture's day, for the horizon asked. */
  function deadlinesWithin(within: unknown): Deadline[] {
    const recorded = SAMPLE_DEADLINES[String(within)]
    if (!recorded) throw err('storage', null, { detail: `no deadlines recorded within ${String(within)}` }, 'storage')
    return recorded
  }

  /** Rust's problems for what the form sent: those recorded for the same typed values, and
   * the required fields it left blank (no rule here: each answer is Rust's). */
  function validate(kind: RecordKind, input: Obj) {
    // Compared as JSON with sorted keys: a form's row is built in its own key order.
    const same = (a: JsonValue | undefined, b: JsonValue | undefined) => canon(a ?? null) === canon(b ?? null)
    const blank = (v: JsonValue | undefined) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
    const problems: ApiError['problems'] = [
      ...REPLIES.refusals.filter((c) => c.kind === kind && Object.entries(c.input).every(([k, v]) => same(input[k], v))).flatMap((c) => c.problems),
      ...REPLIES.required[kind].filter((p) => blank(input[p.field ?? ''])),
    ]
    if (problems.length) {
      const first = problems[0]
      throw { ...err(first.rule, first.field, first.params), problems } satisfies ApiError
    }
  }

  // ---- brand-promotion dossiers ----
  /** A dossier as Rust printed it for the sample: its warnings, or its refusal. */
  function printDossier(r: MockRecord, folder: string): Printed {
    if (opts.printRefused && r.code === REPLIES.print_refused.code) throw REPLIES.print_refused.error
    const name = r.name.replace(/[\\/:*?"<>|]/g, '_')
    const file = `${r.code}-${name}.pdf`
    return { code: r.code, name: r.name, file, path: `${folder}/${file}`, bytes: 182_000 + r.name.length * 977, warnings: REPLIES.print_warnings[r.code] ?? [] }
  }
  /** The live products a batch takes, as Rust selected them. */
  function batchSelection(sel: Obj): MockRecord[] {
    let codes: string[] | null = null
    if (sel.select === 'county') {
      const code = String(sel.code ?? '').trim()
      if (code === REPLIES.bad_county.code) throw REPLIES.bad_county.error
      codes = REPLIES.selections[code] ?? []
    }
    return records
      .filter((r) => r.kind === 'gi' && !r.archived_at && (!codes || codes.includes(r.code)))
      .sort((a, b) => a.code.localeCompare(b.code))
  }
  const workspaceDir = '/home/clerk/地标品牌库/固始县'
  const documents = '/home/clerk/文档'

  // The calendar as Rust lists it for the sample; a year entered or merged is Rust's entry.
  let calendarYears: CalendarEntry[] = structuredClone(SAMPLE_CALENDAR)
  /** Rust's record as a replayed call left it, in place of the mock's copy (or added), audited. */
  function adopt(next: MockRecord, action: string, reason: string | null): MockRecord {
    const r = records.find((x) => x.id === next.id)
    const before = r ? snap(r) : null
    const kept = r ? Object.assign(r, next) : next
    if (!r) records.push(next)
    log(kept, action, before, reason)
    return kept
  }
  /** Replay `cmd` on record `a.key` at its version. */
  function replayChange(kind: RecordKind, cmd: string, a: Args, reason: string | null): MockRecord {
    const r = find(kind, String(a.key))
    return adopt(replay(cmd, a, r.version) as unknown as MockRecord, cmd, reason)
  }
  // What the exchange screens' file dialogs "pick", with Rust's answers (exchange.json).
  let previewed: SheetKind | null = null
  let bundlePreviewed = false
  /** A bundle was merged here: what Rust answered for the unmerged sample no longer holds. */
  let bundleMerged = false
  function recordedImport(kind: SheetKind) {
    const recorded = EXCHANGE.imports[kind]
    if (!recorded) throw notRecorded('import_preview', kind)
    return recorded
  }
  function adoptAll(merged: MockRecord[], action: string, reason: string) {
    for (const r of merged) adopt(structuredClone(r), action, reason)
  }
  const workbench = createWorkbench({ find, change: replayChange })
  const cases = createCases({ change: replayChange, documents })
  const plan = createPlan({ adopt, find, merged: () => bundleMerged })
  // Every command of src-tauri/commands.rs, and no other: a drift does not compile.
  const handlers: Record<CommandName, (a: Args) => unknown> = {
    workspace_info: () => ({
      db_path: '/home/clerk/地标品牌库/固始县/terroir.db',
      actor,
      today,
      counts: (vocabulary.order.kind as RecordKind[]).map((kind) => ({
        kind,
        live: records.filter((r) => r.kind === kind && !r.archived_at).length,
        archived: records.filter((r) => r.kind === kind && r.archived_at).length,
      })),
      divisions: DIVISIONS,
      categories: CATEGORIES,
    }),
    set_actor: (a) => {
      actor = String(a.actor)
      return handlers.workspace_info(a)
    },
    // Show and state only; the other filters, the order and the money total are Rust's (a
    // test that needs them overrides this with recorded answers).
    list_records: (a) => {
      const q = a.query as ListQuery
      const all = records.filter(
        (r) =>
          r.kind === a.kind &&
          (q.show === 'all' || (q.show === 'archived') === !!r.archived_at) &&
          (q.state == null || (r.data as Obj).state === q.state || r.summary.standing === q.state),
      )
      const offset = Number(a.offset)
      return { total: all.length, offset, items: all.slice(offset, offset + Math.min(200, Number(a.limit))), money_total: null }
    },
    // Rust's review of the award application (data.ts awardRecords) under review, with a budget set.
    review: () => AWARD_REVIEW,
    list_facets: (a) => listFacetsFixture[a.kind as RecordKind],
    // Like Rust: a code or an id (a name is not a key).
    show_record: (a) => {
      const r = records.find((x) => x.kind === a.kind && (x.code === a.key || x.id === a.key))
      if (!r) throw err('not_found', null, { kind: String(a.kind), kind_en: String(a.kind), value: String(a.key) }, 'not_found')
      return r
    },
    // The form's input Rust gives for a sample record as loaded (not for one a test changed).
    record_input: (a) => {
      const r = find(a.kind as RecordKind, String(a.key))
      const input = SAMPLE_INPUTS[`${r.code}@${r.version}`]
      if (!input) throw notRecorded('record_input', `${r.code} v${r.version}`)
      return input
    },
    // Rust's refusals of what the form typed, else its recorded answer for the same input.
    add_record: (a) => {
      validate(a.kind as RecordKind, a.input as Obj)
      return adopt(replay('add_record', a, 0) as unknown as MockRecord, 'insert', null)
    },
    ...workbench.handlers,
    ...cases.handlers,
    ...plan.handlers,
    edit_record: (a) => replayChange(a.kind as RecordKind, 'edit_record', a, (a.reason as string | null) ?? null),
    archive_record: (a) => {
      const r = find(a.kind as RecordKind, String(a.key))
      if (r.archived_at) throw err('archived', null, { code: r.code }, 'conflict')
      const before = snap(r)
      r.archived_at = `${today}T10:00:00Z`
      log(r, 'archive', before, (a.reason as string | null) ?? null)
      return r
    },
    unarchive_record: (a) => {
      const r = find(a.kind as RecordKind, String(a.key))
      if (!r.archived_at) throw err('not_archived', null, { code: r.code }, 'conflict')
      const before = snap(r)
      r.archived_at = null
      log(r, 'unarchive', before, (a.reason as string | null) ?? null)
      return r
    },
    // Replayed from Rust's recorded answers, as the workbench's steps are.
    user_step: (a) => replayChange('user', 'user_step', a, ((a.step as Obj).reason as string | null) ?? null),
    trademark_event: (a) => replayChange('trademark', 'trademark_event', a, ((a.event as Obj).reason as string | null) ?? null),
    add_photo: () => null,
    // Rust's checks of the recorded copy and document (wording.json); other text is refused.
    check_wording_text: (a): WordingCheck => {
      if (a.text === wording.text) return wording.pasted as WordingCheck
      throw notRecorded('check_wording_text', JSON.stringify(a.text))
    },
    check_wording_file: (): WordingCheck => wording.docx as WordingCheck,
    photo_data: () => 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
    // Rust's answers for the searches recorded on the sample; any other finds nothing here.
    search: (a) => {
      const args = { query: String(a.query).trim(), kind: a.kind ?? null, limit: Number(a.limit) }
      const hit = REPLIES.searches.find((r) => canon(r.args) === canon(args))
      return hit?.reply ?? { query: a.query, groups: [], took_us: 0 }
    },
    overview: () => SAMPLE_OVERVIEW,
    overview_deadlines: () => SAMPLE_OVERVIEW_DEADLINES,
    attention: () => ({ items: [], total: 0 }),
    related: (a) => {
      // The cases naming a record: an enterprise as a party, another record as related.
      if (a.kind === 'case') {
        const of = find(a.of as RecordKind, String(a.key))
        const names = (r: MockRecord) =>
          a.of === 'enterprise'
            ? ((r.data as Obj).parties as Obj[]).some((p) => p.enterprise_id === of.id)
            : ((r.data as Obj).related as Obj[]).some((s) => s.id === of.id)
        const offset = Number(a.offset)
        return records.filter((r) => r.kind === 'case' && !r.archived_at && names(r)).slice(offset, offset + Number(a.limit))
      }
      const column = ({
        'user/gi': 'gi_id',
        'user/enterprise': 'enterprise_id',
        'trademark/enterprise': 'registrant_id',
        'candidate/enterprise': 'enterprise_id',
        'candidate/trademark': 'trademark_id',
      } as Record<string, string>)[`${a.kind}/${a.of}`]
      if (!column) {
        throw err('enum_value', 'kind', {
          value: `${a.kind}/${a.of}`,
          allowed: 'user/gi, user/enterprise, trademark/enterprise, candidate/enterprise, candidate/trademark',
        })
      }
      const of = find(a.of as RecordKind, String(a.key))
      const offset = Number(a.offset)
      return records
        .filter((r) => r.kind === a.kind && !r.archived_at && (r.data as Obj)[column] === of.id)
        .slice(offset, offset + Math.min(500, Number(a.limit)))
    },
    deadlines: (a) => deadlinesWithin(a.within),
    // The save dialog always picks 文档/续展提醒.<format>.
    export_deadlines: (a) => ({ path: `${documents}/续展提醒.${String(a.format)}`, format: a.format, count: deadlinesWithin(a.within).length }),
    // The history as the real api words it, for the sample with a few changes (written by
    // cargo test, crates/api/tests/history.rs): replayed, one record's rows by its code.
    history: (a) => {
      const q = a.query as HistoryQuery
      const rows = historyFixture.rows.filter((r) => !q.record || r.code === q.record)
      return { ...historyFixture, rows: rows.slice(q.offset, q.offset + q.limit), more: rows.length > q.offset + q.limit }
    },
    // The history is a replayed fixture: a restore answers with the record as it is.
    restore_value: (a) => find(a.kind as RecordKind, String(a.key)),
    backup_now: () => ({ name: `terroir-${today.replaceAll('-', '')}-101500`, created_at: `${today}T10:15:00Z`, audit_rows: audit.length, files: 0, db_size: 286720 }),
    list_backups: () => [
      { name: 'terroir-20261126-180000', created_at: '2026-11-26T18:00:00Z', audit_rows: 40, files: 0, db_size: 282624 },
      { name: 'terroir-20261120-180000', created_at: '2026-11-20T18:00:00Z', audit_rows: 38, files: 0, db_size: 278528 },
    ],
    restore_backup: () => handlers.workspace_info({}),
    // Native: the last printed file opens (no viewer here); no printer takes it.
    open_printed: () => true,
    // Native: the save dialog picks 文档/奖励台账.xlsx.
    export_ledger: () => 1,
    print_application_form: (a) => {
      const r = find('application', String(a.key))
      return [{ code: r.code, name: r.name, file: `${r.code}-审批表.pdf`, path: `${documents}/地标品牌库/审批表/${r.code}-审批表.pdf`, bytes: 27_000, warnings: [] }, false]
    },
    // Native: letters printed into the documents folder, no viewer here.
    print_letters: (a) => [{ code: '', name: `${deadlinesWithin(a.within).length} 封`, file: `提醒函-${today}.pdf`, path: `${documents}/地标品牌库/提醒函/提醒函-${today}.pdf`, bytes: 48_000, warnings: [] }, false],
    print_printed: () => false,
    backup_settings: () => backupSettings,
    set_backup_settings: (a) => (backupSettings = a.settings as typeof backupSettings),
    sample_count: () => records.filter((r) => r.sample).length,
    remove_sample: () => {
      const n = records.filter((r) => r.sample).length
      records.splice(0, records.length, ...records.filter((r) => !r.sample))
      return n
    },
    migration_report: () => migrationNotes,
    acknowledge_migration_report: () => {
      migrationNotes = []
      return null
    },
    report_schedule: () => reportSchedule,
    set_report_schedule: (a) => {
      const s = a.schedule as ReportSchedule
      reportSchedule = { ...s }
      return reportSchedule
    },
    dossier_settings: () => dossierSettings,
    set_dossier_settings: (a) => {
      const s = a.settings as DossierSettings
      const issuer = s.issuer?.trim() || null
      const qr = s.qr_template.trim() || DEFAULT_QR
      if (issuer === REPLIES.settings_refused.issuer) throw REPLIES.settings_refused.error
      dossierSettings = { issuer, issuer_contact: s.issuer_contact?.trim() || null, qr_template: qr }
      printReady = true
      return dossierSettings
    },
    // The browser has no PDF viewer to start: report it opened, as on a desktop with one.
    preview_dossier: (a) => [printDossier(find('gi', String(a.key)), `${workspaceDir}/dossiers`), true],
    save_dossier: (a) => printDossier(find('gi', String(a.key)), '/home/clerk/文档'),
    // Replays a passing check; a test overrides it for missing settings or gaps.
    dossier_check: (a): DossierCheck => {
      const recorded = (printReady ? dossierCheckFixture.ready : dossierCheckFixture.fresh) as DossierCheck
      const codes = new Set(batchSelection(a.selection as Obj).map((g) => g.code))
      return {
        total: codes.size,
        settings: recorded.settings,
        incomplete: recorded.incomplete.filter((i) => codes.has(i.code)),
        complete: recorded.complete.filter((c) => codes.has(c)),
      }
    },
    // The folder dialog always picks the same folder; one dossier every `printDelayMs`.
    print_batch: async (a) => {
      const todo = batchSelection(a.selection as Obj)
      batchCancel = false
      batchFolder = '/home/clerk/文档/推介资料'
      const report: BatchReport = { printed: [], refused: [], cancelled: false }
      for (const [i, r] of todo.entries()) {
        if (batchCancel) {
          report.cancelled = true
          break
        }
        await new Promise((done) => setTimeout(done, printDelay))
        try {
          report.printed.push(printDossier(r, batchFolder))
        } catch (e) {
          report.refused.push({ code: r.code, name: r.name, error: e as ApiError })
        }
        sendToChannel(a.progress, i, { done: i + 1, total: todo.length, code: r.code })
      }
      return report
    },
    cancel_batch: () => {
      batchCancel = true
      return null
    },
    open_batch_folder: () => batchFolder !== null,
    // The save dialog always picks 文档/<kind>.xlsx; the file dialog always picks mockSheet(kind).
    export_list: (a) => {
      const kind = a.kind as RecordKind
      const show = (a.query as ListQuery).show
      const rows = records.filter((r) => r.kind === kind && (show === 'all' || (show === 'archived') === !!r.archived_at)).length
      return { kind, path: `${documents}/${kind}.xlsx`, rows }
    },
    // The save dialog picks nothing: Rust recorded no export of the yearly statistics (the
    // desktop app writes every product's years; see crates/api/src/exchange.rs).
    export_gi_stats: () => null,
    // Native: the yearly report printed into the documents folder, no viewer here; its Word
    // and Excel forms go through a save dialog that picks nothing in the mock.
    print_annual_report: (a) => {
      const file = `${String(a.year)}-年度工作报告${a.division ? String(a.division) : ''}.pdf`
      return [{ code: '', name: `${String(a.year)}年度知识产权（地理标志）工作报告`, file, path: `${documents}/地标品牌库/报告/${file}`, bytes: 70_000, warnings: [] }, false]
    },
    export_annual_report: () => null,
    write_template: (a) => `${documents}/${String(a.kind)}-template.xlsx`,
    // A sheet kind Rust recorded no import of is refused, saying so (the desktop app has it).
    import_preview: (a) => {
      const report = recordedImport(a.kind as SheetKind).preview
      previewed = report.kind
      sendToChannel(a.progress, 0, { done: report.rows, total: report.rows })
      return report
    },
    import_apply: (a) => {
      const kind = a.kind as SheetKind
      if (previewed !== kind) throw err('storage', null, { detail: 'no spreadsheet previewed' }, 'storage')
      const { preview, applied, records: written } = recordedImport(kind)
      if (a.sha256 !== preview.sha256) {
        throw err('sheet_damaged', 'file', { detail: 'the file changed after the preview; preview it again' })
      }
      adoptAll(written, 'import', `导入 ${applied.file} (sha256 ${applied.sha256})`)
      sendToChannel(a.progress, 0, { done: applied.rows, total: applied.rows })
      return applied
    },
    cancel_import: () => null,
    // The save dialog always picks 文档/terroir.bundle; the open dialog the city's bundle.
    export_bundle: (a) => ({
      personal_data: a.personal_data === true,
      path: `${documents}/terroir.bundle`,
      sha256: '5e'.repeat(32),
      records: records.length,
      files: records.reduce((n, r) => n + (((r.data as Obj).photos as unknown[] | undefined)?.length ?? 0), 0),
    }),
    bundle_preview: () => {
      bundlePreviewed = true
      return EXCHANGE.bundle.preview
    },
    bundle_apply: (a) => {
      if (!bundlePreviewed) throw err('storage', null, { detail: 'no bundle previewed' }, 'storage')
      if (a.sha256 !== EXCHANGE.bundle.preview.sha256) throw err('bundle_invalid', null, { detail: 'the bundle changed after the preview; preview it again' })
      const { report, records: merged, calendar } = a.take_theirs === true ? EXCHANGE.bundle.theirs : EXCHANGE.bundle.kept
      adoptAll(merged, 'bundle', `交换包 ${report.source_name} (sha256 ${report.sha256})`)
      calendarYears = structuredClone(calendar)
      bundleMerged = true
      return report
    },
    // The startup mark: milliseconds since start, as Rust answers (nothing is logged here).
    mark_startup: () => 0,
    // The calendar as Rust answers it for a new workspace: the two shipped years.
    calendar_years: () => calendarYears,
    set_calendar_year: (a) => {
      const entry = replay('set_calendar_year', a, 0) as unknown as CalendarEntry
      calendarYears = [...calendarYears.filter((y) => y.year !== entry.year), entry].sort((x, y) => x.year - y.year)
      return entry
    },
    check: () => ({ ok: true, integrity: [], foreign_keys: [], audit_chain: { rows: audit.length, head: 'abc', first_broken: null }, audit_mismatches: [], files: [], records: records.length, refused: [], refused_total: 0, migration_notes: [] }),
  }

  function handle(cmd: string, args: Args | undefined): unknown {
    const h = (handlers as Record<string, ((a: Args) => unknown) | undefined>)[cmd]
    if (!h) throw err('storage', null, { detail: `unknown command ${cmd}` }, 'storage')
    // Return copies, as IPC would.
    const copy = (v: unknown) => JSON.parse(JSON.stringify(v ?? null))
    const out = h(args ?? {})
    return out instanceof Promise ? out.then(copy) : copy(out)
  }
  return { handle, records, audit }
}

export function installMock() {
  const params = new URLSearchParams(location.search)
  const rows = Number(params.get('rows') ?? 0)
  const backend = createMockBackend({ extraEnterprises: rows })
  const lang = new URLSearchParams(location.search).get('lang')
  if (lang === 'en-US' || lang === 'zh-CN') setLocale(lang)
  mockWindows('main')
  mockIPC((cmd, args) => backend.handle(cmd, args as Args))
}
