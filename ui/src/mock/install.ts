// A mocked IPC layer answering the same commands as src-tauri, from in-memory sample data.
// Loaded only by `?mock` in non-production builds (screenshots, demos) and by tests.
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import type { ApiError } from '../api/bindings/ApiError'
import type { AuditEntry } from '../api/bindings/AuditEntry'
import type { BatchReport } from '../api/bindings/BatchReport'
import type { BundleReport } from '../api/bindings/BundleReport'
import type { CalendarEntry } from '../api/bindings/CalendarEntry'
import type { CommandName } from '../api/bindings/CommandName'
import type { StepOffer } from '../api/bindings/StepOffer'
import steps from '../api/bindings/steps.json'
import historyFixture from '../api/bindings/history.json'
import dossierCheckFixture from '../api/bindings/dossier-check.json'
import listFacetsFixture from '../api/bindings/list-facets.json'
import replies from '../api/bindings/replies.json'
import type { ListQuery } from '../api/bindings/ListQuery'
import type { HistoryQuery } from '../api/bindings/HistoryQuery'
import type { DossierSettings } from '../api/bindings/DossierSettings'
import type { DossierCheck } from '../api/bindings/DossierCheck'
import type { ReportSchedule } from '../api/bindings/ReportSchedule'
import type { ImportProblem } from '../api/bindings/ImportProblem'
import type { ImportReport } from '../api/bindings/ImportReport'
import type { Printed } from '../api/bindings/Printed'
import type { Problem } from '../api/bindings/Problem'
import type { SearchResults } from '../api/bindings/SearchResults'
import type { Deadline } from '../api/bindings/Deadline'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'
import { AWARD_REVIEW, CATEGORIES, DIVISIONS, SAMPLE_DEADLINES, SAMPLE_OVERVIEW, SAMPLE_TODAY, manyEnterprises, sampleRecords, type MockRecord } from './data'
import { setLocale } from '../i18n'
import { createWorkbench } from './workbench'
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
  imported_trademark: Obj
  searches: { args: { query: string; kind: RecordKind | null; limit: number }; reply: SearchResults }[]
}

/** One data row of the mock's import file: the record's input, or a problem Rust would report. */
interface SheetRow {
  row: number
  input?: Obj
  problem?: ImportProblem
}
interface MockSheet {
  file: string
  sha256: string
  header_row: number
  ignored_columns: string[]
  rows: SheetRow[]
}

/**
 * The spreadsheet the mock's file dialog "picks" for each kind: a couple of new records, for
 * enterprises also rows matching registered ones (by credit code, as Rust matches them), and
 * for authorised users one row naming an enterprise that is not registered. `extraRows` adds
 * that many more new rows (a large report, to try the wizard's tables).
 */
function mockSheet(kind: RecordKind, extraRows = 0): MockSheet {
  const sha = (seed: string) => Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(seed.charCodeAt(i % seed.length) * (i + 7)) % 16]).join('')
  const blank = { address: null, contact_person: null, phone: null, notes: null }
  let sheet: MockSheet
  switch (kind) {
    case 'enterprise':
      sheet = {
        file: '企业名录（2026年3月）.xlsx',
        sha256: sha('enterprise'),
        header_row: 2,
        ignored_columns: ['A 序号', 'I 填报人'],
        rows: [
          { row: 3, input: { ...blank, name: '固始县绿源茶业有限公司', credit_code: '91411525MA9XLY012G', division: '411525', contact_person: '张经理', phone: '0376-4812345' } },
          { row: 4, input: { ...blank, name: '固始县淮河鹅业专业合作社', credit_code: '93411525MA9XHE023K', division: '411525' } },
          { row: 5, input: { name: '固始县农产品有限公司（示例）', credit_code: '91411525MA47RG003C', address: '固始县蓼城大道 88 号', contact_person: '李经理', phone: '0376-4888123' } },
          { row: 6, input: { name: '罗山县茶业有限公司（示例）', credit_code: '91411521MA48PL004M', phone: '0376-2166010' } },
          { row: 7, input: { name: '浉河区云雾茶业有限公司（示例）', credit_code: '91411502MA45TY001K' } },
          { row: 8, input: { name: '光山县茶叶专业合作社（示例）', credit_code: '93411522MA46QC002G' } },
        ],
      }
      for (let i = 1; i <= extraRows; i++) {
        sheet.rows.push({ row: 8 + i, input: { ...blank, name: `导入示例企业第${i}号有限公司`, credit_code: null, division: '411525' } })
      }
      return sheet
    case 'user': {
      const user = (row: number, gi: string, enterprise: string, applied_on: string): SheetRow => ({ row, input: { gi, enterprise, kind: 'approved_producer', applied_on, notes: null } })
      sheet = {
        file: '授权使用人申请汇总.xlsx',
        sha256: sha('user'),
        header_row: 1,
        ignored_columns: ['F 联系电话'],
        rows: [
          user(2, 'GI-0003', 'ENT-0005', '2026-02-20'),
          user(3, 'GI-0001', 'ENT-0002', '2026-02-26'),
          {
            row: 4,
            problem: {
              row: 4,
              column: 'B 企业名称',
              value: '固始县某某茶叶有限公司',
              field: 'enterprise',
              rule: 'reference_missing',
              message: { 'zh-CN': '找不到所引用的企业“固始县某某茶叶有限公司”', 'en-US': 'the referenced enterprise "固始县某某茶叶有限公司" does not exist' },
            },
          },
          user(5, 'GI-0006', 'ENT-0005', '2026-03-02'),
        ],
      }
      for (let i = 1; i <= extraRows; i++) sheet.rows.push(user(5 + i, 'GI-0001', 'ENT-0004', '2026-03-03'))
      return sheet
    }
    case 'gi': {
      const gi = (row: number, name: string, divisions: string[], places: string[]): SheetRow => ({
        row,
        input: { name, category: '食用农林产品及食品', protections: [], divisions, places, area_description: null, centre: null, quality_requirements: null, history: null, status_history: [], contact: null, profile: null, notes: null },
      })
      sheet = {
        file: '地理标志产品清单.xlsx',
        sha256: sha('gi'),
        header_row: 3,
        ignored_columns: ['A 序号'],
        rows: [gi(4, '固始皇姑山茶', ['411525'], ['陈淋子镇']), gi(5, '息县香稻丸', ['411528'], []), gi(6, '罗山大米', ['411521'], [])],
      }
      for (let i = 1; i <= extraRows; i++) sheet.rows.push(gi(6 + i, `导入示例产品第${i}号`, ['411525'], []))
      return sheet
    }
    default: {
      const tm = (row: number, reg_no: string, name: string, classes: string[], registrant: string): SheetRow => ({
        row,
        input: { reg_no, name, classes, goods: '茶叶', registrant, kind: 'ordinary', gi: false, filed_on: '2024-05-10', registered_on: '2025-06-21', notes: null },
      })
      sheet = {
        file: '商标台账.xlsx',
        sha256: sha('trademark'),
        header_row: 1,
        ignored_columns: [],
        rows: [tm(2, '90000005', '蓼城（示例）', ['30'], 'ENT-0005'), tm(3, '90000006', '淮河鹅（示例）', ['29'], 'ENT-0002')],
      }
      for (let i = 1; i <= extraRows; i++) sheet.rows.push(tm(3 + i, String(91000000 + i), `导入示例商标${i}`, ['30'], 'ENT-0005'))
      return sheet
    }
  }
}

export function createMockBackend(
  opts: {
    extraEnterprises?: number
    printDelayMs?: number
    importRows?: number
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
    if (!r) throw err('not_found', null, { kind, value: key }, 'not_found')
    return r
  }
  const nextCode = (kind: RecordKind) => {
    const prefix = { gi: 'GI', enterprise: 'ENT', user: 'USR', trademark: 'TM', candidate: 'WKM', application: 'APP', incentive_rule: 'RULE' }[kind]
    const count = records.filter((r) => r.kind === kind).length + 1
    return `${prefix}-${String(count).padStart(4, '0')}`
  }
  const codeOfId = (id: unknown) => records.find((r) => r.id === id)?.code ?? null

  /** The sample's deadlines as Rust computed them on the fixture's day, for the horizon asked. */
  function deadlinesWithin(within: unknown): Deadline[] {
    const recorded = SAMPLE_DEADLINES[String(within)]
    if (!recorded) throw err('storage', null, { detail: `no deadlines recorded within ${String(within)}` }, 'storage')
    return recorded
  }

  function toInput(r: MockRecord): Obj {
    const d = r.data as Obj
    switch (r.kind) {
      case 'enterprise':
        return { ...d }
      case 'gi': {
        const area = d.area as Obj
        return {
          name: d.name,
          category: d.category,
          responsible: d.responsible ?? null,
          protections: (d.protections as Obj[]).map((p) => ({
            regime: p.regime,
            announcement_no: p.announcement_no ?? null,
            announced_on: p.announced_on ?? null,
            standard_no: p.standard_no ?? null,
            mark_kind: p.mark_kind ?? null,
            trademark: p.trademark_id ? codeOfId(p.trademark_id) : null,
            certificate_no: p.certificate_no ?? null,
            registered_on: p.registered_on ?? null,
          })),
          divisions: area.divisions,
          places: area.places,
          area_description: area.description,
          centre: null,
          quality_requirements: d.quality_requirements,
          history: d.history,
          status_history: [],
          contact: d.contact,
          profile: d.profile,
          notes: d.notes,
        }
      }
      case 'trademark':
        return {
          reg_no: d.reg_no,
          name: d.name,
          classes: (d.classes as number[]).map(String),
          goods: d.goods,
          registrant: codeOfId(d.registrant_id),
          kind: d.kind,
          gi: d.gi,
          filed_on: d.filed_on,
          registered_on: d.registered_on,
          notes: d.notes,
        }
      case 'user':
        return { gi: codeOfId(d.gi_id), enterprise: codeOfId(d.enterprise_id), kind: d.kind, applied_on: d.applied_on, notes: d.notes }
      case 'candidate':
        return {
          trademark: codeOfId(d.trademark_id),
          enterprise: codeOfId(d.enterprise_id),
          proceeding: (d.intended as Obj | null)?.proceeding ?? null,
          counterpart: (d.intended as Obj | null)?.counterpart ?? null,
          reference_on: (d.intended as Obj | null)?.reference_on ?? null,
          notes: d.notes,
        }
      case 'incentive_rule':
        return {
          ...d,
          amount: (Number(d.amount) / 100).toFixed(2),
          window_years: d.window_years === null ? null : String(d.window_years),
        }
      case 'application': {
        const subject = d.subject as Obj | null
        return {
          kind: d.kind,
          enterprise: codeOfId(d.enterprise_id),
          subject_kind: subject ? subject.kind : null,
          subject: subject ? codeOfId(subject.id) : null,
          title: d.title,
          claims: d.claims,
          notes: d.notes,
        }
      }
    }
  }

  /** Rust's problems for what the form sent: those recorded for the same typed values, and
   * the required fields it left blank (no rule here: each answer is Rust's). */
  function validate(kind: RecordKind, input: Obj) {
    const same = (a: JsonValue | undefined, b: JsonValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
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

  function applyInput(r: MockRecord, input: Obj) {
    const d = r.data as Obj
    if (r.kind === 'enterprise') {
      Object.assign(d, input)
      r.summary = { credit_code: input.credit_code ?? null, division: input.division ?? null }
    } else if (r.kind === 'gi') {
      d.name = input.name
      d.category = input.category
      d.quality_requirements = input.quality_requirements
      d.history = input.history
      d.contact = input.contact
      d.notes = input.notes
      d.profile = input.profile ?? null
      d.responsible = input.responsible ?? null
      d.area = { divisions: input.divisions ?? [], places: input.places ?? [], description: input.area_description, centre: null }
      r.summary = { ...r.summary, category: input.category, responsible: input.responsible ?? null, divisions: input.divisions ?? [] }
    } else if (r.kind === 'trademark') {
      for (const k of ['reg_no', 'name', 'goods', 'kind', 'filed_on', 'registered_on', 'notes']) d[k] = input[k]
      d.classes = ((input.classes as string[]) ?? []).map(Number)
      d.gi = input.gi === true
      r.summary = { ...r.summary, reg_no: input.reg_no, classes: d.classes }
    } else if (r.kind === 'incentive_rule') {
      // An amount and a rule's force are Rust's to work out.
      throw notRecorded('incentive_rule', String(input.title))
    } else if (r.kind === 'application') {
      const ent = records.find((x) => x.kind === 'enterprise' && (x.code === input.enterprise || x.name === input.enterprise))
      if (!ent) throw err('reference_missing', 'enterprise', { kind: '企业', value: String(input.enterprise) })
      const subject = input.subject_kind && input.subject ? records.find((x) => x.kind === input.subject_kind && x.code === input.subject) : null
      Object.assign(d, {
        kind: input.kind,
        enterprise_id: ent.id,
        subject: subject ? { kind: subject.kind, id: subject.id } : null,
        title: input.title,
        claims: ((input.claims as Obj[] | undefined) ?? []).map((c) => ({ item: c.item, achieved_on: c.achieved_on, document: c.document ?? null, proof: c.proof ?? null })),
        notes: input.notes ?? null,
      })
      d.state ??= 'draft'
      d.steps ??= []
      for (const k of ['reviewer', 'submitted_on', 'decided_on', 'rejection', 'award', 'paid_on', 'voucher']) d[k] ??= null
      r.name = `${input.title} · ${ent.name}`
      r.summary = appSummary(r)
      return
    } else {
      d.notes = input.notes
      if (r.kind === 'candidate') {
        const i = { proceeding: input.proceeding ?? null, counterpart: input.counterpart ?? null, reference_on: input.reference_on ?? null }
        d.intended = i.proceeding || i.counterpart || i.reference_on ? i : null
      }
    }
    r.name = typeof input.name === 'string' ? input.name : r.name
  }
  function appSummary(r: MockRecord) {
    const d = r.data as Obj
    const subject = d.subject as Obj | null
    return {
      ...r.summary,
      kind: d.kind,
      state: d.state,
      enterprise: codeOfId(d.enterprise_id),
      subject: subject ? codeOfId(subject.id) : null,
      amount: d.award ? ((d.award as Obj).total as number) : null,
      submitted_on: d.submitted_on,
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

  // ---- spreadsheets ----
  const documents = '/home/clerk/文档'
  let previewed: RecordKind | null = null
  const cell = (v: JsonValue | undefined): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v))
  /** Add a record from an import row, with the summary its list shows. */
  function addImported(kind: RecordKind, input: Obj, code: string, reason: string) {
    const byCode = (c: JsonValue) => records.find((x) => x.code === c || x.summary.credit_code === c)
    const r: MockRecord = {
      id: crypto.randomUUID(),
      kind,
      code,
      name: String(input.name ?? ''),
      sample: false,
      archived_at: null,
      created_at: today,
      updated_at: today,
      version: 1,
      summary: {},
      data: kind === 'gi' ? { protections: [], status_history: [], photos: [], area: {} } : {},
    }
    if (kind === 'trademark') {
      const registrant = byCode(input.registrant)
      // Every row of the mock's sheet has the dates of the one Rust summarised.
      r.data = { registrant_id: registrant?.id ?? null, renewals: [], licences: [], assignments: [], pledges: [], termination: null }
      r.summary = { ...REPLIES.imported_trademark, registrant: registrant?.code ?? null }
    }
    applyInput(r, input)
    if (kind === 'user') {
      const gi = byCode(input.gi)
      const ent = byCode(input.enterprise)
      r.name = `${ent?.name ?? input.enterprise} · ${gi?.name ?? input.gi}`
      r.data = {
        gi_id: gi?.id ?? null,
        enterprise_id: ent?.id ?? null,
        kind: input.kind,
        applied_on: input.applied_on,
        first_review: null,
        provincial_review: null,
        decision: null,
        status_events: [],
        use_reports: [],
        notes: input.notes,
      }
      r.summary = { stage: 'applied', kind: input.kind, gi: gi?.code ?? null, enterprise: ent?.code ?? null, use_reports_overdue: 0 }
    }
    records.push(r)
    log(r, 'import', null, reason)
  }
  /** Rust's import on the mock's sheet: a dry run, or (`apply`, no problems) the writes. */
  function importSheet(kind: RecordKind, apply: boolean): ImportReport {
    // The mock has sheets for these four; Rust has more (see list-facets.json).
    if (!['enterprise', 'user', 'gi', 'trademark'].includes(kind)) {
      throw err('enum_value', 'kind', { value: kind, allowed: 'enterprise, user, gi, trademark' })
    }
    const sheet = mockSheet(kind, opts.importRows ?? 0)
    const report: ImportReport = {
      kind,
      file: sheet.file,
      sha256: sheet.sha256,
      header_row: sheet.header_row,
      rows: sheet.rows.length,
      added: [],
      changed: [],
      unchanged: [],
      ignored_columns: sheet.ignored_columns,
      problems: [],
      applied: false,
      cancelled: false,
    }
    const reason = `导入 ${sheet.file} (sha256 ${sheet.sha256})`
    const writes: (() => void)[] = []
    const prefix = ({ gi: 'GI', enterprise: 'ENT', user: 'USR', trademark: 'TM' } as Record<string, string>)[kind]
    let count = records.filter((r) => r.kind === kind).length
    for (const { row, input, problem } of sheet.rows) {
      if (problem || !input) {
        if (problem) report.problems.push(problem)
        continue
      }
      const existing =
        kind === 'enterprise' && input.credit_code ? records.find((r) => r.kind === 'enterprise' && !r.archived_at && r.summary.credit_code === input.credit_code) : undefined
      if (existing) {
        const before = toInput(existing)
        const after = { ...before, ...input }
        const fields = Object.keys(after)
          .filter((k) => cell(before[k]) !== cell(after[k]))
          .map((field) => ({ field, before: cell(before[field]), after: cell(after[field]) }))
        if (!fields.length) {
          report.unchanged.push({ row, code: existing.code, name: existing.name })
          continue
        }
        report.changed.push({ row, code: existing.code, name: String(after.name), fields })
        writes.push(() => {
          const b = snap(existing)
          applyInput(existing, after)
          existing.version++
          existing.updated_at = today
          log(existing, 'import', b, reason)
        })
        continue
      }
      const taken = kind === 'trademark' ? records.find((r) => r.kind === 'trademark' && r.summary.reg_no === input.reg_no) : undefined
      if (taken) {
        report.problems.push({
          row,
          column: 'A 注册号',
          value: String(input.reg_no),
          field: 'reg_no',
          rule: 'reg_no_taken',
          message: {
            'zh-CN': `注册号 ${input.reg_no} 已有商标记录 ${taken.code}`,
            'en-US': `registration number ${input.reg_no} already belongs to trademark ${taken.code}`,
          },
        })
        continue
      }
      const code = `${prefix}-${String(++count).padStart(4, '0')}`
      const name =
        kind === 'user'
          ? `${records.find((r) => r.code === input.enterprise)?.name ?? input.enterprise} · ${records.find((r) => r.code === input.gi)?.name ?? input.gi}`
          : String(input.name)
      report.added.push({ row, code, name })
      writes.push(() => addImported(kind, input, code, reason))
    }
    if (apply && report.problems.length === 0) {
      writes.forEach((write) => write())
      report.applied = true
    }
    return report
  }

  // ---- exchange bundles: the file dialog always picks the city bureau's bundle ----
  const BUNDLE_SHA = 'c1'.repeat(32)
  // The year the city's bundle brings (as Rust answers it; no checks here).
  const CITY_2027: CalendarEntry = {
    year: 2027,
    holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
    workdays: ['2027-02-20'],
    source: '国办发明电〔2026〕1号',
    shipped: false,
    entered_at: '2026-11-18T08:30:00.000Z',
  }
  let bundlePreviewed = false
  /**
   * The city bureau's bundle merged into this workspace: 2 new records, 1 changed (only there)
   * and 1 conflict (changed here and there), the rest unchanged. `apply` writes it, the
   * conflict only with `takeTheirs`.
   */
  function mergeBundle(apply: boolean, takeTheirs: boolean): BundleReport {
    const changedRec = find('enterprise', 'ENT-0002')
    const conflictRec = find('gi', 'GI-0002')
    const cd = changedRec.data as Obj
    const gd = conflictRec.data as Obj
    const newEnt: Obj = { name: '信阳市浉河区茶叶产业协会', credit_code: null, division: '411502', address: '浉河区湖东路 6 号', contact_person: null, phone: null, notes: null }
    const newGi: Obj = {
      name: '信阳毛尖（浉河港）',
      category: '食用农林产品及食品',
      protections: [],
      divisions: ['411502'],
      places: ['浉河港镇'],
      area_description: null,
      centre: null,
      quality_requirements: null,
      history: null,
      status_history: [],
      contact: null,
      notes: null,
    }
    const theirContact = '信阳市茶叶协会 0376-6222222'
    const report: BundleReport = {
      sha256: BUNDLE_SHA,
      source: '7d0c2a6e-5f1b-4a53-9b7e-2f1c9e4b8a10',
      source_name: '信阳市市场监督管理局',
      source_audit_head: '9f3b6c2d1e0a47b8c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c',
      created_at: '2026-03-05T16:42:00Z',
      new: [
        { kind: 'enterprise', id: 'b1e0c0de-0000-4000-8000-000000000001', code: 'ENT-0101', name: String(newEnt.name), fields: [] },
        { kind: 'gi', id: 'b1e0c0de-0000-4000-8000-000000000002', code: 'GI-0101', name: String(newGi.name), fields: [] },
      ],
      changed:
        cd.contact_person === '王会长'
          ? []
          : [{ kind: 'enterprise', id: changedRec.id, code: 'ENT-0002', name: changedRec.name, fields: [{ field: 'contact_person', before: cell(cd.contact_person), after: '王会长' }] }],
      unchanged: 0,
      conflicts:
        gd.contact === theirContact
          ? []
          : [{ kind: 'gi', id: conflictRec.id, code: 'GI-0002', name: conflictRec.name, fields: [{ field: 'contact', before: cell(gd.contact) || '信阳红茶叶协会 0376-6111111', after: theirContact }] }],
      calendar: calendarYears.some((y) => y.year === 2027)
        ? []
        : [{ year: 2027, outcome: 'new', theirs_source: CITY_2027.source, theirs_entered_at: CITY_2027.entered_at ?? '', ours_source: null, ours_entered_at: null }],
      refused: [],
      applied: false,
    }
    report.unchanged = records.length - report.changed.length - report.conflicts.length
    if (!apply) return report
    const reason = `交换包 ${report.source_name} (sha256 ${BUNDLE_SHA})`
    if (report.new.length && !records.some((r) => r.name === newEnt.name)) {
      addImported('enterprise', newEnt, nextCode('enterprise'), reason)
      addImported('gi', newGi, nextCode('gi'), reason)
    }
    if (report.changed.length) {
      const b = snap(changedRec)
      cd.contact_person = '王会长'
      changedRec.version++
      changedRec.updated_at = today
      log(changedRec, 'bundle', b, reason)
    }
    if (report.conflicts.length && takeTheirs) {
      const b = snap(conflictRec)
      gd.contact = theirContact
      conflictRec.version++
      conflictRec.updated_at = today
      log(conflictRec, 'bundle', b, reason)
    }
    if (report.calendar.length) calendarYears = [...calendarYears, CITY_2027]
    report.applied = true
    return report
  }

  let calendarYears: CalendarEntry[] = [
    { year: 2025, holidays: Array.from({ length: 28 }, (_, i) => `2025-01-${String(i + 1).padStart(2, '0')}`), workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'], source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）', shipped: true, entered_at: null },
    { year: 2026, holidays: Array.from({ length: 33 }, (_, i) => `2026-01-${String(i + 1).padStart(2, '0')}`), workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'], source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日发布）', shipped: true, entered_at: null },
  ]
  /** Replay `cmd` on record `a.key`: Rust's record after it replaces the mock's, audited. */
  function replayChange(kind: RecordKind, cmd: string, a: Args, reason: string | null): MockRecord {
    const r = find(kind, String(a.key))
    const next = replay(cmd, a, r.version) as unknown as MockRecord
    const before = snap(r)
    Object.assign(r, next)
    log(r, cmd, before, reason)
    return r
  }
  const workbench = createWorkbench({ find, change: replayChange })
  // Every command of src-tauri/commands.rs, and no other: a drift does not compile.
  const handlers: Record<CommandName, (a: Args) => unknown> = {
    workspace_info: () => ({
      db_path: '/home/clerk/地标品牌库/固始县/terroir.db',
      actor,
      today,
      counts: (['gi', 'enterprise', 'user', 'trademark', 'candidate', 'application', 'incentive_rule'] as RecordKind[]).map((kind) => ({
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
      if (!r) throw err('not_found', null, { kind: String(a.kind), value: String(a.key) }, 'not_found')
      return r
    },
    record_input: (a) => toInput(find(a.kind as RecordKind, String(a.key))),
    add_record: (a) => {
      const kind = a.kind as RecordKind
      const input = a.input as Obj
      validate(kind, input)
      const r: MockRecord = {
        id: crypto.randomUUID(),
        kind,
        code: nextCode(kind),
        name: String(input.name ?? input.enterprise ?? input.trademark ?? ''),
        sample: false,
        archived_at: null,
        created_at: today,
        updated_at: today,
        version: 1,
        summary: {},
        data: kind === 'gi' ? { protections: [], status_history: [], photos: [], area: {} } : kind === 'candidate' ? { evidence: [], recognition: null } : {},
      }
      applyInput(r, input)
      records.push(r)
      log(r, 'insert', null)
      return r
    },
    ...workbench.handlers,
    edit_record: (a) => {
      const r = find(a.kind as RecordKind, String(a.key))
      if (r.kind === 'application' && (r.data as Obj).state !== 'draft') {
        throw err('flow_order', null, { stage: String((r.data as Obj).state), action: '编辑' })
      }
      const input = { ...toInput(r), ...(a.patch as Obj) }
      validate(r.kind, input)
      const before = snap(r)
      applyInput(r, input)
      r.version++
      log(r, 'update', before, (a.reason as string | null) ?? null)
      return r
    },
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
    photo_data: () => 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==',
    // Rust's answers for the searches recorded on the sample; any other finds nothing here.
    search: (a) => {
      const args = { query: String(a.query).trim(), kind: a.kind ?? null, limit: Number(a.limit) }
      const hit = REPLIES.searches.find((r) => canon(r.args) === canon(args))
      return hit?.reply ?? { query: a.query, groups: [], took_us: 0 }
    },
    overview: () => SAMPLE_OVERVIEW,
    attention: () => ({ items: [], total: 0 }),
    related: (a) => {
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
    write_template: (a) => `${documents}/${String(a.kind)}-template.xlsx`,
    import_preview: (a) => {
      const report = importSheet(a.kind as RecordKind, false)
      previewed = report.kind
      sendToChannel(a.progress, 0, { done: report.rows, total: report.rows })
      return report
    },
    import_apply: (a) => {
      const kind = a.kind as RecordKind
      if (previewed !== kind) throw err('storage', null, { detail: 'no spreadsheet previewed' }, 'storage')
      if (a.sha256 !== mockSheet(kind).sha256) {
        throw err('sheet_damaged', 'file', { detail: 'the file changed after the preview; preview it again' })
      }
      const report = importSheet(kind, true)
      sendToChannel(a.progress, 0, { done: report.rows, total: report.rows })
      return report
    },
    cancel_import: () => null,
    // The save dialog always picks 文档/terroir.bundle; the open dialog the city's bundle.
    export_bundle: () => ({
      path: `${documents}/terroir.bundle`,
      sha256: '5e'.repeat(32),
      records: records.length,
      files: records.reduce((n, r) => n + (((r.data as Obj).photos as unknown[] | undefined)?.length ?? 0), 0),
    }),
    bundle_preview: () => {
      bundlePreviewed = true
      return mergeBundle(false, false)
    },
    bundle_apply: (a) => {
      if (!bundlePreviewed) throw err('storage', null, { detail: 'no bundle previewed' }, 'storage')
      if (a.sha256 !== BUNDLE_SHA) throw err('bundle_invalid', null, { detail: 'the bundle changed after the preview; preview it again' })
      return mergeBundle(true, a.take_theirs === true)
    },
    // The startup mark: milliseconds since start, as Rust answers (nothing is logged here).
    mark_first_rows: () => 0,
    // The calendar as Rust answers it for a new workspace: the two shipped years.
    calendar_years: () => calendarYears,
    // Replays what Rust answered when 2027 was entered from its notice (no checks here).
    set_calendar_year: () => {
      const entry = { year: 2027, holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'], workdays: ['2027-02-20'], source: '国办发明电〔2026〕1号', shipped: false, entered_at: '2026-11-20T02:00:00.000Z' }
      calendarYears = [...calendarYears.filter((y) => y.year !== 2027), entry]
      return entry
    },
    check: () => ({ ok: true, integrity: [], foreign_keys: [], audit_chain: { rows: audit.length, head: 'abc', first_broken: null }, audit_mismatches: [], files: [], records: records.length, refused: [], refused_total: 0, migration_notes: [] }),
  }

  // Rust's step offers (core record.rs step_catalogue, exported next to the bindings), replayed
  // on the records the mock returns.
  const USER_OFFERS = steps.user as Record<string, Record<string, StepOffer[]>>
  const APP_OFFERS = steps.application as Record<string, Record<string, StepOffer[]>>
  const TM_OFFERS = steps.trademark as Record<string, StepOffer[]>
  const APP_EDITABLE = steps.application_editable as Record<string, boolean>
  function withOffers(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(withOffers)
    if (!v || typeof v !== 'object') return v
    const o = v as Obj
    if (Array.isArray(o.items)) return { ...o, items: o.items.map(withOffers) }
    if (o.kind === 'user' && o.summary && o.data) return { ...o, summary: { ...(o.summary as Obj), next_steps: USER_OFFERS[String((o.summary as Obj).stage)]?.[String((o.summary as Obj).kind)] ?? [] } }
    if (o.kind === 'trademark' && o.summary && o.data) {
      // The offer set Rust would give: by registration, pending renewal and recorded pledge.
      const s = o.summary as Obj
      const d = o.data as Obj
      const pendingRenewal = ((d.renewals as Obj[] | undefined) ?? []).some((r) => (r.decision as Obj | undefined)?.state === 'pending')
      const pledged = ((d.pledges as Obj[] | undefined) ?? []).some((p) => !p.release)
      const key = d.termination ? null : !d.registered_on ? 'pending' : pendingRenewal ? 'renewal_pending' : pledged ? 'pledged' : 'registered'
      return { ...o, summary: { ...s, warnings: s.warnings ?? [], next_events: key ? TM_OFFERS[key] : [] } }
    }
    if (o.kind === 'application' && o.summary && o.data) {
      const s = o.summary as Obj
      return { ...o, summary: { ...s, next_steps: APP_OFFERS[String(s.kind)]?.[String(s.state)] ?? [], editable: APP_EDITABLE[String(s.state)] ?? false } }
    }
    return v
  }

  function handle(cmd: string, args: Args | undefined): unknown {
    const h = (handlers as Record<string, ((a: Args) => unknown) | undefined>)[cmd]
    if (!h) throw err('storage', null, { detail: `unknown command ${cmd}` }, 'storage')
    // Return copies, as IPC would.
    const copy = (v: unknown) => withOffers(JSON.parse(JSON.stringify(v ?? null)))
    const out = h(args ?? {})
    return out instanceof Promise ? out.then(copy) : copy(out)
  }
  return { handle, records, audit }
}

export function installMock() {
  const params = new URLSearchParams(location.search)
  const rows = Number(params.get('rows') ?? 0)
  // ?importRows=N: the import file has N more rows (a large preview).
  const importRows = Number(params.get('importRows') ?? 0)
  const backend = createMockBackend({ extraEnterprises: rows, importRows })
  const lang = new URLSearchParams(location.search).get('lang')
  if (lang === 'en-US' || lang === 'zh-CN') setLocale(lang)
  mockWindows('main')
  mockIPC((cmd, args) => backend.handle(cmd, args as Args))
}
