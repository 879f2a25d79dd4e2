// Follows plates across video frames (box overlap or similar text) and, when a plate has not been seen for
// a while, closes its track with one read: a character-wise vote weighted by confidence. One read per pass.
import { confidentThreshold, isConfident, plateConfidence } from './confidence'
import { uprightRegion } from './crop'
import { iou } from './geometry'
import type { CharRead, PlateRead, RgbImage } from './types'

export interface TrackerOptions {
  /** A track closes when its plate has not been seen for this long (ms of video time). */
  maxGapMs?: number
  /** Box overlap that continues a track. */
  minIou?: number
  /** Text similarity (1 - edit distance / length) that continues a track when boxes moved too far. */
  minTextSimilarity?: number
  /** Confidence for a confident pass; defaults to the threshold of the reader that read it. */
  threshold?: number
}

export interface TrackedRead {
  /** The tracker's id of the pass (unique within one tracker), as given by observe() for its readings. */
  trackId: number
  text: string
  confidence: number
  confident: boolean
  chars: CharRead[]
  firstMs: number
  lastMs: number
  /** Frames that contributed a reading. */
  frames: number
  /** The single best reading of the pass, its time, and the frame it came from (for the crop and scene). */
  best: PlateRead
  bestMs: number
  bestFrame: RgbImage | null
}

interface Observation {
  ms: number
  plate: PlateRead
}

interface Track {
  id: number
  observations: Observation[]
  lastBox: PlateRead['box']
  lastText: string
  lastMs: number
  best: Observation
  bestFrame: RgbImage | null
}

export class PlateTracker {
  private tracks: Track[] = []
  private nextId = 1
  private readonly o: Required<Omit<TrackerOptions, 'threshold'>> & Pick<TrackerOptions, 'threshold'>

  constructor(options: TrackerOptions = {}) {
    this.o = { maxGapMs: 1500, minIou: 0.05, minTextSimilarity: 0.6, ...options }
  }

  /**
   * Adds one frame's plates (time in ms); returns the reads of passes that ended before this frame. `frame` is
   * kept as the scene of the pass's best reading: pass a frame you still own (one already transferred to the
   * recognition worker is empty), or null when the scene is not wanted.
   */
  push(ms: number, plates: PlateRead[], frame: RgbImage | null = null): TrackedRead[] {
    return this.observe(ms, plates, frame).closed
  }

  /**
   * push(), also answering which pass each of this frame's plates went to: `trackIds[i]` is the trackId of
   * `plates[i]`, the id the pass's read carries when it closes.
   */
  observe(ms: number, plates: PlateRead[], frame: RgbImage | null = null): { closed: TrackedRead[]; trackIds: number[] } {
    const closed = this.closeStale(ms)
    const free = new Set(this.tracks)
    const trackIds: number[] = new Array<number>(plates.length)
    const order = plates.map((plate, index) => ({ plate, index })).sort((a, b) => b.plate.confidence - a.plate.confidence)
    for (const { plate, index } of order) {
      let chosen: Track | null = null
      let bestScore = 0
      for (const t of free) {
        const overlap = iou(t.lastBox, plate.box)
        const sim = textSimilarity(t.lastText, plate.text)
        const score = overlap >= this.o.minIou ? 1 + overlap + sim : sim >= this.o.minTextSimilarity ? sim : 0
        if (score > bestScore) { bestScore = score; chosen = t }
      }
      const obs = { ms, plate }
      if (chosen) {
        free.delete(chosen)
        chosen.observations.push(obs)
        chosen.lastBox = plate.box
        chosen.lastText = plate.text
        chosen.lastMs = ms
        if (plate.confidence > chosen.best.plate.confidence) {
          chosen.best = obs
          chosen.bestFrame = frame
        }
        trackIds[index] = chosen.id
      } else {
        const id = this.nextId++
        this.tracks.push({ id, observations: [obs], lastBox: plate.box, lastText: plate.text, lastMs: ms, best: obs, bestFrame: frame })
        trackIds[index] = id
      }
    }
    return { closed, trackIds }
  }

  /** Ends every open pass (end of the video or stream). */
  flush(): TrackedRead[] {
    const reads = this.tracks.map((t) => this.vote(t))
    this.tracks = []
    return reads
  }

  private closeStale(ms: number): TrackedRead[] {
    const stale = this.tracks.filter((t) => ms - t.lastMs > this.o.maxGapMs)
    this.tracks = this.tracks.filter((t) => !stale.includes(t))
    return stale.map((t) => this.vote(t))
  }

  private vote(t: Track): TrackedRead {
    const { text, chars } = voteText(t.observations.map((o) => o.plate))
    const confidence = plateConfidence(text, chars)
    return {
      trackId: t.id,
      text,
      confidence,
      confident: isConfident(confidence, this.o.threshold ?? confidentThreshold(t.best.plate.reader)),
      chars,
      firstMs: t.observations[0]!.ms,
      lastMs: t.lastMs,
      frames: t.observations.length,
      best: t.best.plate,
      bestMs: t.best.ms,
      bestFrame: t.bestFrame,
    }
  }
}

/** The straightened plate crop of a pass's best reading, from its scene frame (null without one). */
export async function bestCrop(read: TrackedRead): Promise<RgbImage | null> {
  if (!read.bestFrame || read.bestFrame.data.byteLength === 0) return null
  return uprightRegion(read.bestFrame, read.best.rect)
}

/**
 * Character-wise vote: the length with the most confidence wins; then at each position the character
 * with the most summed confidence. A position's confidence is the winner's share of the weight there times
 * the best single confidence for it (not a noisy-OR: frames of one pass make correlated mistakes).
 */
export function voteText(readings: { text: string; chars: CharRead[] }[]): { text: string; chars: CharRead[] } {
  const byLength = new Map<number, number>()
  for (const r of readings) byLength.set(r.text.length, (byLength.get(r.text.length) ?? 0) + mean(r.chars.map((c) => c.confidence)))
  const length = [...byLength].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0
  const same = readings.filter((r) => r.text.length === length)
  const chars: CharRead[] = []
  for (let i = 0; i < length; i++) {
    const weights = new Map<string, number[]>()
    for (const r of same) {
      const c = r.chars[i]!
      weights.set(c.char, [...(weights.get(c.char) ?? []), c.confidence])
    }
    const total = [...weights.values()].flat().reduce((a, b) => a + b, 0)
    const [char, confs] = [...weights].sort((a, b) => sum(b[1]) - sum(a[1]))[0]!
    const share = total > 0 ? sum(confs) / total : 0
    chars.push({ char, confidence: share * Math.max(...confs) })
  }
  return { text: chars.map((c) => c.char).join(''), chars }
}

/** 1 - Levenshtein distance / longer length. */
export function textSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const n = a.length, m = b.length
  if (n === 0 || m === 0) return 0
  let prev = Array.from({ length: m + 1 }, (_, j) => j)
  for (let i = 1; i <= n; i++) {
    const cur = [i]
    for (let j = 1; j <= m; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return 1 - prev[m]! / Math.max(n, m)
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
const mean = (xs: number[]) => (xs.length ? sum(xs) / xs.length : 0)
