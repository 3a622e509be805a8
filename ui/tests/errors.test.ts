// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { baseField, mapApiError } from '../src/lib/errors'
import { formShows } from '../src/lib/forms'
import type { ApiError } from '../src/api/bindings/ApiError'

const msg = { 'zh-CN': '…', 'en-US': '…' }
const error: ApiError = {
  kind: 'validation',
  field: 'credit_code',
  rule: 'credit_code_check_digit',
  params: { expected: 'X', found: '1' },
  message: msg,
  problems: [
    { field: 'credit_code', rule: 'credit_code_check_digit', params: { expected: 'X', found: '1' }, message: msg },
    { field: 'protections[0].trademark', rule: 'reference_missing', params: { kind: 'trademark', value: '999' }, message: msg },
    { field: 'classes[1]', rule: 'nice_class_range', params: { value: '50' }, message: msg },
    { field: null, rule: 'storage', params: { detail: 'disk' }, message: msg },
    { field: 'mystery', rule: 'unknown_field', params: {}, message: msg },
  ],
}

describe('ApiError → fields', () => {
  it('puts every problem under its field path', () => {
    const m = mapApiError(error)
    expect(m.kind).toBe('validation')
    expect(m.fields['credit_code']).toEqual([{ rule: 'credit_code_check_digit', params: { expected: 'X', found: '1' } }])
    expect(m.fields['protections[0].trademark'][0].rule).toBe('reference_missing')
    expect(m.fields['classes[1]'][0].rule).toBe('nice_class_range')
    expect(m.general).toEqual([{ rule: 'storage', params: { detail: 'disk' } }])
  })
  it('fields the form does not show go to general, never lost', () => {
    const m = mapApiError(error, (f) => formShows('gi', f))
    expect(Object.keys(m.fields)).toEqual(['protections[0].trademark'])
    expect(m.general.map((p) => p.rule)).toEqual(['credit_code_check_digit', 'nice_class_range', 'storage', 'unknown_field'])
  })
  it('an error without problems still maps its top fields', () => {
    const m = mapApiError({ ...error, problems: [] })
    expect(m.fields['credit_code'][0].rule).toBe('credit_code_check_digit')
  })
  it('a non-ApiError becomes raw text', () => {
    const m = mapApiError(new Error('boom'))
    expect(m.raw).toBe('boom')
    expect(m.kind).toBeNull()
  })
  it('base field of a path', () => {
    expect(baseField('protections[0].trademark')).toBe('trademark')
    expect(baseField('classes[1]')).toBe('classes')
  })
})
