// Printing one GI product's brand-promotion dossier from its detail page: preview (print into
// the documents folder's 地标品牌库/推介资料 and open the system PDF viewer) or save as PDF.
// The clerk is told the file's name, never a path; DossierNotice offers open, open folder and
// print. Rust refuses a dossier it
// cannot print (banned wording, a missing glyph, a broken photo); the refusal is kept to show
// with the field named, and the warnings of a printed one are shown without blocking.
import { ref, shallowRef } from 'vue'
import { api } from '../api/commands'
import type { Printed } from '../api/bindings/Printed'
import { mapApiError, type MappedErrors } from './errors'

export interface DossierOutcome {
  printed: Printed
  /** False when no PDF viewer could be started: the notice offers to open it again. */
  opened: boolean
}

/**
 * `what` is `dossier` (a GI product's brand-promotion dossier: preview or save), `catalogue`
 * (a well-known-mark candidate's evidence catalogue) or `form` (an application's approval form
 * to sign); the last two preview only.
 */
export function useDossierPrint(key: () => string, what: 'dossier' | 'catalogue' | 'form' = 'dossier') {
  const busy = ref<'preview' | 'save' | null>(null)
  const outcome = shallowRef<DossierOutcome | null>(null)
  const refusal = shallowRef<MappedErrors | null>(null)

  async function run(which: 'preview' | 'save') {
    if (busy.value) return
    busy.value = which
    refusal.value = null
    try {
      if (which === 'preview') {
        const preview = what === 'catalogue' ? api.previewCatalogue : what === 'form' ? api.printApplicationForm : api.previewDossier
        const [printed, opened] = await preview(key())
        outcome.value = { printed, opened }
      } else {
        const printed = await api.saveDossier(key())
        if (!printed) return // save dialog cancelled
        outcome.value = { printed, opened: true }
      }
    } catch (e) {
      outcome.value = null
      refusal.value = mapApiError(e)
    } finally {
      busy.value = null
    }
  }

  return {
    busy,
    outcome,
    refusal,
    preview: () => run('preview'),
    save: () => run('save'),
    dismiss() {
      outcome.value = null
      refusal.value = null
    },
  }
}
