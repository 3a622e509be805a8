// The form of an application's flow step and the step as Rust takes it; which steps a state
// allows, and each form's fields, come from Rust (the application summary's next_steps).
import type { ApplicationStep } from '../api/bindings/ApplicationStep'
import type { State } from '../api/bindings/State'
import { keysOf } from './choices'

export type AppStepName = ApplicationStep['step']

/** The states in flow order (the work queue's filter), as Rust's vocabulary lists them. */
export const APP_STATES = keysOf('appState') as readonly State[]

/** Rules Rust reports on `over_budget_reason` when an approval goes past the budget. */
export const BUDGET_RULES = ['budget_exceeded', 'budget_missing']

export interface AppStepForm {
  on: string
  reviewer: string
  note: string
  over_budget_reason: string
  reason: string
  voucher: string
}

export function blankAppStepForm(today: string): AppStepForm {
  return { on: today, reviewer: '', note: '', over_budget_reason: '', reason: '', voucher: '' }
}

const opt = (s: string) => (s.trim() === '' ? null : s.trim())

export function buildAppStep(step: AppStepName, f: AppStepForm): ApplicationStep {
  const on = opt(f.on)
  switch (step) {
    case 'submit':
      return { step, on }
    case 'start_review':
      return { step, on, reviewer: f.reviewer.trim() }
    case 'approve':
      return { step, on, note: opt(f.note), over_budget_reason: opt(f.over_budget_reason) }
    case 'reject':
    case 'return':
      return { step, on, reason: f.reason.trim() }
    case 'pay':
      return { step, on, voucher: f.voucher.trim() }
  }
}
