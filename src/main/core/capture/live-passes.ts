// One camera's passes: the recognition tracker (one read per pass, voted when the plate has been gone for
// 1.5 s) plus an early read for passes that cannot wait that long. A confident reading whose confusion key
// is on a hot list is handed out at once, so its alert reaches the dispatcher within a second; that pass
// (the tracker's own track, never a similar-looking plate in the next lane) then gives no second read when
// the tracker closes it.
import { PlateTracker, type TrackedRead } from '../recognition/tracker'
import type { PlateRead, RgbImage } from '../recognition/types'

export interface PassReading {
  ms: number
  text: string
  confidence: number
}

export interface PassRead extends TrackedRead {
  /** The frame-by-frame readings of the pass (ms of stream time). */
  readings: PassReading[]
  /** Handed out before the pass ended (a confident hot-list candidate). */
  early: boolean
}

export interface LivePassOptions {
  /** A pass ends when its plate has not been seen for this long (ms). */
  maxGapMs?: number
  /** Readings this similar to a pass's text belong to it. */
  minTextSimilarity?: number
  /** Whether a confident reading should be handed out early (a hot-list key). */
  wantsEarly?: (text: string) => boolean
}

export class LivePasses {
  private readonly tracker: PlateTracker
  private readonly wantsEarly: (text: string) => boolean
  /** The readings of each open pass by the tracker's id (the tracker does not hand out its observations). */
  private readings = new Map<number, PassReading[]>()
  /** Open passes that already gave their early read. */
  private early = new Set<number>()

  constructor(options: LivePassOptions = {}) {
    this.wantsEarly = options.wantsEarly ?? (() => false)
    this.tracker = new PlateTracker({ maxGapMs: options.maxGapMs ?? 1500, minTextSimilarity: options.minTextSimilarity ?? 0.6 })
  }

  /** Adds one frame's plates; answers the early reads of this frame and the reads of passes that ended. */
  push(ms: number, plates: PlateRead[], frame: RgbImage | null): PassRead[] {
    const { closed, trackIds } = this.tracker.observe(ms, plates, frame)
    const out: PassRead[] = []
    plates.forEach((plate, i) => {
      const trackId = trackIds[i]!
      const readings = this.readings.get(trackId) ?? []
      readings.push({ ms, text: plate.text, confidence: plate.confidence })
      this.readings.set(trackId, readings)
    })
    plates.forEach((plate, i) => {
      const trackId = trackIds[i]!
      if (this.early.has(trackId) || !plate.confident || !this.wantsEarly(plate.text)) return
      this.early.add(trackId)
      const readings = [...(this.readings.get(trackId) ?? [])]
      out.push({
        trackId,
        text: plate.text,
        confidence: plate.confidence,
        confident: true,
        chars: plate.chars,
        firstMs: readings[0]?.ms ?? ms,
        lastMs: ms,
        frames: readings.length,
        best: plate,
        bestMs: ms,
        bestFrame: frame,
        readings,
        early: true,
      })
    })
    out.push(...this.closed(closed))
    return out
  }

  /** Ends every open pass (the stream dropped, or capture stopped). */
  flush(): PassRead[] {
    return this.closed(this.tracker.flush())
  }

  private closed(reads: TrackedRead[]): PassRead[] {
    const out: PassRead[] = []
    for (const read of reads) {
      const readings = this.readings.get(read.trackId) ?? []
      this.readings.delete(read.trackId)
      // The pass already gave its early read: one read per pass.
      if (this.early.delete(read.trackId)) continue
      out.push({ ...read, readings, early: false })
    }
    return out
  }
}
