// A new record's form opened from another page with some fields filled in (a case opened from
// a wording finding): handed over once, then forgotten. Nothing is stored until the clerk saves
// the form, where Rust checks it like any other.
import type { RecordKind } from '../api/bindings/RecordKind'
import type { Input } from './patch'

let pending: { kind: RecordKind; fields: Input } | null = null

export function prefill(kind: RecordKind, fields: Input) {
  pending = { kind, fields }
}

/** The fields handed over for a new `kind`, once. */
export function takePrefill(kind: RecordKind): Input {
  if (pending?.kind !== kind) return {}
  const fields = pending.fields
  pending = null
  return fields
}
