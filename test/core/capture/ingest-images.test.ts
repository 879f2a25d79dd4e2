// A read whose scene or crop cannot be encoded as JPEG is still stored, without that image: losing a picture
// must not lose the read (or the other reads of its batch).
import { describe, expect, it } from 'vitest'
import { performance } from 'node:perf_hooks'
import { ingestLiveReads } from '../../../src/main/core/live/ingest'
import { LiveSignal } from '../../../src/main/core/live/signal'
import type { SessionRead } from '../../../src/main/core/capture/camera-session'
import type { PlateRead, RgbImage } from '../../../src/main/core/recognition/types'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { aCamera } from '../../helpers/cameras'

const lab = useLab()

function sessionRead(text: string, frame: RgbImage, readAt: number): SessionRead {
  const best: PlateRead = {
    text, confidence: 0.99, confident: true, chars: [...text].map((char) => ({ char, confidence: 0.99 })),
    box: [10, 10, 40, 12], rect: { cx: 30, cy: 16, w: 40, h: 12, angle: 0 }, format: null, reader: 'test',
  }
  return {
    read: {
      trackId: 1, text, confidence: 0.99, confident: true, chars: best.chars, firstMs: 0, lastMs: 0, frames: 1,
      best, bestMs: 0, bestFrame: frame, readings: [{ ms: 0, text, confidence: 0.99 }], early: false,
    },
    readAt, seenAt: performance.now(), recognizedAt: performance.now(),
  }
}

describe('storing live reads', () => {
  it('stores a read without its images when they cannot be encoded, and the rest of the batch with theirs', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock, retention: false, capture: false })
    expect(await core.store.cameras.create(aCamera(clock.now()))).toBe('ok')
    const good: RgbImage = { data: new Uint8Array(80 * 40 * 3).fill(128), width: 80, height: 40 }
    // A frame whose bytes do not match its size: sharp refuses to encode it.
    const broken: RgbImage = { data: new Uint8Array(17).fill(9), width: 80, height: 40 }
    const result = await ingestLiveReads(
      { store: core.store, clock, live: new LiveSignal() },
      { id: 'cam-east', latitude: null, longitude: null },
      [sessionRead('7ABC123', broken, clock.now()), sessionRead('5KLM246', good, clock.now())],
    )
    expect(result.readIds).toHaveLength(2)
    const [first, second] = await Promise.all(result.readIds.map((id) => core.store.reads.get(id)))
    expect(first?.plate).toBe('7ABC123') // its scene could not be encoded; its crop may have been
    expect([second?.plate, second?.hasImages]).toEqual(['5KLM246', true])
  })
})
