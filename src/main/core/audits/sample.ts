// The random sample of searches an audit reviews. Seeded, so the same seed over the same log draws the same
// sample: the report states its seed and anyone can draw it again.

/** mulberry32: a small, well-distributed 32-bit generator; not for secrets, only for reproducible draws. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `size` distinct items drawn uniformly from `population` (all of them when it is smaller), in population order. */
export function drawSample<T>(population: readonly T[], size: number, seed: number): T[] {
  if (population.length <= size) return [...population]
  const random = seededRandom(seed)
  const picked = population.map((_, i) => i)
  // Partial Fisher–Yates: the first `size` slots end up a uniform sample without replacement.
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (picked.length - i))
    ;[picked[i], picked[j]] = [picked[j]!, picked[i]!]
  }
  return picked
    .slice(0, size)
    .sort((a, b) => a - b)
    .map((i) => population[i]!)
}
