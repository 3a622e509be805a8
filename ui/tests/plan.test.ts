// The plan's screens: plan targets with their progress and the records each figure counts, a
// manual target's yearly values, pledge financing with its pledged items and the yearly totals,
// demonstration zones with their KPIs, GI yearly statistics and the KPI rule sets. Every figure,
// progress, KPI and refusal shown is one Rust recorded (crates/api/tests/fixtures.rs, calls.json);
// the mock refuses any other.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { NSelect, NTabs } from 'naive-ui'
import type { Counted } from '../src/api/bindings/Counted'
import type { DataAge } from '../src/api/bindings/DataAge'
import AppSidebar from '../src/components/AppSidebar.vue'
import ConfirmHost from '../src/components/ConfirmHost.vue'
import GiStats from '../src/components/GiStats.vue'
import KpiSetsCard from '../src/components/KpiSetsCard.vue'
import RecordEditor from '../src/components/RecordEditor.vue'
import RefSelect from '../src/components/RefSelect.vue'
import DetailView from '../src/views/DetailView.vue'
import ListView from '../src/views/ListView.vue'
import PlanView from '../src/views/PlanView.vue'
import { blankInput, formShows, itemMode, switchItem } from '../src/lib/forms'
import { fenToYuan, planValue, statInput, blankStatForm } from '../src/lib/plan'
import { messages } from '../src/i18n'
import { flushPromises, installBackend, mountWith } from './helpers'

const zhCN = messages['zh-CN']
const enUS = messages['en-US']

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
async function type(testid: string, value: string) {
  const el = $(testid) as HTMLInputElement
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
async function click(testid: string) {
  $(testid)!.click()
  await flushPromises()
}
/** Choose in the NSelect (or RefSelect) with this testid: its menu is virtual here. */
async function pick(wrapper: VueWrapper, testid: string, value: unknown) {
  const all = [...wrapper.findAllComponents(RefSelect), ...wrapper.findAllComponents(NSelect)]
  const select = all.find((c) => c.attributes('data-testid') === testid || (c.props() as { testid?: string }).testid === testid)
  if (!select) throw new Error(`no select ${testid}`)
  select.vm.$emit('update:value', value)
  await flushPromises()
}

/** GI-0001's 2026 statistics as Rust was recorded accepting them (calls.json). */
const STATS_2026 = {
  year: '2026',
  producers: '1200',
  output_value: '15000000000',
  sector_output: '20000000000',
  area_mu: '2200000',
  head_count: null,
  e_commerce: '3500000000',
  source: '信阳市农业农村局',
}

describe('plan helpers', () => {
  it('shows a value in its unit: fen as money, a count with its word', () => {
    expect(planValue(30000000000, { money: true })).toBe('¥300,000,000.00')
    expect(planValue(6, { money: false, unit: '家' })).toBe('6 家')
    expect(planValue(4, { money: false, unit: null })).toBe('4')
    expect(fenToYuan(1234505)).toBe('12345.05')
    expect(fenToYuan(500000000)).toBe('5000000')
  })

  it('sends a GI year’s statistics with every field, a blank one null', () => {
    const f = { ...blankStatForm('2026'), producers: ' 1200 ', source: '信阳市农业农村局' }
    expect(statInput(f)).toEqual({
      year: '2026',
      producers: '1200',
      output_value: null,
      sector_output: null,
      area_mu: null,
      head_count: null,
      e_commerce: null,
      source: '信阳市农业农村局',
    })
  })

  it('reads a pledged item as a trademark or a patent and clears what the other shows', () => {
    const row = { trademark: 'TM-0005', pledge_no: '示例质押登记2025-01', patent_no: null, patent_title: null }
    expect(itemMode(row)).toBe('trademark')
    switchItem(row, 'patent')
    expect(row).toEqual({ trademark: null, pledge_no: null, patent_no: null, patent_title: null })
    expect(itemMode({ ...row, patent_no: 'ZL2020' })).toBe('patent')
    expect(formShows('financing', 'items[1].patent_title')).toBe(true)
    expect((blankInput('financing').items as unknown[]).length).toBe(1)
  })

  it('has every word the plan screens use, in both languages', () => {
    const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)
    const used = new Set<string>()
    const files = [
      'components/TargetProgress.vue',
      'components/ZoneKpis.vue',
      'components/GiStats.vue',
      'components/KpiSetsCard.vue',
      'components/DataFreshness.vue',
      'components/RecordForm.vue',
      'views/PlanView.vue',
      'views/DetailView.vue',
      'lib/columns.ts',
    ]
    for (const f of files) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    for (const src of [readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src/lib/forms.ts'), 'utf8')]) {
      for (const m of src.matchAll(/(?:label|hint): '([\w.]+)'/g)) used.add(m[1])
    }
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
    for (const kind of ['target', 'financing', 'zone'] as const) {
      for (const f of ['title', 'paragraph', 'metric', 'pledgor', 'items', 'patent_no', 'government', 'preparation_ends', 'kpi_set']) {
        expect(typeof lookup(zhCN, 'fields.' + f), `zh-CN fields.${f} (${kind})`).toBe('string')
      }
    }
    expect(zhCN.nav.plan).toBe('规划目标进度')
    expect(enUS.nav.plan).toBe('Plan progress')
  })
})

describe('the plan in the sidebar and its lists', () => {
  it('has entries for the plan board and the three kinds', async () => {
    installBackend()
    const { wrapper } = await mountWith(AppSidebar)
    expect(wrapper.find('[data-testid="nav-plan"]').attributes('href')).toContain('/plan')
    expect(wrapper.find('[data-testid="nav-plan"]').text()).toBe('规划目标进度')
    expect(wrapper.find('[data-testid="nav-target"]').attributes('href')).toContain('/list/target')
    expect(wrapper.find('[data-testid="nav-financing"]').text()).toBe('质押融资')
    expect(wrapper.find('[data-testid="nav-zone"]').text()).toBe('示范区')
  })

  it('lists targets with their metric in Rust’s words, financing with its amount, zones with Rust’s warning', async () => {
    installBackend()
    const target = await mountWith(ListView, { kind: 'target' })
    await flushPromises()
    expect(document.body.textContent).toContain('3年知识产权质押融资额合计达到3亿元')
    expect(document.body.textContent).toContain('知识产权质押融资额')
    expect(document.body.textContent).toContain('累计（期内合计）')
    target.wrapper.unmount()
    const fin = await mountWith(ListView, { kind: 'financing' })
    await flushPromises()
    expect(document.body.textContent).toContain('¥5,000,000.00')
    expect(document.body.textContent).toContain('示例农村商业银行')
    expect(document.body.textContent).toContain('在贷')
    fin.wrapper.unmount()
    await mountWith(ListView, { kind: 'zone' })
    await flushPromises()
    expect(document.body.textContent).toContain('筹建中')
    expect(document.body.textContent).toContain('筹建期已届满，结果未录入')
  })
})

describe('financing form', () => {
  it('edits pledged items as rows, a trademark or a patent, and sends each as Rust reads it', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(RecordEditor, { kind: 'financing', initial: blankInput('financing') })
    // One trademark row to start with.
    expect($('item-0')).not.toBeNull()
    expect($('field-items[0].patent_no')).toBeNull()
    await pick(wrapper, 'field-items[0].trademark', 'TM-0005')
    await type('field-items[0].pledge_no', '示例质押登记2025-01')
    await click('btn-add-item')
    await click('item-1-mode-patent')
    expect($('field-items[1].trademark')).toBeNull()
    await type('field-items[1].patent_no', 'ZL202010000000.0')
    await type('field-items[1].patent_title', '一种信阳毛尖加工方法')
    await click('btn-save')
    const sent = calls.find((c) => c.cmd === 'add_record')!.args.input as Record<string, unknown>
    expect(sent.items).toEqual([
      { trademark: 'TM-0005', pledge_no: '示例质押登记2025-01' },
      { patent_no: 'ZL202010000000.0', patent_title: '一种信阳毛尖加工方法' },
    ])
    // Rust's required fields left blank, under theirs; the rows are kept.
    expect(text('error-pledgor')).toBe('必填项不能为空')
    expect(text('error-bank')).toBe('必填项不能为空')
    expect(($('field-items[1].patent_no') as HTMLInputElement).value).toBe('ZL202010000000.0')
    // Every row removed: Rust asks for the items.
    await click('btn-remove-item-1')
    await click('btn-remove-item-0')
    expect($('item-0')).toBeNull()
    await click('btn-save')
    expect(text('error-items')).toBe('必填项不能为空')
  })

  it('shows Rust’s refusal of a row under that row’s field, keeping every row', async () => {
    // The form typed as Rust was recorded refusing it: TM-0001 has no pledge registered on it.
    const { calls } = installBackend()
    const { wrapper } = await mountWith(RecordEditor, { kind: 'financing', initial: blankInput('financing') })
    await pick(wrapper, 'field-pledgor', 'ENT-0001')
    await pick(wrapper, 'field-jurisdiction', '411502')
    await type('field-bank', '示例银行')
    await type('field-amount', '1000000')
    await type('field-loan_on', '2026-11-02')
    await pick(wrapper, 'field-items[0].trademark', 'TM-0001')
    await click('btn-add-item')
    await click('item-1-mode-patent')
    await type('field-items[1].patent_no', 'ZL202110000001.1')
    await type('field-items[1].patent_title', '一种茶叶加工方法')
    await click('btn-save')
    expect(calls.find((c) => c.cmd === 'add_record')!.args).toEqual({
      kind: 'financing',
      input: {
        pledgor: 'ENT-0001',
        jurisdiction: '411502',
        bank: '示例银行',
        amount: '1000000',
        loan_on: '2026-11-02',
        items: [{ trademark: 'TM-0001' }, { patent_no: 'ZL202110000001.1', patent_title: '一种茶叶加工方法' }],
      },
    })
    expect(text('error-items[0].trademark')).toBe(
      '商标 TM-0001 没有已登记的质权：请先在该商标上录入出质登记（质押融资只引用商标上的登记，不另存一份）',
    )
    expect($('error-items[1].patent_no')).toBeNull()
    expect($('error-bank')).toBeNull()
    expect(text('save-problems')).toContain('商标')
    expect(($('field-items[1].patent_title') as HTMLInputElement).value).toBe('一种茶叶加工方法')
  })

  it('shows each of several problems Rust names in rows under its row’s field', async () => {
    // Two problems in two rows at once (Rust's recording has one): the rules' words are the
    // catalogue's, the fields the row's, items[i].field.
    const refusal = {
      kind: 'validation',
      field: 'items[0].trademark',
      rule: 'pledge_not_registered',
      params: { mark: 'TM-0001' },
      message: { 'zh-CN': '', 'en-US': '' },
      problems: [
        { field: 'items[0].trademark', rule: 'pledge_not_registered', params: { mark: 'TM-0001' }, message: { 'zh-CN': '', 'en-US': '' } },
        { field: 'items[1].patent_title', rule: 'required', params: {}, message: { 'zh-CN': '', 'en-US': '' } },
      ],
    }
    installBackend({ overrides: { add_record: () => Promise.reject(refusal) } })
    const { wrapper } = await mountWith(RecordEditor, { kind: 'financing', initial: blankInput('financing') })
    await pick(wrapper, 'field-items[0].trademark', 'TM-0001')
    await click('btn-add-item')
    await click('item-1-mode-patent')
    await type('field-items[1].patent_no', 'ZL202010000000.0')
    await click('btn-save')
    expect(text('error-items[0].trademark')).toBe(
      '商标 TM-0001 没有已登记的质权：请先在该商标上录入出质登记（质押融资只引用商标上的登记，不另存一份）',
    )
    expect(text('error-items[1].patent_title')).toBe('必填项不能为空')
    expect($('error-items[1].patent_no')).toBeNull()
    expect(text('save-problems')).toContain('商标')
  })
})

describe('plan board', () => {
  it('shows each target with Rust’s value, per cent and track, narrowed to a division', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(PlanView)
    await flushPromises()
    expect(text('plan-percent-TGT-0001')).toBe('1%')
    expect(text('plan-value-TGT-0001')).toBe('¥5,000,000.00 / ¥300,000,000.00')
    expect(text('plan-track-TGT-0001')).toBe('进度滞后')
    expect(text('plan-percent-TGT-0002')).toBe('60%')
    expect(text('plan-value-TGT-0002')).toBe('6 家 / 10 家')
    expect(text('plan-percent-TGT-0003')).toBe('25%')
    expect(text('plan-TGT-0001')).toContain('一(二)、四(九)')
    // A county with no targets of its own: the empty state says so.
    await pick(wrapper, 'plan-division', '411525')
    expect(calls.filter((c) => c.cmd === 'targets_progress').map((c) => c.args.division)).toEqual([null, '411525'])
    expect(text('plan-empty')).toContain('该区划没有规划目标')
    expect($('plan-TGT-0001')).toBeNull()
  })

  it('lays out the financing Rust totals per division and year, with its total', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(PlanView)
    wrapper.findComponent(NTabs).vm.$emit('update:value', 'financing')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'financing_totals')!.args).toEqual({ from: 2021, to: 2026, division: null })
    const row = [...document.querySelectorAll('[data-testid="fin-411525"] td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim())
    expect(row).toEqual(['固始县', '—', '¥5,000,000.00', '—', '—', '—', '—'])
    expect(text('fin-411521')).toContain('¥3,000,000.00')
    expect(text('fin-total')).toBe('¥8,000,000.00')
    await pick(wrapper, 'fin-division', '411500')
    expect(calls.filter((c) => c.cmd === 'financing_totals').at(-1)!.args).toEqual({ from: 2021, to: 2026, division: '411500' })
    expect(text('fin-total')).toBe('¥8,000,000.00')
  })
})

describe('data freshness on the plan board', () => {
  it('says when no county bundle was merged, for the whole workspace and for the division picked', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(PlanView)
    await flushPromises()
    expect(text('freshness')).toContain('数据时效')
    expect(text('freshness-empty')).toBe('尚未合并区县交换包，数据均为本机录入')
    await pick(wrapper, 'plan-division', '411525')
    expect(calls.filter((c) => c.cmd === 'data_freshness').map((c) => c.args.division)).toEqual([null, '411525'])
    expect(text('freshness-empty')).toBe('该区划没有合并过交换包，数据均为本机录入')
    // The financing tab asks for its own division filter's.
    wrapper.findComponent(NTabs).vm.$emit('update:value', 'financing')
    await flushPromises()
    await pick(wrapper, 'fin-division', '411500')
    expect(calls.filter((c) => c.cmd === 'data_freshness').at(-1)!.args).toEqual({ division: '411500' })
    expect($('freshness-error')).toBeNull()
  })

  it('lists each county’s last merged bundle, its source and its age as Rust gives them', async () => {
    // Rust's recording has no bundle merged: a hand-made answer of the same shape.
    const ages: DataAge[] = [
      { division: '411521', name: '罗山县', as_of: '2026-11-20', source_name: '罗山县市场监督管理局', merged_on: '2026-11-25', days: 7 },
      { division: '411525', name: '固始县', as_of: '2026-10-31', source_name: '固始县市场监督管理局', merged_on: '2026-11-02', days: 1 },
    ]
    installBackend({ overrides: { data_freshness: () => ages } })
    await mountWith(PlanView)
    await flushPromises()
    expect($('freshness-empty')).toBeNull()
    const row = [...document.querySelectorAll('[data-testid="freshness-411521"] td')].map((td) => td.textContent?.trim())
    expect(row).toEqual(['罗山县', '2026年11月20日', '罗山县市场监督管理局', '2026年11月25日', '7 天'])
    expect(text('freshness-411525')).toContain('1 天')
  })

  it('words the ages in English', async () => {
    installBackend({ overrides: { data_freshness: () => [{ division: '411521', name: '罗山县', as_of: '2026-11-20', source_name: 'x', merged_on: '2026-11-25', days: 1 }] } })
    await mountWith(PlanView, {}, 'en-US')
    await flushPromises()
    expect(text('freshness')).toContain('Data freshness')
    expect(text('freshness-411521')).toContain('2026-11-20')
    expect(text('freshness-411521')).toContain('1 day')
  })
})

describe('target detail', () => {
  it('shows the progress, the formula and the records each division counts, linked', async () => {
    const { calls } = installBackend()
    await mountWith(DetailView, { kind: 'target', code: 'TGT-0004' })
    await flushPromises()
    expect(text('target-value')).toBe('3')
    expect(text('target-percent')).toBe('60%')
    expect(text('target-expected')).toBe('5')
    expect(text('target-track')).toBe('进度滞后')
    expect(text('target-formula')).toContain('累计指标：期内合计值 ≥ 目标值 × 已过天数占规划期的比例')
    expect(text('division-411502')).toContain('浉河区')
    // Every record the figure counts, each a link to it.
    const link = document.querySelector<HTMLAnchorElement>('[data-testid="counted-CASE-0002"] a')!
    expect(link.getAttribute('href')).toContain('/record/case/CASE-0002')
    expect(text('target-counted')).toContain('共 3 条')
    // One division's: asked of Rust for that division.
    await click('division-411502')
    expect(calls.filter((c) => c.cmd === 'target_counted').at(-1)!.args).toEqual({ key: 'TGT-0004', division: '411502', limit: 100, offset: 0 })
    expect(text('target-counted')).toContain('共 2 条')
    expect($('counted-CASE-0002')).toBeNull()
    await click('division-all')
    expect($('counted-CASE-0001')).not.toBeNull()
    expect($('counted-CASE-0003')).not.toBeNull()
  })

  it('links each counted record as the kind Rust says the rows are', async () => {
    // Rust names the listed records' kind (Counted.kind); the screen does not derive it from the metric.
    const { backend } = installBackend()
    const recorded = backend.handle('target_counted', { key: 'TGT-0004', division: null, limit: 100, offset: 0 }) as Counted
    expect(recorded.kind).toBe('case')
    // The division Rust was asked about besides all of them: 浉河区's two cases.
    const shihe = backend.handle('target_counted', { key: 'TGT-0004', division: '411502', limit: 100, offset: 0 }) as Counted
    expect(shihe).toMatchObject({ kind: 'case', total: 2 })
    expect(shihe.rows.map((r) => r.code)).toEqual(['CASE-0001', 'CASE-0003'])
    installBackend({ overrides: { target_counted: () => ({ ...recorded, kind: 'enterprise', rows: [{ code: 'ENT-0001', division: '411525', amount: 1 }], total: 1 }) } })
    await mountWith(DetailView, { kind: 'target', code: 'TGT-0004' })
    await flushPromises()
    expect(document.querySelector('[data-testid="counted-ENT-0001"] a')!.getAttribute('href')).toContain('/record/enterprise/ENT-0001')
  })

  it('shows a money target in yuan and the financing it counts', async () => {
    installBackend()
    await mountWith(DetailView, { kind: 'target', code: 'TGT-0001' })
    await flushPromises()
    expect(text('target-value')).toBe('¥5,000,000.00')
    expect(text('target-range')).toBe('¥0.00 → ¥300,000,000.00')
    expect(text('counted-FIN-0001')).toContain('¥5,000,000.00')
    expect(document.querySelector('[data-testid="counted-FIN-0001"] a')!.getAttribute('href')).toContain('/record/financing/FIN-0001')
  })

  it('enters a manual target’s value for a year: refused without its source, then saved', async () => {
    const { calls } = installBackend()
    await mountWith(DetailView, { kind: 'target', code: 'TGT-0002' })
    await flushPromises()
    expect(text('target-percent')).toBe('60%')
    expect(text('value-2022')).toContain('6 家')
    expect(text('value-2022')).toContain('示例：省知识产权局公布名单')
    expect($('target-by-division')).toBeNull()
    await type('value-value', '9')
    await click('btn-save-value')
    expect(calls.find((c) => c.cmd === 'set_target_value')!.args).toEqual({ key: 'TGT-0002', year: 2023, value: '9', source: '', reason: null })
    expect(text('error-source')).toBe('必填项不能为空')
    expect(($('value-value') as HTMLInputElement).value).toBe('9')
    await type('value-source', '信阳市知识产权局 2023 年工作总结')
    await click('btn-save-value')
    expect($('error-source')).toBeNull()
    expect(text('value-2023')).toContain('9 家')
    expect(text('value-2023')).toContain('信阳市知识产权局 2023 年工作总结')
    expect(text('target-percent')).toBe('90%')
  })
})

describe('GI yearly statistics', () => {
  it('lists the years, refuses an output over the sector’s under the field, then saves the year', async () => {
    const { calls } = installBackend()
    await mountWith(GiStats, { gi: 'GI-0001' })
    await flushPromises()
    expect(text('stats-2025')).toContain('¥14,000,000,000.00')
    expect(text('stats-2025')).toContain('示例数据（非官方统计，待核实）')
    await click('btn-add-stats')
    expect(($('stats-field-year') as HTMLInputElement).value).toBe('2026')
    await type('stats-field-producers', '1200')
    await type('stats-field-output_value', '30000000000')
    await type('stats-field-sector_output', '20000000000')
    await type('stats-field-area_mu', '2200000')
    await type('stats-field-e_commerce', '3500000000')
    await type('stats-field-source', '信阳市农业农村局')
    await click('btn-save-stats')
    expect(text('error-output_value')).toBe('产值 ¥30,000,000,000.00 超过行业总产值 ¥20,000,000,000.00')
    expect(($('stats-field-output_value') as HTMLInputElement).value).toBe('30000000000')
    await type('stats-field-output_value', '15000000000')
    await click('btn-save-stats')
    expect(calls.filter((c) => c.cmd === 'set_gi_stats').at(-1)!.args.input).toMatchObject({ year: '2026', head_count: null, output_value: '15000000000' })
    expect($('gi-stats-form')).toBeNull()
    expect(text('stats-2026')).toContain('¥15,000,000,000.00')
    expect(text('stats-2026')).toContain('信阳市农业农村局')
  })

  it('removes 2026 with its reason and shows what Rust keeps: 2025', async () => {
    const { calls } = installBackend()
    const WithConfirm = defineComponent({ setup: () => () => [h(GiStats, { gi: 'GI-0001' }), h(ConfirmHost)] })
    await mountWith(WithConfirm)
    await flushPromises()
    await click('btn-add-stats')
    for (const [f, v] of Object.entries(STATS_2026)) if (f !== 'year' && v !== null) await type('stats-field-' + f, v)
    await click('btn-save-stats')
    expect(text('stats-2026')).toContain('¥15,000,000,000.00')
    // Cancelled: nothing asked of Rust.
    await click('btn-remove-stats-2026')
    expect(text('confirm-dialog')).toContain('删除 2026 年统计数据？')
    await click('btn-cancel-confirm')
    expect(calls.some((c) => c.cmd === 'remove_gi_stats')).toBe(false)
    expect($('stats-2026')).not.toBeNull()
    // Confirmed with a reason (it goes to the history).
    await click('btn-remove-stats-2026')
    await type('field-reason', '录入有误')
    await click('btn-confirm')
    expect(calls.find((c) => c.cmd === 'remove_gi_stats')!.args).toEqual({ gi: 'GI-0001', year: 2026, reason: '录入有误' })
    expect($('stats-2026')).toBeNull()
    expect(text('stats-2025')).toContain('¥14,000,000,000.00')
    expect($('gi-stats-remove-error')).toBeNull()
  })

  it('is a tab of the GI product’s page', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0001' })
    await flushPromises()
    expect(wrapper.text()).toContain('年度统计')
  })
})

describe('zone detail', () => {
  const cells = (testid: string) => [...document.querySelectorAll(`[data-testid="${testid}"] td`)].map((td) => td.textContent?.trim())

  it('works on the fresh sample: the KPIs read the latest year there, 2025', async () => {
    installBackend()
    await mountWith(DetailView, { kind: 'zone', code: 'ZONE-0001' })
    await flushPromises()
    expect($('zone-kpis-error')).toBeNull()
    expect(text('zone-warnings')).toContain('筹建期已届满，结果未录入（筹建期至 2025-10-31）')
    expect(text('zone-stats-year')).toBe('2025')
    expect(cells('kpi-min_output')).toEqual(['产值', '≥ ¥100,000,000.00', '¥14,000,000,000.00', '已达到'])
    expect(cells('kpi-min_sector_pct')).toEqual(['占行业总产值比例（%）', '≥ 50', '70', '已达到'])
  })

  it('shows its KPIs as Rust reads them and the 筹建期已届满 warning', async () => {
    const { backend } = installBackend()
    // These KPIs were recorded after GI-0001's 2026 statistics were entered (as the form above does).
    backend.handle('set_gi_stats', { gi: 'GI-0001', input: STATS_2026, reason: null })
    await mountWith(DetailView, { kind: 'zone', code: 'ZONE-0001' })
    await flushPromises()
    expect(text('zone-warnings')).toContain('筹建期已届满，结果未录入（筹建期至 2025-10-31）')
    expect(text('zone-status')).toBe('筹建中')
    expect(text('zone-users')).toBe('1')
    expect(text('zone-stats-year')).toBe('2026')
    expect(text('zone-kpi-set')).toContain('省级示范区建设标准（湖南示例）')
    expect(cells('kpi-min_users')).toEqual(['专用标志使用人数', '≥ 5', '1', '未达到'])
    expect(cells('kpi-min_authorised_pct')).toEqual(['获准使用生产者占比（%）', '≥ 50', '0', '未达到'])
    expect(cells('kpi-min_output')).toEqual(['产值', '≥ ¥100,000,000.00', '¥15,000,000,000.00', '已达到'])
    expect(cells('kpi-min_sector_pct')).toEqual(['占行业总产值比例（%）', '≥ 50', '75', '已达到'])
  })

  it('offers the KPI rule sets Rust lists in the zone form', async () => {
    installBackend()
    const { wrapper } = await mountWith(RecordEditor, { kind: 'zone', initial: blankInput('zone') })
    await flushPromises()
    const select = wrapper.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === 'field-kpi_set')!
    expect((select.props('options') as { label: string; value: string }[]).map((o) => o.value)).toEqual(['hunan'])
    expect((select.props('options') as { label: string }[])[0].label).toBe('省级示范区建设标准（湖南示例） · hunan')
  })
})

describe('KPI rule sets in Settings', () => {
  it('lists the sets and adds one as Rust records it', async () => {
    const { calls } = installBackend()
    await mountWith(KpiSetsCard)
    await flushPromises()
    expect(text('kpi-set-hunan')).toContain('省级示范区建设标准（湖南示例）')
    expect(text('kpi-set-hunan')).toContain('产值 ≥ ¥100,000,000.00')
    await click('btn-add-kpi-set')
    await type('kpi-field-key', 'henan')
    await type('kpi-field-name', '河南省示范区考核指标（示例）')
    await type('kpi-field-basis', '示例，待核实')
    await type('kpi-field-min_users', '10')
    await type('kpi-field-min_authorised_pct', '60')
    await type('kpi-field-min_output', '500000000')
    await click('btn-save-kpi-set')
    expect(calls.find((c) => c.cmd === 'set_kpi_set')!.args).toEqual({
      key: 'henan',
      name: '河南省示范区考核指标（示例）',
      basis: '示例，待核实',
      rules: { min_users: '10', min_authorised_pct: '60', min_output: '500000000', min_sector_pct: null },
      reason: null,
    })
    expect($('kpi-set-form')).toBeNull()
    expect(text('kpi-set-henan')).toContain('河南省示范区考核指标（示例）')
    expect(text('kpi-set-henan')).toContain('产值 ≥ ¥500,000,000.00')
  })
})
