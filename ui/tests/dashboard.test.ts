// The dashboard (数据看板): one `dashboard` call answers the page (Rust's recorded answers,
// calls.json: 2026 for the whole workspace and for 固始县 411525); each chart's title states the
// measure and the day counted on; its table shows Rust's numbers; a click opens the record or
// list behind a bar. ECharts does not lay out in happy-dom (no sizes), so `vue-echarts` is a stub
// here that keeps the option it was given: the tests read the numbers passed to each chart.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { VueWrapper } from '@vue/test-utils'
import { NSelect } from 'naive-ui'
import type { Dashboard } from '../src/api/bindings/Dashboard'
import type { ChartOption } from '../src/lib/echarts'
import calls from '../src/api/bindings/calls.json'
import AppSidebar from '../src/components/AppSidebar.vue'
import DashboardView from '../src/views/DashboardView.vue'
import ListView from '../src/views/ListView.vue'
import { dashboardCharts, formatWan, monthTick, tableText, type Words } from '../src/lib/dashboard'
import { messages } from '../src/i18n'
import { flushPromises, installBackend, mountWith } from './helpers'

vi.mock('vue-echarts', async () => {
  const { defineComponent, h } = await import('vue')
  return {
    default: defineComponent({
      name: 'VChart',
      props: { option: Object, initOptions: Object, autoresize: Boolean },
      emits: ['click'],
      setup: () => () => h('div', { class: 'vchart-stub' }),
    }),
  }
})

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
/** A table's rows, each as its cells' text. */
const rows = (testid: string) =>
  [...($(testid)?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''))
async function click(testid: string) {
  $(testid)!.click()
  await flushPromises()
}
async function pick(wrapper: VueWrapper, testid: string, value: unknown) {
  const select = wrapper.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === testid)
  if (!select) throw new Error(`no select ${testid}`)
  select.vm.$emit('update:value', value)
  await flushPromises()
}
/** The VChart stub inside the card `chart-<name>`. */
function vchart(wrapper: VueWrapper, name: string) {
  const card = wrapper.findAll(`[data-testid="chart-${name}"]`)[0]
  const found = wrapper.findAllComponents({ name: 'VChart' }).find((c) => card.element.contains(c.element))
  if (!found) throw new Error(`no chart ${name}`)
  return found
}
const optionOf = (wrapper: VueWrapper, name: string) => vchart(wrapper, name).props('option') as ChartOption
const seriesData = (o: ChartOption) => ([o.series].flat() as { data: unknown[] }[]).map((s) => s.data)

/** Rust's recorded answer (calls.json) for these arguments. */
function recorded(division: string | null): Dashboard {
  const c = (calls as { cmd: string; args: Record<string, unknown>; reply: unknown }[]).find(
    (x) => x.cmd === 'dashboard' && x.args.year === 2026 && x.args.division === division,
  )
  if (!c) throw new Error('not recorded')
  return c.reply as Dashboard
}

async function mountDashboard(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const backend = installBackend()
  const mounted = await mountWith(DashboardView, {}, locale)
  await flushPromises()
  await flushPromises()
  return { ...backend, ...mounted }
}

describe('dashboard page', () => {
  it('is one dashboard call for the workspace’s year, every chart titled with its measure and day', async () => {
    const { calls: made } = await mountDashboard()
    expect(made.filter((c) => c.cmd === 'dashboard').map((c) => c.args)).toEqual([{ year: 2026, division: null }])
    // The freshness line comes with the answer: not asked again.
    expect(made.filter((c) => c.cmd === 'data_freshness')).toEqual([])
    expect(text('page-title')).toBe('数据看板')
    expect(text('title-gi')).toBe('受保护的地理标志产品 · 按区划与保护方式 · 截至 2026年11月27日')
    expect(text('title-users')).toBe('使用中的专用标志使用人 · 2026 年各月末 · 截至 2026年11月27日')
    expect(text('title-renewals')).toBe('到期续展 · 按月与类型 · 自 2026年11月27日 起 12 个月')
    expect(text('title-financing')).toBe('知识产权质押融资额 · 按放款年份 · 2022—2026 年')
    expect(text('title-awards')).toBe('奖励预算与兑现 · 按兑现区划 · 2026 年度')
    expect(text('title-zones')).toBe('示范区考核指标 · 截至 2026年11月27日')
    expect(text('title-targets')).toBe('规划目标完成进度 · 按目标 · 截至 2026年11月27日')
    expect(text('dashboard-scope')).toContain('全部区划')
    expect(text('dashboard-scope')).toContain('2026年11月27日')
    expect(text('renewals-overdue')).toBe('无逾期续展')
    // No award budgets nor awards in 2026: the card says so instead of an empty axis.
    expect(text('empty-awards')).toBe('无数据')
    expect($('freshness')).not.toBeNull()
    expect(text('freshness')).toContain('尚未合并区县交换包')
  })

  it('passes Rust’s numbers to the charts, placed and never added up', async () => {
    const { wrapper } = await mountDashboard()
    const d = recorded(null)
    // Financing per year in 万元 (fen ÷ 1,000,000, for display), the target as a mark line.
    const fin = optionOf(wrapper, 'financing')
    expect(seriesData(fin)).toEqual([[500, 0, 0, 300, 0]])
    const line = ([fin.series].flat()[0] as { markLine: { data: { yAxis: number; name: string }[] } }).markLine
    expect(line.data).toMatchObject([{ name: 'TGT-0001', yAxis: 30000 }])
    expect(text('financing-target-TGT-0001')).toContain('¥5,000,000.00')
    expect(text('financing-target-TGT-0001')).toContain('¥300,000,000.00')
    expect(text('financing-target-TGT-0001')).toContain('进度滞后')
    // GI products: a series per regime Rust answered, a bar per division.
    const gi = optionOf(wrapper, 'gi')
    expect((gi.xAxis as { data: string[] }).data).toEqual(['信阳市'])
    expect(seriesData(gi)).toEqual([[1], [1]])
    expect(([gi.series].flat() as { name: string }[]).map((s) => s.name)).toEqual(['地理标志产品（任一保护方式）', '农产品地理标志'])
    // Active users at each month's end, as many months as Rust counted (to the counted day).
    expect(seriesData(optionOf(wrapper, 'users'))).toEqual([d.users_by_month.map((m) => m.value)])
    // Renewals: stacked by kind over the months from today's; a month without any is no bar.
    const ren = optionOf(wrapper, 'renewals')
    const months = (ren.xAxis as { data: string[] }).data
    expect(months.slice(0, 4)).toEqual(['11月\n2026', '12月', '1月\n2027', '2月'])
    expect(seriesData(ren)).toEqual([
      [null, 1, null, null, null, null, null, null, null, null, null, null],
      [null, null, null, 1, null, null, null, null, null, null, null, null],
    ])
    // Targets: Rust's percent, coloured by Rust's on_track (all four behind: amber).
    const tg = optionOf(wrapper, 'targets')
    expect((seriesData(tg)[0] as { value: number; itemStyle: { color: string } }[]).map((x) => [x.value, x.itemStyle.color])).toEqual([
      [1, '#d9a520'],
      [60, '#d9a520'],
      [25, '#d9a520'],
      [60, '#d9a520'],
    ])
    // At most six series per chart, and every chart drawn as SVG.
    for (const name of ['gi', 'users', 'renewals', 'financing', 'targets']) {
      expect([optionOf(wrapper, name).series].flat().length).toBeLessThanOrEqual(6)
      expect(vchart(wrapper, name).props('initOptions')).toEqual({ renderer: 'svg' })
    }
  })

  it('shows each chart’s numbers as a table on the toggle', async () => {
    await mountDashboard()
    expect($('table-financing')).toBeNull()
    await click('toggle-financing')
    expect(text('toggle-financing')).toBe('图表')
    expect(rows('table-financing')).toEqual([
      ['2022', '¥5,000,000.00', '500'],
      ['2023', '¥0.00', '0'],
      ['2024', '¥0.00', '0'],
      ['2025', '¥3,000,000.00', '300'],
      ['2026', '¥0.00', '0'],
    ])
    expect(text('table-financing')).toContain('知识产权质押融资额（万元）')

    await click('toggle-users')
    const users = rows('table-users')
    // Rust counts to the counted day (2026-11-27): January to November.
    expect(users).toHaveLength(recorded(null).users_by_month.length)
    expect(users[0]).toEqual(['2026年1月', '2'])
    expect(users[10]).toEqual(['2026年11月', '1'])

    await click('toggle-targets')
    expect(rows('table-targets').map((r) => [r[0], r[4], r[5]])).toEqual([
      ['TGT-0001', '1%', '进度滞后'],
      ['TGT-0002', '60%', '进度滞后'],
      ['TGT-0003', '25%', '进度滞后'],
      ['TGT-0004', '60%', '进度滞后'],
    ])
    expect(rows('table-targets')[1].slice(2, 4)).toEqual(['6 家', '10 家'])

    await click('toggle-gi')
    expect(rows('table-gi')).toEqual([['信阳市 · 411500', '1', '1']])
    await click('toggle-renewals')
    expect(rows('table-renewals')).toEqual([
      ['2026年12月', '1', '0'],
      ['2027年2月', '0', '1'],
    ])
    await click('toggle-zones')
    expect(rows('table-zones').map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ['专用标志使用人数', '≥ 5', '1', '未达到'],
      ['获准使用生产者占比（%）', '≥ 50', '0', '未达到'],
      ['产值', '≥ ¥100,000,000.00', '¥14,000,000,000.00', '已达到'],
      ['占行业总产值比例（%）', '≥ 50', '70', '已达到'],
    ])
    // Back to the chart.
    await click('toggle-financing')
    expect($('table-financing')).toBeNull()
  })

  it('shows the zones’ KPIs as Rust judged them, each with its word', async () => {
    await mountDashboard()
    expect(text('zone-ZONE-0001')).toContain('信阳毛尖国家地理标志产品保护示范区')
    expect(text('zone-ZONE-0001')).toContain('筹建中')
    expect($('zone-ZONE-0001-min_users')!.dataset.tone).toBe('amber')
    expect($('zone-ZONE-0001-min_output')!.dataset.tone).toBe('green')
    expect(text('zone-ZONE-0001-min_output')).toBe('已达到')
  })

  it('asks again for the division picked, and says where there is nothing', async () => {
    const { wrapper, calls: made } = await mountDashboard()
    await pick(wrapper, 'dashboard-division', '411525')
    await flushPromises()
    expect(made.filter((c) => c.cmd === 'dashboard').map((c) => c.args)).toEqual([
      { year: 2026, division: null },
      { year: 2026, division: '411525' },
    ])
    expect(text('dashboard-scope')).toContain('固始县 · 411525')
    expect(text('empty-gi')).toBe('无数据')
    expect(text('empty-renewals')).toBe('无数据')
    // No active user in any month: no flat line on an empty axis.
    expect(text('empty-users')).toBe('无数据')
    expect(seriesData(optionOf(wrapper, 'financing'))).toEqual([[500, 0, 0, 0, 0]])
  })

  it('says what went wrong when Rust refuses', async () => {
    const { wrapper } = await mountDashboard()
    // The mock was not recorded answering 2025: it refuses, as a call Rust did not answer.
    await pick(wrapper, 'dashboard-year', 2025)
    await flushPromises()
    expect($('dashboard-error')).not.toBeNull()
    expect($('dashboard-charts')).toBeNull()
  })

  it('opens a target’s record from its bar, a division’s GI list from its bar', async () => {
    const { wrapper, router } = await mountDashboard()
    vchart(wrapper, 'targets').vm.$emit('click', { componentType: 'series', seriesIndex: 0, dataIndex: 1 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/record/target/TGT-0002')
    vchart(wrapper, 'gi').vm.$emit('click', { componentType: 'series', seriesIndex: 1, dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/list/gi?division=411500')
    vchart(wrapper, 'renewals').vm.$emit('click', { componentType: 'series', seriesIndex: 0, dataIndex: 1 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/deadlines')
    vchart(wrapper, 'financing').vm.$emit('click', { componentType: 'markLine', seriesIndex: 0, dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/record/target/TGT-0001')
  })

  it('is in English too', async () => {
    await mountDashboard('en-US')
    expect(text('page-title')).toBe('Dashboard')
    expect(text('title-gi')).toBe('Protected GI products · by division and regime · as of 2026-11-27')
    expect(text('empty-awards')).toBe('No data')
    await click('toggle-financing')
    expect(rows('table-financing')[0]).toEqual(['2022', '¥5,000,000.00', '500'])
  })

  it('is in the sidebar, next to the overview', async () => {
    installBackend()
    const { wrapper } = await mountWith(AppSidebar)
    const links = wrapper.findAll('a.item')
    expect(links.map((a) => a.attributes('data-testid')).slice(0, 2)).toEqual(['nav-overview', 'nav-dashboard'])
    expect(wrapper.find('[data-testid="nav-dashboard"]').text()).toBe('数据看板')
    expect(wrapper.find('[data-testid="nav-dashboard"]').attributes('href')).toContain('/dashboard')
  })
})

describe('a division’s bar opens its list', () => {
  it('narrows the GI list to the division in the address', async () => {
    const { calls: made } = installBackend()
    const { router } = await mountWith(ListView, { kind: 'gi' })
    await flushPromises()
    await router.push('/list/gi?division=411500')
    await flushPromises()
    expect(made.filter((c) => c.cmd === 'list_records').at(-1)!.args.query).toMatchObject({ division: '411500' })
  })
})

describe('dashboard helpers', () => {
  const words = (locale: 'zh-CN' | 'en-US'): Words => {
    const cat = messages[locale] as Record<string, unknown>
    const t = (key: string, named: Record<string, unknown> = {}) => {
      const v = key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], cat)
      return String(v ?? key).replace(/\{(\w+)\}/g, (_, k) => String(named[k]))
    }
    return { t, locale, today: '2026-11-27' }
  }

  it('shows fen as 万元 for display only', () => {
    expect(formatWan(500000000)).toBe('500')
    expect(formatWan(123456789)).toBe('123.46')
    expect(formatWan(30000000000)).toBe('30,000')
    expect(formatWan(null)).toBe('—')
  })

  it('lays months on an axis with the year where it changes', () => {
    expect(monthTick('2027-01', 'en-US', true)).toBe('Jan\n2027')
    expect(monthTick('2026-12', 'zh-CN', false)).toBe('12月')
  })

  it('links a bar to its record or list', () => {
    const charts = dashboardCharts(recorded(null), words('zh-CN'))
    expect(charts.targets.link({ componentType: 'series', dataIndex: 3 })).toBe('/record/target/TGT-0004')
    expect(charts.gi.link({ componentType: 'series', dataIndex: 0 })).toBe('/list/gi?division=411500')
    expect(charts.users.link({ componentType: 'series', dataIndex: 2 })).toBe('/list/user?state=active')
    expect(charts.awards.link({ componentType: 'series', dataIndex: 0 })).toBe('/ledger')
    const county = dashboardCharts(recorded('411525'), words('zh-CN'))
    expect(county.users.link({ componentType: 'series', dataIndex: 0 })).toBe('/list/user?state=active&division=411525')
    expect(county.financing.link({ componentType: 'series', dataIndex: 0 })).toBe('/list/financing?division=411525')
  })

  it('draws award budgets against approved and paid, a jurisdiction with no budget without its bar', () => {
    // The sample's 2026 has no awards: Rust's ledger rows as LedgerRow carries them.
    const d: Dashboard = {
      ...recorded(null),
      awards: [
        { jurisdiction: '411500', jurisdiction_name: '信阳市', year: 2026, budget: 100000000, approved: 30000000, paid: 20000000, remaining: 50000000 },
        { jurisdiction: '411525', jurisdiction_name: '固始县', year: 2026, budget: null, approved: 0, paid: 5000000, remaining: null },
      ],
    }
    const c = dashboardCharts(d, words('zh-CN')).awards
    expect(c.empty).toBe(false)
    expect(seriesData(c.option!)).toEqual([
      [100, null],
      [30, 0],
      [20, 5],
    ])
    expect(c.table.rows.map((r) => r.cells)).toEqual([
      ['信阳市 · 411500', '¥1,000,000.00', '¥300,000.00', '¥200,000.00', '¥500,000.00'],
      ['固始县 · 411525', '未设预算', '¥0.00', '¥50,000.00', '—'],
    ])
    expect(c.link({ componentType: 'series', seriesIndex: 2, dataIndex: 1 })).toBe('/ledger')
  })

  it('copies a table as tab-separated text', () => {
    const charts = dashboardCharts(recorded(null), words('en-US'))
    expect(tableText(charts.financing.table).split('\n').slice(0, 2)).toEqual([
      'Year\tAmount (yuan)\tIP pledge financing (10k yuan)',
      '2022\t¥5,000,000.00\t500',
    ])
  })

  it('has every word the dashboard uses, in both languages', () => {
    const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)
    const used = new Set<string>()
    for (const f of ['views/DashboardView.vue', 'components/ChartCard.vue', 'lib/dashboard.ts']) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(30)
    for (const key of used) {
      expect(typeof lookup(messages['zh-CN'], key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(messages['en-US'], key), `en-US ${key}`).toBe('string')
    }
  })
})

describe('the yearly report from the dashboard', () => {
  it('prints the year and division shown, and exports Word or Excel through a save dialog', async () => {
    const { calls } = installBackend()
    await mountWith(DashboardView)
    await flushPromises()
    await click('btn-print-report')
    expect(calls.find((c) => c.cmd === 'print_annual_report')!.args).toEqual({ year: 2026, division: null })
    expect(text('dashboard-file')).toBe('2026-年度工作报告.pdf')
    await click('btn-export-report')
    expect(calls.find((c) => c.cmd === 'export_annual_report')!.args).toEqual({ year: 2026, division: null })
  })
})
