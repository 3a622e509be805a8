// A JSON merge patch between two input objects: only changed top-level fields; empty text → null.
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'

export type Input = Record<string, JsonValue>

/** Blank strings are null to Rust (a cleared field). Applied deeply. */
export function normalise(v: JsonValue): JsonValue {
  if (typeof v === 'string') return v.trim() === '' ? null : v
  if (Array.isArray(v)) return v.map(normalise)
  if (v && typeof v === 'object') {
    const o: Record<string, JsonValue> = {}
    for (const [k, x] of Object.entries(v)) o[k] = normalise(x)
    return o
  }
  return v
}

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

export function mergePatch(before: Input, after: Input): Input {
  const patch: Input = {}
  for (const key of Object.keys(after)) {
    const b = normalise(before[key] ?? null)
    const a = normalise(after[key] ?? null)
    if (!same(a, b)) patch[key] = a
  }
  return patch
}

export function deepClone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/**
 * Drop null members of objects, deeply: Rust fills a missing field with its default, while a
 * null is refused where text is required (a claim's item). Top-level nulls of a merge patch
 * mean "clear" and are kept by `keepTop`.
 */
export function dropNulls(v: JsonValue, keepTop = false): JsonValue {
  if (Array.isArray(v)) return v.map((x) => dropNulls(x))
  if (v && typeof v === 'object') {
    const o: Record<string, JsonValue> = {}
    for (const [k, x] of Object.entries(v)) {
      if (x === null) {
        if (keepTop) o[k] = null
      } else o[k] = dropNulls(x)
    }
    return o
  }
  return v
}
