// Enforcement cases and the statistics form: the case form's party rows, the flow offering
// Rust's next steps (a fine over the art. 60 limit refused under the fine), the records that
// list the cases naming them, and the statistics page with Rust's recorded figures. Every
// answer is one Rust recorded (crates/api/tests/fixtures.rs); the mock refuses any other.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import type { VueWrapper } from '@vue/test-utils'
import { NCheckbox, NRadioGroup, NSelect } from 'naive-ui'
import AppSidebar from '../src/components/AppSidebar.vue'
import RecordEditor from '../src/components/RecordEditor.vue'
import RefTags from '../src/components/RefTags.vue'
import RefSelect from '../src/components/RefSelect.vue'
import RelatedList from '../src/components/RelatedList.vue'
import DetailView from '../src/views/DetailView.vue'
import StatsView from '../src/views/StatsView.vue'
import { blankCaseStepForm, buildCaseStep } from '../src/lib/cases'
import { keysOf } from '../src/lib/choices'
import { blankInput, blankParty, formShows, partyMode, switchParty } from '../src/lib/forms'
import { messages } from '../src/i18n'
import { flushPromises, installBackend, mountWith } from './helpers'

const zhCN = messages['zh-CN']
const enUS = messages['en-US']

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent?.trim() ?? ''
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
/** Choose in the NSelect (or RefSelect, RefTags) with this testid: its menu is virtual here. */
async function pick(wrapper: VueWrapper, testid: string, value: unknown) {
  const all = [...wrapper.findAllComponents(RefSelect), ...wrapper.findAllComponents(RefTags), ...wrapper.findAllComponents(NSelect)]
  const select = all.find((c) => c.attributes('data-testid') === testid || (c.props() as { testid?: string }).testid === testid)
  if (!select) throw new Error(`no select ${testid}`)
  select.vm.$emit('update:value', value)
  await flushPromises()
}
const stepButtons = (wrapper: VueWrapper) => wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))

describe('case helpers', () => {
  it('builds each step as Rust takes it, blanks as null', () => {
    const f = { ...blankCaseStepForm('2026-11-27'), number: ' 固市监罚〔2026〕21号 ', fine: '300000' }
    expect(buildCaseStep('decide', f)).toEqual({
      step: 'decide',
      on: '2026-11-27',
      penalised: true,
      number: '固市监罚〔2026〕21号',
      fine: '300000',
      confiscation: null,
      order_to_stop: true,
      supplier: null,
      reason: null,
    })
    expect(buildCaseStep('close', { ...f, on: ' ' })).toEqual({ step: 'close', on: null, note: null })
    expect(buildCaseStep('transfer', { ...f, receiver: '县公安局' })).toEqual({ step: 'transfer', on: '2026-11-27', receiver: '县公安局', note: null })
  })

  it('reads a party row’s mode and clears what another mode does not show', () => {
    const row = { ...blankParty(), name: '某茶叶店', credit_code: '91411525MA47RG003C' }
    expect(partyMode(row)).toBe('organisation')
    expect(partyMode({ ...blankParty(), enterprise: 'ENT-0005' })).toBe('enterprise')
    expect(partyMode({ ...blankParty(), name: '张某', person: true })).toBe('person')
    expect(partyMode(blankParty())).toBe('enterprise')
    switchParty(row, 'person')
    expect(row).toEqual({ enterprise: null, name: '某茶叶店', credit_code: null, person: true })
    switchParty(row, 'enterprise')
    expect(row).toEqual({ enterprise: null, name: null, credit_code: null, person: null })
  })

  it('shows the problems Rust names in the case form’s lists', () => {
    expect(formShows('case', 'parties[1].enterprise')).toBe(true)
    expect(formShows('case', 'related[0]')).toBe(true)
    expect(formShows('case', 'fine')).toBe(false)
    expect((blankInput('case').parties as unknown[]).length).toBe(1)
  })

  it('offers the measures Rust counts, in its order, each with its words', () => {
    // The vocabulary's `measure` group is Rust's MEASURES (a core test holds them equal).
    expect(keysOf('measure')).toEqual(['cases', 'closed', 'penalised', 'fines', 'turnover', 'transfers'])
    for (const m of keysOf('measure')) {
      expect((zhCN.measure as Record<string, string>)[m]).toBeTruthy()
      expect((enUS.measure as Record<string, string>)[m]).toBeTruthy()
    }
  })

  it('has every word the case screens use, in both languages', () => {
    const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)
    const used = new Set<string>()
    for (const f of ['components/CaseFlow.vue', 'views/StatsView.vue', 'components/RecordForm.vue', 'components/RelatedList.vue', 'components/RefTags.vue', 'views/DetailView.vue']) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
    expect(zhCN.nav.case).toBe('执法案件')
    expect(zhCN.nav.stats).toBe('案件统计表')
  })
})

describe('the case list and statistics in the sidebar', () => {
  it('has a 执法案件 entry and a 案件统计表 entry', async () => {
    installBackend()
    const { wrapper } = await mountWith(AppSidebar)
    expect(wrapper.find('[data-testid="nav-case"]').attributes('href')).toContain('/list/case')
    expect(wrapper.find('[data-testid="nav-stats"]').text()).toBe('案件统计表')
  })
})

describe('new case form', () => {
  async function openForm() {
    const installed = installBackend()
    const saved: unknown[] = []
    const mounted = await mountWith(RecordEditor, { kind: 'case', initial: blankInput('case'), onSaved: (d: unknown) => saved.push(d) })
    return { ...installed, ...mounted, saved }
  }

  it('edits parties as rows and shows Rust’s problems under each row’s fields', async () => {
    const { wrapper, calls } = await openForm()
    // One row to start with, a registered enterprise to pick.
    expect($('party-0')).not.toBeNull()
    expect($('field-parties[0].enterprise')).not.toBeNull()
    await click('party-0-mode-organisation')
    expect($('field-parties[0].enterprise')).toBeNull()
    await type('field-parties[0].name', '固始县某茶叶店')
    await type('field-parties[0].credit_code', '91411525MA47RG003')
    await click('btn-add-party')
    await pick(wrapper, 'field-parties[1].enterprise', 'ENT-0099')
    await click('btn-save')
    const sent = calls.find((c) => c.cmd === 'add_record')!.args.input as Record<string, unknown>
    expect(sent.parties).toEqual([{ name: '固始县某茶叶店', credit_code: '91411525MA47RG003' }, { enterprise: 'ENT-0099' }])
    expect(text('error-parties[0].credit_code')).toBe('统一社会信用代码应为 18 位，实际为 17 位')
    expect(text('error-parties[1].enterprise')).toBe('找不到所引用的企业“ENT-0099”')
    // The required fields left blank, under theirs; the typed rows are kept.
    expect(text('error-case_no')).toBe('必填项不能为空')
    expect(text('error-jurisdiction')).toBe('必填项不能为空')
    expect(($('field-parties[0].name') as HTMLInputElement).value).toBe('固始县某茶叶店')
    expect(text('save-problems')).toContain('管辖区划')
    // A natural person: a name only.
    await click('party-1-mode-person')
    expect($('field-parties[1].enterprise')).toBeNull()
    expect($('field-parties[1].credit_code')).toBeNull()
    expect($('field-parties[1].name')).not.toBeNull()
    await click('btn-remove-party-0')
    expect($('party-1')).toBeNull()
  })

  it('opens a case with an enterprise, a person and a related trademark, as Rust recorded it', async () => {
    const { wrapper, calls, saved } = await openForm()
    await type('field-case_no', '固市监处〔2026〕21号')
    await pick(wrapper, 'field-kind', 'mark_infringement')
    await pick(wrapper, 'field-source', 'inspection')
    await pick(wrapper, 'field-jurisdiction', '411525')
    await type('field-opened_on', '2026-11-20')
    await type('field-turnover', '30000')
    await pick(wrapper, 'field-related', ['TM-0002'])
    await type('field-facts', '在超市销售标有“云雾山”字样的茶叶，经商标注册人辨认为侵权商品。')
    await pick(wrapper, 'field-parties[0].enterprise', 'ENT-0005')
    await click('btn-add-party')
    await click('party-1-mode-person')
    await type('field-parties[1].name', '张某')
    await click('btn-save')
    expect(calls.find((c) => c.cmd === 'add_record')!.args.input).toMatchObject({
      parties: [{ enterprise: 'ENT-0005' }, { name: '张某', person: true }],
      related: ['TM-0002'],
    })
    expect($('form-errors')).toBeNull()
    expect(saved).toHaveLength(1)
    expect((saved[0] as { code: string }).code).toBe('CASE-0004')
  })
})

describe('case detail', () => {
  /** The recorded new case CASE-0004, under investigation (as the form and 调查 left it). */
  function withNewCase() {
    const installed = installBackend()
    const { backend } = installed
    backend.handle('add_record', {
      kind: 'case',
      input: {
        case_no: '固市监处〔2026〕21号',
        kind: 'mark_infringement',
        source: 'inspection',
        jurisdiction: '411525',
        opened_on: '2026-11-20',
        parties: [{ enterprise: 'ENT-0005' }, { name: '张某', person: true }],
        related: ['TM-0002'],
        facts: '在超市销售标有“云雾山”字样的茶叶，经商标注册人辨认为侵权商品。',
        turnover: '30000',
      },
    })
    return installed
  }

  it('offers 调查 on a new case, then the steps Rust offers next', async () => {
    const { calls } = withNewCase()
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0004' })
    await flushPromises()
    expect(text('case-state')).toBe('已立案')
    expect(stepButtons(wrapper)).toEqual(['step-investigate', 'step-transfer'])
    await click('step-investigate')
    expect($('btn-confirm')!.hasAttribute('disabled')).toBe(true)
    await type('field-investigator', '张执法')
    await click('btn-confirm')
    expect(calls.find((c) => c.cmd === 'case_step')!.args).toEqual({
      key: 'CASE-0004',
      step: { step: 'investigate', on: '2026-11-27', investigator: '张执法' },
    })
    expect(text('case-state')).toBe('调查中')
    expect(stepButtons(wrapper)).toEqual(['step-decide', 'step-transfer'])
    // 作出决定 is a legal act: red.
    expect(wrapper.find('[data-testid="step-decide"]').classes().join(' ')).toContain('n-button--error-type')
    expect(text('case-steps')).toContain('张执法')
  })

  it('refuses a fine over the art. 60 limit under the fine, then decides and closes', async () => {
    const { backend } = withNewCase()
    backend.handle('case_step', { key: 'CASE-0004', step: { step: 'investigate', on: '2026-11-27', investigator: '张执法' } })
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0004' })
    await flushPromises()
    await click('step-decide')
    expect($('legal-warning')).not.toBeNull()
    expect($('btn-confirm')!.className).toContain('n-button--error-type')
    expect($('btn-confirm')!.textContent).toContain('作出决定')
    // The decision number is required (Rust says so): confirm waits for it.
    expect($('btn-confirm')!.hasAttribute('disabled')).toBe(true)
    await type('field-number', '固市监罚〔2026〕21号')
    await type('field-fine', '300000')
    await click('btn-confirm')
    expect(text('error-fine')).toBe(
      '罚款超过商标法第六十条第二款的上限 ¥250,000.00（违法经营额 ¥30,000.00：五万元以上的，最高为其五倍；没有或不足五万元的，最高二十五万元）',
    )
    expect(($('field-fine') as HTMLInputElement).value).toBe('300000')
    expect($('dialog-decide')).not.toBeNull()
    await type('field-fine', '50000')
    await type('field-confiscation', '侵权茶叶 40 盒')
    await click('btn-confirm')
    expect($('dialog-decide')).toBeNull()
    expect(text('case-state')).toBe('已决定')
    expect(text('decision-fine')).toBe('¥50,000.00')
    expect(text('decision-limit')).toBe('¥250,000.00（商标法第六十条第二款）')
    expect(text('decision-number')).toBe('固市监罚〔2026〕21号')
    expect(stepButtons(wrapper)).toEqual(['step-close', 'step-transfer'])
    await click('step-close')
    await click('btn-confirm')
    expect(text('case-state')).toBe('已结案')
    expect(stepButtons(wrapper)).toEqual([])
    expect(text('case-closed-on')).toBe('2026年11月27日')
    // A closed case is no longer edited (Rust's `editable`).
    expect($('btn-edit')).toBeNull()
  })

  it('chooses 不予处罚 and the order to stop in the decision form', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0002' })
    await flushPromises()
    await click('step-decide')
    const group = wrapper.findAllComponents(NRadioGroup).find((c) => c.attributes('data-testid') === 'field-penalised')!
    group.vm.$emit('update:value', false)
    const stop = wrapper.findAllComponents(NCheckbox).find((c) => c.attributes('data-testid') === 'field-order_to_stop')!
    stop.vm.$emit('update:checked', false)
    await flushPromises()
    expect(($('field-penalised-no')!.querySelector('input') as HTMLInputElement).checked).toBe(true)
    expect($('field-order_to_stop')!.className).not.toContain('n-checkbox--checked')
  })

  it('attaches files picked in Rust’s dialog and lists them; a refusal shows under the list', async () => {
    let answer: () => unknown = () => null
    installBackend({ overrides: { attach_case_files: () => answer() } })
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0002' })
    await flushPromises()
    const dto = (await import('../src/api/commands')).api
    const shown = await dto.showRecord('case', 'CASE-0002')
    // Cancelled: nothing changes.
    await click('btn-attach-case-files')
    expect(text('case-attachments')).toContain('—')
    const file = { sha256: 'ab'.repeat(32), name: '现场检查笔录.pdf', bytes: 52_000, pages: 3 }
    answer = () => ({ ...shown, data: { ...(shown.data as object), attachments: [file] } })
    await click('btn-attach-case-files')
    expect(text('case-attachments')).toContain('现场检查笔录.pdf')
    expect(text('case-attachments')).toContain('3 页')
    answer = () => Promise.reject({ kind: 'invalid', field: null, rule: 'pdf_unreadable', params: { name: 'x.pdf', detail: '损坏' }, message: { 'zh-CN': 'x', 'en-US': 'x' }, problems: [] })
    await click('btn-attach-case-files')
    expect($('case-attach-error')).not.toBeNull()
    wrapper.unmount()
  })

  it('shows Rust’s warning on a wording fine other than ¥100,000', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0002' }, 'en-US')
    await flushPromises()
    expect($('case-warnings')).toBeNull()
    // The enterprise party links to its record.
    expect(text('case-party-0')).toContain('罗山县茶业有限公司（示例）')
    await click('step-decide')
    await type('field-number', '罗市监罚〔2026〕9号')
    await type('field-fine', '50000')
    await click('btn-confirm')
    expect(text('case-state')).toBe('Decided')
    expect(text('case-warning-wording_fine')).toContain('the fine for using the words 驰名商标 is ¥100,000.00 (art. 53); this one is ¥50,000.00')
    expect(stepButtons(wrapper)).toEqual(['step-close', 'step-transfer'])
  })

  it('shows a closed infringement case’s decision, its parties and related records', async () => {
    installBackend()
    await mountWith(DetailView, { kind: 'case', code: 'CASE-0001' })
    await flushPromises()
    expect(text('case-state')).toBe('已结案')
    expect(text('case-no-steps')).toBe('案件已结案，没有可办理的步骤')
    expect(text('decision-fine')).toBe('¥200,000.00')
    expect(text('decision-limit')).toBe('¥400,000.00（商标法第六十条第二款）')
    expect(text('case-turnover')).toBe('¥80,000.00')
    expect(text('case-party-0')).toContain('浉河区某茶叶商行（示例）')
    expect(text('case-party-0')).toContain('92411502MA49TH0059')
    expect(text('case-related-0')).toContain('TM-0002')
    expect($('btn-edit')).toBeNull()
  })

  it('shows a transfer and a person among the parties', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'case', code: 'CASE-0003' })
    await flushPromises()
    expect(text('case-state')).toBe('已移送')
    expect(text('transfer-receiver')).toBe('信阳市公安局浉河分局')
    expect(text('case-party-0')).toContain('自然人')
    expect(stepButtons(wrapper)).toEqual(['step-close'])
    expect($('btn-edit')).not.toBeNull()
  })
})

describe('cases on the records they name', () => {
  it('lists the cases naming a trademark, an enterprise (as a party) and a GI product', async () => {
    installBackend()
    await mountWith(RelatedList, { kind: 'case', of: 'trademark', ofKey: 'TM-0002', empty: '—', testid: 'trademark-cases' })
    await flushPromises()
    expect($('trademark-case-CASE-0001')!.textContent).toContain('浉市监处〔2026〕3号（示例）')
    expect($('trademark-case-CASE-0001')!.textContent).toContain('已结案')
    document.body.innerHTML = ''
    await mountWith(RelatedList, { kind: 'case', of: 'enterprise', ofKey: 'ENT-0006', empty: '—', testid: 'enterprise-cases' })
    await flushPromises()
    expect(document.body.querySelectorAll('[data-testid^="enterprise-case-"]')).toHaveLength(1)
    expect($('enterprise-case-CASE-0002')).not.toBeNull()
    document.body.innerHTML = ''
    await mountWith(RelatedList, { kind: 'case', of: 'gi', ofKey: 'GI-0002', empty: '没有涉及此记录的执法案件', testid: 'gi-cases' })
    await flushPromises()
    expect(document.body.textContent).toContain('没有涉及此记录的执法案件')
  })

  it('has a 执法案件 tab on the detail pages of the records a case names', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0001' })
    await flushPromises()
    expect(wrapper.find('.n-tabs-tab[data-name="cases"]').text()).toBe('执法案件')
  })
})

describe('statistics page', () => {
  it('shows Rust’s figures for this year, marks sample rows, and narrows to a county', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(StatsView)
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'enforcement_stats')!.args).toEqual({ from: '2026-01-01', to: '2026-12-31', division: null })
    expect(text('stats-scope')).toBe('2026-01-01 至 2026-12-31 · 全部区划')
    expect($('stats-sample-note')).not.toBeNull()
    expect(text('stats-line-0')).toContain('商标侵权案件（件）')
    expect(text('stats-value-4')).toBe('3')
    expect(text('stats-value-7')).toBe('¥200,000.00')
    expect(text('stats-value-8')).toBe('¥80,000.00')
    await pick(wrapper, 'stats-division', '411502')
    expect(text('stats-value-4')).toBe('2')
    expect(text('stats-scope')).toBe('2026-01-01 至 2026-12-31 · 浉河区')
  })

  it('shows a period the wrong way round under its field', async () => {
    installBackend()
    await mountWith(StatsView)
    await flushPromises()
    await type('stats-from', '2026-12-31')
    await type('stats-to', '2026-01-01')
    $('stats-to')!.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(text('error-to')).toBe('日期 2026-01-01 不能早于 2026-12-31')
  })

  it('exports and prints the form for the period shown', async () => {
    const { calls } = installBackend()
    await mountWith(StatsView)
    await flushPromises()
    await click('btn-export-stats')
    expect(calls.find((c) => c.cmd === 'export_enforcement_stats')!.args).toEqual({ from: '2026-01-01', to: '2026-12-31', division: null })
    await click('btn-print-stats')
    expect(text('stats-file')).toBe('2026-01-01_2026-12-31-案件统计表.pdf')
    // The notice's 打印 (to the printer) is the only control with its test id.
    expect(document.body.querySelectorAll('[data-testid="stats-print"]')).toHaveLength(1)
  })

  it('edits the form’s rows: a blank label refused under it, then saved with a reason', async () => {
    installBackend()
    const { wrapper } = await mountWith(StatsView)
    await flushPromises()
    await click('stats-edit')
    expect(document.body.querySelectorAll('[data-testid^="stats-row-"][data-testid$="-label"]')).toHaveLength(10)
    await type('stats-row-0-label', '')
    await click('stats-form-save')
    expect(text('error-rows[0].label')).toBe('必填项不能为空')
    await type('stats-row-0-label', '侵犯注册商标专用权案件（件）')
    await click('stats-row-add')
    await type('stats-row-10-label', '商标侵权罚款（元）')
    await pick(wrapper, 'stats-row-10-kinds', ['mark_infringement'])
    await pick(wrapper, 'stats-row-10-measure', 'fines')
    await type('stats-form-reason', '按省局 2026 年报表调整')
    await click('stats-form-save')
    expect($('stats-form-save')).toBeNull()
    expect($('stats-sample-note')).toBeNull()
    expect(text('stats-line-0')).toContain('侵犯注册商标专用权案件（件）')
    expect(text('stats-line-10')).toContain('侵犯注册商标专用权 · 罚款金额')
    expect(text('stats-value-10')).toBe('¥200,000.00')
  })
})

describe('fine limits (settings)', () => {
  it('lists the kinds Rust says the bureau sets, and saves one as Rust answered', async () => {
    const { default: FineLimitsCard } = await import('../src/components/FineLimitsCard.vue')
    installBackend()
    const { wrapper } = await mountWith(FineLimitsCard)
    await flushPromises()
    const rows = wrapper.findAll('tr[data-testid^="fine-limit-"]')
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual(['fine-limit-gi_misuse', 'fine-limit-special_mark_misuse', 'fine-limit-other'])
    expect(text('fine-limit-gi_misuse')).toContain('未设定')
    await click('fine-limit-edit-gi_misuse')
    await type('fine-limit-max', '20000')
    await click('fine-limit-save')
    // No basis: Rust refuses, naming the field.
    expect(text('fine-limit-error')).toContain('依据')
    await type('fine-limit-basis', '信阳市市场监管行政处罚裁量基准（示例）')
    await click('fine-limit-save')
    expect($('fine-limit-error')).toBeNull()
    expect(text('fine-limit-gi_misuse')).toContain('¥20,000.00')
    expect(text('fine-limit-gi_misuse')).toContain('裁量基准')
    wrapper.unmount()
  })
})
