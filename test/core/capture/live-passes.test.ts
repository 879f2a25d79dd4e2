// A camera's passes: one read per pass, and a hot-list candidate read at its first confident frame (so its
// alert need not wait for the tracker to close the pass), never twice. Also the pieces of a camera session
// that need no stream: cropping to the region of interest and keeping addresses out of reasons.
import { describe, expect, it } from 'vitest'
import { LivePasses } from '../../../src/main/core/capture/live-passes'
import { cropToRoi, scrub } from '../../../src/main/core/capture/camera-session'
import type { PlateRead } from '../../../src/main/core/recognition/types'

function plate(text: string, confidence: number, x = 100): PlateRead {
  return {
    text, confidence, confident: confidence >= 0.99, chars: [...text].map((char) => ({ char, confidence: Math.sqrt(confidence) })),
    box: [x, 200, 100, 30], rect: { cx: x + 50, cy: 215, w: 100, h: 30, angle: 0 }, format: null, reader: 'test',
  }
}

const hot = new Set(['5KLM246'])

describe('live passes', () => {
  it('reads a listed plate at its first confident frame, and gives no second read when the pass closes', () => {
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => hot.has(t) })
    expect(passes.push(0, [plate('5KLM246', 0.6, 100)], null)).toEqual([])
    const early = passes.push(200, [plate('5KLM246', 0.999, 110)], null)
    expect(early.map((r) => [r.text, r.early, r.firstMs, r.bestMs])).toEqual([['5KLM246', true, 0, 200]])
    expect(early[0]!.readings.map((r) => r.ms)).toEqual([0, 200])
    expect(passes.push(400, [plate('5KLM246', 0.999, 120)], null)).toEqual([]) // same pass: nothing new
    expect(passes.push(3000, [], null)).toEqual([]) // the tracker closes the pass: already read
    expect(passes.flush()).toEqual([])
  })

  it('reads other plates once, when their pass ends, with every reading of the pass', () => {
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => hot.has(t) })
    expect(passes.push(0, [plate('6TRX901', 0.999)], null)).toEqual([])
    expect(passes.push(200, [plate('6TRX901', 0.999, 110)], null)).toEqual([])
    const closed = passes.push(2000, [], null)
    expect(closed.map((r) => [r.text, r.early, r.frames])).toEqual([['6TRX901', false, 2]])
    expect(closed[0]!.readings.map((r) => r.ms)).toEqual([0, 200])
  })

  it('reads a listed plate that was never confidently readable when its pass ends', () => {
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => hot.has(t) })
    expect(passes.push(0, [plate('5KLM246', 0.7)], null)).toEqual([])
    expect(passes.flush().map((r) => [r.text, r.early])).toEqual([['5KLM246', false]])
  })

  it('reads a listed plate again on its next pass', () => {
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => hot.has(t) })
    expect(passes.push(0, [plate('5KLM246', 0.999)], null)).toHaveLength(1)
    expect(passes.push(5000, [plate('5KLM246', 0.999)], null).map((r) => [r.early, r.firstMs])).toEqual([[true, 5000]])
    expect(passes.flush()).toEqual([])
  })
})

describe('live passes in two lanes', () => {
  // Frames every 200 ms; the listed car in one lane, a car with a similar plate in the next.
  const lanes = (passes: LivePasses, until: number, left: [string, number], right: [string, number]) => {
    const out = []
    for (let ms = 0; ms <= until; ms += 200) {
      const plates = []
      if (ms <= left[1]) plates.push(plate(left[0], 0.999, 100 + ms / 20))
      if (ms <= right[1]) plates.push(plate(right[0], 0.999, 600 + ms / 20))
      out.push(...passes.push(ms, plates, null))
    }
    return [...out, ...passes.push(until + 5000, [], null), ...passes.flush()]
  }

  it('does not let a neighbouring similar plate take the listed pass’s early read', () => {
    const listed = new Set(['7ABC123'])
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => listed.has(t) })
    const reads = lanes(passes, 1400, ['7ABC123', 1400], ['7ABC124', 1000])
    expect(reads.map((r) => [r.text, r.early, r.firstMs, r.lastMs])).toEqual([
      ['7ABC123', true, 0, 0],
      ['7ABC124', false, 0, 1000],
    ])
    expect(reads[1]!.readings.map((r) => r.text)).toEqual(Array(6).fill('7ABC124'))
  })

  it('does the same when the neighbour stays longer than the listed car', () => {
    const listed = new Set(['7ABC123'])
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => listed.has(t) })
    const reads = lanes(passes, 1400, ['7ABC124', 1400], ['7ABC123', 1000])
    expect(reads.map((r) => [r.text, r.early])).toEqual([
      ['7ABC123', true],
      ['7ABC124', false],
    ])
  })

  it('gives each of two listed plates in view its own early read, once', () => {
    const listed = new Set(['7ABC123', '7ABC124'])
    const passes = new LivePasses({ maxGapMs: 1000, wantsEarly: (t) => listed.has(t) })
    const reads = lanes(passes, 1400, ['7ABC123', 1400], ['7ABC124', 1000])
    expect(reads.map((r) => [r.text, r.early]).sort()).toEqual([
      ['7ABC123', true],
      ['7ABC124', true],
    ])
  })
})

describe('a camera session without a stream', () => {
  it('crops the region of interest and knows where it sits in the frame', () => {
    const width = 10
    const height = 4
    const data = new Uint8Array(width * height * 3).map((_, i) => Math.floor(i / 3))
    const { crop, dx, dy } = cropToRoi({ data, width, height }, [0.5, 0.5, 0.3, 0.5])
    expect([crop.width, crop.height, dx, dy]).toEqual([3, 2, 5, 2])
    expect(crop.data[0]).toBe(2 * width + 5) // pixel (5, 2)
    expect(crop.data[3 * 3]).toBe(3 * width + 5) // pixel (5, 3)
    // Without a region the frame is copied, so the original can stay with the tracker as the scene.
    expect(cropToRoi({ data, width, height }, null).crop.data.buffer).not.toBe(data.buffer)
  })

  it('removes the address, its credentials and anything URL-shaped from a reason', () => {
    const url = 'rtsp://gate%40op:hunter2%21x@192.0.2.10:554/stream1'
    const reason = scrub(`could not open ${url}; auth failed for gate@op with hunter2!x at rtsp://192.0.2.10:554/other`, url)
    for (const secret of ['hunter2', 'gate@op', 'gate%40op', '192.0.2.10']) expect(reason).not.toContain(secret)
  })
})
