// Spreadsheets: export from every list page, and the import wizard (choose → preview → import)
// on the mock backend — problems with row, column and value block the import; a clean preview
// imports, reports what was written and refreshes the list.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import ListView from '../src/views/ListView.vue'
import ImportWizard from '../src/components/ImportWizard.vue'
import { err, sendToChannel } from '../src/mock/install'
import { EXCHANGE_KINDS, TABLE_LIMIT, firstRows } from '../src/lib/exchange'
import type { ImportProblem } from '../src/api/bindings/ImportProblem'
import type { ImportReport } from '../src/api/bindings/ImportReport'
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
/** The wizard is a modal: it renders into document.body, outside the wrapper. */
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const text = (testid: string) => $(testid)?.textContent ?? ''
const disabled = (testid: string) => ($(testid) as HTMLButtonElement | null)?.disabled

async function click(testid: string) {
  const el = $(testid)
  expect(el, testid).not.toBeNull()
  el!.click()
  await flushPromises()
}

async function openWizard(kind: string, locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const mounted = await mountWith(ListView, { kind }, locale)
  await flushPromises()
  await mounted.wrapper.find('[data-testid="btn-import"]').trigger('click')
  await flushPromises()
  expect($('import-wizard')).not.toBeNull()
  return mounted
}

describe('import i18n', () => {
  it('has the export and import keys in both languages', () => {
    for (const group of ['exchange', 'import', 'import.kinds', 'import.synonyms', 'import.match']) {
      expect(Object.keys(lookup(enUS, group) as object).sort(), group).toEqual(Object.keys(lookup(zhCN, group) as object).sort())
    }
    for (const kind of [...EXCHANGE_KINDS, 'gi_stats']) {
      for (const g of ['import.kinds.', 'import.synonyms.', 'import.match.']) {
        expect(typeof lookup(zhCN, g + kind)).toBe('string')
        expect(typeof lookup(enUS, g + kind)).toBe('string')
      }
    }
    expect(zhCN.exchange.export).toBe('导出')
    expect(zhCN.exchange.import).toBe('导入')
    expect(zhCN.import.template).toBe('下载模板')
    expect(zhCN.import.chooseAgain).toBe('重新选择文件')
    expect(zhCN.import.added).toBe('新增')
    expect(zhCN.import.changed).toBe('更新')
    expect(zhCN.import.unchanged).toBe('无变化')
    expect(zhCN.import.problems).toBe('问题')
    expect(enUS.exchange.export).toBe('Export')
    expect(enUS.import.template).toBe('Download template')
    expect(enUS.import.chooseAgain).toBe('Choose again')
  })

  it('every key the import and export screens use exists in both languages', () => {
    const files = ['components/ImportWizard.vue', 'views/ListView.vue', 'lib/exchange.ts']
    const used = new Set<string>()
    for (const f of files) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(50)
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
    // Named by rule from Rust (ApiError) and by field (file-level problems).
    for (const cat of [zhCN, enUS]) {
      expect(typeof lookup(cat, 'fieldPath.file')).toBe('string')
      for (const rule of ['sheet_not_spreadsheet', 'sheet_encoding', 'sheet_damaged', 'sheet_too_large', 'sheet_zip_bomb', 'sheet_declared_count', 'sheet_too_many', 'sheet_no_header']) {
        expect(typeof lookup(cat, 'rules.' + rule), rule).toBe('string')
      }
    }
  })
})

describe('list toolbar', () => {
  it('offers export and import on the four importable lists, not on candidates', async () => {
    for (const kind of ['enterprise', 'user', 'gi', 'trademark']) {
      installBackend()
      const { wrapper } = await mountWith(ListView, { kind })
      await flushPromises()
      expect(wrapper.find('[data-testid="btn-export"]').exists(), kind).toBe(true)
      expect(wrapper.find('[data-testid="btn-import"]').exists(), kind).toBe(true)
      wrapper.unmount()
      document.body.innerHTML = ''
    }
    installBackend()
    const { wrapper } = await mountWith(ListView, { kind: 'candidate' })
    await flushPromises()
    expect(wrapper.find('[data-testid="btn-export"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="btn-import"]').exists()).toBe(false)
  })

  it('offers Import Excel in an empty list’s empty state', async () => {
    const { backend } = installBackend()
    backend.records.splice(0, backend.records.length, ...backend.records.filter((r) => r.kind !== 'gi'))
    const { wrapper } = await mountWith(ListView, { kind: 'gi' })
    await flushPromises()
    const button = wrapper.find('[data-testid="btn-import-empty"]')
    expect(button.text()).toBe('导入 Excel')
    await button.trigger('click')
    await flushPromises()
    expect(text('import-wizard')).toContain('导入地理标志产品')
  })

  it('exports the current filter and shows the path and row count', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(ListView, { kind: 'enterprise' })
    await flushPromises()
    await wrapper.find('[data-testid="btn-export"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'export_list')!.args).toMatchObject({ kind: 'enterprise', query: { show: 'live', division: null } })
    expect(document.body.textContent).toContain('已导出 6 条：/home/clerk/文档/enterprise.xlsx')

    await wrapper.find('[data-testid="show-all"] input').setValue(true)
    await flushPromises()
    await wrapper.find('[data-testid="btn-export"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'export_list').at(-1)!.args).toMatchObject({ kind: 'enterprise', query: { show: 'all' } })
  })

  it('says nothing when the save dialog is cancelled, and shows a refusal', async () => {
    let answer: () => unknown = () => null
    installBackend({ overrides: { export_list: () => answer() } })
    const { wrapper } = await mountWith(ListView, { kind: 'trademark' }, 'en-US')
    await flushPromises()
    await wrapper.find('[data-testid="btn-export"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).not.toContain('Exported')
    expect(wrapper.find('[data-testid="export-error"]').exists()).toBe(false)
    answer = () => Promise.reject(err('storage', null, { detail: 'disk full' }, 'storage'))
    await wrapper.find('[data-testid="btn-export"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="export-error"]').text()).toContain('disk full')
    answer = () => ({ kind: 'trademark', path: '/tmp/tm.csv', rows: 1 })
    await wrapper.find('[data-testid="btn-export"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Exported 1 row: /tmp/tm.csv')
  })
})

describe('import wizard', () => {
  it('shows problems with row, column and value, and disables the import', async () => {
    const { calls } = installBackend()
    await openWizard('user')
    expect(text('import-wizard')).toContain('导入授权使用人')
    expect(text('import-wizard')).toContain('UTF-8')
    await click('import-choose')
    expect(calls.find((c) => c.cmd === 'import_preview')!.args).toMatchObject({ kind: 'user' })

    const summary = text('import-summary')
    expect(text('count-added')).toContain('3')
    expect(text('count-problems')).toContain('1')
    expect(summary).toContain('新增')
    expect(summary).toContain('问题')
    const row = $('problem-4')!
    const cells = [...row.querySelectorAll('td')].map((td) => td.textContent?.trim())
    expect(cells).toEqual(['4', 'B 使用人', '固始县某某茶叶有限公司', '企业（enterprise）：找不到所引用的企业“固始县某某茶叶有限公司”'])
    expect(text('import-problems')).toContain('行')
    expect(text('import-blocked')).toContain('改正之前不会写入任何数据')
    expect(text('import-ignored')).toContain('E 联系电话')
    expect(disabled('import-apply')).toBe(true)
    expect($('import-choose-again')).not.toBeNull()
    await click('import-apply')
    expect(calls.some((c) => c.cmd === 'import_apply')).toBe(false)
  })

  it('shows the problem message in English', async () => {
    installBackend()
    await openWizard('user', 'en-US')
    await click('import-choose')
    expect(text('problem-4')).toContain('the referenced enterprise "固始县某某茶叶有限公司" does not exist')
    expect(text('import-blocked')).toContain('nothing will be written until it is fixed')
  })

  it('imports a clean preview, reports it applied and refreshes the list', async () => {
    const { calls, backend } = installBackend()
    const { sha256 } = backend.handle('import_preview', { kind: 'enterprise' }) as ImportReport
    const { wrapper } = await openWizard('enterprise')
    expect(wrapper.find('[data-testid="list-count"]').text()).toBe('共 6 条')
    await click('import-choose')
    expect(text('count-added')).toContain('2')
    expect(text('count-changed')).toContain('2')
    expect(text('count-unchanged')).toContain('2')
    expect(text('count-problems')).toContain('0')
    expect(text('count-header')).toContain('2')
    expect($('import-problems')).toBeNull()
    expect(text('import-added')).toContain('ENT-0007')
    expect(text('import-added')).toContain('固始县绿源茶业有限公司')
    const change = text('changed-ENT-0005')
    expect(change).toContain('电话')
    expect(change).toContain('0376-4888123')
    expect(change).toContain('（空）')
    expect(disabled('import-apply')).toBe(false)
    expect(text('import-apply')).toContain('导入 4 条')

    await click('import-apply')
    expect(sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(calls.find((c) => c.cmd === 'import_apply')!.args).toMatchObject({ kind: 'enterprise', sha256 })
    expect(text('import-result')).toContain('导入完成')
    expect(text('import-result-summary')).toBe('新增 2 条，更新 2 条，2 条无变化')
    expect(text('import-summary')).toContain('2')
    await flushPromises()
    expect(wrapper.find('[data-testid="list-count"]').text()).toBe('共 8 条')
    expect(wrapper.find('[data-testid="row-ENT-0008"]').exists()).toBe(true)

    expect(wrapper.findComponent(ImportWizard).props('show')).toBe(true)
    await click('import-close')
    expect(wrapper.findComponent(ImportWizard).props('show')).toBe(false)
  })

  it('sends the previewed file’s SHA-256 and shows a refusal with the file named', async () => {
    const report: ImportReport = {
      kind: 'gi',
      file: '清单.xlsx',
      sha256: 'ab'.repeat(32),
      header_row: 1,
      rows: 1,
      added: [{ row: 2, code: 'GI-0007', name: '固始皇姑山茶' }],
      changed: [],
      unchanged: [],
      ignored_columns: [],
      problems: [],
      applied: false,
      cancelled: false,
    }
    const { calls } = installBackend({
      overrides: {
        import_preview: () => report,
        import_apply: () => Promise.reject(err('sheet_damaged', 'file', { detail: 'the file changed after the preview; preview it again' })),
      },
    })
    await openWizard('gi')
    await click('import-choose')
    await click('import-apply')
    expect(calls.find((c) => c.cmd === 'import_apply')!.args).toMatchObject({ kind: 'gi', sha256: 'ab'.repeat(32) })
    const error = text('import-error')
    expect(error).toContain('导入未成功，没有写入任何数据')
    expect(error).toContain('文件：表格已损坏或不完整：the file changed after the preview')
    expect($('import-result')).toBeNull()
    expect(disabled('import-choose-again')).toBe(false)
  })

  it('shows a loading state while importing', async () => {
    let finish: (r: ImportReport) => void = () => {}
    const { backend } = installBackend({ overrides: { import_apply: () => new Promise<ImportReport>((r) => (finish = r)) } })
    await openWizard('trademark')
    await click('import-choose')
    await click('import-apply')
    expect($('import-applying')).not.toBeNull()
    expect($('import-apply')!.className).toContain('loading')
    expect(disabled('import-choose-again')).toBe(true)
    expect(disabled('import-cancel')).toBe(true)
    const previewed = backend.handle('import_preview', { kind: 'trademark' }) as ImportReport
    finish({ ...previewed, applied: true })
    await flushPromises()
    expect($('import-applying')).toBeNull()
    expect(text('import-result-summary')).toBe('新增 2 条，更新 0 条，0 条无变化')
  })

  it('shows rows checked while importing, and stops it on request with nothing written', async () => {
    let finish: (r: ImportReport) => void = () => {}
    let channel: unknown = null
    const { calls, backend } = installBackend({
      overrides: {
        import_apply: (a) => {
          channel = a.progress
          return new Promise<ImportReport>((r) => (finish = r))
        },
      },
    })
    const { wrapper } = await openWizard('enterprise')
    await click('import-choose')
    await click('import-apply')
    expect(text('import-applying')).toContain('正在导入')
    sendToChannel(channel, 0, { done: 1250, total: 100000 })
    await flushPromises()
    expect(text('import-applying')).toContain('已检查 1,250 / 100,000 行')
    await click('import-stop')
    expect(calls.some((c) => c.cmd === 'cancel_import')).toBe(true)
    expect(text('import-stop')).toContain('正在停止')
    const previewed = backend.handle('import_preview', { kind: 'enterprise' }) as ImportReport
    finish({ ...previewed, cancelled: true })
    await flushPromises()
    // Still the preview, with the stop said; the list did not change.
    expect($('import-applying')).toBeNull()
    expect(text('import-stopped')).toContain('导入已停止，未写入任何记录')
    expect($('import-result')).toBeNull()
    expect(disabled('import-apply')).toBe(false)
    expect(wrapper.find('[data-testid="list-count"]').text()).toBe('共 6 条')
  })

  it('checks a file chosen again with rows counted; stopping it goes back to step 1', async () => {
    let finish: (r: ImportReport | null) => void = () => {}
    let channel: unknown = null
    let first = true
    const { calls, backend } = installBackend({
      overrides: {
        import_preview: (a) => {
          if (first) {
            first = false
            return backend.handle('import_preview', { kind: 'enterprise' })
          }
          channel = a.progress
          return new Promise<ImportReport | null>((r) => (finish = r))
        },
      },
    })
    await openWizard('enterprise')
    await click('import-choose')
    expect($('import-summary')).not.toBeNull()
    await click('import-choose-again')
    sendToChannel(channel, 0, { done: 500, total: 2000 })
    await flushPromises()
    expect(text('import-checking')).toContain('已检查 500 / 2,000 行')
    await click('import-stop')
    expect(calls.some((c) => c.cmd === 'cancel_import')).toBe(true)
    const previewed = backend.handle('import_preview', { kind: 'enterprise' }) as ImportReport
    finish({ ...previewed, cancelled: true })
    await flushPromises()
    expect($('import-summary')).toBeNull()
    expect($('import-choose')).not.toBeNull()
    expect(text('import-stopped')).toContain('已停止检查，未写入任何记录')
  })

  it('stays on step 1 when the file dialog is cancelled, and explains a hostile file', async () => {
    let answer: () => unknown = () => null
    installBackend({ overrides: { import_preview: () => answer() } })
    await openWizard('enterprise')
    await click('import-choose')
    expect($('import-choose')).not.toBeNull()
    expect($('import-summary')).toBeNull()
    answer = () => Promise.reject(err('sheet_zip_bomb', 'file', { part: 'xl/worksheets/sheet1.xml', ratio: '4000' }))
    await click('import-choose')
    expect(text('import-error')).toContain('无法读取这个文件')
    expect(text('import-error')).toContain('xl/worksheets/sheet1.xml 解压后膨胀 4000 倍')
  })

  it('saves a template and shows where', async () => {
    const { calls } = installBackend()
    await openWizard('trademark')
    await click('import-template')
    expect(calls.find((c) => c.cmd === 'write_template')!.args).toEqual({ kind: 'trademark' })
    expect(text('import-template-saved')).toContain('/home/clerk/文档/trademark-template.xlsx')
  })

  it('shows the first rows of a large report and counts the rest', async () => {
    // Rust's preview of the enterprise sheet with 5,000 more new rows.
    const { backend } = installBackend({
      overrides: {
        import_preview: () => {
          const report = backend.handle('import_preview', { kind: 'enterprise' }) as ImportReport
          const more = Array.from({ length: 5000 }, (_, i) => ({ row: 9 + i, code: `ENT-${String(9 + i).padStart(4, '0')}`, name: `导入示例企业第${i + 1}号有限公司` }))
          return { ...report, rows: report.rows + 5000, added: [...report.added, ...more] }
        },
      },
    })
    await openWizard('enterprise')
    await click('import-choose')
    expect(text('count-added')).toContain('5,002')
    expect($('import-added')!.querySelectorAll('tbody tr').length).toBe(TABLE_LIMIT)
    expect(text('import-wizard')).toContain('… 还有 4,802 条未显示')
    expect(firstRows([1, 2, 3], 2)).toEqual({ shown: [1, 2], more: 1 })
  })

  it('closes on Esc', async () => {
    installBackend()
    const { wrapper } = await openWizard('enterprise')
    expect(wrapper.findComponent(ImportWizard).props('show')).toBe(true)
    $('import-choose')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await flushPromises()
    expect(wrapper.findComponent(ImportWizard).props('show')).toBe(false)
  })
})

describe('GI yearly statistics sheet', () => {
  /** A preview of a statistics sheet as Rust reports one (hand-made: no sheet was recorded). */
  const report: ImportReport = {
    kind: 'gi_stats',
    file: '地理标志年度统计.xlsx',
    sha256: 'cd'.repeat(32),
    header_row: 1,
    rows: 2,
    added: [{ row: 2, code: 'GI-0001/2026', name: '信阳毛尖' }],
    changed: [{ row: 3, code: 'GI-0001/2025', name: '信阳毛尖', fields: [{ field: 'producers', before: '1200', after: '1250' }] }],
    unchanged: [],
    ignored_columns: [],
    problems: [],
    applied: false,
    cancelled: false,
  }

  async function openStats(locale: 'zh-CN' | 'en-US' = 'zh-CN') {
    const mounted = await mountWith(ListView, { kind: 'gi' }, locale)
    await flushPromises()
    await mounted.wrapper.find('[data-testid="btn-import-gi-stats"]').trigger('click')
    await flushPromises()
    expect($('import-wizard')).not.toBeNull()
    return mounted
  }

  it('is offered on the GI list only, beside its import and export', async () => {
    installBackend()
    const gi = await mountWith(ListView, { kind: 'gi' })
    await flushPromises()
    expect(gi.wrapper.find('[data-testid="btn-import-gi-stats"]').text()).toBe('导入年度统计')
    expect(gi.wrapper.find('[data-testid="btn-export-gi-stats"]').text()).toBe('导出年度统计')
    gi.wrapper.unmount()
    document.body.innerHTML = ''
    const ent = await mountWith(ListView, { kind: 'enterprise' })
    await flushPromises()
    expect(ent.wrapper.find('[data-testid="btn-import-gi-stats"]').exists()).toBe(false)
    expect(ent.wrapper.find('[data-testid="btn-export-gi-stats"]').exists()).toBe(false)
  })

  it('opens the wizard on the statistics sheet with its template and its matching rule', async () => {
    const { calls } = installBackend()
    await openStats()
    expect(text('import-wizard')).toContain('导入地理标志年度统计')
    expect(text('import-wizard')).toContain('产品已录入的年度按表格替换')
    expect(text('import-wizard')).toContain('同一产品同一年度出现两次的，不予导入')
    await click('import-template')
    expect(calls.find((c) => c.cmd === 'write_template')!.args).toEqual({ kind: 'gi_stats' })
    expect(text('import-template-saved')).toContain('/home/clerk/文档/gi_stats-template.xlsx')
    // Rust's preview of the recorded sheet: a year added, the sample's year replaced.
    await click('import-choose')
    expect(calls.find((c) => c.cmd === 'import_preview')!.args).toMatchObject({ kind: 'gi_stats' })
    expect(text('import-added')).toContain('GI-0001/2026')
    expect(text('import-added')).toContain('信阳毛尖')
    const change = text('changed-GI-0001/2025')
    expect(change).toContain('3000000000')
    expect(change).toContain('3200000000')
    expect(text('import-apply')).toContain('导入 2 条')
    await click('import-apply')
    expect(calls.find((c) => c.cmd === 'import_apply')!.args).toMatchObject({ kind: 'gi_stats' })
    expect(text('import-result-summary')).toBe('新增 1 条，更新 1 条，0 条无变化')
  })

  it('names a problem’s product and year columns in the statistics’ words', async () => {
    const problem: ImportProblem = { row: 4, column: null, field: 'year', value: '2025', rule: 'duplicate_in_file', message: { 'zh-CN': '', 'en-US': '' } }
    installBackend({ overrides: { import_preview: () => ({ ...report, problems: [problem, { ...problem, row: 5, field: 'gi', value: '某某茶' }] }) } })
    await openStats()
    await click('import-choose')
    expect([...$('problem-4')!.querySelectorAll('td')].map((td) => td.textContent?.trim()).slice(0, 3)).toEqual(['4', '年度', '2025'])
    expect(text('problem-5')).toContain('地理标志产品')
    expect(disabled('import-apply')).toBe(true)
  })

  it('exports every product’s statistics: nothing said when the dialog is cancelled, else the path and rows', async () => {
    let answer: () => unknown = () => null
    const { calls } = installBackend({ overrides: { export_gi_stats: () => answer() } })
    const { wrapper } = await mountWith(ListView, { kind: 'gi' })
    await flushPromises()
    await wrapper.find('[data-testid="btn-export-gi-stats"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'export_gi_stats')!.args).toEqual({})
    expect(document.body.textContent).not.toContain('已导出')
    answer = () => ({ kind: 'gi_stats', path: '/home/clerk/文档/地理标志年度统计.xlsx', rows: 2 })
    await wrapper.find('[data-testid="btn-export-gi-stats"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('已导出 2 条：/home/clerk/文档/地理标志年度统计.xlsx')
    answer = () => Promise.reject(err('storage', null, { detail: 'disk full' }, 'storage'))
    await wrapper.find('[data-testid="btn-export-gi-stats"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="export-gi-stats-error"]').text()).toContain('disk full')
  })

  it('the mock’s save dialog picks nothing for the statistics', () => {
    const { backend } = installBackend()
    expect(backend.handle('export_gi_stats', {})).toBeNull()
  })
})
