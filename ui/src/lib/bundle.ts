// County ↔ city exchange bundles (Settings → 数据交换): export the whole catalogue as one
// verified file, and merge a bundle from elsewhere — Rust opens the file dialog and dry-runs
// the merge (nothing is written), the preview shows what is new, what changed field by field
// and what conflicts (changed on both sides since the last exchange), then the merge. Rust
// refuses the merge when the file changed since its preview (same SHA-256 or no merge).
import { computed, markRaw, ref, shallowRef } from 'vue'
import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { api } from '../api/commands'
import type { BundleReport } from '../api/bindings/BundleReport'
import type { BundleSummary } from '../api/bindings/BundleSummary'
import { useWorkspace } from '../stores/workspace'
import { mapApiError, type MappedErrors } from './errors'

/** A SHA-256 or audit-chain head as people read it out: its first 12 hex digits. */
export const shortHash = (h: string | null | undefined) => (h ? h.slice(0, 12) : '')

/** Export the catalogue as a bundle; the path, counts, short SHA-256 and whether persons'
 * names are in it show in a message. Persons who are case parties are pseudonyms unless the
 * clerk ticks `personalData`. */
export function useBundleExport() {
  const { t } = useI18n()
  const message = useMessage()
  const busy = ref(false)
  const last = shallowRef<BundleSummary | null>(null)
  const error = shallowRef<MappedErrors | null>(null)
  const personalData = ref(false)

  async function run() {
    if (busy.value) return
    busy.value = true
    error.value = null
    try {
      const done = await api.exportBundle(personalData.value)
      if (!done) return // save dialog cancelled
      last.value = done
      const said = t('bundle.exported', { path: done.path, records: done.records, files: done.files, sha: shortHash(done.sha256) })
      message.success(`${said} ${t(done.personal_data ? 'bundle.withPersonal' : 'bundle.withoutPersonal')}`, {
        duration: 10000,
        closable: true,
      })
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      busy.value = false
    }
  }

  return { busy, last, error, personalData, run, dismiss: () => (error.value = null) }
}

export type MergeStep = 'preview' | 'done'

export function useBundleMerge() {
  const ws = useWorkspace()
  const step = ref<MergeStep>('preview')
  const busy = ref<'choose' | 'apply' | null>(null)
  /** The dry run on screen (markRaw: a big report is never made deeply reactive). */
  const report = shallowRef<BundleReport | null>(null)
  /** The merge's report (applied). */
  const result = shallowRef<BundleReport | null>(null)
  const error = shallowRef<MappedErrors | null>(null)
  /** Replace conflicting records by the bundle's version (otherwise the local one stays). */
  const takeTheirs = ref(false)

  // A bundle with a refused record is never merged (Rust writes nothing): the preview says why.
  const canApply = computed(() => step.value === 'preview' && !!report.value && !report.value.refused.length && busy.value === null)

  /** Pick a bundle and preview it; true when a preview is on screen (false: cancelled or refused). */
  async function choose(): Promise<boolean> {
    if (busy.value) return false
    busy.value = 'choose'
    error.value = null
    try {
      const r = await api.bundlePreview()
      if (!r) return false // file dialog cancelled: keep what was there
      report.value = markRaw(r)
      result.value = null
      takeTheirs.value = false
      step.value = 'preview'
      return true
    } catch (e) {
      error.value = mapApiError(e)
      return false
    } finally {
      busy.value = null
    }
  }

  async function apply() {
    const r = report.value
    if (!canApply.value || !r) return
    busy.value = 'apply'
    error.value = null
    try {
      const done = await api.bundleApply(r.sha256, takeTheirs.value)
      if (done.refused.length) {
        // Refused since the preview (a record here changed meanwhile): nothing was written.
        report.value = markRaw(done)
        return
      }
      result.value = markRaw(done)
      step.value = 'done'
      ws.changed()
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      busy.value = null
    }
  }

  function reset() {
    step.value = 'preview'
    busy.value = null
    report.value = null
    result.value = null
    error.value = null
    takeTheirs.value = false
  }

  return { step, busy, report, result, error, takeTheirs, canApply, choose, apply, reset }
}
