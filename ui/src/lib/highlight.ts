/** Split `name` at a [start, end) span of *characters* (code points, as Rust counts them). */
export function splitSpan(name: string, span: [number, number] | null | undefined): [string, string, string] {
  if (!span) return [name, '', '']
  const chars = Array.from(name)
  const [a, b] = [Math.max(0, span[0]), Math.min(chars.length, span[1])]
  if (a >= b) return [name, '', '']
  return [chars.slice(0, a).join(''), chars.slice(a, b).join(''), chars.slice(b).join('')]
}
