// Sample data for the mocked IPC layer (screenshots, `vite` dev with `?mock`, tests): Rust's
// sample as the real api lists it on the fixture's day (sample.json, written by cargo test,
// crates/api/tests/fixtures.rs), so every record, summary and offer the mock serves is Rust's.
// Not part of the production bundle.
import type { AwardReview } from '../api/bindings/AwardReview'
import type { CalendarEntry } from '../api/bindings/CalendarEntry'
import type { Deadline } from '../api/bindings/Deadline'
import type { OverviewDeadlines } from '../api/bindings/OverviewDeadlines'
import type { DivisionRow } from '../api/bindings/DivisionRow'
import type { Eligibility } from '../api/bindings/Eligibility'
import type { Overview } from '../api/bindings/Overview'
import type { Readiness } from '../api/bindings/Readiness'
import type { RecordDto } from '../api/bindings/RecordDto'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'
import sample from '../api/bindings/sample.json'

/** A record as the mock keeps it: RecordDto's fields, with the aggregate and summary as loose JSON (the mock
 * replays answers; Rust's typed aggregate is checked by Rust). */
export type MockRecord = Omit<RecordDto, 'kind' | 'data' | 'summary'> & { kind: RecordKind; data: Record<string, JsonValue>; summary: Record<string, JsonValue> }

const SAMPLE = sample as unknown as {
  records: MockRecord[]
  divisions: DivisionRow[]
  categories: string[]
  overview: Overview
  deadlines: Record<string, Deadline[]>
  overview_deadlines: OverviewDeadlines
  readiness: Record<string, Readiness>
  eligibility: Record<string, Eligibility>
  award: { records: MockRecord[]; review: AwardReview }
  inputs: Record<string, Record<string, JsonValue>>
  calendar: CalendarEntry[]
}

/** The fixture's day: Rust computed every summary and answer in sample.json on it. */
export const SAMPLE_TODAY = '2026-11-27'
export const DIVISIONS = SAMPLE.divisions
export const CATEGORIES = SAMPLE.categories
/** What Rust answered for the sample as loaded (the mock replays these; what a test changes
 * in the mock does not change them). Eligibility also covers the award application below. */
export const SAMPLE_OVERVIEW = SAMPLE.overview
export const SAMPLE_DEADLINES = SAMPLE.deadlines
export const SAMPLE_OVERVIEW_DEADLINES = SAMPLE.overview_deadlines
export const SAMPLE_READINESS = SAMPLE.readiness
export const SAMPLE_ELIGIBILITY = SAMPLE.eligibility
/** Each record's form input, by `code@version`; the calendar years. */
export const SAMPLE_INPUTS = SAMPLE.inputs
export const SAMPLE_CALENDAR = SAMPLE.calendar
/** Rust's review of the award application once under review, with 250,000 budgeted for 411500 in 2026. */
export const AWARD_REVIEW = SAMPLE.award.review

/** The sample's records, fresh for each backend (the mock changes them in place). */
export function sampleRecords(): MockRecord[] {
  return structuredClone(SAMPLE.records)
}

/**
 * What the sample lacks for the award screens: two Xinyang GI-mark rules (one in force, one
 * lapsed), ENT-0001's new GI mark and its award application claiming it, submitted (APP-0002),
 * as Rust recorded them. A test adds them to a backend's records.
 */
export function awardRecords(): MockRecord[] {
  return structuredClone(SAMPLE.award.records)
}

/** Many enterprises, for scrolling tests: ENT-000101 …, spread over the sample's Xinyang divisions. */
export function manyEnterprises(count: number): MockRecord[] {
  const xinyang = DIVISIONS.filter((d) => d.code.startsWith('4115') && d.code !== '411500')
  const out: MockRecord[] = []
  for (let i = 1; i <= count; i++) {
    const div = xinyang[i % xinyang.length].code
    const code = `ENT-${String(i + 100).padStart(6, '0')}`
    const name = `示例企业第${i}号有限公司`
    out.push({
      id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      kind: 'enterprise',
      code,
      name,
      sample: true,
      archived_at: null,
      created_at: '2026-03-01T09:00:00Z',
      updated_at: '2026-03-01T09:00:00Z',
      version: 1,
      summary: { credit_code: null, division: div },
      data: { name, credit_code: null, division: div, address: null, contact_person: null, phone: null, notes: null },
    })
  }
  return out
}
