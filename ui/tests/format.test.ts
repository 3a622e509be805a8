// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { daysBetween, divisionLabel, formatDate, formatDateTime, formatFen } from '../src/lib/format'
import { splitSpan } from '../src/lib/highlight'
import { mergePatch, normalise } from '../src/lib/patch'

describe('dates', () => {
  it('zh-CN writes 2026年3月6日', () => expect(formatDate('2026-03-06', 'zh-CN')).toBe('2026年3月6日'))
  it('en-US writes 2026-03-06', () => expect(formatDate('2026-03-06', 'en-US')).toBe('2026-03-06'))
  it('takes timestamps', () => {
    expect(formatDate('2026-12-31T23:59:00Z', 'zh-CN')).toBe('2026年12月31日')
    expect(formatDateTime('2026-03-06T09:05:00Z', 'en-US')).toBe('2026-03-06 09:05')
  })
  it('empty stays empty', () => expect(formatDate(null, 'zh-CN')).toBe(''))
  it('counts days', () => expect(daysBetween('2026-03-06', '2026-03-31')).toBe(25))
})

describe('money', () => {
  it('fen to yuan with grouping', () => {
    expect(formatFen(30000000)).toBe('¥300,000.00')
    expect(formatFen(300000000)).toBe('¥3,000,000.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(123456789)).toBe('¥1,234,567.89')
    expect(formatFen(-100)).toBe('-¥1.00')
    expect(formatFen(0)).toBe('¥0.00')
  })
})

describe('divisions', () => {
  const table = [{ code: '411525', name: '固始县' }]
  it('name with code on hover', () => expect(divisionLabel('411525', table)).toEqual({ label: '固始县', title: '固始县 · 411525' }))
  it('unknown code shows as code', () => expect(divisionLabel('419999', table).label).toBe('419999'))
})

describe('search highlight', () => {
  it('splits at character offsets', () => expect(splitSpan('信阳毛尖', [2, 4])).toEqual(['信阳', '毛尖', '']))
  it('counts astral characters as one', () => expect(splitSpan('𠀀信阳', [1, 3])).toEqual(['𠀀', '信阳', '']))
  it('no span', () => expect(splitSpan('信阳', null)).toEqual(['信阳', '', '']))
})

describe('merge patch', () => {
  it('sends only changed fields, blank as null', () => {
    const before = { name: 'A', credit_code: null, address: 'x', divisions: ['411525'] }
    const after = { name: 'A', credit_code: '9141', address: '  ', divisions: ['411525'] }
    expect(mergePatch(before, after)).toEqual({ credit_code: '9141', address: null })
  })
  it('normalises nested blanks', () => expect(normalise({ p: [{ a: '' }] })).toEqual({ p: [{ a: null }] }))
})
