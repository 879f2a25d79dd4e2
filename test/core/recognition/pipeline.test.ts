// The recognition pipeline on scenes the test renders itself, with the shipped models: a plate composited
// into a 1280×720 scene reads back exactly, straight or rotated, and US grammar fixes O/0 and I/1 by position.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confidentThreshold, plateConfidence } from '../../../src/main/core/recognition/confidence'
import { applyGrammar, plateLikeness, scoringKey } from '../../../src/main/core/recognition/grammar'
import { FallbackReader } from '../../../src/main/core/recognition/fallback-reader'
import { findPlateOcr, parsePlateOcrSpec } from '../../../src/main/core/recognition/models'
import type { TextReader } from '../../../src/main/core/recognition/reader'
import { RecognitionPipeline } from '../../../src/main/core/recognition/pipeline'
import { renderScene } from './render'

let pipeline: RecognitionPipeline

beforeAll(async () => {
  pipeline = await RecognitionPipeline.load()
}, 30_000)
afterAll(() => pipeline?.release())

describe('reading a rendered plate in a scene', () => {
  it('reads a straight California plate exactly, best first, with its box', async () => {
    const result = await pipeline.recognize(await renderScene({ text: '7ABC123', noise: 6 }), { state: 'CA' })
    const best = result.plates[0]!
    expect(best.text).toBe('7ABC123')
    expect(best.chars.map((c) => c.char).join('')).toBe('7ABC123')
    expect(best.format).toBe('CA standard')
    // The plate sits around (640, 432); the box covers its characters.
    const [x, y, w, h] = best.box
    expect(x).toBeLessThan(560)
    expect(x + w).toBeGreaterThan(720)
    expect(y).toBeLessThan(432)
    expect(y + h).toBeGreaterThan(432)
    expect(best.confidence).toBeGreaterThan(0.5)
  })

  it('straightens a rotated plate before reading it', async () => {
    const result = await pipeline.recognize(await renderScene({ text: '4XYZ987', angle: 9, noise: 6, seed: 3 }))
    expect(result.plates[0]?.text).toBe('4XYZ987')
    expect(Math.abs(result.plates[0]!.rect.angle - 9)).toBeLessThan(3)
  })

  it('finds no plate in a scene without one', async () => {
    const scene = await renderScene({ text: '', noise: 6 })
    const result = await pipeline.recognize(scene)
    expect(result.plates.every((p) => !p.confident)).toBe(true)
  })
})

describe('US plate grammar', () => {
  it("fixes O/0 and I/1 by position in a known state's format", () => {
    expect(applyGrammar('7OBC12I', 'CA')).toEqual({ text: '7OBC121', format: 'CA standard', fixed: [6] })
    expect(applyGrammar('I0BC123', 'CA').text).toBe('1OBC123')
    expect(applyGrammar('1ABC1Z3', 'CA')).toEqual({ text: '1ABC1Z3', format: null, fixed: [] })
  })

  it('leaves a reading alone when the state is unknown', () => {
    expect(applyGrammar('7OBC12I', null)).toEqual({ text: '7OBC12I', format: null, fixed: [] })
  })

  it('gives no confidence to text that cannot be a plate and less to words and dates', () => {
    const c = (t: string) => [...t].map((char) => ({ char, confidence: 1 }))
    expect(plateConfidence('A', c('A'))).toBe(0)
    expect(plateConfidence('ABCDE12345', c('ABCDE12345'))).toBe(0)
    expect(plateConfidence('7ABC123', c('7ABC123'))).toBe(1)
    expect(plateLikeness('JEEP')).toBeLessThan(confidentThreshold('ppocr-v4'))
    expect(plateLikeness('2014')).toBeLessThan(confidentThreshold('ppocr-v4'))
  })

  it('scores O and 0 as the same, ignoring case, spaces and dashes', () => {
    expect(scoringKey('7ab-c 1O3')).toBe(scoringKey('7ABC103'))
  })
})

describe('the project plate OCR model description', () => {
  it('accepts the documented plate-ocr.json and refuses one that does not describe a model', () => {
    const spec = {
      input: { name: 'image', channels: 1, height: 48, width: 160, mean: 0.5, std: 0.5 },
      output: { name: 'logits' },
      charset: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      blank: 0,
    }
    expect(parsePlateOcrSpec(spec).input.width).toBe(160)
    expect(() => parsePlateOcrSpec({ ...spec, input: { ...spec.input, height: 0 } })).toThrow(/does not describe/)
    expect(() => parsePlateOcrSpec(null)).toThrow(/does not describe/)
  })

  it.skipIf(!findPlateOcr())('reads the rendered plate with plate-ocr when it is shipped', async () => {
    const own = await RecognitionPipeline.load({ reader: 'plate-ocr' })
    try {
      expect(own.reader.name).toBe('plate-ocr')
      const result = await own.recognize(await renderScene({ text: '7ABC123', noise: 6 }), { state: 'CA' })
      expect(result.plates[0]?.text).toBe('7ABC123')
    } finally {
      await own.release()
    }
  })
})

describe('falling back to a second reader', () => {
  const fixed = (name: string, texts: [string, number][]): TextReader & { asked: number } => ({
    name,
    asked: 0,
    async read(_image, rects) {
      this.asked += rects.length
      return rects.map((_, i) => {
        const [text, p] = texts[i % texts.length]!
        return { text, chars: [...text].map((char) => ({ char, confidence: p })) }
      })
    },
    async release() {},
  })

  it('asks the second reader only where the first is unsure, and keeps the more confident reading', async () => {
    const first = fixed('a', [['7ABC123', 0.999], ['7A8C12', 0.5]])
    const second = fixed('b', [['7ABC128', 0.99]])
    const reader = new FallbackReader(first, second, 0.9)
    const rect = { cx: 1, cy: 1, w: 1, h: 1, angle: 0 }
    const reads = await reader.read({ data: new Uint8Array(3), width: 1, height: 1 }, [rect, rect])
    expect(reads.map((r) => r.text)).toEqual(['7ABC123', '7ABC128'])
    expect(second.asked).toBe(1)
  })
})
