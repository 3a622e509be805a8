// A list of records fetched page by page as the table scrolls. Rows not yet fetched are null.
import { ref, shallowRef, triggerRef } from 'vue'
import { api } from '../api/commands'
import type { RecordDto } from '../api/bindings/RecordDto'
import type { RecordKind } from '../api/bindings/RecordKind'
import type { Show } from '../api/bindings/Show'
import type { ListQuery } from '../api/bindings/ListQuery'

export const PAGE_SIZE = 200

export function usePagedList(kind: RecordKind, show: Show, pageSize = PAGE_SIZE, narrow: Partial<ListQuery> = {}) {
  const total = ref(0)
  /** Where the list shows money: its sum over every selected row (Rust's). */
  const moneyTotal = ref<number | null>(null)
  const rows = shallowRef<(RecordDto | null)[]>([])
  const loaded = ref(false)
  const error = shallowRef<unknown>(null)
  const pages = new Map<number, Promise<void>>()
  let generation = 0

  function fetchPage(page: number): Promise<void> {
    const existing = pages.get(page)
    if (existing) return existing
    const gen = generation
    const p = api
      .listRecords(kind, show, page * pageSize, Math.min(pageSize, 200), narrow)
      .then((res) => {
        if (gen !== generation) return
        moneyTotal.value = res.money_total
        if (res.total !== total.value || rows.value.length !== res.total) {
          total.value = res.total
          const next = rows.value.slice(0, res.total)
          while (next.length < res.total) next.push(null)
          rows.value = next
        }
        res.items.forEach((item, i) => {
          const at = res.offset + i
          if (at < rows.value.length) rows.value[at] = item
        })
        triggerRef(rows)
      })
      .catch((e) => {
        pages.delete(page)
        error.value = e
      })
    pages.set(page, p)
    return p
  }

  /** Make sure rows [start, end) are fetched (or being fetched). */
  function ensure(start: number, end: number): Promise<void> {
    if (!loaded.value) return first()
    const last = Math.min(end, total.value) - 1
    if (last < start) return Promise.resolve()
    const jobs: Promise<void>[] = []
    for (let p = Math.floor(Math.max(0, start) / pageSize); p <= Math.floor(last / pageSize); p++) {
      jobs.push(fetchPage(p))
    }
    return Promise.all(jobs).then(() => undefined)
  }

  async function first(): Promise<void> {
    await fetchPage(0)
    loaded.value = true
  }

  function reset(): Promise<void> {
    generation++
    pages.clear()
    loaded.value = false
    error.value = null
    total.value = 0
    rows.value = []
    return first()
  }

  return { kind, show, total, moneyTotal, rows, loaded, error, ensure, first, reset, pageSize }
}

export type PagedList = ReturnType<typeof usePagedList>

