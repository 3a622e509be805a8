import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { usePagedList } from '../src/stores/paged'
import { installBackend } from './helpers'

afterEach(() => clearMocks())

describe('paged list', () => {
  it('fetches the first page, then only the pages a range needs', async () => {
    const { calls } = installBackend({ extraEnterprises: 1000 })
    const list = usePagedList('enterprise', 'live')
    await list.first()
    expect(list.total.value).toBe(1006)
    expect(list.rows.value.length).toBe(1006)
    expect(list.rows.value[0]?.code).toBe('ENT-0001')
    expect(list.rows.value[199]).not.toBeNull()
    expect(list.rows.value[200]).toBeNull()
    await list.ensure(950, 1006)
    const pages = calls.filter((c) => c.cmd === 'list_records').map((c) => c.args.offset)
    expect(pages).toEqual([0, 800, 1000])
    expect(calls.every((c) => c.cmd !== 'list_records' || (c.args.limit as number) <= 200)).toBe(true)
    expect(list.rows.value[1005]?.code).toBeDefined()
    expect(list.rows.value[500]).toBeNull()
  })

  it('does not fetch a page twice', async () => {
    const { calls } = installBackend({ extraEnterprises: 500 })
    const list = usePagedList('enterprise', 'live')
    await list.first()
    await Promise.all([list.ensure(210, 260), list.ensure(220, 240)])
    expect(calls.filter((c) => c.cmd === 'list_records').length).toBe(2)
  })

  it('filters live / archived', async () => {
    const { backend } = installBackend()
    backend.records.find((r) => r.code === 'ENT-0002')!.archived_at = '2026-03-01T00:00:00Z'
    const live = usePagedList('enterprise', 'live')
    const archived = usePagedList('enterprise', 'archived')
    await Promise.all([live.first(), archived.first()])
    expect(live.total.value).toBe(5)
    expect(archived.rows.value.map((r) => r?.code)).toEqual(['ENT-0002'])
  })
})
