// The enterprise workbench: application flow, eligibility, well-known-mark evidence and
// readiness, budget & ledger. Pure helpers first, then the screens against the mock backend.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import ApplicationFlow from '../src/components/ApplicationFlow.vue'
import DetailView from '../src/views/DetailView.vue'
import LedgerView from '../src/views/LedgerView.vue'
import ConfirmHost from '../src/components/ConfirmHost.vue'
import { blankAppStepForm, buildAppStep } from '../src/lib/application'
import { pageCount, periodInput, periodText, sortEvidence } from '../src/lib/evidence'
import { bilingual } from '../src/lib/format'
import { dropNulls } from '../src/lib/patch'
import { columnsFor } from '../src/lib/columns'
import { formShows } from '../src/lib/forms'
import { awardRecords } from '../src/mock/data'
import type { Evidence } from '../src/api/bindings/Evidence'
import { flushPromises, installBackend, mountWith } from './helpers'
import { defineComponent, h } from 'vue'
import { NSelect } from 'naive-ui'
import type { VueWrapper } from '@vue/test-utils'
import { messages } from '../src/i18n'

// The catalogues as the app loads them: the UI's chrome with Rust's vocabulary.
const zhCN = messages['zh-CN']
const enUS = messages['en-US']

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
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

/** Choose a value in the NSelect with this testid (its menu is virtual: happy-dom lays out nothing). */
async function pick(wrapper: VueWrapper, testid: string, value: string) {
  const select = wrapper.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === testid)!
  select.vm.$emit('update:value', value)
  await flushPromises()
}

describe('application flow helpers', () => {
  it('builds the step as Rust takes it, an empty date meaning today', () => {
    const f = { ...blankAppStepForm('2026-03-06'), on: ' ', over_budget_reason: ' 县政府常务会议同意 ', note: '' }
    expect(buildAppStep('approve', f)).toEqual({ step: 'approve', on: null, note: null, over_budget_reason: '县政府常务会议同意' })
    expect(buildAppStep('submit', blankAppStepForm('2026-03-06'))).toEqual({ step: 'submit', on: '2026-03-06' })
    expect(buildAppStep('pay', { ...f, voucher: 'PZ-1' })).toMatchObject({ step: 'pay', voucher: 'PZ-1' })
  })
})

describe('evidence helpers', () => {
  it('shows a period as years where it can', () => {
    expect(periodText({ from: '2024-01-01', to: '2024-12-31' }, 'zh-CN')).toBe('2024')
    expect(periodText({ from: '2019-01-01', to: '2024-12-31' }, 'zh-CN')).toBe('2019–2024')
    expect(periodText({ from: '2019-03-01', to: '2024-05-31' }, 'zh-CN')).toBe('2019年3月1日 – 2024年5月31日')
    expect(periodText({ from: '2019-03-01', to: '2024-05-31' }, 'en-US')).toBe('2019-03-01 – 2024-05-31')
  })

  it('gives the period back as typed input', () => {
    expect(periodInput({ from: '2024-01-01', to: '2024-12-31' })).toBe('2024')
    expect(periodInput({ from: '2019-01-01', to: '2024-12-31' })).toBe('2019-2024')
    expect(periodInput({ from: '2019-03-01', to: '2024-12-31' })).toBe('2019-03-01..2024-12-31')
  })

  it('sorts by factor, then number, and counts pages', () => {
    const ev = (no: number, factor: Evidence['factor'], pages: (number | null)[]): Evidence => ({
      no,
      title: 't',
      factor,
      period: { from: '2024-01-01', to: '2024-12-31' },
      source: 's',
      notes: null,
      files: pages.map((p, i) => ({ sha256: `${no}-${i}`, name: 'a.pdf', bytes: 1, pages: p })),
    })
    const items = [ev(3, 'revenue', [10]), ev(1, 'publicity', [2, null]), ev(2, 'awareness', []), ev(4, 'publicity', [])]
    expect(sortEvidence(items).map((e) => e.no)).toEqual([1, 2, 3, 4])
    expect(pageCount(items)).toEqual({ pages: 12, uncounted: 1, files: 3 })
  })

  it('picks the sentence of the user’s language', () => {
    expect(bilingual({ 'zh-CN': '已具备', 'en-US': 'met' }, 'en-US')).toBe('met')
    expect(bilingual({ 'zh-CN': '已具备', 'en-US': 'met' }, 'zh-CN')).toBe('已具备')
    expect(bilingual(null, 'zh-CN')).toBe('')
  })
})

describe('forms for the new kinds', () => {
  it('drops nulls Rust would refuse, keeping a patch’s top-level clears', () => {
    expect(dropNulls({ title: null, claims: [{ item: null, achieved_on: '2026-01-01' }] })).toEqual({ claims: [{ achieved_on: '2026-01-01' }] })
    expect(dropNulls({ notes: null, claims: [{ document: null }] }, true)).toEqual({ notes: null, claims: [{}] })
  })

  it('maps claim problems to the application form', () => {
    expect(formShows('application', 'claims[0].item')).toBe(true)
    expect(formShows('incentive_rule', 'window_years')).toBe(true)
    expect(formShows('application', 'reviewer')).toBe(false)
  })

  it('has list columns for applications and incentive rules', () => {
    const t = (k: string) => k
    expect(columnsFor('application', t).map((c) => c.key)).toEqual(['code', 'name', 'kind', 'state', 'enterprise', 'submitted_on', 'amount'])
    expect(columnsFor('incentive_rule', t).map((c) => c.key)).toEqual(['code', 'name', 'item', 'amount', 'jurisdiction', 'policy_no'])
  })
})

describe('workbench i18n', () => {
  const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)
  it('every key the new screens use exists in both languages', () => {
    const files = [
      'components/ApplicationFlow.vue',
      'components/EligibilityPanel.vue',
      'components/CandidateEvidence.vue',
      'components/CandidateReadiness.vue',
      'components/RecognitionCard.vue',
      'components/IncentiveRuleFacts.vue',
      'views/LedgerView.vue',
      'views/DetailView.vue',
      'components/RecordForm.vue',
      'lib/columns.ts',
    ]
    const used = new Set<string>()
    for (const f of files) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(80)
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
  })

  it('labels every value the new enums take, in the glossary’s words', () => {
    for (const cat of [zhCN, enUS]) {
      for (const k of ['application', 'incentive_rule']) {
        expect(lookup(cat, 'kind.' + k)).toBeTruthy()
        expect(lookup(cat, 'nav.' + k)).toBeTruthy()
        expect(lookup(cat, 'list.purpose.' + k)).toBeTruthy()
      }
      for (const s of ['draft', 'submitted', 'under_review', 'approved', 'rejected', 'paid']) expect(lookup(cat, 'appState.' + s)).toBeTruthy()
    }
    expect(zhCN.appKind).toEqual({ guidance: '申请指导', award: '奖励申请' })
    expect(zhCN.stacking.highest_only).toBe('不重复奖励（就高）')
    expect(zhCN.nav.ledger).toBe('预算与台账')
    expect(zhCN.level).toEqual({ ready: '准备充分', partial: '部分具备', not_ready: '尚不具备' })
  })
})

describe('application detail', () => {
  /** A backend with Rust's submitted award application, APP-0002 (the sample has none). */
  function withAward(opts: Parameters<typeof installBackend>[0] = {}) {
    const installed = installBackend(opts)
    installed.backend.records.push(...awardRecords())
    return installed
  }

  it('shows the state and the steps a submitted award allows, and its eligibility', async () => {
    const { backend, calls } = withAward()
    const rec = backend.handle('show_record', { kind: 'application', key: 'APP-0002' })
    const { wrapper } = await mountWith(ApplicationFlow, { record: rec })
    await flushPromises()
    expect(wrapper.find('[data-testid="app-state"]').text()).toBe('已提交')
    expect(wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))).toEqual(['step-start_review', 'step-reject'])
    expect(calls.filter((c) => c.cmd === 'eligibility').map((c) => c.args)).toEqual([{ key: 'APP-0002' }])
    expect(wrapper.find('[data-testid="eligibility-due"]').text()).toBe('¥100,000.00')
    // The 2021 rule has lapsed: flagged, excluded.
    expect(wrapper.find('[data-testid="line-lapsed"]').text()).toBe('规则已失效')
    expect(wrapper.find('[data-testid="eligibility-flags"]').exists()).toBe(true)
  })

  it('keeps Reject disabled until a reason is typed, then shows the rejection', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'application', code: 'APP-0001' })
    await flushPromises()
    expect(wrapper.find('[data-testid="btn-edit"]').exists()).toBe(false)
    await wrapper.find('[data-testid="step-reject"]').trigger('click')
    await flushPromises()
    expect($('btn-confirm')!.hasAttribute('disabled')).toBe(true)
    // Ctrl+Enter and Ctrl+S confirm from the keyboard, but not while the reason is missing.
    const ctrlEnter = () => $('dialog-reject')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
    ctrlEnter()
    $('dialog-reject')!.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'application_step')).toBe(false)
    await type('field-reason', '证明材料与商标注册证不一致')
    expect($('btn-confirm')!.hasAttribute('disabled')).toBe(false)
    $('dialog-reject')!.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await flushPromises()
    const step = calls.find((c) => c.cmd === 'application_step')!
    expect(step.args).toEqual({ key: 'APP-0001', step: { step: 'reject', on: '2026-11-27', reason: '证明材料与商标注册证不一致' } })
    expect(wrapper.find('[data-testid="app-state"]').text()).toBe('已驳回')
    expect(wrapper.find('[data-testid="app-rejection"]').text()).toContain('证明材料与商标注册证不一致')
    // The history reads as what happened, not as buttons.
    expect(wrapper.find('[data-testid="app-steps"]').text()).toContain('已驳回')
  })

  it('shows a budget refusal prominently, keeps the form, and approves with a reason', async () => {
    const { backend } = withAward()
    backend.handle('application_step', { key: 'APP-0002', step: { step: 'start_review', on: null, reviewer: '李审核' } })
    const { wrapper } = await mountWith(DetailView, { kind: 'application', code: 'APP-0002' }, 'en-US')
    await flushPromises()
    await wrapper.find('[data-testid="step-approve"]').trigger('click')
    await flushPromises()
    await type('field-note', 'checked')
    await click('btn-confirm')
    expect($('budget-warning')!.textContent).toContain('has no award budget for 2026')
    expect(($('field-note') as HTMLInputElement).value).toBe('checked')
    expect($('error-over_budget_reason')).toBeNull()
    await type('field-over_budget_reason', 'Approved by the county government meeting')
    // Ctrl+Enter confirms as the button does.
    $('dialog-approve')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(wrapper.find('[data-testid="app-state"]').text()).toBe('Approved')
    expect(wrapper.find('[data-testid="award-total"]').text()).toBe('¥100,000.00')
    expect(wrapper.find('[data-testid="award-over-budget"]').text()).toContain('county government')
    expect(wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))).toEqual(['step-pay'])
  })

  it('leads a review with the amount and the budget left from Rust, and decides in a bottom bar', async () => {
    const { backend, calls } = withAward()
    backend.handle('application_step', { key: 'APP-0002', step: { step: 'start_review', on: null, reviewer: '李审核' } })
    const { wrapper } = await mountWith(DetailView, { kind: 'application', code: 'APP-0002' })
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'review').map((c) => c.args)).toEqual([{ key: 'APP-0002' }])
    const decision = wrapper.find('[data-testid="review-decision"]')
    expect(decision.text()).toContain('核准将奖励')
    expect(wrapper.find('[data-testid="review-due"]').text()).toBe('¥100,000.00')
    // The recorded review: 250,000 budgeted for 2026, 100,000 of it for this application.
    expect(wrapper.find('[data-testid="review-budget-411500"]').text()).toContain('¥250,000.00')
    expect(wrapper.find('[data-testid="review-budget-411500"]').text()).toContain('¥150,000.00')
    // The decision comes before the facts, and its buttons sit in the bar, not by the state.
    const html = wrapper.html()
    expect(html.indexOf('review-decision')).toBeLessThan(html.indexOf('data-testid="facts"'))
    const bar = wrapper.find('[data-testid="decision-bar"]')
    expect(bar.findAll('button').map((b) => b.attributes('data-testid'))).toEqual(['step-approve', 'step-reject'])
    expect(bar.find('[data-testid="step-approve"]').classes().join(' ')).toContain('n-button--primary-type')
    expect(bar.find('[data-testid="step-reject"]').classes().join(' ')).toContain('n-button--error-type')
  })

  it('lets a guidance draft be edited, and never offers payment for it', async () => {
    // The sample's guidance application is submitted: a draft is added as the form adds one.
    const { backend } = installBackend()
    const draft = backend.handle('add_record', {
      kind: 'application',
      input: { kind: 'guidance', enterprise: 'ENT-0006', subject_kind: 'candidate', subject: 'WKM-0001', title: '驰名商标申请指导', claims: [], notes: null },
    }) as { code: string }
    expect(draft.code).toBe('APP-0002')
    const { wrapper } = await mountWith(DetailView, { kind: 'application', code: 'APP-0002' })
    await flushPromises()
    expect(wrapper.find('[data-testid="btn-edit"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="app-state"]').text()).toBe('草稿')
    expect(wrapper.find('[data-testid="eligibility"]').exists()).toBe(false)
  })
})

describe('candidate detail', () => {
  const WithConfirm = defineComponent({ props: { kind: String, code: String }, setup: (p) => () => [h(DetailView, p as any), h(ConfirmHost)] })

  it('adds evidence with its errors under the fields, then attaches and removes with a reason', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(WithConfirm, { kind: 'candidate', code: 'WKM-0001' })
    await flushPromises()
    expect(wrapper.text()).toContain('未记录认定')
    await wrapper.find('.n-tabs-tab[data-name="evidence"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="evidence-period"]').text()).toBe('2013–2025')
    await wrapper.find('[data-testid="btn-add-evidence"]').trigger('click')
    await flushPromises()
    await type('field-title', '2024 年央视广告合同')
    await type('field-period', '近几年')
    await click('btn-confirm')
    expect($('error-period')!.textContent).toContain('不是期间')
    expect(($('field-title') as HTMLInputElement).value).toBe('2024 年央视广告合同')
    await type('field-period', '2024')
    await type('field-source', '中央广播电视总台')
    expect(wrapper.findComponent(NSelect).props('options')).toContainEqual({ label: '宣传工作', value: 'publicity' })
    await pick(wrapper, 'field-factor', 'publicity')
    await click('btn-confirm')
    expect(calls.find((c) => c.cmd === 'add_evidence' && (c.args.input as { period: string }).period === '2024')!.args).toEqual({
      key: 'WKM-0001',
      input: { title: '2024 年央视广告合同', factor: 'publicity', period: '2024', source: '中央广播电视总台', notes: null },
    })
    expect(wrapper.find('[data-testid="evidence-9"]').text()).toContain('宣传工作')
    // Row actions are in a menu.
    const menu = async (id: string) => {
      await wrapper.find('[data-testid="btn-actions-9"]').trigger('click')
      await flushPromises()
      const item = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
      expect(item, id).not.toBeNull()
      item!.click()
      await flushPromises()
    }
    await menu('btn-attach-9')
    expect(wrapper.find('[data-testid="evidence-9"]').text()).toContain('12 页')
    await menu('btn-remove-evidence-9')
    await type('field-reason', '重复登记')
    await click('btn-confirm')
    expect(calls.find((c) => c.cmd === 'remove_evidence')!.args).toEqual({ key: 'WKM-0001', no: 9, reason: '重复登记' })
    expect(wrapper.find('[data-testid="evidence-9"]').exists()).toBe(false)
  })

  it('shows readiness and prints the evidence catalogue', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'candidate', code: 'WKM-0001' })
    await flushPromises()
    await wrapper.find('.n-tabs-tab[data-name="readiness"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="readiness-level"]').text()).toBe('部分具备')
    expect(wrapper.find('[data-testid="criterion-duration"]').text()).toContain('注册或使用时间')
    await wrapper.find('[data-testid="btn-print-catalogue"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'preview_catalogue')!.args).toEqual({ key: 'WKM-0001' })
    expect(wrapper.find('[data-testid="catalogue-file"]').text()).toBe('WKM-0001-证据目录.pdf')
    expect(wrapper.text()).not.toContain('/home/clerk')
  })

  it('records a recognition decision; only then is the mark called recognised', async () => {
    // Rust's refusal of what is typed: no case number or proceeding, and 去年 is no date.
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'candidate', code: 'WKM-0001' })
    await flushPromises()
    expect(wrapper.text()).not.toContain('已记录认定')
    await wrapper.find('.n-tabs-tab[data-name="evidence"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-testid="btn-record-recognition"]').trigger('click')
    await flushPromises()
    await type('field-authority', '国家知识产权局')
    await type('field-decided_on', '去年')
    await click('btn-confirm')
    expect(calls.some((c) => c.cmd === 'record_recognition')).toBe(true)
    expect($('error-decided_on')!.textContent).toContain('去年')
    expect(($('field-authority') as HTMLInputElement).value).toBe('国家知识产权局')
  })
})

describe('budget & ledger', () => {
  it('sets a budget for the year shown and lists it', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(LedgerView)
    await flushPromises()
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('预算与台账')
    expect(calls.filter((c) => c.cmd === 'ledger').at(-1)!.args).toEqual({ year: 2026, jurisdiction: null })
    expect(wrapper.find('[data-testid="ledger-empty"]').exists()).toBe(true)
    await pick(wrapper, 'budget-jurisdiction', '411525')
    await type('budget-amount', '300,000')
    await click('btn-set-budget')
    expect(calls.find((c) => c.cmd === 'set_budget')!.args).toEqual({ jurisdiction: '411525', year: 2026, amount: '300,000', reason: null })
    const row = wrapper.find('[data-testid="ledger-row-411525-2026"]')
    expect(row.text()).toContain('固始县 · 411525')
    expect(row.text()).toContain('¥300,000.00')
  })

  it('shows a negative remainder in red and links entries to their application', async () => {
    const { calls } = installBackend({
      overrides: {
        ledger: () => ({
          rows: [{ jurisdiction: '411525', jurisdiction_name: '固始县', year: 2026, budget: 100, approved: 5_000_000, paid: 0, remaining: -4_999_900 }],
          entries: [
            {
              application: 'APP-0001',
              title: '地理标志商标注册奖励',
              enterprise: '固始县农产品有限公司（示例）',
              rule_code: 'RULE-0002',
              jurisdiction: '411525',
              year: 2026,
              amount: 5_000_000,
              state: 'approved',
              decided_on: '2026-03-06',
              paid_on: null,
              over_budget_reason: '县政府常务会议同意',
            },
          ],
          applications: 340,
          shown: 200,
        }),
      },
    })
    const { wrapper } = await mountWith(LedgerView)
    await flushPromises()
    const remaining = wrapper.find('[data-testid="ledger-remaining"]')
    expect(remaining.text()).toBe('-¥49,999.00')
    expect(remaining.classes()).toContain('negative')
    const entry = wrapper.find('[data-testid="ledger-entry-APP-0001"]')
    expect(entry.find('a').attributes('href')).toContain('/record/application/APP-0001')
    expect(entry.text()).toContain('县政府常务会议同意')
    expect(wrapper.find('[data-testid="ledger-entries"]').text()).toContain('已核准')
    // A long ledger says it lists the latest applications; a click on a budget row lists
    // only that jurisdiction's awards, a second click all again.
    expect(wrapper.find('[data-testid="ledger-capped"]').text()).toContain('显示最近 200 份申请，共 340 份')
    await wrapper.find('[data-testid="ledger-row-411525-2026"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'ledger').at(-1)!.args).toEqual({ year: 2026, jurisdiction: '411525' })
    expect(wrapper.find('[data-testid="ledger-only"]').text()).toContain('固始县')
    await wrapper.find('[data-testid="ledger-row-411525-2026"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'ledger').at(-1)!.args).toEqual({ year: 2026, jurisdiction: null })
    expect(wrapper.find('[data-testid="ledger-only"]').exists()).toBe(false)
  })
})
