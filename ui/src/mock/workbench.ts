// The mock's enterprise workbench: evidence of well-known-mark candidates, recognition, the
// application flow, budgets and the ledger. Readiness and eligibility are Rust's answers for
// the sample (data.ts). Rough on purpose: enough for demos and screen tests, not a second core.
import type { CommandName } from '../api/bindings/CommandName'
import type { ApiError } from '../api/bindings/ApiError'
import type { Eligibility } from '../api/bindings/Eligibility'
import type { Ledger } from '../api/bindings/Ledger'
import type { Readiness } from '../api/bindings/Readiness'
import type { MockRecord } from './data'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'
import { DIVISIONS, SAMPLE_ELIGIBILITY, SAMPLE_READINESS } from './data'

type Args = Record<string, unknown>
type Obj = Record<string, JsonValue>

function fail(rule: string, field: string | null, params: Record<string, string> = {}): ApiError {
  const message = { 'zh-CN': rule, 'en-US': rule }
  return { kind: 'validation', field, rule: rule as ApiError['rule'], params, message, problems: [{ field, rule: rule as ApiError['rule'], params, message }] }
}

/** Yuan as typed (`300000`, `300,000.00`, `¥300,000.00`) → fen; NaN when it is not money. */
export function yuanToFen(v: JsonValue | undefined): number {
  const s = String(v ?? '').replace(/[¥,\s]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN
  const [y, c = ''] = s.split('.')
  return Number(y) * 100 + Number(c.padEnd(2, '0'))
}
const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`

/** `2024`, `2019-2024` or `2019-03-01..2024-05-31` → { from, to }. */
function parsePeriod(s: string): { from: string; to: string } {
  const t = s.trim()
  let m = /^(\d{4})$/.exec(t)
  if (m) return { from: `${m[1]}-01-01`, to: `${m[1]}-12-31` }
  m = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(t)
  if (m && m[1] <= m[2]) return { from: `${m[1]}-01-01`, to: `${m[2]}-12-31` }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(t)
  if (m && m[1] <= m[2]) return { from: m[1], to: m[2] }
  throw fail('period_format', 'period', { value: s })
}

interface Ctx {
  records: MockRecord[]
  today: string
  find: (kind: RecordKind, key: string) => MockRecord
  log: (r: MockRecord, action: string, before: string | null, reason?: string | null) => void
  snap: (r: MockRecord) => string
  appSummary: (r: MockRecord) => Record<string, JsonValue>
}

export function createWorkbench({ records, today, find, log, snap, appSummary }: Ctx) {
  const budgets = new Map<string, number>() // `${jurisdiction}/${year}` → fen
  const nameOf = (code: string) => records.find((r) => r.kind === 'enterprise' && r.code === code)?.name ?? code

  /** Change a record, audited. */
  function change(r: MockRecord, action: string, reason: string | null, fn: (d: Obj) => void): MockRecord {
    const before = snap(r)
    fn(r.data as Obj)
    r.version++
    r.updated_at = today
    log(r, action, before, reason)
    return r
  }
  function candidate(key: string) {
    const r = find('candidate', key)
    const d = r.data as Obj
    d.evidence ??= []
    d.recognition ??= null
    return { r, evidence: d.evidence as Obj[] }
  }
  function evidenceOf(input: Obj): Obj {
    const problems: ApiError['problems'] = []
    for (const f of ['title', 'factor', 'period', 'source']) if (!String(input[f] ?? '').trim()) problems.push(fail('required', f).problems[0])
    let period: { from: string; to: string } | null = null
    try {
      if (String(input.period ?? '').trim()) period = parsePeriod(String(input.period))
    } catch (e) {
      problems.push(...(e as ApiError).problems)
    }
    if (problems.length) throw { ...fail(problems[0].rule, problems[0].field, problems[0].params), problems } satisfies ApiError
    return { title: input.title, factor: input.factor, period, source: input.source, notes: input.notes ?? null }
  }
  function item(evidence: Obj[], no: number) {
    const e = evidence.find((x) => x.no === no)
    if (!e) throw fail('not_found', 'no', { kind: '证据', value: String(no) })
    return e
  }
  function summarise(r: MockRecord) {
    const d = r.data as Obj
    r.summary = { ...r.summary, evidence: (d.evidence as Obj[]).length, recognised: d.recognition !== null }
    return r
  }

  /** Rust's eligibility of a sample application (or of data.ts's award application): the
   * claims it judged are the ones the mock holds, as long as no test edits them. */
  function eligibility(app: MockRecord): Eligibility {
    const recorded = SAMPLE_ELIGIBILITY[app.code]
    if (!recorded) throw fail('not_found', null, { kind: 'eligibility', value: app.code })
    return recorded
  }
  function committed(jurisdiction: string, year: number, except: string) {
    let used = 0
    for (const r of records) {
      const a = (r.data as Obj).award as Obj | null
      if (r.kind !== 'application' || r.id === except || !a || a.year !== year) continue
      for (const l of a.lines as Obj[]) if (l.jurisdiction === jurisdiction) used += Number(l.amount)
    }
    return used
  }

  function step(r: MockRecord, s: Obj) {
    const d = r.data as Obj
    const on = String(s.on ?? '').trim() || today
    if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw fail('date_format', 'on', { value: on })
    const allowed: Record<string, string[]> = { submit: ['draft'], start_review: ['submitted'], approve: ['under_review'], reject: ['submitted', 'under_review'], pay: ['approved'] }
    if (!allowed[String(s.step)]?.includes(String(d.state)) || (s.step === 'pay' && d.kind !== 'award')) {
      throw fail('flow_order', null, { stage: String(d.state), action: String(s.step) })
    }
    const need = (f: string, rule = 'required') => {
      if (!String(s[f] ?? '').trim()) throw fail(rule, f)
      return String(s[f]).trim()
    }
    let by: string | null = null
    let note: string | null = null
    switch (s.step) {
      case 'submit':
        if (d.kind === 'award' && !(d.claims as Obj[]).length) throw fail('required', 'claims')
        d.submitted_on = on
        d.state = 'submitted'
        break
      case 'start_review':
        d.reviewer = by = need('reviewer')
        d.state = 'under_review'
        break
      case 'approve': {
        note = (s.note as string | null) ?? null
        by = (d.reviewer as string | null) ?? null
        if (d.kind === 'award') {
          const e = eligibility(r)
          const lines = e.lines.filter((l) => l.applies)
          if (!e.due) throw fail('nothing_eligible', null)
          const year = Number(on.slice(0, 4))
          const over = String(s.over_budget_reason ?? '').trim() || null
          if (!over) {
            for (const j of new Set(lines.map((l) => l.jurisdiction))) {
              const amount = lines.filter((l) => l.jurisdiction === j).reduce((n, l) => n + l.amount, 0)
              const budget = budgets.get(`${j}/${year}`)
              if (budget === undefined) throw fail('budget_missing', 'over_budget_reason', { jurisdiction: j, year: String(year) })
              const used = committed(j, year, r.id)
              if (used + amount > budget) {
                throw fail('budget_exceeded', 'over_budget_reason', {
                  jurisdiction: j,
                  year: String(year),
                  budget: yuan(budget),
                  committed: yuan(used),
                  amount: yuan(amount),
                  remaining: yuan(budget - used),
                })
              }
            }
          }
          d.award = {
            year,
            lines: lines.map((l) => ({ rule_id: l.rule_id, rule_code: l.rule_code, item: l.item, jurisdiction: l.jurisdiction, amount: l.amount })),
            total: e.due,
            over_budget_reason: over,
          }
        }
        d.decided_on = on
        d.state = 'approved'
        break
      }
      case 'reject':
        d.rejection = note = need('reason', 'reason_required')
        d.decided_on = on
        d.state = 'rejected'
        break
      case 'pay':
        d.voucher = note = need('voucher')
        d.paid_on = on
        d.state = 'paid'
        break
    }
    ;(d.steps as Obj[]).push({ action: String(s.step), on, by, note })
  }

  const handlers = {
    add_evidence: (a) => {
      const { r, evidence } = candidate(String(a.key))
      const e = evidenceOf(a.input as Obj)
      const no = evidence.reduce((n, x) => Math.max(n, Number(x.no)), 0) + 1
      return summarise(change(r, 'add_evidence', null, () => evidence.push({ no, ...e, files: [] })))
    },
    update_evidence: (a) => {
      const { r, evidence } = candidate(String(a.key))
      const e = evidenceOf(a.input as Obj)
      const old = item(evidence, Number(a.no))
      return change(r, 'update_evidence', null, () => Object.assign(old, e))
    },
    // The file dialog always picks one scanned PDF.
    attach_evidence: (a) => {
      const { r, evidence } = candidate(String(a.key))
      const e = item(evidence, Number(a.no))
      const files = e.files as Obj[]
      return change(r, 'attach_evidence', null, () =>
        files.push({ sha256: String(files.length + 1).padStart(64, 'c'), name: `扫描件${files.length + 1}.pdf`, bytes: 812_000, pages: 12 }),
      )
    },
    remove_evidence: (a) => {
      const { r, evidence } = candidate(String(a.key))
      item(evidence, Number(a.no))
      const d = r.data as Obj
      return summarise(change(r, 'remove_evidence', (a.reason as string | null) ?? null, () => (d.evidence = evidence.filter((x) => x.no !== Number(a.no)))))
    },
    record_recognition: (a) => {
      const { r } = candidate(String(a.key))
      const input = a.input as Obj
      for (const f of ['authority', 'case_no', 'decided_on', 'proceeding']) if (!String(input[f] ?? '').trim()) throw fail('required', f)
      return summarise(change(r, 'record_recognition', null, (d) => (d.recognition = { ...input })))
    },
    // Rust's readiness of the sample's candidate, as loaded (evidence a test adds does not move it).
    readiness: (a): Readiness => {
      const { r } = candidate(String(a.key))
      const recorded = SAMPLE_READINESS[r.code]
      if (!recorded) throw fail('not_found', null, { kind: 'readiness', value: r.code })
      return recorded
    },
    preview_catalogue: (a) => {
      const { r } = candidate(String(a.key))
      const file = `${r.code}-证据目录.pdf`
      return [{ code: r.code, name: r.name, file, path: `/home/clerk/文档/地标品牌库/证据目录/${file}`, bytes: 96_000, warnings: [] }, true]
    },
    application_step: (a) => {
      const r = find('application', String(a.key))
      const before = snap(r)
      step(r, a.step as Obj)
      r.version++
      r.updated_at = today
      r.summary = appSummary(r)
      const s = a.step as Obj
      log(r, String(s.step), before, (s.reason ?? s.over_budget_reason ?? null) as string | null)
      return r
    },
    eligibility: (a) => eligibility(find('application', String(a.key))),
    set_budget: (a) => {
      const j = String(a.jurisdiction ?? '').trim()
      if (!/^[1-8]\d{5}$/.test(j)) throw fail('division_code_format', 'jurisdiction', { value: j })
      const fen = yuanToFen(a.amount as string)
      if (!Number.isFinite(fen)) throw fail('money_format', 'amount', { value: String(a.amount ?? '') })
      budgets.set(`${j}/${Number(a.year)}`, fen)
      return { jurisdiction: j, year: Number(a.year), amount_fen: fen }
    },
    ledger: (a): Ledger => {
      const year = a.year === null || a.year === undefined ? null : Number(a.year)
      const only = (a.jurisdiction as string | null | undefined) ?? null
      const entries: Ledger['entries'] = []
      for (const r of records) {
        const d = r.data as Obj
        const award = d.award as Obj | null
        if (r.kind !== 'application' || r.archived_at || !award || (year !== null && award.year !== year)) continue
        for (const l of award.lines as Obj[]) {
          entries.push({
            application: r.code,
            title: String(d.title),
            enterprise: nameOf(String(r.summary.enterprise)),
            rule_code: String(l.rule_code),
            jurisdiction: String(l.jurisdiction),
            year: Number(award.year),
            amount: Number(l.amount),
            state: d.state as Ledger['entries'][number]['state'],
            decided_on: (d.decided_on as string | null) ?? null,
            paid_on: (d.paid_on as string | null) ?? null,
            over_budget_reason: (award.over_budget_reason as string | null) ?? null,
          })
        }
      }
      const keys = new Set([...budgets.keys()].filter((k) => year === null || k.endsWith(`/${year}`)))
      for (const e of entries) keys.add(`${e.jurisdiction}/${e.year}`)
      const rows = [...keys].sort().map((k) => {
        const [j, y] = k.split('/')
        const mine = entries.filter((e) => e.jurisdiction === j && e.year === Number(y))
        const approved = mine.filter((e) => e.state === 'approved').reduce((n, e) => n + e.amount, 0)
        const paid = mine.filter((e) => e.state === 'paid').reduce((n, e) => n + e.amount, 0)
        const budget = budgets.get(k) ?? null
        const name = DIVISIONS.find((x) => x.code === j)?.name ?? null
        return { jurisdiction: j, jurisdiction_name: name, year: Number(y), budget, approved, paid, remaining: budget === null ? null : budget - approved - paid }
      })
      const listed = entries.filter((e) => only === null || e.jurisdiction === only)
      const apps = new Set(listed.map((e) => e.application)).size
      return { rows, entries: listed, applications: apps, shown: apps }
    },
  } satisfies Partial<Record<CommandName, (a: Args) => unknown>>
  return { handlers }
}
