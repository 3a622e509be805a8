// The form of an authorised user's flow step and the step as Rust takes it; which steps a
// stage allows, and each form's fields, come from Rust (the user summary's next_steps).
import type { NextReport } from '../api/bindings/NextReport'
import type { UserStep } from '../api/bindings/UserStep'

export type StepName = UserStep['step']

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
  membership_no: string
  licence_no: string
  half: string
  /** '' (not said), 'yes' or 'no'. */
  used: string
  output: string
  labels: string
  /** One listing per line. */
  links: string
}

/** A step's empty form. A use report's due day is left empty: Rust sets it by the bureau's
 * reporting schedule. */
/** A step's form as it opens: dated today, a use report for the period Rust expects next. */
export function blankStepForm(today: string, next?: NextReport): StepForm {
  return {
    on: today,
    onsite_check_on: '',
    onsite_result: '',
    passed: true,
    reason: '',
    announcement_no: '',
    announced_on: today,
    year: next ? String(next.year) : '',
    due_on: '',
    received_on: '',
    membership_no: '',
    licence_no: '',
    half: next?.half ? String(next.half) : '',
    used: '',
    output: '',
    labels: '',
    links: '',
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
      return {
        step,
        year: Number(f.year),
        half: opt(f.half),
        due_on: opt(f.due_on),
        received_on: opt(f.received_on),
        used: f.used === '' ? null : f.used === 'yes',
        output: opt(f.output),
        labels: opt(f.labels),
        links: f.links.split(/\s+/).filter((l) => l !== ''),
      }
    case 'join':
      return { step, on: f.on.trim(), membership_no: opt(f.membership_no) }
    case 'license':
      return { step, on: f.on.trim(), licence_no: f.licence_no.trim() }
    case 'refuse':
      return { step, on: f.on.trim(), reason: f.reason.trim() }
    case 'leave':
      return { step, on: f.on.trim(), reason: opt(f.reason) }
    case 'keep_use':
      return { step, on: f.on.trim(), reason: f.reason.trim() }
  }
}
