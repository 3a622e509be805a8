// The values a user picks from, in Rust's order, with Rust's words: read from the one
// vocabulary (crates/core/src/vocab.rs), never restated here.
import vocabulary from '../api/bindings/vocabulary.json'

export type ChoiceGroup = keyof typeof vocabulary.order

/** The keys of a vocabulary group, in the order Rust lists them. */
export function keysOf(group: ChoiceGroup): readonly string[] {
  return vocabulary.order[group]
}

/** A select's options for a vocabulary group. */
export function choices(group: ChoiceGroup, t: (key: string) => string): { label: string; value: string }[] {
  return keysOf(group).map((k) => ({ label: t(`${group}.${k}`), value: k }))
}

/**
 * A GI category in the user's language: a seeded class has its words in the vocabulary; one a
 * bureau added is shown as typed.
 */
export function categoryWord(c: string | null | undefined, locale: string): string {
  if (!c) return '—'
  const words = (locale === 'en-US' ? vocabulary['en-US'] : vocabulary['zh-CN']).category as Record<string, string>
  return words[c] ?? c
}
