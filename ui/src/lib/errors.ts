// Rust's ApiError → messages under the fields they concern, translated by rule (never by
// parsing the message text).
import type { ApiError } from '../api/commands'
import { isApiError } from '../api/commands'
import type { Problem } from '../api/bindings/Problem'

export interface FieldProblem {
  rule: string
  params: Record<string, string>
}

export interface MappedErrors {
  /** Problems keyed by field path exactly as Rust names it (`credit_code`, `protections[0].trademark`). */
  fields: Record<string, FieldProblem[]>
  /** Problems without a field, or whose field the form does not show. */
  general: FieldProblem[]
  /** The error as a whole (kind) when the rejection was an ApiError. */
  kind: ApiError['kind'] | null
  /** A rejection that was not an ApiError (a bug or a Tauri failure), as text. */
  raw: string | null
}

export function emptyErrors(): MappedErrors {
  return { fields: {}, general: [], kind: null, raw: null }
}

function problemsOf(e: ApiError): Problem[] {
  if (e.problems && e.problems.length) return e.problems
  return [{ field: e.field, rule: e.rule, params: e.params, message: e.message }]
}

/**
 * Sort an error's problems by field. `known` (optional) decides which field paths the form
 * displays; the others go to `general` so nothing is silently dropped.
 */
export function mapApiError(e: unknown, known?: (field: string) => boolean): MappedErrors {
  if (!isApiError(e)) {
    const out = emptyErrors()
    out.raw = e instanceof Error ? e.message : String(e)
    return out
  }
  const out = mapProblems(problemsOf(e), known)
  out.kind = e.kind
  return out
}

/** The same sorting for a bare list of problems (a printed dossier's warnings). */
export function mapProblems(problems: Problem[], known?: (field: string) => boolean): MappedErrors {
  const out = emptyErrors()
  for (const p of problems) {
    const fp = { rule: p.rule, params: p.params ?? {} }
    if (p.field && (!known || known(p.field))) {
      ;(out.fields[p.field] ??= []).push(fp)
    } else {
      out.general.push(fp)
    }
  }
  return out
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * A field path as Rust names it, in words: `users[3].name` → 授权使用人第 4 项 · 名称. Each part
 * is looked up under `fieldPath.` (names only printed documents use) and then `fields.`;
 * an unknown part shows as written.
 */
export function fieldPathLabel(path: string, t: Translate, te: (key: string) => boolean): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^(\w+)(?:\[(\d+)\])?$/.exec(part)
      if (!m) return part
      const key = te('fieldPath.' + m[1]) ? 'fieldPath.' + m[1] : te('fields.' + m[1]) ? 'fields.' + m[1] : null
      const label = key ? t(key) : m[1]
      return m[2] === undefined ? label : t('fieldPath.nth', { label, n: Number(m[2]) + 1 })
    })
    .join(' · ')
}

/** Field paths with problems, in order; `protections[0].trademark` → base name `trademark`. */
export function problemFields(m: MappedErrors): string[] {
  return Object.keys(m.fields)
}

export function baseField(path: string): string {
  const last = path.split('.').pop() ?? path
  return last.replace(/\[\d+\]$/, '')
}

export function hasErrors(m: MappedErrors): boolean {
  return m.general.length > 0 || Object.keys(m.fields).length > 0 || m.raw !== null
}
