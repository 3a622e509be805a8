// Formatting shared by every screen: dates, money in fen, byte sizes, divisions.

/** `2026-03-06` (or a timestamp starting with it) → `2026年3月6日` / `2026-03-06`. */
export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  if (locale === 'zh-CN') return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
  return `${m[1]}-${m[2]}-${m[3]}`
}

/** A timestamp `2026-03-06T09:15:02Z` → date plus hh:mm, in the timestamp's own clock. */
export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  const t = /T(\d{2}):(\d{2})/.exec(iso)
  const d = formatDate(iso, locale)
  return t ? `${d} ${t[1]}:${t[2]}` : d
}

/** Integer fen → `¥300,000.00`. Integer arithmetic only. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const neg = fen < 0
  const abs = Math.abs(Math.trunc(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${neg ? '-' : ''}¥${grouped}.${String(cents).padStart(2, '0')}`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}

export interface DivisionLike {
  code: string
  name: string
}

/** `411525` → `{ label: '固始县', title: '固始县 · 411525' }`; unknown codes show as the code. */
export function divisionLabel(code: string | null | undefined, table: DivisionLike[]): { label: string; title: string } {
  if (!code) return { label: '', title: '' }
  const row = table.find((d) => d.code === code)
  return row ? { label: row.name, title: `${row.name} · ${row.code}` } : { label: code, title: code }
}

/** Days from `today` to `iso` (both YYYY-MM-DD), negative when past. */
export function daysBetween(today: string, iso: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10))
  const b = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10))
  return Math.round((b - a) / 86400000)
}

/** A sentence computed in Rust in both languages, in the user's. */
export function bilingual(b: { 'zh-CN': string; 'en-US': string } | null | undefined, locale: string): string {
  if (!b) return ''
  return locale === 'en-US' ? b['en-US'] : b['zh-CN']
}
