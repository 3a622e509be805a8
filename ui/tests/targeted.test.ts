// The views that show records of other kinds ask Rust for just those (overview, related,
// show_record, search), never for every record of a kind.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { nextTick } from 'vue'
import OverviewView from '../src/views/OverviewView.vue'
import DetailView from '../src/views/DetailView.vue'
import HistoryView from '../src/views/HistoryView.vue'
import AuditList from '../src/components/AuditList.vue'
import SettingsView from '../src/views/SettingsView.vue'
import DossierNotice from '../src/components/DossierNotice.vue'
import { confirmState } from '../src/lib/confirm'
import RefSelect from '../src/components/RefSelect.vue'
import RecordLink from '../src/components/RecordLink.vue'
import RelatedList from '../src/components/RelatedList.vue'
import { clearRecordCache } from '../src/lib/refs'
import { flushPromises, installBackend, mountWith } from './helpers'

afterEach(() => {
  clearMocks()
  clearRecordCache()
  document.body.innerHTML = ''
})

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const listedLive = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
  calls.filter((c) => c.cmd === 'list_records' && c.args.show === 'live')

describe('overview', () => {
  it('renders the tallies of a mocked overview reply, without listing records', async () => {
    const { calls } = installBackend({
      overrides: {
        overview: () => ({
          gi_by_division: [
            { key: '411525', count: 1200 },
            { key: '411500', count: 300 },
          ],
          gi_by_category: [
            { key: '中药材', count: 900 },
            { key: '', count: 12 },
          ],
          applications_by_state: [
            { key: 'submitted', count: 4 },
            { key: 'approved', count: 2 },
          ],
        }),
      },
    })
    const mark = vi.spyOn(performance, 'mark')
    const { wrapper } = await mountWith(OverviewView)
    await flushPromises()
    await nextTick()
    expect(calls.filter((c) => c.cmd === 'overview').length).toBe(1)
    expect(calls.some((c) => c.cmd === 'list_records')).toBe(false)
    const gushi = wrapper.find('[data-testid="by-division-411525"]')
    expect(gushi.text()).toContain('固始县')
    expect(gushi.text()).toContain('1200')
    expect((gushi.find('.bar span').element as HTMLElement).style.width).toBe('100%')
    expect((wrapper.find('[data-testid="by-division-411500"] .bar span').element as HTMLElement).style.width).toBe('25%')
    const cats = wrapper.findAll('[data-testid="by-category"]').map((r) => r.text())
    expect(cats[0]).toContain('中药材')
    expect(cats[0]).toContain('900')
    expect(cats[1]).toContain('未分类')
    expect(cats[1]).toContain('12')
    // The work queue: every state in flow order, each linking to the list in that state.
    const queue = wrapper.findAll('[data-testid^="queue-"]')
    expect(queue.map((q) => q.attributes('data-testid'))).toEqual([
      'queue-draft', 'queue-submitted', 'queue-under_review', 'queue-approved', 'queue-rejected', 'queue-paid',
    ])
    expect(queue[1].text()).toContain('已提交')
    expect(queue[1].text()).toContain('4')
    expect(queue[1].attributes('href')).toBe('/list/application?state=submitted')
    expect(queue[0].classes()).toContain('zero')
    await flushPromises()
    expect(mark).toHaveBeenCalledWith('terroir:first-rows')
    // Every tile answered: the whole first screen is marked too, once.
    expect(mark.mock.calls.filter((c) => c[0] === 'terroir:first-screen').length).toBe(1)
    expect(calls.filter((c) => c.cmd === 'mark_startup').map((c) => c.args)).toEqual([
      { mark: 'first_rows' },
      { mark: 'first_screen' },
    ])
  })

  it('counts GI products per division and category in the mock backend', async () => {
    const { backend } = installBackend()
    const o = backend.handle('overview', {}) as { gi_by_division: { key: string; count: number }[]; gi_by_category: { key: string; count: number }[] }
    // By the division that catalogues each product (信阳毛尖 is the city's).
    expect(o.gi_by_division).toContainEqual({ key: '411525', count: 2 })
    expect(o.gi_by_category).toEqual([{ key: '食用农林产品及食品', count: 6 }])
  })
})

describe('GI detail', () => {
  it('the users tab asks `related` for a page of the GI’s users', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0001' })
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'related')).toBe(false)
    await wrapper.find('.n-tabs-tab[data-name="users"]').trigger('click')
    await flushPromises()
    const related = calls.filter((c) => c.cmd === 'related')
    expect(related.map((c) => c.args)).toEqual([{ kind: 'user', of: 'gi', key: 'GI-0001', limit: 200, offset: 0 }])
    expect(wrapper.find('[data-testid="gi-users"]').exists()).toBe(true)
    for (const code of ['USR-0001', 'USR-0002', 'USR-0003', 'USR-0004']) {
      expect(wrapper.find(`[data-testid="gi-user-${code}"]`).exists()).toBe(true)
    }
    expect(wrapper.find('[data-testid="gi-user-USR-0003"]').text()).toContain('罗山县茶业有限公司')
    expect(wrapper.find('[data-testid="gi-users-more"]').exists()).toBe(false)
    expect(listedLive(calls)).toEqual([])
  })

  it('names the trademark a protection refers to by id, via show_record', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0001' })
    await flushPromises()
    await wrapper.find('.n-tabs-tab[data-name="protections"]').trigger('click')
    await flushPromises()
    const text = wrapper.find('[data-testid="protections"]').text()
    expect(text).toContain('信阳毛尖')
    expect(text).toContain('TM-0001')
    expect(text).toContain('3047772')
    expect(calls.some((c) => c.cmd === 'show_record' && c.args.kind === 'trademark')).toBe(true)
    expect(listedLive(calls)).toEqual([])
  })

  it('an enterprise shows its trademarks and its GI use applications', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'enterprise', code: 'ENT-0006' })
    await flushPromises()
    await wrapper.find('.n-tabs-tab[data-name="trademarks"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="ent-trademark-TM-0005"]').text()).toContain('罗山云峰')
    await wrapper.find('.n-tabs-tab[data-name="approvals"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="ent-user-USR-0003"]').text()).toContain('信阳毛尖')
    expect(calls.filter((c) => c.cmd === 'related').map((c) => `${c.args.kind}/${c.args.of}`)).toEqual(['trademark/enterprise', 'user/enterprise'])
  })
})

describe('related list', () => {
  it('pages with "load more"', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(RelatedList, { kind: 'user', of: 'gi', ofKey: 'GI-0001', empty: '—', testid: 'gi-users', pageSize: 3 })
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="gi-user-"]').length).toBe(3)
    await wrapper.find('[data-testid="gi-users-more"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="gi-user-"]').length).toBe(4)
    expect(wrapper.find('[data-testid="gi-users-more"]').exists()).toBe(false)
    expect(calls.filter((c) => c.cmd === 'related').map((c) => c.args.offset)).toEqual([0, 3])
  })
})

describe('record link', () => {
  it('shows the name of a record given by code or by id', async () => {
    const { backend, calls } = installBackend()
    const id = backend.records.find((r) => r.code === 'ENT-0003')!.id
    const a = await mountWith(RecordLink, { kind: 'enterprise', code: 'ENT-0001' })
    const b = await mountWith(RecordLink, { kind: 'enterprise', code: id })
    await flushPromises()
    expect(a.wrapper.text()).toContain('信阳市茶叶协会')
    expect(b.wrapper.text()).toContain('浉河区云雾茶业有限公司（示例）')
    expect(b.wrapper.text()).toContain('ENT-0003')
    expect(b.wrapper.find('a').attributes('href')).toContain('/record/enterprise/ENT-0003')
    expect(calls.filter((c) => c.cmd === 'show_record').length).toBe(2)
    expect(listedLive(calls)).toEqual([])
  })
})

describe('ref select', () => {
  it('searches as the user types and shows the hits with their credit codes', async () => {
    const { calls } = installBackend({ extraEnterprises: 1000 })
    const { wrapper } = await mountWith(RefSelect, { kind: 'enterprise', value: null, testid: 'field-registrant' })
    const input = wrapper.find('[data-testid="field-registrant"] input')
    expect(input.exists()).toBe(true)
    await input.trigger('focus')
    await input.trigger('click')
    await flushPromises()
    ;(input.element as HTMLInputElement).value = '云雾'
    await input.trigger('input')
    expect(calls.some((c) => c.cmd === 'search')).toBe(false) // debounced
    await wait(200)
    await flushPromises()
    const search = calls.filter((c) => c.cmd === 'search')
    expect(search.map((c) => c.args)).toEqual([{ query: '云雾', kind: 'enterprise', limit: 20 }])
    const menu = document.body.querySelector('.n-base-select-menu')
    expect(menu).not.toBeNull()
    expect(menu!.textContent).toContain('浉河区云雾茶业有限公司（示例） · ENT-0003')
    expect(menu!.textContent).toContain('91411502MA45TY001K')
    // What was typed stays offered as a value (a name or credit code Rust resolves).
    expect(menu!.textContent).toContain('云雾')
    expect(calls.filter((c) => c.cmd === 'list_records').every((c) => (c.args.limit as number) <= 20)).toBe(true)
    // Picking a hit sets the field to its code.
    const option = [...menu!.querySelectorAll<HTMLElement>('.n-base-select-option')].find((o) => o.textContent?.includes('ENT-0003'))!
    option.click()
    await flushPromises()
    expect(wrapper.findComponent(RefSelect).emitted('update:value')).toEqual([['ENT-0003']])
  })

  it('shows the current value with its name', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(RefSelect, { kind: 'enterprise', value: 'ENT-0001', testid: 'field-registrant' })
    await flushPromises()
    expect(wrapper.find('[data-testid="field-registrant"]').text()).toContain('信阳市茶叶协会 · ENT-0001')
    expect(calls.filter((c) => c.cmd === 'show_record').map((c) => c.args)).toEqual([{ kind: 'enterprise', key: 'ENT-0001' }])
  })

  it('keeps a typed value (a credit code) visible as typed', async () => {
    installBackend()
    const { wrapper } = await mountWith(RefSelect, { kind: 'enterprise', value: '91411502MA45TY001K', testid: 'field-registrant' })
    await flushPromises()
    expect(wrapper.find('[data-testid="field-registrant"]').text()).toContain('91411502MA45TY001K')
  })
})

describe('history', () => {
  it('reads in words, as Rust words it: labels, old → new, steps, restore only on data changes', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(AuditList, { limit: 20 })
    await flushPromises()
    const text = wrapper.find('[data-testid="audit-table"]').text()
    for (const raw of ['provincial_review', 'first_review', 'paid_on', 'steps', 'renewals', 'status_events', 'onsite_result']) {
      expect(text).not.toContain(raw)
    }
    expect(text).toContain('地址：— → 信阳市浉河区新址 8 号')
    expect(text).toContain('行政区划：411500 信阳市 → 411521 罗山县')
    expect(text).toContain('续展：')
    // ENT-0001's restore is its current state: nothing to go back to there; its edits may be
    // gone back to, and the restore says what it put back.
    const rows = wrapper.findAll('tr').filter((tr) => tr.text().includes('ENT-0001'))
    const restore = rows.find((tr) => tr.text().includes('还原旧值'))!
    expect(restore.find('[data-testid^="restore-"]').exists()).toBe(false)
    expect(restore.text()).toContain('行政区划：411521 罗山县 → 411500 信阳市')
    const edits = rows.filter((tr) => tr.text().includes('修改'))
    expect(edits.length).toBe(2)
    expect(edits.every((tr) => tr.find('[data-testid^="restore-"]').exists())).toBe(true)
    // A step is never restorable.
    const step = wrapper.findAll('tr').find((tr) => tr.text().includes('递交续展'))!
    expect(step.find('[data-testid^="restore-"]').exists()).toBe(false)
    // Older rows a page at a time.
    await wrapper.find('[data-testid="history-older"]').trigger('click')
    await flushPromises()
    const last = calls.filter((c) => c.cmd === 'history').at(-1)!
    expect((last.args.query as { offset: number }).offset).toBe(20)
  })

  it('reads in English too', async () => {
    installBackend()
    const { wrapper } = await mountWith(AuditList, { limit: 20 }, 'en-US')
    await flushPromises()
    const text = wrapper.find('[data-testid="audit-table"]').text()
    expect(text).toContain('Address: — → 信阳市浉河区新址 8 号')
    expect(text).toContain('Renewal filing')
  })

  it('lists archived records a page per kind', async () => {
    const { backend, calls } = installBackend()
    backend.records.find((r) => r.code === 'ENT-0002')!.archived_at = '2026-03-01T00:00:00Z'
    const { wrapper } = await mountWith(HistoryView)
    await flushPromises()
    await wrapper.find('.n-tabs-tab[data-name="archived"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="archived-ENT-0002"]').exists()).toBe(true)
    const lists = calls.filter((c) => c.cmd === 'list_records')
    expect(lists.length).toBe(7)
    expect(lists.every((c) => (c.args.query as { show: string }).show === 'archived' && c.args.offset === 0 && c.args.limit === 200)).toBe(true)
    expect(wrapper.find('[data-testid^="archived-more-"]').exists()).toBe(false)
  })
})

describe('settings: safety', () => {
  it('keeps the automatic backup setting and removes the sample data once confirmed', async () => {
    const { calls, backend } = installBackend()
    const samples = backend.records.filter((r) => r.sample).length
    const { wrapper } = await mountWith(SettingsView)
    await flushPromises()
    expect(wrapper.find('[data-testid="sample-card"]').text()).toContain(`${samples} 条示例记录`)
    // Keep 3 generations.
    const keep = wrapper.find('[data-testid="field-backup-keep"]')
    await keep.setValue('3')
    await keep.trigger('blur')
    await wrapper.find('[data-testid="btn-save-backup-settings"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'set_backup_settings')!.args).toEqual({ settings: { daily: true, keep: 3 } })
    // Removing the sample asks first; cancelled, nothing is removed.
    await wrapper.find('[data-testid="btn-remove-sample"]').trigger('click')
    await flushPromises()
    expect(confirmState.open && confirmState.danger).toBe(true)
    confirmState.resolve!(null)
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'remove_sample')).toBe(false)
    await wrapper.find('[data-testid="btn-remove-sample"]').trigger('click')
    await flushPromises()
    confirmState.resolve!('')
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'remove_sample')).toBe(true)
    expect(wrapper.find('[data-testid="sample-card"]').exists()).toBe(false)
  })
})

describe('printed notice', () => {
  it('names the file, and closes itself after a while unless it has warnings', async () => {
    installBackend()
    vi.useFakeTimers()
    try {
      const printed = { code: 'GI-0001', name: '信阳毛尖', file: 'GI-0001-信阳毛尖.pdf', path: '/tmp/x/GI-0001-信阳毛尖.pdf', bytes: 1, warnings: [] }
      const { wrapper } = await mountWith(DossierNotice, { outcome: { printed, opened: true }, refusal: null })
      const notice = wrapper.findComponent(DossierNotice)
      expect(wrapper.find('[data-testid="dossier-printed"]').text()).toContain('已生成：GI-0001-信阳毛尖.pdf')
      expect(wrapper.text()).not.toContain('/tmp')
      vi.advanceTimersByTime(9_000)
      expect(notice.emitted('dismiss')).toBeUndefined()
      vi.advanceTimersByTime(1_500)
      expect(notice.emitted('dismiss')).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('overview: work before counts', () => {
  it('leads with what needs action today, then the counts; deadlines split overdue from due', async () => {
    const { backend } = installBackend()
    const deadlines = backend.handle('deadlines', { within: '90d' }) as { overdue: boolean; kind: string }[]
    const overdue = deadlines.filter((d) => d.overdue).length
    const { wrapper } = await mountWith(OverviewView)
    await flushPromises()
    const html = wrapper.html()
    expect(html.indexOf('data-testid="work"')).toBeLessThan(html.indexOf('data-testid="count-gi"'))
    expect(wrapper.find('[data-testid="work-overdue"]').text()).toContain(String(overdue))
    expect(wrapper.find('[data-testid="work-backup"]').text()).toContain('上次备份')
    expect(wrapper.find('[data-testid="by-division-note"]').text()).toContain('各计一次')
    if (overdue) expect(wrapper.find('[data-testid="deadlines-overdue"]').text()).toContain(`（${overdue}）`)
  })
})
