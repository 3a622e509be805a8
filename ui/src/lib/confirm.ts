// One confirm dialog for the whole app (ConfirmHost renders it): a promise that resolves to the
// reason typed (or '' when no reason was asked) or null when cancelled.
import { reactive } from 'vue'

export interface ConfirmRequest {
  title: string
  body: string
  /** Ask for a reason; `required` makes OK wait for one. */
  reason?: 'required' | 'optional' | 'none'
  danger?: boolean
  okText?: string
}

interface State extends ConfirmRequest {
  open: boolean
  text: string
  resolve: ((v: string | null) => void) | null
}

export const confirmState = reactive<State>({
  open: false,
  title: '',
  body: '',
  reason: 'none',
  danger: false,
  okText: undefined,
  text: '',
  resolve: null,
})

export function confirm(req: ConfirmRequest): Promise<string | null> {
  confirmState.resolve?.(null)
  return new Promise((resolve) => {
    Object.assign(confirmState, { reason: 'none', danger: false, okText: undefined }, req, {
      open: true,
      text: '',
      resolve,
    })
  })
}

export function settle(ok: boolean) {
  const r = confirmState.resolve
  confirmState.resolve = null
  confirmState.open = false
  r?.(ok ? confirmState.text.trim() : null)
}
