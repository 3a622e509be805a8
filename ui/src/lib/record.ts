// A record's aggregate, typed by its kind: RecordDto is a union discriminated by `kind`, so a
// component made for one kind takes its data from here instead of casting.
import type { RecordDto } from '../api/bindings/RecordDto'
import type { RecordKind } from '../api/bindings/RecordKind'

/** The aggregate type of records of `K`. */
export type DataOf<K extends RecordKind> = Extract<RecordDto, { kind: K }>['data']

/** The aggregate of a record the caller knows is of `kind`; another kind is a programming error. */
export function dataOf<K extends RecordKind>(r: RecordDto, kind: K): DataOf<K> {
  if (r.kind !== kind) throw new Error(`${r.code} is a ${r.kind} record, not ${kind}`)
  return r.data as DataOf<K>
}

/** The summary type of records of `K`. */
export type SummaryOf<K extends RecordKind> = Extract<RecordDto, { kind: K }>['summary']

/** The derived facts of a record the caller knows is of `kind`. */
export function summaryOf<K extends RecordKind>(r: RecordDto, kind: K): SummaryOf<K> {
  if (r.kind !== kind) throw new Error(`${r.code} is a ${r.kind} record, not ${kind}`)
  return r.summary as SummaryOf<K>
}

/** A summary fact by name, for columns chosen by key (lists, related records); `undefined`
 * when the record's kind has no such fact. */
export function summaryField(r: RecordDto, key: string): unknown {
  return (r.summary as Record<string, unknown>)[key]
}
