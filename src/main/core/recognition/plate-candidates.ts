// Chooses which detected text regions may be a plate's characters: plate-like size and aspect, plus
// horizontally adjacent pieces merged (the detector often splits "7ABC 123" in two).
import { boundingBox, minAreaRect, rectCorners, type Point } from './geometry'
import type { RotatedRect, TextRegion } from './types'

export interface CandidateOptions {
  /** Smallest character height worth reading, in frame pixels. */
  minHeight?: number
  maxCandidates?: number
  /** Largest region as a fraction of the frame (a plate in a scene is small; in a plate crop it is not). */
  maxAreaFraction?: number
}

const MIN_ASPECT = 1.2
// Unclipped DB boxes of the plates in openalpr-us-dev have aspect 1.6-3.5; 6 leaves room for 8-character
// vanity plates and merged pieces while dropping slogans and dealer lines (each extra region costs a read).
const MAX_ASPECT = 6
const MAX_SINGLE_ASPECT_TO_MERGE = 6

export function plateCandidates(regions: TextRegion[], frameWidth: number, frameHeight: number, options: CandidateOptions = {}): RotatedRect[] {
  const minHeight = options.minHeight ?? 8
  const maxCandidates = options.maxCandidates ?? 12
  const maxArea = frameWidth * frameHeight * (options.maxAreaFraction ?? 0.25)
  const usable = regions.filter((r) => r.rect.h >= minHeight && r.rect.w * r.rect.h <= maxArea)
  const scored: { rect: RotatedRect; score: number }[] = []
  for (const r of usable) {
    const aspect = r.rect.w / r.rect.h
    if (aspect >= MIN_ASPECT && aspect <= MAX_ASPECT) scored.push({ rect: r.rect, score: r.score })
  }
  // Merge pairs of pieces on one line: similar height and angle, small gap.
  for (let i = 0; i < usable.length; i++) {
    for (let j = 0; j < usable.length; j++) {
      if (i === j) continue
      const a = usable[i]!.rect, b = usable[j]!.rect
      if (b.cx <= a.cx) continue
      const hRatio = Math.max(a.h, b.h) / Math.min(a.h, b.h)
      const h = Math.max(a.h, b.h)
      if (hRatio > 1.5 || Math.abs(a.angle - b.angle) > 8) continue
      if (a.w / a.h > MAX_SINGLE_ASPECT_TO_MERGE || b.w / b.h > MAX_SINGLE_ASPECT_TO_MERGE) continue
      const t = (a.angle * Math.PI) / 180
      const dx = b.cx - a.cx, dy = b.cy - a.cy
      const along = dx * Math.cos(t) + dy * Math.sin(t)
      const across = -dx * Math.sin(t) + dy * Math.cos(t)
      const gap = along - a.w / 2 - b.w / 2
      if (Math.abs(across) > 0.4 * h || gap > 1.2 * h || gap < -0.5 * h) continue
      const rect = minAreaRect([...rectCorners(a), ...rectCorners(b)] as Point[])
      const aspect = rect.w / rect.h
      if (aspect >= MIN_ASPECT && aspect <= MAX_ASPECT) scored.push({ rect, score: (usable[i]!.score + usable[j]!.score) / 2 })
    }
  }
  // Larger characters first: a plate's serial is usually the biggest text on the vehicle's rear.
  scored.sort((x, y) => y.rect.h * y.score - x.rect.h * x.score)
  const out: RotatedRect[] = []
  for (const s of scored) {
    if (out.length >= maxCandidates) break
    const box = boundingBox(s.rect, frameWidth, frameHeight)
    if (box[2] < 4 || box[3] < 4) continue
    out.push(s.rect)
  }
  return out
}
