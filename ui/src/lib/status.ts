// Status colours with one meaning everywhere: red only where the clerk must act (a deadline
// running out or missed, a basis gone), amber due soon or suspended, blue in progress, green in
// force/approved, grey over and done with (ended, refused, lapsed policy, archived) or an
// optional gap. Always shown with a word.
import type { CaseState } from '../api/bindings/CaseState'
import type { Standing } from '../api/bindings/Standing'
import type { ZoneStatus } from '../api/bindings/ZoneStatus'

export type Tone = 'green' | 'blue' | 'amber' | 'red' | 'grey'

// Every standing has its tone (`satisfies`), looked up by the key a summary carries.
export const STANDING_TONE: Record<string, Tone> = {
  registered: 'green',
  renewal_due: 'amber',
  in_grace: 'red',
  renewal_pending: 'blue',
  // Lapsed unrenewed: the clerk records the deregistration.
  lapsed: 'amber',
  // No registration date: a data gap, marked apart (⚠) rather than as a legal state.
  pending: 'grey',
  deregistered: 'grey',
  revoked: 'grey',
  invalidated: 'grey',
} satisfies Record<Standing, Tone>

export const STAGE_TONE: Record<string, Tone> = {
  applied: 'blue',
  first_reviewed: 'blue',
  provincially_reviewed: 'blue',
  rejected: 'grey',
  active: 'green',
  suspended: 'amber',
  withdrawn: 'grey',
}

// A case in progress is blue; a decision or transfer awaiting closure amber; closed grey.
export const CASE_TONE: Record<string, Tone> = {
  filed: 'blue',
  investigating: 'blue',
  decided: 'amber',
  transferred: 'amber',
  closed: 'grey',
} satisfies Record<CaseState, Tone>

// A zone applied for or in preparation is in progress; accepted is in force; revoked is over.
export const ZONE_TONE: Record<string, Tone> = {
  applied: 'blue',
  preparing: 'blue',
  accepted: 'green',
  revoked: 'grey',
} satisfies Record<ZoneStatus, Tone>

export const TONE_COLOURS: Record<Tone, { fg: string; bg: string; border: string }> = {
  green: { fg: '#1e6b34', bg: '#e6f4ea', border: '#a8d5b5' },
  blue: { fg: '#1a5a96', bg: '#e7f0fa', border: '#a9c8ea' },
  amber: { fg: '#8a5a00', bg: '#fff4dc', border: '#f0cf86' },
  red: { fg: '#a61b1b', bg: '#fdecec', border: '#f0b0b0' },
  grey: { fg: '#555b61', bg: '#f0f1f2', border: '#d3d6d9' },
}

export const ACCENT = '#4f7d3a'

/** Application states (草稿 … 已拨付). */
export const STATE_TONE: Record<string, Tone> = {
  draft: 'blue',
  submitted: 'blue',
  under_review: 'blue',
  approved: 'green',
  rejected: 'grey',
  paid: 'green',
}

/** Readiness of a well-known-mark candidate, overall and per criterion. */
export const LEVEL_TONE: Record<string, Tone> = { ready: 'green', partial: 'amber', not_ready: 'red' }
export const CRITERION_TONE: Record<string, Tone> = { met: 'green', partly: 'amber', missing: 'red' }
