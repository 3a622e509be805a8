// Reading audit rows: snapshots are JSON `{code, name, sample, archived_at, data}`.
import type { AuditEntry } from '../api/bindings/AuditEntry'

interface Snapshot {
  code?: string
  name?: string
  archived_at?: string | null
  data?: Record<string, unknown>
}

export function snapshot(text: string | null): Snapshot | null {
  if (!text) return null
  try {
    return JSON.parse(text) as Snapshot
  } catch {
    return null
  }
}

/** Top-level data fields that differ between before and after. */
export function changedFields(e: AuditEntry): string[] {
  const b = snapshot(e.before)?.data ?? {}
  const a = snapshot(e.after)?.data ?? {}
  const keys = new Set([...Object.keys(b), ...Object.keys(a)])
  return [...keys].filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null))
}

export function codeOf(e: AuditEntry): string {
  return snapshot(e.after)?.code ?? snapshot(e.before)?.code ?? e.entity_id
}

export function nameOf(e: AuditEntry): string {
  return snapshot(e.after)?.name ?? snapshot(e.before)?.name ?? ''
}
