// The shipped web font comes in unicode-range chunks, fetched only once text needs them: until
// then a machine without a CJK font shows boxes. A page that draws words the first screen did not
// load asks for their chunks first (main.ts does the same for the first screen).
import { messages } from '../i18n'

/** Every character of the strings under these message groups (dotted paths), in `locale`. */
export function wordsOf(groups: string[], locale: keyof typeof messages): string {
  const out: string[] = []
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  for (const g of groups) walk(g.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], messages[locale]))
  return [...new Set(out.join(''))].join('')
}

/** Load the chunks `text` needs, in both weights the UI uses; give up after 1.5 s. */
export async function fontsFor(text: string): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts?.load || !text) return
  const loads = ['400', '500'].map((w) => document.fonts.load(`${w} 14px "Noto Sans SC"`, text))
  await Promise.race([Promise.all(loads), new Promise((r) => setTimeout(r, 1500))]).catch(() => undefined)
}
