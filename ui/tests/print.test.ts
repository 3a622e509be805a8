// Printing brand-promotion dossiers: the Print page (selection, count, progress from the
// channel, cancel, the report) and the GI detail page's print button.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { nextTick } from 'vue'
import PrintView from '../src/views/PrintView.vue'
import DetailView from '../src/views/DetailView.vue'
import { err, sendToChannel } from '../src/mock/install'
import type { BatchReport } from '../src/api/bindings/BatchReport'
import { flushPromises, installBackend, mountWith } from './helpers'
import { messages } from '../src/i18n'

// The catalogues as the app loads them: the UI's chrome with Rust's vocabulary.
const zhCN = messages['zh-CN']
const enUS = messages['en-US']

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))
const lookup = (cat: object, key: string): unknown => key.split('.').reduce<any>((o, p) => (o == null ? o : o[p]), cat)

describe('print i18n', () => {
  it('has the Print page, dossier and field-path keys in both languages', () => {
    for (const cat of [zhCN, enUS]) {
      expect(lookup(cat, 'nav.print')).toBeTruthy()
      for (const group of ['print', 'dossier', 'dossierSettings', 'fieldPath']) {
        expect(Object.keys(lookup(cat, group) as object).sort()).toEqual(Object.keys(lookup(zhCN, group) as object).sort())
      }
    }
    expect(zhCN.nav.print).toBe('打印')
    expect(enUS.nav.print).toBe('Print')
    expect(zhCN.dossier.print).toBe('打印推介资料')
    expect(enUS.dossier.saveAs).toBe('Save as PDF')
  })

  it('every key the new screens use exists in both languages', () => {
    const files = ['views/PrintView.vue', 'components/DossierNotice.vue', 'components/ProblemList.vue', 'lib/dossier.ts', 'views/DetailView.vue']
    const used = new Set<string>()
    for (const f of files) {
      const src = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../src', f), 'utf8')
      for (const m of src.matchAll(/\bt\('([\w.]+)'/g)) if (!m[1].endsWith('.')) used.add(m[1])
    }
    // PLACEHOLDERS name their keys under dossierSettings.
    for (const k of ['phName', 'phCode', 'phId', 'phHead']) used.add('dossierSettings.' + k)
    expect(used.size).toBeGreaterThan(40)
    for (const key of used) {
      expect(typeof lookup(zhCN, key), `zh-CN ${key}`).toBe('string')
      expect(typeof lookup(enUS, key), `en-US ${key}`).toBe('string')
    }
  })
})

describe('print page', () => {
  it('counts the selection live, by division too, and flags a bad division code', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(PrintView)
    await flushPromises()
    expect(wrapper.find('[data-testid="batch-count"]').text()).toBe('将打印 6 份')
    await wrapper.find('[data-testid="mode-county"] input').setValue(true)
    await flushPromises()
    expect(wrapper.find('[data-testid="batch-count"]').text()).toBe('请先选择行政区划')
    expect(wrapper.find('[data-testid="btn-print-batch"]').attributes('disabled')).toBeDefined()
    const vm = wrapper.findComponent(PrintView).vm as unknown as { division: string | null }
    vm.division = '411525'
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'dossier_check').at(-1)!.args).toEqual({ selection: { select: 'county', code: '411525' } })
    // As Rust selects (replies.json): GI-0003 and GI-0006. GI-0001's area covers 固始县 too,
    // but the city is responsible for it.
    expect(wrapper.find('[data-testid="batch-count"]').text()).toBe('将打印 2 份')
    vm.division = '41152x'
    await flushPromises()
    expect(wrapper.find('[data-testid="error-county"]').text()).toContain('不是 GB/T 2260 行政区划代码')
  })

  it('shows progress counts from the channel, cancels, then the refusals with the field named', async () => {
    let finish: (r: BatchReport) => void = () => {}
    const { calls } = installBackend({
      printReady: true,
      overrides: {
        print_batch: (a) => {
          sendToChannel(a.progress, 0, { done: 1, total: 40, code: 'GI-0001' })
          sendToChannel(a.progress, 1, { done: 2, total: 40, code: 'GI-0002' })
          return new Promise<BatchReport>((resolve) => (finish = resolve))
        },
        cancel_batch: () => null,
      },
    })
    const { wrapper } = await mountWith(PrintView)
    await flushPromises()
    await wrapper.find('[data-testid="btn-print-batch"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'print_batch')!.args.selection).toEqual({ select: 'all' })
    expect(wrapper.find('[data-testid="batch-done"]').text()).toBe('已完成 2 / 40')
    expect(wrapper.find('[data-testid="batch-current"]').text()).toContain('GI-0002')
    // A second batch cannot start meanwhile.
    expect(wrapper.find('[data-testid="btn-print-batch"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="btn-cancel-batch"]').trigger('click')
    await flushPromises()
    expect(calls.some((c) => c.cmd === 'cancel_batch')).toBe(true)

    const refusal = err('well_known_wording', 'users[3].name', { found: '驰名商标' })
    const warning = err('standard_missing', 'protections').problems[0]
    finish({
      printed: [
        { code: 'GI-0001', name: '信阳毛尖', file: 'GI-0001-信阳毛尖.pdf', path: '/tmp/out/GI-0001-信阳毛尖.pdf', bytes: 1000, warnings: [] },
        { code: 'GI-0003', name: '固始鸡', file: 'GI-0003-固始鸡.pdf', path: '/tmp/out/GI-0003-固始鸡.pdf', bytes: 1000, warnings: [warning] },
      ],
      refused: [{ code: 'GI-0002', name: '信阳红', error: refusal }],
      cancelled: true,
    })
    await flushPromises()
    expect(wrapper.find('[data-testid="batch-progress"]').exists()).toBe(false)
    const report = wrapper.find('[data-testid="batch-report"]')
    expect(report.text()).toContain('批量打印已取消')
    expect(wrapper.find('[data-testid="batch-summary"]').text()).toBe('已打印 2 份，未能打印 1 份')
    const row = wrapper.find('[data-testid="refused-GI-0002"]')
    expect(row.text()).toContain('信阳红')
    expect(row.text()).toContain('授权使用人第 4 项 · 名称')
    expect(row.text()).toContain('推介资料不得使用“驰名商标”字样')
    expect(wrapper.find('[data-testid="warned-GI-0003"]').text()).toContain('没有产品标准号或公告号')
    expect(report.text()).toContain('/tmp/out')
    expect(wrapper.find('[data-testid="btn-open-folder"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="btn-print-batch"]').attributes('disabled')).toBeUndefined()
  })

  it('runs a whole batch on the mock backend through a real channel, in English', async () => {
    // Rust's refusal: an approved user of GI-0001 renamed to carry the banned words.
    installBackend({ printDelayMs: 0, printReady: true, printRefused: true })
    const { wrapper } = await mountWith(PrintView, {}, 'en-US')
    await flushPromises()
    expect(wrapper.find('[data-testid="batch-count"]').text()).toBe('6 dossiers will be printed')
    await wrapper.find('[data-testid="btn-print-batch"]').trigger('click')
    for (let i = 0; i < 20 && !wrapper.find('[data-testid="batch-report"]').exists(); i++) {
      await wait(5)
      await flushPromises()
    }
    expect(wrapper.find('[data-testid="batch-summary"]').text()).toBe('5 printed, 1 not printed')
    const row = wrapper.find('[data-testid="refused-GI-0001"]')
    expect(row.text()).toContain('Authorised users #1 · Name')
    expect(row.text()).toContain('must not use the words')
  })

  it('offers New GI product when there is nothing to print', async () => {
    installBackend({ overrides: { dossier_check: () => ({ total: 0, settings: [], incomplete: [], complete: [] }) } })
    const { wrapper } = await mountWith(PrintView)
    await flushPromises()
    expect(wrapper.find('[data-testid="print-empty"]').text()).toContain('新建地理标志产品')
    expect(wrapper.find('[data-testid="btn-print-batch"]').exists()).toBe(false)
  })

  it('asks for the issuer and its contact before a first batch, then offers to skip the incomplete products', async () => {
    const { calls } = installBackend({ printDelayMs: 0 })
    const { wrapper } = await mountWith(PrintView)
    await flushPromises()
    // Rust's check of the fresh sample: the two settings missing, nothing can start.
    const first = wrapper.find('[data-testid="settings-first"]')
    expect(first.text()).toContain('发布单位')
    expect(first.text()).toContain('发布单位联系方式')
    expect(wrapper.find('[data-testid="btn-print-batch"]').attributes('disabled')).toBeDefined()
    await wrapper.find('[data-testid="btn-to-settings"]').trigger('click')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('field-issuer')

    await wrapper.find('[data-testid="field-issuer"]').setValue('信阳市市场监督管理局（知识产权局）')
    await wrapper.find('[data-testid="field-issuer_contact"]').setValue('0376-6200000')
    await wrapper.find('[data-testid="btn-save-settings"]').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'set_dossier_settings').at(-1)!.args.settings).toMatchObject({ issuer_contact: '0376-6200000' })
    // Then Rust's check with the settings saved: 5 of the 6 products lack something.
    expect(wrapper.find('[data-testid="settings-first"]').exists()).toBe(false)
    const incomplete = wrapper.find('[data-testid="incomplete"]')
    expect(incomplete.text()).toContain('5 个产品信息不全')
    await wrapper.find('[data-testid="btn-show-gaps"]').trigger('click')
    expect(wrapper.find('[data-testid="incomplete-GI-0003"]').text()).toContain('尚未填写，推介资料开头将没有产品介绍')
    expect(wrapper.find('[data-testid="incomplete-GI-0001"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="btn-print-batch"]').text()).toBe('仍然全部打印（6 份）')
    const skip = wrapper.find('[data-testid="btn-print-skip"]')
    expect(skip.text()).toBe('跳过这些产品，打印其余 1 份')
    await skip.trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'print_batch')!.args.selection).toEqual({ select: 'codes', codes: ['GI-0001'] })
  })

  it('saves the dossier settings and shows a field error under its field, keeping the text', async () => {
    const { calls } = installBackend()
    const { wrapper } = await mountWith(PrintView)
    await flushPromises()
    expect((wrapper.find('[data-testid="field-qr_template"]').element as HTMLInputElement).value).toContain('{code}')
    await wrapper.find('[data-testid="field-issuer"]').setValue('驰名商标办公室')
    await wrapper.find('[data-testid="field-issuer"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'set_dossier_settings')!.args.settings).toMatchObject({ issuer: '驰名商标办公室' })
    expect(wrapper.find('[data-testid="error-issuer"]').text()).toContain('驰名商标')
    expect((wrapper.find('[data-testid="field-issuer"]').element as HTMLInputElement).value).toBe('驰名商标办公室')
    await wrapper.find('[data-testid="field-issuer"]').setValue('固始县市场监督管理局')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-testid="error-issuer"]').exists()).toBe(false)
    expect(calls.filter((c) => c.cmd === 'set_dossier_settings').at(-1)!.args.settings).toMatchObject({ issuer: '固始县市场监督管理局' })
  })
})

describe('GI dossier button', () => {
  it('shows a refusal with the field it concerns', async () => {
    const { calls } = installBackend({
      overrides: { preview_dossier: () => Promise.reject(err('well_known_wording', 'users[3].name', { found: '驰名商标' })) },
    })
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0001' })
    await flushPromises()
    await wrapper.find('[data-testid="btn-print-dossier"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'preview_dossier')!.args).toEqual({ key: 'GI-0001' })
    const alert = wrapper.find('[data-testid="dossier-refused"]')
    expect(alert.text()).toContain('无法打印推介资料')
    expect(alert.text()).toContain('授权使用人第 4 项 · 名称')
    expect(alert.text()).toContain('推介资料不得使用“驰名商标”字样（商标法第十四条第五款）：发现“驰名商标”')
    expect(wrapper.find('[data-testid="btn-print-dossier"]').attributes('disabled')).toBeUndefined()
  })

  it('disables the button while printing, then names the file (no path), with open, folder, print and the warnings', async () => {
    let finish: (v: unknown) => void = () => {}
    const { calls } = installBackend({
      overrides: {
        preview_dossier: () =>
          new Promise((resolve) => (finish = resolve)),
      },
    })
    const { wrapper } = await mountWith(DetailView, { kind: 'gi', code: 'GI-0002' }, 'en-US')
    await flushPromises()
    const button = wrapper.find('[data-testid="btn-print-dossier"]')
    expect(button.text()).toBe('Print dossier')
    await button.trigger('click')
    await nextTick()
    expect(wrapper.find('[data-testid="btn-print-dossier"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="btn-save-dossier"]').attributes('disabled')).toBeDefined()
    finish([
      { code: 'GI-0002', name: '信阳红', file: 'GI-0002-信阳红.pdf', path: '/ws/dossiers/GI-0002-信阳红.pdf', bytes: 1, warnings: [err('standard_missing', 'protections').problems[0]] },
      false,
    ])
    await flushPromises()
    expect(wrapper.find('[data-testid="btn-print-dossier"]').attributes('disabled')).toBeUndefined()
    // The file's name, never its path; no viewer opened: say so, and offer to open it.
    expect(wrapper.find('[data-testid="dossier-file"]').text()).toBe('GI-0002-信阳红.pdf')
    expect(wrapper.find('[data-testid="dossier-not-opened"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="dossier-warnings"]').text()).toContain('Protection')
    expect(document.body.textContent).not.toContain('/ws/dossiers')
    await wrapper.find('[data-testid="dossier-open-folder"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.cmd === 'open_printed')!.args).toEqual({ folder: true })
    await wrapper.find('[data-testid="dossier-print"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('No printer took it')
  })

  it('is only on GI products', async () => {
    installBackend()
    const { wrapper } = await mountWith(DetailView, { kind: 'enterprise', code: 'ENT-0001' })
    await flushPromises()
    expect(wrapper.find('[data-testid="btn-print-dossier"]').exists()).toBe(false)
  })
})
