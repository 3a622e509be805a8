// Exchange bundles on the Settings page (数据交换), on the mock backend: export shows the path,
// counts and short SHA-256; import previews the merge (source, counts, new / changed /
// conflicts) and merges with or without the bundle's version of the conflicts.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import SettingsView from '../src/views/SettingsView.vue'
import BundleMerge from '../src/components/BundleMerge.vue'
import { err } from '../src/mock/install'
import { useWorkspace } from '../src/stores/workspace'
import type { BundleReport } from '../src/api/bindings/BundleReport'
import { flushPromises, installBackend, mountWith } from './helpers'
import { messages } from '../src/i18n'

// The catalogues as the app loads them: the UI's chrome with Rust's vocabulary.
const zhCN = messages['zh-CN']
const enUS = messages['en-US']

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)
/** The merge is a modal: it renders into document.body, outside the wrapper. */
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent ?? ''

async function click(testid: string) {
  const el = $(testid)
  expect(el, testid).not.toBeNull()
  el!.click()
  await flushPromises()
}

async function openPreview(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const mounted = await mountWith(SettingsView, {}, locale)
  await flushPromises()
  await click('btn-import-bundle')
  expect($('bundle-merge')).not.toBeNull()
  return mounted
}

describe('bundle i18n', () => {
  it('has the same bundle keys in both languages, with the glossary words', () => {
    expect(Object.keys(lookup(enUS, 'bundle') as object).sort()).toEqual(Object.keys(lookup(zhCN, 'bundle') as object).sort())
    expect(zhCN.bundle.title).toBe('数据交换')
    expect(zhCN.bundle.export).toBe('导出交换包')
    expect(zhCN.bundle.import).toBe('导入交换包')
    expect(zhCN.bundle.new).toBe('新增')
    expect(zhCN.bundle.changed).toBe('更新')
    expect(zhCN.bundle.unchanged).toBe('无变化')
    expect(zhCN.bundle.conflicts).toBe('冲突')
    expect(zhCN.bundle.takeTheirs).toBe('以交换包为准')
    expect(zhCN.bundle.apply).toBe('合并')
    expect(enUS.bundle.title).toBe('Data exchange')
    expect(enUS.bundle.export).toBe('Export bundle')
    expect(enUS.bundle.import).toBe('Import bundle')
    expect(enUS.bundle.takeTheirs).toBe('Take the bundle’s version')
    expect(enUS.bundle.apply).toBe('Merge')
  })

  it('every key the bundle screens use exists in both languages', () => {
    const used = new Set<string>()
    for (const f of ['components/BundleMerge.vue', 'views/SettingsView.vue', 'lib/bundle.ts']) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
      for (const m of src.matchAll(/'(bundle\.\w+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(30)
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
    for (const cat of [zhCN, enUS]) expect(typeof lookup(cat, 'rules.bundle_invalid')).toBe('string')
  })
})

describe('export bundle', () => {
  it('shows the path, counts and short SHA-256; says nothing when cancelled', async () => {
    let answer: () => unknown = () => null
    const { calls } = installBackend({ overrides: { export_bundle: () => answer() } })
    await mountWith(SettingsView)
    await click('btn-export-bundle')
    expect(calls.some((c) => c.cmd === 'export_bundle')).toBe(true)
    expect(document.body.textContent).not.toContain('已导出交换包')
    answer = () => ({ path: '/home/clerk/文档/terroir.bundle', sha256: 'ab12cd34ef56'.padEnd(64, '0'), records: 42, files: 3, personal_data: false })
    await click('btn-export-bundle')
    expect(document.body.textContent).toContain('已导出交换包：/home/clerk/文档/terroir.bundle（42 条记录，3 个文件，SHA-256 ab12cd34ef56）')
    // Persons in cases leave as pseudonyms unless the clerk ticks the box; the message says which.
    expect(document.body.textContent).toContain('自然人以化名导出')
    expect(calls.filter((c) => c.cmd === 'export_bundle').map((c) => (c.args as { personal_data: boolean }).personal_data)).toEqual([false, false])
    await click('bundle-personal-data')
    answer = () => ({ path: '/home/clerk/文档/terroir.bundle', sha256: 'ab12cd34ef56'.padEnd(64, '0'), records: 42, files: 3, personal_data: true })
    await click('btn-export-bundle')
    expect(calls.filter((c) => c.cmd === 'export_bundle').at(-1)?.args).toEqual({ personal_data: true })
    expect(document.body.textContent).toContain('已含自然人姓名')
    answer = () => Promise.reject(err('storage', null, { detail: 'disk full' }, 'storage'))
    await click('btn-export-bundle')
    expect(text('bundle-export-error')).toContain('disk full')
  })
})

describe('import bundle', () => {
  it('previews the source, the counts and the conflicts', async () => {
    const { calls } = installBackend()
    await openPreview()
    expect(calls.some((c) => c.cmd === 'bundle_preview')).toBe(true)
    expect(calls.some((c) => c.cmd === 'bundle_apply')).toBe(false)
    const source = text('bundle-source')
    expect(source).toContain('信阳市市场监督管理局')
    expect(source).toContain('9f3b6c2d1e0a')
    expect(source).not.toContain('9f3b6c2d1e0a4')
    expect(source).toContain('2026年3月')

    const summary = text('bundle-summary')
    expect(summary).toContain('新增')
    expect(summary).toContain('更新')
    expect(summary).toContain('无变化')
    expect(summary).toContain('冲突')
    expect(text('bundle-count-new')).toContain('2')
    expect(text('bundle-count-changed')).toContain('1')
    expect(text('bundle-count-conflicts')).toContain('1')

    const conflicts = text('bundle-conflicts')
    expect(conflicts).toContain('GI-0002')
    expect(conflicts).toContain('信阳市茶叶协会 0376-6222222')
    expect(text('bundle-conflicts-hint')).toContain('保留本地版本')
    expect(text('bundle-new')).toContain('ENT-0007')
    expect(text('bundle-changed-ENT-0002')).toContain('王会长')
    expect(text('bundle-take-theirs')).toContain('以交换包为准')
    expect(text('bundle-apply')).toContain('合并')
    // The calendar year the bundle brings, with what the merge does with it.
    const year = text('bundle-calendar-2027')
    expect(year).toContain('新增')
    expect(year).toContain('国办发明电〔2026〕1号')
  })

  it('names a calendar year kept because ours is newer', async () => {
    const { backend } = installBackend({
      overrides: {
        bundle_preview: () => ({
          ...(backend.handle('bundle_preview', {}) as BundleReport),
          calendar: [{ year: 2027, outcome: 'kept', theirs_source: '市局转发（旧）', theirs_entered_at: '2026-11-01T01:00:00.000Z', ours_source: '国办发明电〔2026〕1号', ours_entered_at: '2026-11-20T02:00:00.000Z' }],
        }),
      },
    })
    await openPreview()
    const year = text('bundle-calendar-2027')
    expect(year).toContain('保留本地的较新版本')
    expect(year).toContain('市局转发（旧）')
    expect(year).toContain('国办发明电〔2026〕1号')
    expect(text('bundle-calendar')).toContain('合并结果')
  })

  it('shows the records the rules refuse, with field and rule, and offers no merge', async () => {
    const problem = (field: string, rule: string, params: Record<string, string>) => ({ field, rule, params, message: { 'zh-CN': '', 'en-US': '' } })
    const { calls, backend } = installBackend({
      overrides: {
        bundle_preview: () => ({
          ...(backend.handle('bundle_preview', {}) as BundleReport),
          refused: [
            {
              kind: 'gi',
              id: 'b1e0c0de-0000-4000-8000-00000000000a',
              code: 'GI-0102',
              name: '驰名商标茶',
              problems: [problem('name', 'too_long', { max: '200' }), problem('name', 'well_known_wording', { found: '驰名商标' })],
            },
            { kind: 'enterprise', id: 'b1e0c0de-0000-4000-8000-00000000000b', code: 'ENT-0102', name: '', problems: [problem('name', 'required', {}), problem('phone', 'too_long', { max: '30' })] },
          ],
        }),
      },
    })
    await openPreview()
    expect(text('bundle-count-refused')).toContain('2')
    expect(text('bundle-refused-hint')).toContain('整个交换包不会合并')
    const gi = text('refused-GI-0102')
    expect(gi).toContain('地理标志')
    expect(gi).toContain('名称：过长：最多 200 个字符')
    expect(gi).toContain('驰名商标')
    const ent = text('refused-ENT-0102')
    expect(ent).toContain('名称：必填项不能为空')
    expect(ent).toContain('电话：过长：最多 30 个字符')
    expect(($('bundle-apply') as HTMLButtonElement).disabled).toBe(true)
    await click('bundle-apply')
    expect(calls.some((c) => c.cmd === 'bundle_apply')).toBe(false)
  })

  it('merges with the previewed SHA-256, keeping local conflicts by default, and refreshes lists', async () => {
    const { calls, backend } = installBackend()
    const { sha256 } = backend.handle('bundle_preview', {}) as BundleReport
    await openPreview()
    const ws = useWorkspace()
    const before = ws.changes
    await click('bundle-apply')
    expect(calls.find((c) => c.cmd === 'bundle_apply')!.args).toEqual({ sha256, take_theirs: false })
    expect(text('bundle-result')).toContain('合并完成')
    expect(text('bundle-result-summary')).toContain('新增 2 条，更新 1 条')
    expect(text('bundle-result-conflicts')).toContain('1 条冲突保留了本地版本')
    expect(ws.changes).toBe(before + 1)
    expect(backend.records.find((r) => r.code === 'GI-0002')!.data).not.toMatchObject({ contact: '信阳市茶叶协会 0376-6222222' })
  })

  it('passes take_theirs: true when the bundle’s version is chosen', async () => {
    const { calls, backend } = installBackend()
    await openPreview('en-US')
    expect(text('bundle-take-theirs')).toContain('Take the bundle’s version')
    const box = $('bundle-take-theirs')!
    box.click()
    await flushPromises()
    await click('bundle-apply')
    const apply = calls.find((c) => c.cmd === 'bundle_apply')!
    expect(apply.args).toEqual({ sha256: 'c1'.repeat(32), take_theirs: true })
    expect(text('bundle-result-conflicts')).toContain('1 conflict took the bundle’s version')
    expect(backend.records.find((r) => r.code === 'GI-0002')!.data).toMatchObject({ contact: '信阳市茶叶协会 0376-6222222' })
  })

  it('shows a loading state while merging, then a refusal with its reason', async () => {
    let fail: (e: unknown) => void = () => {}
    installBackend({ overrides: { bundle_apply: () => new Promise((_, reject) => (fail = reject)) } })
    const { wrapper } = await openPreview()
    await click('bundle-apply')
    expect($('bundle-applying')).not.toBeNull()
    expect($('bundle-apply')!.className).toContain('loading')
    expect(($('bundle-cancel') as HTMLButtonElement).disabled).toBe(true)
    // Esc does not close while merging.
    $('bundle-apply')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.findComponent(BundleMerge).props('show')).toBe(true)
    fail(err('bundle_invalid', null, { detail: 'part records/gi.json: SHA-256 does not match the manifest' }))
    await flushPromises()
    expect($('bundle-applying')).toBeNull()
    const error = text('bundle-error')
    expect(error).toContain('合并未成功')
    expect(error).toContain('交换包无法使用：part records/gi.json')
    expect($('bundle-result')).toBeNull()
  })

  it('does not open when the dialog is cancelled, explains a damaged bundle, and closes on Esc', async () => {
    let answer: () => unknown = () => null
    const { backend } = installBackend({ overrides: { bundle_preview: () => answer() } })
    const { wrapper } = await mountWith(SettingsView)
    await click('btn-import-bundle')
    expect(wrapper.findComponent(BundleMerge).props('show')).toBe(false)
    answer = () => Promise.reject(err('bundle_invalid', null, { detail: 'manifest.json is missing' }))
    await click('btn-import-bundle')
    expect(wrapper.findComponent(BundleMerge).props('show')).toBe(false)
    expect(text('bundle-read-error')).toContain('交换包无法使用：manifest.json is missing')
    answer = () => backend.handle('bundle_preview', {})
    await click('btn-import-bundle')
    expect(wrapper.findComponent(BundleMerge).props('show')).toBe(true)
    expect($('bundle-read-error')).toBeNull()
    $('bundle-apply')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.findComponent(BundleMerge).props('show')).toBe(false)
  })
})

describe('workspace check', () => {
  it('names the stored records the current rules refuse, with field and rule', async () => {
    const problem = (field: string, rule: string, params: Record<string, string>) => ({ field, rule, params, message: { 'zh-CN': '', 'en-US': '' } })
    installBackend({
      overrides: {
        check: () => ({
          ok: false,
          integrity: [],
          foreign_keys: [],
          audit_chain: { rows: 10, head: 'abc', first_broken: null },
          audit_mismatches: [],
          files: [],
          records: 31,
          refused: [{ kind: 'enterprise', id: 'x', code: 'ENT-0004', name: '光山县茶叶专业合作社（示例）', problems: [problem('phone', 'too_long', { max: '30' })] }],
          refused_total: 1201,
          migration_notes: [],
        }),
      },
    })
    await mountWith(SettingsView)
    await click('btn-check')
    expect(text('check-refused-count')).toContain('1,201 条记录不符合现行规则')
    expect(text('refused-ENT-0004')).toContain('电话：过长：最多 30 个字符')
    expect(text('check-result')).toContain('另有 1,200 条未列出')
  })
})

describe('working-day calendar', () => {
  it('lists the years with their source, says next year is not entered, and enters it through Rust', async () => {
    // Rust's answers, replayed: the first try (no source) refused, the second taken.
    const { calls } = installBackend()
    await mountWith(SettingsView)
    expect(text('calendar-2026')).toContain('国务院办公厅关于2026年部分节假日安排的通知')
    expect(text('calendar-2026')).toContain('随软件提供')
    expect(text('calendar-next-missing')).toContain('2027 年节假日安排尚未录入')
    await click('calendar-add')
    const set = (id: string, v: string) => {
      const el = $(id) as HTMLInputElement | HTMLTextAreaElement
      el.value = v
      el.dispatchEvent(new Event('input'))
    }
    set('calendar-field-holidays', '01-01, 02-06..02-12')
    set('calendar-field-workdays', '02-20')
    await click('calendar-save')
    expect(text('calendar-errors')).toContain('来源：必填项不能为空')
    set('calendar-field-source', '国办发明电〔2026〕1号')
    await click('calendar-save')
    const call = calls.filter((c) => c.cmd === 'set_calendar_year').pop()!
    expect(call.args).toMatchObject({ year: 2027, input: { holidays: ['01-01', '02-06..02-12'], workdays: ['02-20'], source: '国办发明电〔2026〕1号' } })
    expect(text('calendar-2027')).toContain('本工作区录入')
    expect($('calendar-next-missing')).toBeNull()
  })
})
