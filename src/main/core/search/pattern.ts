// What a wildcard pattern (`*` any run, `?` one character) says about the plates it matches, so the store can
// choose its way in: a literal prefix is a range on the plate index, a literal run of three or more characters
// is a trigram lookup, anything else a scan of the distinct plates. The contract lets only A–Z, 0–9, `*` and
// `?` through, so the pattern is also a valid SQLite GLOB with no other special character in it.

export interface PatternPlan {
  /** The pattern as a GLOB over plate text (runs of `*` collapsed). */
  glob: string
  /** Literal characters before the first wildcard ('' when it starts with one). */
  prefix: string
  /** Runs of literal characters between wildcards, longest first. */
  runs: string[]
  /** Only `*`: every plate matches, so the pattern constrains nothing. */
  matchesAll: boolean
  /** No wildcard at all: an exact plate. */
  exact: boolean
}

export function planPattern(pattern: string): PatternPlan {
  if (!/^[A-Z0-9*?]+$/.test(pattern)) throw new Error('a plate pattern holds only A-Z, 0-9, * and ?')
  const glob = pattern.replace(/\*+/g, '*')
  const prefix = /^[A-Z0-9]*/.exec(glob)![0]
  const runs = glob
    .split(/[*?]+/)
    .filter((r) => r.length > 0)
    .sort((a, b) => b.length - a.length)
  return { glob, prefix, runs, matchesAll: glob === '*', exact: !/[*?]/.test(glob) }
}

/** The smallest text above every text starting with `prefix` (its last character moved up by one). */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)
}

/**
 * An FTS5 query requiring every trigram of every literal run of three or more characters; null when there is
 * none. The index keeps no positions (detail=none), so it answers single trigrams only: plates holding them all
 * are candidates, and the GLOB over the plate itself decides.
 */
export function trigramQuery(plan: PatternPlan): string | null {
  const trigrams = new Set<string>()
  for (const run of plan.runs) for (let i = 0; i + 3 <= run.length; i++) trigrams.add(run.slice(i, i + 3))
  // The runs are letters and digits only, so quoting them as FTS5 strings needs no escaping.
  return trigrams.size > 0 ? [...trigrams].map((t) => `"${t}"`).join(' AND ') : null
}
