import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { nextTick } from 'vue'
import { NSelect } from 'naive-ui'
import ListView from '../src/views/ListView.vue'
import UserFlow from '../src/components/UserFlow.vue'
import RecordEditor from '../src/components/RecordEditor.vue'
import DeadlineTable from '../src/components/DeadlineTable.vue'
import TrademarkRights from '../src/components/TrademarkRights.vue'
import MigrationReport from '../src/components/MigrationReport.vue'
import { awardRecords, sampleRecords } from '../src/mock/data'
import { flushPromises, installBackend, mountWith } from './helpers'

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('list view', () => {
  it('renders rows from a mocked page and marks first rows', async () => {
    installBackend()
    const mark = vi.spyOn(performance, 'mark')
    const { wrapper } = await mountWith(ListView, { kind: 'enterprise' })
    await flushPromises()
    await nextTick()
    expect(wrapper.find('[data-testid="page-title"]').text()).toBe('企业')
    expect(wrapper.find('[data-testid="row-ENT-0001"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="row-ENT-0003"]').text()).toContain('91411502MA45TY001K')
    expect(wrapper.find('[data-testid="list-count"]').text()).toContain('6')
    await flushPromises()
    expect(mark).toHaveBeenCalledWith('terroir:first-rows')
  })

  it('shows trademark standing as a word with its colour', async () => {
    installBackend()
    const { wrapper } = await mountWith(ListView, { kind: 'trademark' }, 'en-US')
    await flushPromises()
    const row = wrapper.find('[data-testid="row-TM-0002"]')
    expect(row.text()).toContain('Renewal window')
    expect(row.find('[data-tone="amber"]').exists()).toBe(true)
  })

  it('renders only the visible rows of a long list', async () => {
    installBackend({ extraEnterprises: 100_000 })
    const { wrapper } = await mountWith(ListView, { kind: 'enterprise' })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-count"]').text()).toContain('100006')
    expect(wrapper.findAll('[role="row"][aria-rowindex]').length).toBeLessThan(100)
  })

  it('shows an empty state that offers New', async () => {
    const { backend } = installBackend()
    backend.records.splice(0, backend.records.length, ...backend.records.filter((r) => r.kind !== 'candidate'))
    const { wrapper } = await mountWith(ListView, { kind: 'candidate' })
    await flushPromises()
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('驰名商标')
  })

  it('filters applications by state, in the URL, with an empty state that clears the filter', async () => {
    const { backend, calls } = installBackend()
    // Beside the sample's submitted APP-0001, a draft the filter leaves out.
    backend.handle('add_record', { kind: 'application', input: { kind: 'guidance', enterprise: 'ENT-0003', title: '地理标志使用指导', claims: [], notes: null } })
    const { wrapper, router } = await mountWith(ListView, { kind: 'application' })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-count"]').text()).toContain('2')
    const select = wrapper.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === 'state-filter')!
    select.vm.$emit('update:value', 'submitted')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'list_records').at(-1)!.args.query).toMatchObject({ state: 'submitted' })
    expect(router.currentRoute.value.query).toEqual({ state: 'submitted' })
    expect(wrapper.find('[data-testid="row-APP-0001"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="row-APP-0002"]').exists()).toBe(false)
    select.vm.$emit('update:value', 'paid')
    await flushPromises()
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('没有符合筛选条件的申请')
    await wrapper.find('[data-testid="btn-all-states"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'list_records').at(-1)!.args.query).toMatchObject({ state: null })
    expect(wrapper.find('[data-testid="list-count"]').text()).toContain('2')
  })

  it('offers the filters Rust declares for the kind and sends them', async () => {
    const { calls } = installBackend({
      overrides: {
        list_records: () => ({ total: 0, offset: 0, items: [], money_total: 12345600 }),
      },
    })
    const { wrapper } = await mountWith(ListView, { kind: 'incentive_rule' })
    await flushPromises()
    const ids = wrapper.findAll('[data-testid="list-filters"] [data-testid$="-filter"]').map((e) => e.attributes('data-testid'))
    // Rules: by jurisdiction and award item; no status, no expiry.
    expect(ids).toEqual(['division-filter', 'category-filter'])
    const division = wrapper.findAllComponents(NSelect).find((c) => c.attributes('data-testid') === 'division-filter')!
    division.vm.$emit('update:value', '411525')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'list_records').at(-1)!.args.query).toMatchObject({ division: '411525', show: 'live' })
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('没有符合筛选条件的奖励规则')
    await wrapper.find('[data-testid="btn-all-states"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'list_records').at(-1)!.args.query).toMatchObject({ division: null })
  })

  it('sorts by a header click: ascending, descending, then back to code order; totals the money', async () => {
    // Rust sums the money over the whole selection; the mock replays a total.
    let real: ReturnType<typeof installBackend>['backend'] | null = null
    const { backend, calls } = installBackend({
      overrides: { list_records: (a) => ({ ...(real!.handle('list_records', a) as object), money_total: 500000 }) },
    })
    real = backend
    const last = () => calls.filter((c) => c.cmd === 'list_records').at(-1)!.args.query as { sort: string | null; desc: boolean }
    const { wrapper } = await mountWith(ListView, { kind: 'application' })
    await flushPromises()
    expect(wrapper.find('[data-testid="list-totals"]').text()).toContain('5,000.00')
    expect(wrapper.find('[data-testid="sort-code"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="sort-enterprise"]').exists()).toBe(false)
    for (const want of [{ sort: 'amount', desc: false }, { sort: 'amount', desc: true }, { sort: null, desc: false }]) {
      await wrapper.find('[data-testid="sort-amount"]').trigger('click')
      await flushPromises()
      expect(last()).toMatchObject(want)
    }
  })
})

describe('user flow', () => {
  it('offers the steps Rust offers, legal-status steps apart, with the fields and requirements Rust gives', async () => {
    const { backend } = installBackend()
    const rec = backend.handle('show_record', { kind: 'user', key: 'USR-0003' }) as { summary: Record<string, unknown> }
    const step = (s: string, fields: string[], required: string[], legal = false) => ({ step: s, fields, required, reason_if_failed: false, legal })
    rec.summary.next_steps = [step('use_report', ['year', 'due_on'], ['year']), step('withdraw', ['on', 'reason'], ['on', 'reason'], true)]
    const { wrapper } = await mountWith(UserFlow, { record: rec })
    const ids = wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))
    expect(ids).toEqual(['step-use_report', 'step-withdraw'])
    // A step that changes the legal status looks dangerous.
    expect(wrapper.find('[data-testid="step-withdraw"]').classes().join(' ')).toContain('n-button--error-type')
    expect(wrapper.find('[data-testid="step-use_report"]').classes().join(' ')).not.toContain('n-button--error-type')
    await wrapper.find('[data-testid="step-use_report"]').trigger('click')
    await flushPromises()
    // Only the fields Rust lists for the step: no received_on here.
    expect(document.querySelector('[data-testid="field-due_on"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="field-received_on"]')).toBeNull()
  })

  it('renders the buttons of the record’s stage', async () => {
    const { backend } = installBackend()
    const rec = backend.handle('show_record', { kind: 'user', key: 'USR-0003' })
    const { wrapper } = await mountWith(UserFlow, { record: rec })
    const ids = wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))
    expect(ids).toEqual(['step-use_report', 'step-reinstate', 'step-withdraw'])
    const applied = backend.handle('show_record', { kind: 'user', key: 'USR-0002' })
    const w2 = await mountWith(UserFlow, { record: applied })
    expect(w2.wrapper.findAll('[data-testid^="step-"]').map((b) => b.attributes('data-testid'))).toEqual(['step-first_review', 'step-reject'])
  })
})

describe('record editor', () => {
  it('shows a credit-code error under the field in the user’s language and keeps the input', async () => {
    const { calls } = installBackend()
    const initial = { name: '测试企业', credit_code: null, division: null, address: null, contact_person: null, phone: null, notes: null }
    const { wrapper } = await mountWith(RecordEditor, { kind: 'enterprise', initial })
    const input = wrapper.find('[data-testid="field-credit_code"]')
    await input.setValue('91411502MA45TY0012')
    await wrapper.find('[data-testid="btn-save"]').trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'add_record')).toBe(true)
    const error = wrapper.find('[data-testid="error-credit_code"]')
    expect(error.exists()).toBe(true)
    expect(error.text()).toContain('校验码不符')
    expect(error.text()).toContain('实际为“2”')
    expect((wrapper.find('[data-testid="field-credit_code"]').element as HTMLInputElement).value).toBe('91411502MA45TY0012')
    expect(wrapper.find('[data-testid="save-problems"]').text()).toContain('统一社会信用代码')
  })

  it('edit sends only the changed fields with the reason', async () => {
    const { calls } = installBackend()
    const initial = { name: '信阳市茶叶协会', credit_code: null, division: '411500', address: null, contact_person: null, phone: null, notes: null }
    const { wrapper } = await mountWith(RecordEditor, { kind: 'enterprise', initial, code: 'ENT-0001' })
    await wrapper.find('[data-testid="field-address"]').setValue('信阳市浉河区')
    await wrapper.find('[data-testid="field-reason"]').setValue('补录地址')
    await wrapper.find('[data-testid="btn-save"]').trigger('click')
    await flushPromises()
    const call = calls.find((c) => c.cmd === 'edit_record')!
    expect(call.args).toMatchObject({ kind: 'enterprise', key: 'ENT-0001', patch: { address: '信阳市浉河区' }, reason: '补录地址', version: null })
    expect(wrapper.emitted).toBeDefined()
  })

  it('an edit made from an older version says who changed what meanwhile, under the field, and keeps the input', async () => {
    const problem = (field: string | null, rule: string, params: Record<string, string>) => ({ field, rule, params, message: { 'zh-CN': '', 'en-US': '' } })
    const stale = problem(null, 'stale_version', { code: 'ENT-0001', by: '王科长', at: '2026-11-28T02:00:00Z', version: '3', current: '4' })
    const { calls } = installBackend({
      overrides: {
        edit_record: () => Promise.reject({ ...stale, kind: 'conflict', problems: [stale, problem('address', 'changed_meanwhile', { before: '', after: '信阳市羊山新区' })] }),
      },
    })
    const initial = { name: '信阳市茶叶协会', credit_code: null, division: '411500', address: null, contact_person: null, phone: null, notes: null }
    const { wrapper } = await mountWith(RecordEditor, { kind: 'enterprise', initial, code: 'ENT-0001', version: 3 })
    await wrapper.find('[data-testid="field-address"]').setValue('信阳市浉河区')
    await wrapper.find('[data-testid="btn-save"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'edit_record')!.args).toMatchObject({ version: 3 })
    expect(wrapper.find('[data-testid="form-errors"]').text()).toContain('已被 王科长 修改')
    expect(wrapper.find('[data-testid="form-errors"]').text()).toContain('现为第 4 版，未保存')
    expect(wrapper.find('[data-testid="error-address"]').text()).toContain('已被他人改为“信阳市羊山新区”')
    expect((wrapper.find('[data-testid="field-address"]').element as HTMLInputElement).value).toBe('信阳市浉河区')
  })
})

describe('deadline table', () => {
  it('shows the nominal day and the note Rust gives when a last day moved or a year is not entered', async () => {
    installBackend()
    const row = { kind: 'renewal_grace', id: 'x', code: 'TM-0001', name: '某茶', detail: '2026-03-06', days_left: 0, overdue: false, term_starts: '2016-03-07', enterprise_id: null }
    const moved = { 'zh-CN': '期限末日 2026-09-06 为休息日或法定节假日，顺延至 2026-09-07', 'en-US': 'moved' }
    const missing = { 'zh-CN': '2027 年节假日安排未录入，仅按周末顺延', 'en-US': 'not entered' }
    const rows = [
      { ...row, due_on: '2026-09-07', due_on_nominal: '2026-09-06', calendar_year_missing: null, note: moved },
      { ...row, code: 'TM-0002', due_on: '2027-10-04', due_on_nominal: null, calendar_year_missing: 2027, note: missing },
    ]
    const { wrapper } = await mountWith(DeadlineTable, { rows })
    const first = wrapper.find('[data-testid="deadline-TM-0001"]').text()
    expect(first).toContain('名义末日 2026年9月6日')
    expect(first).toContain(moved['zh-CN'])
    expect(wrapper.find('[data-testid="deadline-TM-0002"] [data-testid="deadline-year-missing"]').text()).toBe(missing['zh-CN'])
  })
})

describe('trademark rights', () => {
  it('shows Rust’s note on a renewal kept past a weekend-only last day, in the user’s language', async () => {
    installBackend()
    const note = { 'zh-CN': '续展递交日 2027-10-08 晚于仅按周末顺延的宽展期末日 2027-10-04', 'en-US': 'the renewal filed on 2027-10-08 is later than 2027-10-04' }
    const record = {
      kind: 'trademark',
      id: 'x',
      code: 'TM-0009',
      name: '某茶',
      version: 2,
      archived_at: null,
      updated_at: '2027-10-08',
      data: {
        registered_on: '2017-04-05',
        renewals: [{ filed_on: '2027-10-08', term_starts: '2027-04-05', unverified_year: 2027, decision: { state: 'approved', announcement_no: null, announced_on: null } }],
        licences: [],
        assignments: [],
        pledges: [],
        termination: null,
      },
      summary: { standing: 'registered', expires_on: '2037-04-04', renewal_notes: [note] },
    }
    for (const [locale, text] of [['zh-CN', note['zh-CN']], ['en-US', note['en-US']]] as const) {
      const { wrapper } = await mountWith(TrademarkRights, { record }, locale)
      expect(wrapper.find('[data-testid="renewal-note"]').text()).toBe(text)
      wrapper.unmount()
    }
  })

  it('shows a pending renewal as under examination, Rust’s offers as buttons and its warnings by rule', async () => {
    installBackend()
    const record = {
      kind: 'trademark',
      id: 'y',
      code: 'TM-0010',
      name: '某茶',
      version: 3,
      archived_at: null,
      updated_at: '2026-12-01',
      data: {
        registered_on: '2016-12-14',
        renewals: [{ filed_on: '2026-12-01', term_starts: '2026-12-14', decision: { state: 'pending' } }],
        licences: [],
        assignments: [],
        pledges: [],
        termination: null,
      },
      summary: {
        standing: 'renewal_pending',
        expires_on: '2026-12-13',
        renewal_notes: [],
        warnings: [{ field: 'assignments[0]', rule: 'pledge_consent_missing', params: { pledge: '质2025-1', on: '2026-01-05' }, message: { 'zh-CN': '', 'en-US': '' } }],
        next_events: [
          { step: 'approve_renewal', fields: ['announcement_no', 'announced_on'], required: ['announcement_no', 'announced_on'], reason_if_failed: false, legal: false },
          { step: 'refuse_renewal', fields: ['on', 'reason'], required: ['on', 'reason'], reason_if_failed: false, legal: true },
        ],
      },
    }
    const { wrapper } = await mountWith(TrademarkRights, { record }, 'zh-CN')
    expect(wrapper.find('[data-testid="tm-standing-tab"]').text()).toBe('续展审查中')
    expect(wrapper.find('[data-testid="renewal-pending"]').text()).toContain('2026-12-01')
    expect(wrapper.find('[data-testid="event-approve_renewal"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="event-renew"]').exists()).toBe(false)
    const w = wrapper.find('[data-testid="tm-warnings"]').text()
    expect(w).toContain('转让第 1 项')
    expect(w).toContain('未记录质权人同意')
    wrapper.unmount()
  })
})

describe('migration report', () => {
  it('shows what an upgrade reinterpreted once, until read', async () => {
    const { calls } = installBackend({ migrationNotes: ['商标 TM-0002（云雾山）原记为“cancelled”，现记为“注销”：请核对'] })
    const { wrapper } = await mountWith(MigrationReport)
    const dialog = () => document.querySelector('[data-testid="migration-report"]')
    expect(dialog()?.textContent).toContain('TM-0002')
    ;(document.querySelector('[data-testid="migration-done"]') as HTMLElement).click()
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'acknowledge_migration_report')).toBe(true)
    wrapper.unmount()
    // Started again, there is nothing left to show.
    const again = await mountWith(MigrationReport)
    expect(dialog()).toBeNull()
    again.wrapper.unmount()
  })
})

describe('mock backend', () => {
  it('offers on the sample what Rust offers, so the steps it replays on changed records are Rust’s', () => {
    const { backend } = installBackend()
    backend.records.push(...awardRecords())
    for (const r of [...sampleRecords(), ...awardRecords()]) {
      const served = backend.handle('show_record', { kind: r.kind, key: r.code }) as { summary: Record<string, unknown> }
      for (const k of ['next_steps', 'next_events', 'editable']) expect(served.summary[k], `${r.code} ${k}`).toEqual(r.summary[k])
    }
  })
})

describe('wording check', () => {
  it('shows every finding Rust answers for pasted copy, with where and why, and a document’s places', async () => {
    const { default: WordingView } = await import('../src/views/WordingView.vue')
    const { default: wording } = await import('../src/api/bindings/wording.json')
    installBackend()
    vi.useFakeTimers()
    try {
      const { wrapper, router } = await mountWith(WordingView, {})
      expect(wrapper.find('[data-testid="wording-empty"]').exists()).toBe(true)
      await wrapper.find('textarea[data-testid="wording-text"]').setValue(wording.text)
      await vi.advanceTimersByTimeAsync(300)
      await flushPromises()
      const rows = wrapper.findAll('[data-testid="wording-finding"]')
      expect(rows.length).toBe(2)
      expect(rows[0].text()).toContain('第 2 行第 6 字')
      expect(rows[0].find('mark').text()).toBe('驰名”商标')
      expect(rows[0].text()).toContain('商标法第十四条第五款')
      expect(wrapper.find('[data-testid="wording-verdict"]').text()).toContain('发现 2 处')
      // A finding opens a new case with it as the facts; nothing is stored before the form is saved.
      const { takePrefill } = await import('../src/lib/prefill')
      await wrapper.find('[data-testid="btn-open-case-0"]').trigger('click')
      await flushPromises()
      expect(router.currentRoute.value.path).toBe('/new/case')
      const handed = takePrefill('case')
      expect(handed.kind).toBe('well_known_wording')
      expect(String(handed.facts)).toContain('第 2 行第 6 字')
      expect(String(handed.facts)).toContain('【驰名”商标】')
      expect(takePrefill('case')).toEqual({})

      await wrapper.find('[data-testid="btn-wording-file"]').trigger('click')
      await flushPromises()
      const file = wrapper.findAll('[data-testid="wording-finding"]')
      expect(file.length).toBe(4)
      expect(file.map((r) => r.text()).join('\n')).toContain('页眉 1 · 第 1 段第 16 字')
      expect(wrapper.find('[data-testid="wording-verdict"]').text()).toContain('wording.docx')
    } finally {
      vi.useRealTimers()
    }
  })
})
