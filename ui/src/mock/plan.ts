// The mock's plan: targets' progress, the records a figure counts, a manual target's values,
// GI yearly statistics, KPI rule sets, a zone's KPIs and the financing totals, each replayed
// from Rust's recorded answers (replay.ts, calls.json). The recording is keyed by how many
// times plan data were set before it (set_target_value, set_gi_stats, remove_gi_stats,
// set_kpi_set, each that succeeded); an answer is replayed when the data it reads were set as
// often here as there (a zone's KPIs read the GI statistics and the rule sets, so the fresh
// sample's and the one after a year was entered are both served; the financing totals, the
// records a target counts and the data's freshness read none of them), so a screen may be
// visited in any order. A call Rust was not recorded answering is refused.
import type { CommandName } from '../api/bindings/CommandName'
import type { DataAge } from '../api/bindings/DataAge'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { TargetProgress } from '../api/bindings/TargetProgress'
import type { MockRecord } from './data'
import { notRecorded, recorded, replayWhere } from './replay'

type Args = Record<string, unknown>

/** The plan data each write sets. */
type Data = 'targets' | 'stats' | 'kpi'
const WRITES = { set_target_value: 'targets', set_gi_stats: 'stats', remove_gi_stats: 'stats', set_kpi_set: 'kpi' } as const satisfies Partial<Record<CommandName, Data>>

/** The plan data each command reads (a write reads what it sets). What a computed target counts
 * reads none of them: only a manual target has values set. */
const READS = {
  targets_progress: ['targets'],
  target_progress: ['targets'],
  target_counted: [],
  set_target_value: ['targets'],
  gi_stats: ['stats'],
  set_gi_stats: ['stats'],
  remove_gi_stats: ['stats'],
  kpi_sets: ['kpi'],
  set_kpi_set: ['kpi'],
  zone_kpis: ['stats', 'kpi'],
  financing_totals: [],
  data_freshness: [],
  dashboard: ['targets', 'stats', 'kpi'],
} as const satisfies Partial<Record<CommandName, readonly Data[]>>
type PlanCommand = keyof typeof READS

type Counts = Record<Data, number>
/** How often each plan datum had been set at each recorded version. */
function countsByVersion(): Counts[] {
  const writes = new Map<number, Data>()
  for (const [cmd, data] of Object.entries(WRITES)) for (const c of recorded(cmd)) if (c.ok) writes.set(c.version, data)
  const max = Math.max(0, ...[...writes.keys()].map((v) => v + 1))
  const out: Counts[] = [{ targets: 0, stats: 0, kpi: 0 }]
  for (let v = 1; v <= max; v++) {
    const before = out[v - 1]
    const set = writes.get(v - 1)
    out.push(set ? { ...before, [set]: before[set] + 1 } : before)
  }
  return out
}
const AT = countsByVersion()

interface Ctx {
  /** Rust's record as a replayed call left it, in place of the mock's copy, audited. */
  adopt: (next: MockRecord, action: string, reason: string | null) => MockRecord
  find: (kind: RecordKind, key: string) => MockRecord
  /** A bundle was merged in the mock (Rust's answers on data freshness were for none). */
  merged: () => boolean
}

export function createPlan({ adopt, find, merged }: Ctx) {
  const now: Counts = { targets: 0, stats: 0, kpi: 0 }
  /** Rust's answer to `cmd` when the data it reads were as they are here. */
  function answer(cmd: PlanCommand, args: Args): unknown {
    const reads: readonly Data[] = READS[cmd]
    const reply = replayWhere(cmd, args, (v) => {
      const then = AT[Math.min(v, AT.length - 1)]
      return reads.every((d) => then[d] === now[d])
    })
    const set = (WRITES as Partial<Record<PlanCommand, Data>>)[cmd]
    if (set) now[set]++
    return reply
  }
  const nullable = (v: unknown) => (v === undefined ? null : v)

  const handlers = {
    targets_progress: (a) => answer('targets_progress', { division: nullable(a.division) }),
    // One target's progress is the one its list gave when Rust was not asked for it alone.
    target_progress: (a) => {
      try {
        return answer('target_progress', { key: a.key })
      } catch (e) {
        const all = (() => {
          try {
            return answer('targets_progress', { division: null }) as TargetProgress[]
          } catch {
            return []
          }
        })()
        const one = all.find((p) => p.code === a.key)
        if (one) return one
        throw e
      }
    },
    target_counted: (a) => answer('target_counted', { key: a.key, division: nullable(a.division), limit: a.limit, offset: a.offset }),
    set_target_value: (a) => {
      find('target', String(a.key))
      const args = { key: a.key, year: a.year, value: a.value, source: a.source, reason: nullable(a.reason) }
      return adopt(answer('set_target_value', args) as MockRecord, 'target_value', (a.reason as string | null) ?? null)
    },
    gi_stats: (a) => answer('gi_stats', { gi: a.gi }),
    set_gi_stats: (a) => answer('set_gi_stats', { gi: a.gi, input: a.input, reason: nullable(a.reason) }),
    remove_gi_stats: (a) => answer('remove_gi_stats', { gi: a.gi, year: a.year, reason: nullable(a.reason) }),
    kpi_sets: () => answer('kpi_sets', {}),
    set_kpi_set: (a) => answer('set_kpi_set', { key: a.key, name: a.name, basis: a.basis, rules: a.rules, reason: nullable(a.reason) }),
    zone_kpis: (a) => answer('zone_kpis', { key: a.key }),
    financing_totals: (a) => answer('financing_totals', { from: a.from, to: a.to, division: nullable(a.division) }),
    dashboard: (a) => answer('dashboard', { year: a.year, division: nullable(a.division) }),
    // Recorded for the whole workspace with no bundle merged: no division's data came in a
    // bundle, so none under any division did either (an empty answer has no part to pick).
    // After a bundle merged here, Rust's answer is the desktop app's.
    data_freshness: (a) => {
      const division = nullable(a.division)
      if (merged()) throw notRecorded('data_freshness', 'after a bundle was merged')
      try {
        return answer('data_freshness', { division })
      } catch (e) {
        const all = answer('data_freshness', { division: null }) as DataAge[]
        if (division !== null && all.length === 0) return []
        throw e
      }
    },
  } satisfies Record<PlanCommand, (a: Args) => unknown>
  return { handlers, now: () => ({ ...now }) }
}
