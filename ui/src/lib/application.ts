// The flow of an application (mirrors core/src/application.rs): which steps a state allows,
// the fields of each step's dialog, and the step as Rust takes it.
import type { ApplicationStep } from '../api/bindings/ApplicationStep'
import type { AwardItem } from '../api/bindings/AwardItem'
import type { State } from '../api/bindings/State'

export type AppStepName = ApplicationStep['step']

export const APP_STEPS_BY_STATE: Record<State, AppStepName[]> = {
  draft: ['submit'],
  submitted: ['start_review', 'reject'],
  under_review: ['approve', 'reject'],
  approved: ['pay'],
  rejected: [],
  paid: [],
}

/** The states in flow order (the work queue's filter). */
export const APP_STATES = Object.keys(APP_STEPS_BY_STATE) as State[]

/** A state key from outside (a route query), or null when it is not one. */
export function appState(v: unknown): State | null {
  return typeof v === 'string' && (APP_STATES as string[]).includes(v) ? (v as State) : null
}

/** The steps an application of `kind` in `state` allows; only an award is paid. */
export function appStepsFor(state: string, kind: string): AppStepName[] {
  const steps = APP_STEPS_BY_STATE[state as State] ?? []
  return kind === 'award' ? steps : steps.filter((s) => s !== 'pay')
}

/** The dialog's fields for each step. */
export const APP_STEP_FIELDS: Record<AppStepName, string[]> = {
  submit: ['on'],
  start_review: ['on', 'reviewer'],
  approve: ['on', 'note', 'over_budget_reason'],
  reject: ['on', 'reason'],
  pay: ['on', 'voucher'],
}

/** The field a step cannot do without (besides the date, which defaults to today). */
export const APP_STEP_REQUIRED: Record<AppStepName, keyof AppStepForm | null> = {
  submit: null,
  start_review: 'reviewer',
  approve: null,
  reject: 'reason',
  pay: 'voucher',
}

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

export function requiredMissing(step: AppStepName, f: AppStepForm): boolean {
  const need = APP_STEP_REQUIRED[step]
  return need !== null && f[need].trim() === ''
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
      return { step, on, reason: f.reason.trim() }
    case 'pay':
      return { step, on, voucher: f.voucher.trim() }
  }
}

/** What an award is for, in the order of the selection list. */
export const AWARD_ITEMS: AwardItem[] = [
  'well_known_mark',
  'provincial_famous_mark',
  'gi_trademark',
  'gi_product',
  'agricultural_gi',
  'special_mark_user',
  'madrid_filing',
]
