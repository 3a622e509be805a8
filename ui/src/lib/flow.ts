// Which application-flow steps an authorised user's stage allows (mirrors core/src/user.rs).
import type { UserStage } from '../api/bindings/UserStage'
import type { UserStep } from '../api/bindings/UserStep'

export type StepName = UserStep['step']

export const STEPS_BY_STAGE: Record<UserStage, StepName[]> = {
  applied: ['first_review', 'reject'],
  first_reviewed: ['provincial_review', 'reject'],
  provincially_reviewed: ['approve', 'reject'],
  rejected: [],
  active: ['use_report', 'suspend', 'withdraw'],
  suspended: ['use_report', 'reinstate', 'withdraw'],
  withdrawn: [],
}

export function stepsFor(stage: string): StepName[] {
  return STEPS_BY_STAGE[stage as UserStage] ?? []
}

/** Steps that change legal status: they ask for a reason and a confirmation. */
export const LEGAL_STEPS: StepName[] = ['reject', 'suspend', 'reinstate', 'withdraw']

/** The dialog's fields for each step. */
export const STEP_FIELDS: Record<StepName, string[]> = {
  first_review: ['on', 'onsite_check_on', 'onsite_result', 'passed', 'reason'],
  provincial_review: ['on', 'passed', 'reason'],
  approve: ['announcement_no', 'announced_on'],
  reject: ['on', 'reason'],
  suspend: ['on', 'reason'],
  reinstate: ['on', 'reason'],
  withdraw: ['on', 'reason'],
  use_report: ['year', 'due_on', 'received_on'],
}

export interface StepForm {
  on: string
  onsite_check_on: string
  onsite_result: string
  passed: boolean
  reason: string
  announcement_no: string
  announced_on: string
  year: string
  due_on: string
  received_on: string
}

export function blankStepForm(today: string): StepForm {
  const year = Number(today.slice(0, 4)) - 1
  return {
    on: today,
    onsite_check_on: '',
    onsite_result: '',
    passed: true,
    reason: '',
    announcement_no: '',
    announced_on: today,
    year: String(year),
    due_on: `${year + 1}-03-31`,
    received_on: '',
  }
}

const opt = (s: string) => (s.trim() === '' ? null : s.trim())

export function buildStep(step: StepName, f: StepForm): UserStep {
  switch (step) {
    case 'first_review':
      return {
        step,
        on: f.on.trim(),
        onsite_check_on: opt(f.onsite_check_on),
        onsite_result: opt(f.onsite_result),
        passed: f.passed,
        reason: opt(f.reason),
      }
    case 'provincial_review':
      return { step, on: f.on.trim(), passed: f.passed, reason: opt(f.reason) }
    case 'approve':
      return { step, announcement_no: f.announcement_no.trim(), announced_on: f.announced_on.trim() }
    case 'reject':
    case 'suspend':
    case 'reinstate':
    case 'withdraw':
      return { step, on: f.on.trim(), reason: f.reason.trim() }
    case 'use_report':
      return { step, year: Number(f.year), due_on: opt(f.due_on), received_on: opt(f.received_on) }
  }
}
