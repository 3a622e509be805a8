// The plan's screens: how a figure Rust computed is shown (money in fen, a count with its unit),
// and what each screen's small forms send. Progress, on-track, KPIs met and every total are
// Rust's (target_progress, zone_kpis, financing_totals); nothing here decides or sums.
import type { GiYearStat } from '../api/bindings/GiYearStat'
import type { GiYearStatInput } from '../api/bindings/GiYearStatInput'
import type { KpiRules } from '../api/bindings/KpiRules'
import type { KpiRulesInput } from '../api/bindings/KpiRulesInput'
import { formatFen } from './format'

/** A target's value as Rust gave it: fen as money, a count with the target's unit word. */
export function planValue(v: number | null | undefined, of: { money: boolean; unit?: string | null }): string {
  if (v === null || v === undefined) return '—'
  if (of.money) return formatFen(v)
  return of.unit ? `${v} ${of.unit}` : String(v)
}

/** Integer fen → the yuan a form field takes (`300000`, `12.5` → `12.50`), integer arithmetic only. */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const neg = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const cents = abs % 100
  return `${neg}${Math.floor(abs / 100)}${cents ? '.' + String(cents).padStart(2, '0') : ''}`
}

/** Which KPIs are money (fen): the others are a count or a per cent. */
export const KPI_MONEY = {
  min_users: false,
  min_authorised_pct: false,
  min_output: true,
  min_sector_pct: false,
} as const satisfies Record<keyof KpiRules, boolean>

/** A KPI's figure (required or actual) as Rust gave it. */
export function kpiValue(key: string, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  return (KPI_MONEY as Record<string, boolean>)[key] ? formatFen(v) : String(v)
}

/** A GI product's yearly statistics as the form types them (text; money in yuan). */
export type StatForm = { [K in keyof GiYearStatInput]: string }

export function blankStatForm(year = ''): StatForm {
  return { year, producers: '', output_value: '', sector_output: '', area_mu: '', head_count: '', e_commerce: '', source: '' }
}

/** A stored year as its form opens (to correct it). */
export function statForm(s: GiYearStat): StatForm {
  const n = (v: number | null) => (v === null ? '' : String(v))
  return {
    year: String(s.year),
    producers: n(s.producers),
    output_value: fenToYuan(s.output_value),
    sector_output: fenToYuan(s.sector_output),
    area_mu: n(s.area_mu),
    head_count: n(s.head_count),
    e_commerce: fenToYuan(s.e_commerce),
    source: s.source,
  }
}

const blankToNull = (v: string): string | null => (v.trim() === '' ? null : v.trim())

/** The input Rust reads: every field, a blank one null (the source and year as typed). */
export function statInput(f: StatForm): GiYearStatInput {
  return {
    year: f.year.trim(),
    producers: blankToNull(f.producers),
    output_value: blankToNull(f.output_value),
    sector_output: blankToNull(f.sector_output),
    area_mu: blankToNull(f.area_mu),
    head_count: blankToNull(f.head_count),
    e_commerce: blankToNull(f.e_commerce),
    source: f.source.trim(),
  }
}

/** A KPI rule set as the Settings form types it. */
export interface KpiSetForm {
  key: string
  name: string
  basis: string
  rules: { [K in keyof KpiRulesInput]: string }
  reason: string
}

export function blankKpiSetForm(): KpiSetForm {
  return { key: '', name: '', basis: '', rules: { min_users: '', min_authorised_pct: '', min_output: '', min_sector_pct: '' }, reason: '' }
}

export function kpiSetForm(s: { key: string; name: string; basis: string; rules: KpiRules }): KpiSetForm {
  const n = (v: number | null) => (v === null ? '' : String(v))
  return {
    key: s.key,
    name: s.name,
    basis: s.basis,
    rules: {
      min_users: n(s.rules.min_users),
      min_authorised_pct: n(s.rules.min_authorised_pct),
      min_output: fenToYuan(s.rules.min_output),
      min_sector_pct: n(s.rules.min_sector_pct),
    },
    reason: '',
  }
}

export function kpiRulesInput(f: KpiSetForm): KpiRulesInput {
  return {
    min_users: blankToNull(f.rules.min_users),
    min_authorised_pct: blankToNull(f.rules.min_authorised_pct),
    min_output: blankToNull(f.rules.min_output),
    min_sector_pct: blankToNull(f.rules.min_sector_pct),
  }
}
