// @vitest-environment node
// The vue-i18n catalogue must have a rules.<key> message for every rule in Rust's CATALOGUE
// (crates/core/src/messages.rs), in both languages, with the same {placeholders}.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { messages } from '../src/i18n'

// The catalogues as the app loads them: the UI's chrome with Rust's vocabulary.
const zhCN = messages['zh-CN']
const enUS = messages['en-US']

const src = readFileSync(fileURLToPath(new URL('../../crates/core/src/messages.rs', import.meta.url)), 'utf8')
const re = /\(\s*Rule::(\w+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)",?\s*\)/g
const entries = [...src.matchAll(re)].map((m) => ({ variant: m[1], key: m[2], zh: JSON.parse(`"${m[3]}"`), en: JSON.parse(`"${m[4]}"`) }))
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('rule messages', () => {
  it('parses the Rust catalogue', () => {
    expect(entries.length).toBeGreaterThan(30)
    const variants = (src.match(/Rule::\w+,\s*"/g) ?? []).length
    expect(entries.length).toBe(variants)
  })

  for (const [name, cat] of [
    ['zh-CN', zhCN.rules as Record<string, string>],
    ['en-US', enUS.rules as Record<string, string>],
  ] as const) {
    it(`${name} has every rule key with the same placeholders`, () => {
      const missing = entries.filter((e) => !(e.key in cat)).map((e) => e.key)
      expect(missing, `missing rules.<key> in ${name}`).toEqual([])
      for (const e of entries) {
        const rust = name === 'zh-CN' ? e.zh : e.en
        expect(placeholders(cat[e.key]), `placeholders of rules.${e.key} (${name})`).toEqual(placeholders(rust))
      }
    })
  }

  it('has no rule key Rust does not know', () => {
    const known = new Set(entries.map((e) => e.key))
    expect(Object.keys(zhCN.rules).filter((k) => !known.has(k))).toEqual([])
  })
})

describe('catalogue completeness', () => {
  it('en-US has exactly the keys of zh-CN', () => {
    expect(keys(enUS).sort()).toEqual(keys(zhCN).sort())
  })
  it('no empty messages', () => {
    const empty = (o: object) => keys(o).filter((k) => k.split('.').reduce((x: any, p) => x[p], o) === '')
    expect(empty(zhCN)).toEqual([])
    expect(empty(enUS)).toEqual([])
  })
})

describe('list filters', () => {
  it('name every category group a list offers, in both languages', async () => {
    const facets = (await import('../src/api/bindings/list-facets.json')).default as Record<string, { category: string | null }>
    const { messages } = await import('../src/i18n')
    for (const f of Object.values(facets)) {
      if (!f.category) continue
      for (const lang of ['zh-CN', 'en-US'] as const) {
        expect((messages[lang].list.allIn as Record<string, string>)[f.category], `${lang} ${f.category}`).toBeTruthy()
      }
    }
  })
})
