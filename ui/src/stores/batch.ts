// The batch print: it runs in Rust while the clerk may leave the Print page, so its progress
// and its report live here and are still there on coming back.
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { api, type BatchProgress } from '../api/commands'
import type { BatchReport } from '../api/bindings/BatchReport'
import type { BatchSelection } from '../api/bindings/BatchSelection'
import { mapApiError, type MappedErrors } from '../lib/errors'

export const useBatch = defineStore('batch', () => {
  const running = ref(false)
  const cancelling = ref(false)
  const progress = shallowRef<BatchProgress | null>(null)
  const report = shallowRef<BatchReport | null>(null)
  const error = shallowRef<MappedErrors | null>(null)

  /** Print `selection` (`expected` dossiers); resolves when the batch ends or the folder dialog is cancelled. */
  async function start(selection: BatchSelection, expected: number) {
    if (running.value) return
    running.value = true
    cancelling.value = false
    progress.value = { done: 0, total: expected, code: '' }
    report.value = null
    error.value = null
    try {
      const r = await api.printBatch(selection, (p) => {
        progress.value = p
      })
      report.value = r
    } catch (e) {
      error.value = mapApiError(e)
    } finally {
      running.value = false
      cancelling.value = false
    }
  }

  async function cancel() {
    if (!running.value || cancelling.value) return
    cancelling.value = true
    try {
      await api.cancelBatch()
    } catch (e) {
      cancelling.value = false
      error.value = mapApiError(e)
    }
  }

  function clear() {
    report.value = null
    error.value = null
  }

  return { running, cancelling, progress, report, error, start, cancel, clear }
})
