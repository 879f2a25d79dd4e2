// Turns a reader's per-character probabilities into the per-character and per-plate confidences the app
// reports, and holds the threshold at which a read counts as confident (hot-list alerts fire).
import { isPlausiblePlate, plateLikeness } from './grammar'
import type { CharRead } from './types'

/**
 * A read is `confident` (hot-list alerts fire) at or above its reader's threshold. Readers are calibrated
 * differently, so each has its own, chosen as the lowest threshold at which confident reads are right at least
 * 99% of the time on the real US scenes and crops together, measured with
 *   npm run bench:accuracy -- --reader all
 * (it prints "lowest threshold with ≥99% confident precision" per reader; figures in resources/models/README.md).
 * Re-measure and update when a model, the crop growth or the confidence formula changes.
 */
export const CONFIDENT_THRESHOLDS: Readonly<Record<string, number>> = {
  // 2026-11-28, 850 US images: at 0.9 precision 99.0%, coverage 11.4% (accuracy 68.7% scenes, 83.8% crops).
  'ppocr-v4': 0.9,
  // 2026-11-28 15:50, plate-ocr.onnx as of then: 0.998 → precision 100%, coverage 1.9% (accuracy 60.6% scenes,
  // 76.7% crops). The model is over-confident on its systematic errors (0↔D, W↔M), so only near-certain reads pass.
  'plate-ocr': 0.998,
  // Same run: 0.998 → precision 100%, coverage 1.9% (accuracy 69.7% scenes, 82.3% crops, 97.2% EU).
  'plate-ocr+ppocr-v4': 0.998,
}

/** For a reader nobody has measured: only near-certain reads count. */
export const UNMEASURED_THRESHOLD = 0.99

export function confidentThreshold(reader: string): number {
  return CONFIDENT_THRESHOLDS[reader] ?? UNMEASURED_THRESHOLD
}

/**
 * Plate confidence: the product of the character probabilities (every character must be right) times how
 * plate-like the text is (a confidently read "JEEP" badge is still not a plate); zero when the text cannot be
 * a US plate. A fixed O/0 or I/1 keeps its probability: the reader saw that glyph shape.
 */
export function plateConfidence(text: string, chars: CharRead[]): number {
  if (!isPlausiblePlate(text) || chars.length !== text.length) return 0
  let p = 1
  for (const c of chars) p *= clamp01(c.confidence)
  return p * plateLikeness(text)
}

export function isConfident(confidence: number, threshold: number): boolean {
  return confidence >= threshold
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}
