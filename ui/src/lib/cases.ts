// The form of an enforcement case's flow step and the step as Rust takes it; which steps a
// state allows, each form's fields and which are required come from Rust (the case summary's
// next_steps). The statistics form's rows as the editor keeps them.
import type { CaseStep } from '../api/bindings/CaseStep'
import type { StatsRowInput } from '../api/bindings/StatsRowInput'

export type CaseStepName = CaseStep['step']

export interface CaseStepForm {
  on: string
  investigator: string
  /** 处罚 (true) or 不予处罚 (false). */
  penalised: boolean
  number: string
  /** Yuan as typed. */
  fine: string
  confiscation: string
  order_to_stop: boolean
  supplier: string
  reason: string
  receiver: string
  note: string
}

/** A step's form as it opens: dated today, a decision that penalises and orders the party to stop. */
export function blankCaseStepForm(today: string): CaseStepForm {
  return {
    on: today,
    investigator: '',
    penalised: true,
    number: '',
    fine: '',
    confiscation: '',
    order_to_stop: true,
    supplier: '',
    reason: '',
    receiver: '',
    note: '',
  }
}

const opt = (s: string) => (s.trim() === '' ? null : s.trim())

export function buildCaseStep(step: CaseStepName, f: CaseStepForm): CaseStep {
  const on = opt(f.on)
  switch (step) {
    case 'investigate':
      return { step, on, investigator: f.investigator.trim() }
    case 'decide':
      return {
        step,
        on,
        penalised: f.penalised,
        number: f.number.trim(),
        fine: opt(f.fine),
        confiscation: opt(f.confiscation),
        order_to_stop: f.order_to_stop,
        supplier: opt(f.supplier),
        reason: opt(f.reason),
      }
    case 'transfer':
      return { step, on, receiver: f.receiver.trim(), note: opt(f.note) }
    case 'close':
      return { step, on, note: opt(f.note) }
  }
}

export function blankStatsRow(): StatsRowInput {
  return { label: '', kinds: [], measure: 'cases' }
}
