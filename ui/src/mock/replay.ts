// Calls that change records, replayed from what Rust answered (calls.json, written by
// crates/api/tests/fixtures.rs from the same sample the mock serves). A call is found by its
// arguments and the version of the record it changes; one Rust was not recorded answering is
// refused, saying so: the mock computes no domain value.
import calls from '../api/bindings/calls.json'
import type { ApiError } from '../api/bindings/ApiError'
import type { JsonValue } from '../api/bindings/serde_json/JsonValue'

interface Recorded {
  cmd: string
  args: JsonValue
  version: number
  reply: JsonValue
  error: ApiError | null
}
const CALLS = calls as unknown as Recorded[]

/** JSON with its keys sorted, so arguments compare whatever order a screen built them in. */
export function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/** What Rust answered `cmd` with these arguments at this version, or its refusal. */
export function replay(cmd: string, args: Record<string, unknown>, version: number): JsonValue {
  const key = canon(args)
  const hit = CALLS.find((c) => c.cmd === cmd && c.version === version && canon(c.args) === key)
  if (!hit) throw notRecorded(cmd, key)
  if (hit.error) throw hit.error
  // A copy: the mock keeps (and later changes) the records it is given.
  return structuredClone(hit.reply)
}

/** The versions at which Rust answered `cmd`, each with its arguments and whether it succeeded. */
export function recorded(cmd: string): readonly { args: JsonValue; version: number; ok: boolean }[] {
  return CALLS.filter((c) => c.cmd === cmd).map((c) => ({ args: c.args, version: c.version, ok: c.error === null }))
}

/** What Rust answered `cmd` with these arguments at the first recorded version `at` accepts, or its refusal. */
export function replayWhere(cmd: string, args: Record<string, unknown>, at: (version: number) => boolean): JsonValue {
  const key = canon(args)
  const hit = CALLS.find((c) => c.cmd === cmd && at(c.version) && canon(c.args) === key)
  if (!hit) throw notRecorded(cmd, key)
  if (hit.error) throw hit.error
  return structuredClone(hit.reply)
}

/** The refusal of a call the mock has no recorded answer for (run the app for the real one). */
export function notRecorded(cmd: string, what: string): ApiError {
  const detail = `the mock has no recorded answer for ${cmd} ${what}; the desktop app has the real one`
  const message = { 'zh-CN': `演示数据没有记录此操作的结果（${cmd}）`, 'en-US': detail }
  const params = { detail }
  return { kind: 'storage', field: null, rule: 'storage', params, message, problems: [{ field: null, rule: 'storage', params, message }] }
}
