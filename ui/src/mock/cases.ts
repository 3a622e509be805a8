// The mock's enforcement cases and statistics form: each case step and the form replayed from
// Rust's recorded answers (replay.ts, calls.json). The form's answers are keyed by how many
// times its rows were set before (as the ledger's are by budgets): cases a test moves through
// their flow do not move the recorded figures.
import type { CommandName } from '../api/bindings/CommandName'
import type { EnforcementStats } from '../api/bindings/EnforcementStats'
import type { Printed } from '../api/bindings/Printed'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { MockRecord } from './data'
import { replay } from './replay'

type Args = Record<string, unknown>

interface Ctx {
  /** Replay `cmd` on record `a.key` (install.ts): Rust's record after it replaces the mock's. */
  change: (kind: RecordKind, cmd: string, a: Args, reason: string | null) => MockRecord
  /** The documents folder the native dialogs "pick" in. */
  documents: string
}

export function createCases({ change, documents }: Ctx) {
  // How many times the form's rows were set: the form and the figures depend on it.
  let forms = 0
  // How many times a fine limit was set: the limits' answers depend on it.
  let limits = 0
  /** Rust's figures for the period and division asked, or its refusal (a bad date, a bad division). */
  const stats = (a: Args) => replay('enforcement_stats', { from: a.from, to: a.to, division: a.division ?? null }, forms) as unknown as EnforcementStats

  const handlers = {
    case_step: (a) => {
      const s = a.step as Record<string, string | null>
      return change('case', 'case_step', a, s.reason ?? s.note ?? null)
    },
    // Native: the file dialog picks nothing here (no file was recorded attached).
    attach_case_files: () => null,
    enforcement_stats: (a) => stats(a),
    stats_form: () => replay('stats_form', {}, forms),
    fine_limits: () => replay('fine_limits', {}, limits),
    set_fine_limit: (a) => {
      const reply = replay('set_fine_limit', { kind: a.kind, max: a.max ?? null, basis: a.basis ?? null, reason: a.reason ?? null }, limits)
      limits++
      return reply
    },
    set_stats_form: (a) => {
      const reply = replay('set_stats_form', a, forms)
      forms++
      return reply
    },
    // Native: the save dialog picks a sheet; the figures are Rust's (or its refusal).
    export_enforcement_stats: (a) => {
      stats(a)
      return true
    },
    // Native: printed into the documents folder, no viewer here.
    print_enforcement_stats: (a): [Printed, boolean] => {
      const s = stats(a)
      const scope = s.division ? `${s.division_name ?? s.division}（${s.division}）` : '全部'
      const file = `${s.from}_${s.to}-案件统计表${s.division ?? ''}.pdf`
      return [{ code: '', name: `案件统计表 ${scope}`, file, path: `${documents}/地标品牌库/统计表/${file}`, bytes: 31_000, warnings: [] }, false]
    },
  } satisfies Partial<Record<CommandName, (a: Args) => unknown>>
  return { handlers }
}
