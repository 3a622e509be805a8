// A well-known-mark candidate's evidence file: items by number, periods as clerks write them,
// page counts.
import type { Evidence } from '../api/bindings/Evidence'
import type { Period } from '../api/bindings/Period'
import { formatDate } from './format'

/** The years a period covers when it runs from 1 January to 31 December, else null. */
function wholeYears(p: Period): [string, string] | null {
  const a = /^(\d{4})-01-01$/.exec(p.from)
  const b = /^(\d{4})-12-31$/.exec(p.to)
  return a && b && a[1] <= b[1] ? [a[1], b[1]] : null
}

/** `2024` for a whole year, `2019–2024` for whole years, else the two dates. */
export function periodText(p: Period, locale: string): string {
  const y = wholeYears(p)
  if (y) return y[0] === y[1] ? y[0] : `${y[0]}–${y[1]}`
  return `${formatDate(p.from, locale)} – ${formatDate(p.to, locale)}`
}

/** The period as EvidenceInput takes it back: `2024`, `2019-2024` or `2019-03-01..2024-05-31`. */
export function periodInput(p: Period): string {
  const y = wholeYears(p)
  if (y) return y[0] === y[1] ? y[0] : `${y[0]}-${y[1]}`
  return `${p.from}..${p.to}`
}

/** Items by their number (序号), as the clerk numbered them and the catalogue cites them. */
export function sortEvidence(items: Evidence[]): Evidence[] {
  return [...items].sort((a, b) => a.no - b.no)
}

/** Pages counted over the files of some items, and how many files could not be counted. */
export function pageCount(items: Evidence[]): { pages: number; uncounted: number; files: number } {
  let pages = 0
  let uncounted = 0
  let files = 0
  for (const e of items) {
    for (const f of e.files) {
      files++
      if (f.pages === null) uncounted++
      else pages += f.pages
    }
  }
  return { pages, uncounted, files }
}
