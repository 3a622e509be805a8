// The dashboard's charts (数据看板): each drawn from one part of Rust's `dashboard` answer, laid
// out as chart series and as a table of the same numbers. Rust's rows are only placed here (a
// division × regime row in its cell, a month on its axis); nothing is added up, filtered out or
// judged: on/behind track and KPIs met are Rust's. Money stays in fen until shown: 万元 is fen
// divided for display, next to the exact yuan.
import type { Dashboard } from '../api/bindings/Dashboard'
import type { Metric } from '../api/bindings/Metric'
import type { DeadlineKind } from '../api/bindings/DeadlineKind'
import type { TargetProgress } from '../api/bindings/TargetProgress'
import type { ZoneKpis } from '../api/bindings/ZoneKpis'
import { keysOf } from './choices'
import { CHART_FONT, type BarSeriesOption, type ChartOption, type LineSeriesOption } from './echarts'
import { formatDate, formatFen } from './format'
import { kpiValue, planValue } from './plan'

export const CHART_NAMES = ['gi', 'users', 'renewals', 'financing', 'awards', 'zones', 'targets'] as const
export type ChartName = (typeof CHART_NAMES)[number]

/** The accent and the status colours (ui-guide), in tones a filled bar reads well in. */
export const COLOURS = {
  accent: '#4f7d3a',
  accentDark: '#2e5322',
  accentMid: '#86b06c',
  accentLight: '#b9d4a8',
  green: '#3f9a5a',
  blue: '#3b7dc4',
  amber: '#d9a520',
  red: '#c8402f',
  grey: '#9aa0a6',
  ink: '#555b61',
} as const

/** A GI product counted under every regime first, then each regime: shades of the accent. */
const REGIME_COLOUR: Partial<Record<Metric, string>> = {
  gi_products: COLOURS.accent,
  product_approvals: COLOURS.accentMid,
  gi_marks: COLOURS.accentDark,
  agricultural_gis: COLOURS.accentLight,
}
/** In the renewal window: due soon (amber); in the grace period: overdue, still renewable (red). */
const DEADLINE_COLOUR: Partial<Record<DeadlineKind, string>> = {
  renewal: COLOURS.amber,
  renewal_grace: COLOURS.red,
  use_report: COLOURS.blue,
}
const FALLBACK = [COLOURS.accent, COLOURS.blue, COLOURS.amber, COLOURS.grey, COLOURS.accentMid, COLOURS.red]

export interface Words {
  t: (key: string, named?: Record<string, unknown>) => string
  locale: string
  /** Rust's today (workspace info): the renewals' twelve months start in its month. */
  today: string
}

export interface TableCol {
  label: string
  right?: boolean
  /** A long text that may wrap (every other cell keeps to one line). */
  wrap?: boolean
}
export interface TableRow {
  key: string
  cells: string[]
  /** The page the row's first cell opens. */
  to?: string | null
}
export interface Table {
  head: TableCol[]
  rows: TableRow[]
}
export interface LegendItem {
  name: string
  colour: string
}
/** What ECharts tells about a click (the part read here). */
export interface ChartClick {
  componentType?: string
  seriesIndex?: number
  dataIndex?: number
}

export interface Chart {
  name: ChartName
  title: string
  /** Nothing to draw: the card says so instead of showing an empty axis. */
  empty: boolean
  /** null for a card that draws its own (the zones' KPI grid). */
  option: ChartOption | null
  legend: LegendItem[]
  table: Table
  /** The page a click on a bar or point opens, if any. */
  link: (p: ChartClick) => string | null
}

// ---- shown numbers ----

const wanFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
/** Fen as 万元 for an axis (display only: the exact figure is the yuan beside it). */
export const wan = (fen: number): number => fen / 1_000_000
export const formatWan = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : wanFormat.format(wan(fen)))

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** `2026-03` → 2026年3月 / 2026-03 (a table's cell). */
export function monthText(ym: string, locale: string): string {
  return locale === 'zh-CN' ? `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月` : ym
}
/** `2026-03` on an axis: 3月 / Mar, with the year under the first month and each January. */
export function monthTick(ym: string, locale: string, withYear: boolean): string {
  const m = Number(ym.slice(5, 7))
  const short = locale === 'zh-CN' ? `${m}月` : MONTHS_EN[m - 1]
  return withYear ? `${short}\n${ym.slice(0, 4)}` : short
}
const ticks = (months: string[], locale: string) =>
  months.map((ym, i) => monthTick(ym, locale, i === 0 || ym.endsWith('-01')))

/** Distinct values in first-seen order. */
function distinct<T, K>(xs: T[], key: (x: T) => K): T[] {
  const seen = new Set<K>()
  return xs.filter((x) => (seen.has(key(x)) ? false : (seen.add(key(x)), true)))
}
/** Keys present in `rows`, in the vocabulary's order. */
function inOrder<K extends string>(group: 'metric' | 'deadlineKind', present: K[]): K[] {
  return (keysOf(group) as readonly string[]).filter((k) => present.includes(k as K)) as K[]
}
const withDivision = (path: string, division: string | null, sep = '?') =>
  division ? `${path}${sep}division=${encodeURIComponent(division)}` : path

// ---- the common look ----

function base(unit: string): ChartOption {
  return {
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#4a5058' },
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 30, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
    },
    yAxis: valueAxis(unit),
  }
}
function valueAxis(unit: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'value' as const,
    name: unit,
    nameTextStyle: { align: 'right' as const, padding: [0, 4, 0, 0] },
    minInterval: 1,
    splitLine: { lineStyle: { color: '#eef0f2' } },
    ...extra,
  }
}
/** Names slant when there are many (a city's counties), so each stays readable. */
const categoryAxis = (data: string[], slant = false) => ({
  type: 'category' as const,
  data,
  axisTick: { alignWithLabel: true },
  axisLine: { lineStyle: { color: '#bfc4c9' } },
  axisLabel: { interval: 0, hideOverlap: true, lineHeight: 15, ...(slant && data.length > 6 ? { rotate: 35 } : {}) },
})
function bars(name: string, data: BarSeriesOption['data'], colour: string, extra: Partial<BarSeriesOption> = {}): BarSeriesOption {
  return { type: 'bar', name, data, itemStyle: { color: colour }, barMaxWidth: 28, cursor: 'pointer', ...extra }
}

// ---- the charts ----

/** GI products per division (as Rust grouped them) and regime: grouped bars, a regime a series. */
function giChart(d: Dashboard, w: Words): Chart {
  const { t, locale } = w
  const rows = d.gi_by_division
  const divisions = distinct(rows, (r) => r.division).map((r) => ({ code: r.division, name: r.name ?? r.division }))
  const regimes = inOrder<Metric>('metric', rows.map((r) => r.regime))
  const count = (division: string, regime: Metric) => rows.find((r) => r.division === division && r.regime === regime)?.count ?? 0
  const legend = regimes.map((m, i) => ({ name: t(`metric.${m}`), colour: REGIME_COLOUR[m] ?? FALLBACK[i % FALLBACK.length] }))
  const to = (code: string) => `/list/gi?division=${encodeURIComponent(code)}`
  return {
    name: 'gi',
    title: t('dashboard.gi.title', { date: formatDate(d.counted_on, locale) }),
    empty: rows.length === 0,
    legend,
    option: {
      ...base(t('dashboard.unit.piece')),
      xAxis: categoryAxis(divisions.map((x) => x.name), true),
      series: regimes.map((m, i) => bars(legend[i].name, divisions.map((x) => count(x.code, m)), legend[i].colour)),
    },
    table: {
      head: [{ label: t('col.division') }, ...legend.map((l) => ({ label: t('dashboard.withUnit', { label: l.name, unit: t('dashboard.unit.piece') }), right: true }))],
      rows: divisions.map((x) => ({
        key: x.code,
        to: to(x.code),
        cells: [`${x.name} · ${x.code}`, ...regimes.map((m) => String(count(x.code, m)))],
      })),
    },
    link: (p) => (p.componentType === 'series' && p.dataIndex !== undefined && divisions[p.dataIndex] ? to(divisions[p.dataIndex].code) : null),
  }
}

/** Active authorised users at each month's end: a line. */
function usersChart(d: Dashboard, w: Words): Chart {
  const { t, locale } = w
  const rows = d.users_by_month
  const name = t('dashboard.users.series')
  const to = withDivision('/list/user?state=active', d.division, '&')
  const series: LineSeriesOption = {
    type: 'line',
    name,
    data: rows.map((r) => r.value),
    itemStyle: { color: COLOURS.accent },
    lineStyle: { width: 2 },
    symbolSize: 7,
    cursor: 'pointer',
  }
  return {
    name: 'users',
    title: t('dashboard.users.title', { year: d.year, date: formatDate(d.counted_on, locale) }),
    empty: rows.every((r) => r.value === 0),
    legend: [{ name, colour: COLOURS.accent }],
    option: {
      ...base(t('dashboard.unit.users')),
      tooltip: { trigger: 'axis', confine: true, textStyle: { fontFamily: CHART_FONT, fontSize: 12 } },
      xAxis: { ...categoryAxis(ticks(rows.map((r) => r.month), locale)), boundaryGap: true },
      series: [series],
    },
    table: {
      head: [{ label: t('dashboard.month') }, { label: t('dashboard.withUnit', { label: name, unit: t('dashboard.unit.users') }), right: true }],
      rows: rows.map((r) => ({ key: r.month, cells: [monthText(r.month, locale), String(r.value)] })),
    },
    link: (p) => (p.componentType === 'series' ? to : null),
  }
}

/** Renewals falling due per month over the next twelve, by kind: stacked bars. */
function renewalsChart(d: Dashboard, w: Words): Chart {
  const { t, locale } = w
  const rows = d.renewals_by_month
  const months = d.renewal_months
  const kinds = inOrder<DeadlineKind>('deadlineKind', rows.map((r) => r.kind))
  const count = (month: string, kind: DeadlineKind) => rows.find((r) => r.month === month && r.kind === kind)?.count ?? 0
  const legend = kinds.map((k, i) => ({ name: t(`deadlineKind.${k}`), colour: DEADLINE_COLOUR[k] ?? FALLBACK[i % FALLBACK.length] }))
  const answered = distinct(rows, (r) => r.month).map((r) => r.month)
  return {
    name: 'renewals',
    title: t('dashboard.renewals.title', { date: formatDate(w.today || d.counted_on, locale) }),
    empty: rows.length === 0,
    legend,
    option: {
      ...base(t('dashboard.unit.piece')),
      xAxis: categoryAxis(ticks(months, locale)),
      series: kinds.map((k, i) =>
        bars(legend[i].name, months.map((m) => count(m, k) || null), legend[i].colour, { stack: 'renewals', barMaxWidth: 22 }),
      ),
    },
    table: {
      head: [{ label: t('dashboard.month') }, ...legend.map((l) => ({ label: t('dashboard.withUnit', { label: l.name, unit: t('dashboard.unit.piece') }), right: true }))],
      rows: answered.map((m) => ({ key: m, to: '/deadlines', cells: [monthText(m, locale), ...kinds.map((k) => String(count(m, k)))] })),
    },
    link: (p) => (p.componentType === 'series' ? '/deadlines' : null),
  }
}

/** Pledge financing per loan year (bars, 万元) with the financing targets' values as lines. */
function financingChart(d: Dashboard, w: Words): Chart {
  const { t } = w
  const rows = d.financing_by_year
  const name = t('metric.pledge_financing')
  const wanUnit = t('dashboard.unit.wan')
  const money = d.financing_targets.filter((x) => x.money)
  // Keep every target line in view: the axis reaches the highest target.
  const top = Math.max(0, ...money.map((x) => wan(x.target)))
  const to = withDivision('/list/financing', d.division)
  const years = rows.map((r) => r.year)
  return {
    name: 'financing',
    title: t('dashboard.financing.title', { from: years[0] ?? d.year, to: years[years.length - 1] ?? d.year }),
    empty: rows.every((r) => r.amount === 0) && money.length === 0,
    legend: [
      { name, colour: COLOURS.accent },
      ...(money.length ? [{ name: t('dashboard.financing.targetLine'), colour: COLOURS.ink }] : []),
    ],
    option: {
      ...base(wanUnit),
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
        valueFormatter: (v) => `${wanFormat.format(Number(v))} ${wanUnit}`,
      },
      xAxis: categoryAxis(years.map(String)),
      yAxis: valueAxis(wanUnit, { minInterval: 0, ...(money.length ? { max: (v: { max: number }) => Math.max(v.max, top) } : {}) }),
      series: [
        bars(
          name,
          rows.map((r) => wan(r.amount)),
          COLOURS.accent,
          {
            label: { show: true, position: 'top', formatter: (p) => (Number(p.value) ? wanFormat.format(Number(p.value)) : '') },
            markLine: money.length
              ? {
                  symbol: 'none',
                  silent: false,
                  lineStyle: { color: COLOURS.ink, type: 'dashed' },
                  label: { position: 'insideEndTop', color: COLOURS.ink, fontFamily: CHART_FONT },
                  data: money.map((x) => ({
                    name: x.code,
                    yAxis: wan(x.target),
                    label: { formatter: t('dashboard.financing.targetLabel', { code: x.code, value: formatWan(x.target) }) },
                  })),
                }
              : undefined,
          },
        ),
      ],
    },
    table: {
      head: [
        { label: t('dashboard.year') },
        { label: t('dashboard.financing.amount'), right: true },
        { label: t('dashboard.withUnit', { label: name, unit: wanUnit }), right: true },
      ],
      rows: rows.map((r) => ({ key: String(r.year), to, cells: [String(r.year), formatFen(r.amount), formatWan(r.amount)] })),
    },
    link: (p) => {
      if (p.componentType === 'markLine' && p.dataIndex !== undefined && money[p.dataIndex]) return `/record/target/${money[p.dataIndex].code}`
      return p.componentType === 'series' ? to : null
    },
  }
}

/** Award budgets against approved (not yet paid) and paid, per paying jurisdiction (万元). */
function awardsChart(d: Dashboard, w: Words): Chart {
  const { t } = w
  const rows = d.awards
  const wanUnit = t('dashboard.unit.wan')
  const legend = [
    { name: t('ledger.budget'), colour: COLOURS.grey },
    { name: t('ledger.approved'), colour: COLOURS.blue },
    { name: t('ledger.paid'), colour: COLOURS.green },
  ]
  const names = rows.map((r) => r.jurisdiction_name ?? r.jurisdiction)
  return {
    name: 'awards',
    title: t('dashboard.awards.title', { year: d.year }),
    empty: rows.length === 0,
    legend,
    option: {
      ...base(wanUnit),
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
        valueFormatter: (v) => (v === null || v === undefined || v === '-' ? t('ledger.noBudget') : `${wanFormat.format(Number(v))} ${wanUnit}`),
      },
      yAxis: valueAxis(wanUnit, { minInterval: 0 }),
      xAxis: categoryAxis(names, true),
      series: [
        bars(legend[0].name, rows.map((r) => (r.budget === null ? null : wan(r.budget))), legend[0].colour),
        bars(legend[1].name, rows.map((r) => wan(r.approved)), legend[1].colour),
        bars(legend[2].name, rows.map((r) => wan(r.paid)), legend[2].colour),
      ],
    },
    table: {
      head: [
        { label: t('ledger.jurisdiction') },
        { label: t('ledger.budget'), right: true },
        { label: t('ledger.approved'), right: true },
        { label: t('ledger.paid'), right: true },
        { label: t('ledger.remaining'), right: true },
      ],
      rows: rows.map((r, i) => ({
        key: r.jurisdiction,
        to: '/ledger',
        cells: [
          `${names[i]} · ${r.jurisdiction}`,
          r.budget === null ? t('ledger.noBudget') : formatFen(r.budget),
          formatFen(r.approved),
          formatFen(r.paid),
          r.remaining === null ? '—' : formatFen(r.remaining),
        ],
      })),
    },
    link: (p) => (p.componentType === 'series' ? '/ledger' : null),
  }
}

/** A KPI's result in words, as Rust decided it (met, not met, or cannot tell). */
export function kpiResult(met: boolean | null, t: Words['t']): { tone: 'green' | 'amber' | 'grey'; label: string } {
  if (met === true) return { tone: 'green', label: t('zone.met') }
  if (met === false) return { tone: 'amber', label: t('zone.notMet') }
  return { tone: 'grey', label: t('zone.unknown') }
}
/** The KPI keys the zones were read against, in Rust's order (first seen). */
export const zoneKpiKeys = (zones: ZoneKpis[]): string[] => distinct(zones.flatMap((z) => z.kpis), (k) => k.key).map((k) => k.key)

/** Each zone's KPIs, met or not (a grid of tags the card draws itself). */
function zonesChart(d: Dashboard, w: Words): Chart {
  const { t } = w
  return {
    name: 'zones',
    title: t('dashboard.zones.title', { date: formatDate(w.today || d.counted_on, w.locale) }),
    empty: d.zones.length === 0,
    legend: [],
    option: null,
    table: {
      head: [
        { label: t('dashboard.zones.zone') },
        { label: t('zone.kpi') },
        { label: t('zone.required'), right: true },
        { label: t('zone.actual'), right: true },
        { label: t('zone.result') },
      ],
      rows: d.zones.flatMap((z) =>
        z.kpis.map((k) => ({
          key: `${z.code}-${k.key}`,
          to: `/record/zone/${z.code}`,
          cells: [`${z.name} · ${z.code}`, t(`kpi.${k.key}`), `≥ ${kpiValue(k.key, k.required)}`, kpiValue(k.key, k.actual), kpiResult(k.met, t).label],
        })),
      ),
    },
    link: () => null,
  }
}

/** A target's standing in words, as Rust decided it. */
export const trackWord = (p: TargetProgress, t: Words['t']) => (p.progress.on_track ? t('plan.onTrack') : t('plan.behind'))

/** Every target's percent done: horizontal bars, on track in the accent, behind in amber. */
function targetsChart(d: Dashboard, w: Words): Chart {
  const { t, locale } = w
  const rows = d.targets
  const top = Math.max(100, ...rows.map((r) => r.progress.percent))
  return {
    name: 'targets',
    title: t('dashboard.targets.title', { date: formatDate(w.today || d.counted_on, locale) }),
    empty: rows.length === 0,
    legend: [
      { name: t('plan.onTrack'), colour: COLOURS.accent },
      { name: t('plan.behind'), colour: COLOURS.amber },
    ],
    option: {
      ...base('%'),
      grid: { left: 8, right: 104, top: 8, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      tooltip: {
        trigger: 'item',
        confine: true,
        textStyle: { fontFamily: CHART_FONT, fontSize: 12 },
        formatter: (p) => {
          const x = rows[(p as { dataIndex: number }).dataIndex]
          if (!x) return ''
          const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
          return `${esc(x.code)} ${esc(x.title)}<br/>${esc(planValue(x.progress.value, x))} / ${esc(planValue(x.target, x))} · ${x.progress.percent}% · ${esc(trackWord(x, t))}`
        },
      },
      xAxis: { type: 'value', max: top, name: '%', splitLine: { lineStyle: { color: '#eef0f2' } } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => `${r.code} ${r.title}`),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#bfc4c9' } },
        axisLabel: { interval: 0, width: 360, overflow: 'truncate' },
      },
      series: [
        bars(
          t('dashboard.targets.percent'),
          rows.map((r) => ({ value: r.progress.percent, itemStyle: { color: r.progress.on_track ? COLOURS.accent : COLOURS.amber } })),
          COLOURS.accent,
          {
            barMaxWidth: 18,
            label: {
              show: true,
              position: 'right',
              formatter: (p) => `${rows[p.dataIndex]?.progress.percent}% · ${rows[p.dataIndex] ? trackWord(rows[p.dataIndex], t) : ''}`,
            },
          },
        ),
      ],
    },
    table: {
      head: [
        { label: t('col.code') },
        { label: t('dashboard.targets.target'), wrap: true },
        { label: t('plan.value'), right: true },
        { label: t('dashboard.targets.goal'), right: true },
        { label: t('dashboard.targets.percent'), right: true },
        { label: t('plan.progress') },
        { label: t('plan.countedOn') },
      ],
      rows: rows.map((r) => ({
        key: r.code,
        to: `/record/target/${r.code}`,
        cells: [
          r.code,
          r.title,
          planValue(r.progress.value, r),
          planValue(r.target, r),
          `${r.progress.percent}%`,
          trackWord(r, t),
          formatDate(r.counted_on, locale),
        ],
      })),
    },
    link: (p) => (p.componentType === 'series' && p.dataIndex !== undefined && rows[p.dataIndex] ? `/record/target/${rows[p.dataIndex].code}` : null),
  }
}

/** Every chart of the answer, in the page's order. */
export function dashboardCharts(d: Dashboard, w: Words): Record<ChartName, Chart> {
  return {
    gi: giChart(d, w),
    users: usersChart(d, w),
    renewals: renewalsChart(d, w),
    financing: financingChart(d, w),
    awards: awardsChart(d, w),
    zones: zonesChart(d, w),
    targets: targetsChart(d, w),
  }
}

/** A table as tab-separated text (header first), for pasting into a spreadsheet. */
export function tableText(table: Table): string {
  return [table.head.map((c) => c.label), ...table.rows.map((r) => r.cells)].map((cells) => cells.join('\t')).join('\n')
}

/** Every word a chart draws (titles, ticks, legends, cells), to load its font chunks first. */
export function chartWords(charts: Chart[]): string {
  const parts: string[] = []
  for (const c of charts) {
    parts.push(c.title, ...c.legend.map((l) => l.name), ...c.table.head.map((h) => h.label))
    for (const r of c.table.rows) parts.push(...r.cells)
    const axes = c.option ? [c.option.xAxis, c.option.yAxis].flat() : []
    for (const a of axes) {
      const data = (a as { data?: unknown[] } | undefined)?.data
      if (Array.isArray(data)) parts.push(...data.map(String))
      const name = (a as { name?: unknown } | undefined)?.name
      if (typeof name === 'string') parts.push(name)
    }
  }
  return [...new Set(parts.join(''))].join('')
}
