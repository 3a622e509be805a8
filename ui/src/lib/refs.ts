// Looking up one referenced record (by code or id) for its name: a small per-session cache of
// show_record replies, dropped whenever the workspace changes (ws.changes).
import { shallowRef, watch, type Ref } from 'vue'
import { api } from '../api/commands'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { RecordDto } from '../api/bindings/RecordDto'
import { useWorkspace } from '../stores/workspace'

const MAX = 500
const cache = new Map<string, Promise<RecordDto | null>>()
let seenChanges = -1

/** The live or archived record `key` (a code or an id) of `kind`; null when there is none. */
export function lookupRecord(kind: RecordKind, key: string, changes: number): Promise<RecordDto | null> {
  if (changes !== seenChanges) {
    cache.clear()
    seenChanges = changes
  }
  const k = `${kind}\u0000${key}`
  let p = cache.get(k)
  if (!p) {
    if (cache.size >= MAX) cache.delete(cache.keys().next().value!)
    p = api.showRecord(kind, key).catch(() => null)
    cache.set(k, p)
  }
  return p
}

/** Forget every looked-up record (tests; a workspace switch bumps ws.changes anyway). */
export function clearRecordCache(): void {
  cache.clear()
  seenChanges = -1
}

/** Reactive lookup of the record a getter names: undefined while looking, null when not found. */
export function useRecord(kind: () => RecordKind, key: () => string | null | undefined): Ref<RecordDto | null | undefined> {
  const ws = useWorkspace()
  const rec = shallowRef<RecordDto | null | undefined>(undefined)
  let seq = 0
  watch(
    [kind, key, () => ws.changes],
    async ([k, code, c]) => {
      const mine = ++seq
      if (!code) {
        rec.value = null
        return
      }
      if (rec.value && rec.value.code !== code && rec.value.id !== code) rec.value = undefined
      const r = await lookupRecord(k, code, c)
      if (mine === seq) rec.value = r
    },
    { immediate: true },
  )
  return rec
}
