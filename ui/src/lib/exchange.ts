// Spreadsheets in and out of a list page: export the list as it is filtered (XLSX or CSV, the
// save dialog is Rust's), and the import wizard's state — choose a file (Rust opens the file
// dialog and dry-runs the import: nothing is written), preview what it would add and change
// and which cells have problems, then apply it, all or nothing. Rust refuses the apply when
// the file changed since its preview (same SHA-256 or no import). The wizard takes any sheet
// Rust reads: a record kind's, or the GI products' yearly statistics (`gi_stats`), which also
// export as one sheet.
import { computed, markRaw, ref, shallowRef } from 'vue'
import { useMessage } from 'naive-ui'
import { useI18n } from 'vue-i18n'
import { api } from '../api/commands'
import type { ExportSummary } from '../api/bindings/ExportSummary'
import type { ImportProgress } from '../api/bindings/ImportProgress'
import type { ImportReport } from '../api/bindings/ImportReport'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { SheetKind } from '../api/bindings/SheetKind'
import facets from '../api/bindings/list-facets.json'
import type { ListQuery } from '../api/bindings/ListQuery'
import type { Show } from '../api/bindings/Show'
import { useWorkspace } from '../stores/workspace'
import { mapApiError, type MappedErrors } from './errors'

/** The kinds with a sheet (export, import, templates), as Rust declares them. */
export const EXCHANGE_KINDS: readonly RecordKind[] = (Object.entries(facets) as [RecordKind, { exchange: boolean }][])
  .filter(([, f]) => f.exchange)
  .map(([k]) => k)
export const canExchange = (kind: RecordKind) => EXCHANGE_KINDS.includes(kind)

/**
 * Rows shown per table of a preview. A report can hold 100,000 rows; the rest are counted
 * ("… and N more"), never rendered.
 */
export const TABLE_LIMIT = 200

export function firstRows<T>(rows: readonly T[], limit = TABLE_LIMIT): { shown: readonly T[]; more: number } {
  return rows.length <= limit ? { shown: rows, more: 0 } : { shown: rows.slice(0, limit), more: rows.length - limit }
}

/** Export the list `kind` as `show` filters it; the path and row count show in a message. */
export function useListExport(kind: () => RecordKind, show: () => Show, narrow: () => Partial<ListQuery> = () => ({})) {
  return useSheetExport(() => api.exportList(kind(), show(), narrow()))
}

/** Export every GI product's yearly statistics (Rust's save dialog); the path and row count show in a message. */
export function useGiStatsExport() {
  return useSheetExport(() => api.exportGiStats())
}

/** Run an export whose save dialog is Rust's (null: cancelled); the path and row count show in a message. */
function useSheetExport(write: () => Promise<ExportSummary | null>) {
  const { t } = useI18n()
  const message = useMessage()
  const busy = ref(false)
  const last = shallowRef<ExportSummary | null>(null)
  const error = shallowRef<MappedErrors | null>(null)

  async function run() {
    if (busy.value) return
    busy.value = true
    error.value = null
    try {
      const done = await write()
      if (!done) return // save dialog cancelled
      last.value = done
      message.success(t('exchange.exported', { n: done.rows, path: done.path }, done.rows), { duration: 8000, closable: true })
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      busy.value = false
    }
  }

  return { busy, last, error, run, dismiss: () => (error.value = null) }
}

export type ImportStep = 'choose' | 'preview' | 'done'

/** The import wizard's state for a sheet of `kind` (a record kind's, or `gi_stats`). */
export function useImportWizard(kind: () => SheetKind) {
  const ws = useWorkspace()
  const step = ref<ImportStep>('choose')
  const busy = ref<'choose' | 'template' | 'apply' | null>(null)
  /** The dry run on screen (markRaw: a big report is never made deeply reactive). */
  const report = shallowRef<ImportReport | null>(null)
  /** The applied import's report. */
  const result = shallowRef<ImportReport | null>(null)
  const error = shallowRef<MappedErrors | null>(null)
  const templatePath = ref<string | null>(null)
  /** Rows checked of the sheet's, while a preview or an import runs. */
  const progress = shallowRef<ImportProgress | null>(null)
  /** The clerk asked to stop; the run ends at its next row. */
  const stopping = ref(false)
  /** The last run was stopped: nothing was written. */
  const stopped = ref<'preview' | 'apply' | null>(null)
  const onProgress = (p: ImportProgress) => (progress.value = p)

  const toWrite = computed(() => (report.value ? report.value.added.length + report.value.changed.length : 0))
  const canApply = computed(() => step.value === 'preview' && !!report.value && report.value.problems.length === 0 && toWrite.value > 0 && busy.value === null)

  async function choose() {
    if (busy.value) return
    busy.value = 'choose'
    error.value = null
    stopped.value = null
    try {
      const r = await api.importPreview(kind(), onProgress)
      if (!r) return // file dialog cancelled: stay where we were
      if (r.cancelled) {
        // Back to step 1: the file last picked is not the one any preview on screen showed.
        report.value = null
        step.value = 'choose'
        stopped.value = 'preview'
        return
      }
      report.value = markRaw(r)
      result.value = null
      step.value = 'preview'
    } catch (e) {
      // An unreadable or hostile file: back to step 1 with the reason.
      report.value = null
      step.value = 'choose'
      error.value = mapApiError(e)
    } finally {
      busy.value = null
      progress.value = null
      stopping.value = false
    }
  }

  /** Stop the running preview or import (nothing is written). */
  function stop() {
    if ((busy.value !== 'choose' && busy.value !== 'apply') || stopping.value) return
    stopping.value = true
    void api.cancelImport()
  }

  async function downloadTemplate() {
    if (busy.value) return
    busy.value = 'template'
    error.value = null
    try {
      const path = await api.writeTemplate(kind())
      if (path) templatePath.value = path
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      busy.value = null
    }
  }

  async function apply() {
    const r = report.value
    if (!canApply.value || !r) return
    busy.value = 'apply'
    error.value = null
    stopped.value = null
    try {
      const done = await api.importApply(kind(), r.sha256, onProgress)
      if (done.cancelled) {
        stopped.value = 'apply'
      } else if (done.applied) {
        result.value = markRaw(done)
        step.value = 'done'
        ws.changed()
      } else {
        // Problems found on the real run (the data changed since the preview): nothing was
        // written; show them as a preview.
        report.value = markRaw(done)
      }
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      busy.value = null
      progress.value = null
      stopping.value = false
    }
  }

  function reset() {
    step.value = 'choose'
    busy.value = null
    report.value = null
    result.value = null
    error.value = null
    templatePath.value = null
    stopped.value = null
  }

  return {
    step,
    busy,
    report,
    result,
    error,
    templatePath,
    progress,
    stopping,
    stopped,
    toWrite,
    canApply,
    choose,
    stop,
    downloadTemplate,
    apply,
    reset,
  }
}
