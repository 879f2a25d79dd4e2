// Greedy CTC decoding over per-timestep class probabilities, keeping each emitted character's probability
// (the highest it reached over its run of timesteps).
import type { CharRead } from './types'

/**
 * `probs` is [T, C] row-major probabilities; `charOf(c)` maps a class to its character, or null for the blank
 * (and anything folded into it).
 */
export function ctcGreedy(probs: Float32Array, T: number, C: number, charOf: (c: number) => string | null): CharRead[] {
  const out: CharRead[] = []
  let prev = -1
  for (let t = 0; t < T; t++) {
    let best = 0, bestP = -1
    const row = t * C
    for (let c = 0; c < C; c++) {
      const p = probs[row + c]!
      if (p > bestP) { bestP = p; best = c }
    }
    const ch = charOf(best)
    if (best !== prev && ch !== null) out.push({ char: ch, confidence: bestP })
    else if (best === prev && ch !== null) out[out.length - 1]!.confidence = Math.max(out[out.length - 1]!.confidence, bestP)
    prev = best
  }
  return out
}

/** In-place softmax over each row of [T, C] logits. */
export function softmaxRows(logits: Float32Array, T: number, C: number): Float32Array {
  for (let t = 0; t < T; t++) {
    const row = t * C
    let max = -Infinity
    for (let c = 0; c < C; c++) max = Math.max(max, logits[row + c]!)
    let sum = 0
    for (let c = 0; c < C; c++) {
      const e = Math.exp(logits[row + c]! - max)
      logits[row + c] = e
      sum += e
    }
    for (let c = 0; c < C; c++) logits[row + c]! /= sum
  }
  return logits
}
