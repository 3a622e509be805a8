// The mock's enterprise workbench: evidence of well-known-mark candidates, recognition, the
// application flow, budgets and the ledger, each change replayed from Rust's recorded answer
// (replay.ts); readiness and eligibility are Rust's answers for the sample (data.ts).
import type { CommandName } from '../api/bindings/CommandName'
import type { Eligibility } from '../api/bindings/Eligibility'
import type { Readiness } from '../api/bindings/Readiness'
import type { MockRecord } from './data'
import type { RecordKind } from '../api/bindings/RecordKind'
import { SAMPLE_ELIGIBILITY, SAMPLE_READINESS } from './data'
import { notRecorded, replay } from './replay'

type Args = Record<string, unknown>

interface Ctx {
  find: (kind: RecordKind, key: string) => MockRecord
  /** Replay `cmd` on record `a.key` (install.ts): Rust's record after it replaces the mock's. */
  change: (kind: RecordKind, cmd: string, a: Args, reason: string | null) => MockRecord
}

export function createWorkbench({ find, change }: Ctx) {
  // Budgets set so far: the ledger's answer depends on them.
  let budgets = 0

  const handlers = {
    add_evidence: (a) => change('candidate', 'add_evidence', a, null),
    update_evidence: (a) => change('candidate', 'update_evidence', a, null),
    // The file dialog "picks" the recorded scan.
    attach_evidence: (a) => change('candidate', 'attach_evidence', a, null),
    remove_evidence: (a) => change('candidate', 'remove_evidence', a, (a.reason as string | null) ?? null),
    record_recognition: (a) => change('candidate', 'record_recognition', a, null),
    // Rust's readiness of the sample's candidate, as loaded (evidence a test adds does not move it).
    readiness: (a): Readiness => {
      const r = find('candidate', String(a.key))
      const recorded = SAMPLE_READINESS[r.code]
      if (!recorded) throw notRecorded('readiness', r.code)
      return recorded
    },
    preview_catalogue: (a) => {
      const r = find('candidate', String(a.key))
      const file = `${r.code}-证据目录.pdf`
      return [{ code: r.code, name: r.name, file, path: `/home/clerk/文档/地标品牌库/证据目录/${file}`, bytes: 96_000, warnings: [] }, true]
    },
    application_step: (a) => {
      const s = a.step as Record<string, string | null>
      return change('application', 'application_step', a, s.reason ?? s.over_budget_reason ?? null)
    },
    eligibility: (a): Eligibility => {
      const r = find('application', String(a.key))
      const recorded = SAMPLE_ELIGIBILITY[r.code]
      if (!recorded) throw notRecorded('eligibility', r.code)
      return recorded
    },
    set_budget: (a) => {
      const reply = replay('set_budget', a, budgets)
      budgets++
      return reply
    },
    ledger: (a) => replay('ledger', a, budgets),
  } satisfies Partial<Record<CommandName, (a: Args) => unknown>>
  return { handlers }
}
