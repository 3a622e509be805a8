// Options for fields that refer to another record (registrant, enterprise, gi, trademark).
import { shallowRef, watch } from 'vue'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { RecordDto } from '../api/bindings/RecordDto'
import { fetchAll } from '../stores/paged'
import { useWorkspace } from '../stores/workspace'

const cache = new Map<RecordKind, Promise<RecordDto[]>>()
let seenChanges = -1

export function recordsOf(kind: RecordKind, changes: number): Promise<RecordDto[]> {
  if (changes !== seenChanges) {
    cache.clear()
    seenChanges = changes
  }
  let p = cache.get(kind)
  if (!p) {
    p = fetchAll(kind, 'live').catch(() => [])
    cache.set(kind, p)
  }
  return p
}

export function useRecords(kind: RecordKind) {
  const ws = useWorkspace()
  const rows = shallowRef<RecordDto[]>([])
  watch(
    () => ws.changes,
    async (c) => {
      rows.value = await recordsOf(kind, c)
    },
    { immediate: true },
  )
  return rows
}
