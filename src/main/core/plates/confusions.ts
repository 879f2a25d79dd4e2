// The OCR confusions of DOMAIN.md (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G): plates that differ only by them share
// one key. Hot-list matching ("possible" hits) and "similar" search both use it; the store keeps it as a
// generated column built from plateKeySql, so the two spellings of the rule are tested against each other.

/** Each confusable character and the representative of its group. */
export const CONFUSIONS: Readonly<Record<string, string>> = {
  O: '0', D: '0', Q: '0',
  I: '1', L: '1',
  Z: '2',
  S: '5',
  B: '8',
  G: '6',
}

/** The plate with every confusable character replaced by its group's representative. */
export function plateKey(plate: string): string {
  let key = ''
  for (const c of plate) key += CONFUSIONS[c] ?? c
  return key
}

/** Positions where two plates of the same key differ (0 when identical); null when their keys differ. */
export function confusionDifferences(a: string, b: string): number | null {
  if (a.length !== b.length || plateKey(a) !== plateKey(b)) return null
  let n = 0
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++
  return n
}

/** The same mapping as an SQL expression over `column` (nested replace()). */
export function plateKeySql(column: string): string {
  return Object.entries(CONFUSIONS).reduce((expr, [from, to]) => `replace(${expr}, '${from}', '${to}')`, column)
}
