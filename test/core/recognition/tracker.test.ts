// Video: one read per vehicle pass. The tracker follows a plate across frames and votes character-wise,
// weighted by confidence; a generated video (rendered frames encoded by the bundled ffmpeg) gives one read per pass.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundledFfmpegPath, ffmpegFrames } from '../../../src/main/core/capture/ffmpeg-frames'
import { RecognitionPipeline } from '../../../src/main/core/recognition/pipeline'
import { bestCrop, PlateTracker, voteText } from '../../../src/main/core/recognition/tracker'
import type { PlateRead } from '../../../src/main/core/recognition/types'
import { renderScene, toPng } from './render'

function read(text: string, confs: number[], box: [number, number, number, number]): PlateRead {
  const chars = [...text].map((char, i) => ({ char, confidence: confs[i] ?? 0.9 }))
  return { text, chars, confidence: 0.9, confident: true, box, rect: { cx: 0, cy: 0, w: 1, h: 1, angle: 0 }, format: null, reader: 'test' }
}

describe('voting over one pass', () => {
  it('outvotes a misread character with the confident readings', () => {
    const voted = voteText([
      read('7ABC123', [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], [0, 0, 1, 1]),
      read('7A8C123', [0.9, 0.9, 0.4, 0.9, 0.9, 0.9, 0.9], [0, 0, 1, 1]),
      read('7ABC123', [0.8, 0.8, 0.7, 0.8, 0.8, 0.8, 0.8], [0, 0, 1, 1]),
    ])
    expect(voted.text).toBe('7ABC123')
    expect(voted.chars[2]!.confidence).toBeLessThan(voted.chars[0]!.confidence)
  })

  it('weights by confidence, so one sure reading beats two unsure ones', () => {
    expect(voteText([read('AB1', [0.99, 0.99, 0.99], [0, 0, 1, 1]), read('AB7', [0.9, 0.9, 0.3], [0, 0, 1, 1]), read('AB7', [0.9, 0.9, 0.3], [0, 0, 1, 1])]).text).toBe('AB1')
  })

  it('lets the most supported length win when readings drop or add a character', () => {
    expect(voteText([read('7ABC123', [], [0, 0, 1, 1]), read('ABC123', [], [0, 0, 1, 1]), read('7ABC123', [], [0, 0, 1, 1])]).text).toBe('7ABC123')
  })

  it('closes a pass after the plate has been gone for the gap, giving one read with the best frame', () => {
    const tracker = new PlateTracker({ maxGapMs: 1000 })
    expect(tracker.push(0, [read('7ABC123', [], [100, 100, 80, 30])])).toEqual([])
    expect(tracker.push(200, [read('7ABC128', [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5], [110, 102, 80, 30])])).toEqual([])
    expect(tracker.push(400, [read('7ABC123', [], [120, 104, 80, 30])])).toEqual([])
    const closed = tracker.push(2000, [read('5XYZ999', [], [600, 300, 80, 30])])
    expect(closed.map((r) => [r.text, r.frames, r.firstMs, r.lastMs])).toEqual([['7ABC123', 3, 0, 400]])
    expect(tracker.flush().map((r) => r.text)).toEqual(['5XYZ999'])
  })
})

describe('a generated video', () => {
  let dir: string
  let video: string
  let pipeline: RecognitionPipeline

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alpr-video-'))
    pipeline = await RecognitionPipeline.load()
    // 4 fps source: pass 1 (7ABC123 moving right), 2 s of empty road, pass 2 (5KLM246).
    const frames: { text: string; x: number }[] = []
    for (let i = 0; i < 4; i++) frames.push({ text: '7ABC123', x: 260 + i * 30 })
    for (let i = 0; i < 8; i++) frames.push({ text: '', x: 320 })
    for (let i = 0; i < 4; i++) frames.push({ text: '5KLM246', x: 420 - i * 30 })
    for (const [i, f] of frames.entries()) {
      const scene = await renderScene({ text: f.text, x: f.x, width: 640, height: 360, plateWidth: 150, noise: 6, seed: i + 1 })
      writeFileSync(join(dir, `f${String(i).padStart(3, '0')}.png`), await toPng(scene))
    }
    video = join(dir, 'passes.mp4')
    execFileSync(bundledFfmpegPath(), ['-loglevel', 'error', '-framerate', '4', '-i', join(dir, 'f%03d.png'), '-c:v', 'mpeg4', '-q:v', '2', '-pix_fmt', 'yuv420p', video])
  }, 60_000)
  afterAll(async () => {
    await pipeline?.release()
    rmSync(dir, { recursive: true, force: true })
  })

  it('gives one read per vehicle pass, not one per frame', async () => {
    const tracker = new PlateTracker({ maxGapMs: 1000 })
    const reads = []
    let frames = 0
    for await (const frame of ffmpegFrames(video, { fps: 4 })) {
      frames++
      expect(frame.image.width).toBe(640)
      const result = await pipeline.recognize(frame.image)
      reads.push(...tracker.push(frame.ms, result.plates.filter((p) => p.confidence > 0.3), frame.image))
    }
    reads.push(...tracker.flush())
    expect(frames).toBe(16)
    expect(reads.map((r) => r.text)).toEqual(['7ABC123', '5KLM246'])
    expect(reads[0]!.frames).toBeGreaterThanOrEqual(3)
    expect(reads[0]!.lastMs).toBeLessThan(1000)
    expect(reads[1]!.firstMs).toBeGreaterThanOrEqual(3000)
    expect(reads[0]!.bestFrame?.width).toBe(640)
    const crop = await bestCrop(reads[0]!)
    expect(crop!.width).toBeGreaterThan(crop!.height) // the plate's characters, upright
  }, 60_000)

  it('prints one JSON line per pass from the command line, with its time in the video', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'tools/recognize.ts', '--json', '--fps', '2', video], { cwd: resolve(import.meta.dirname, '../../..') })
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines.map((l) => l.text)).toEqual(['7ABC123', '5KLM246'])
    expect(lines[0]).toMatchObject({ file: video, confidence: expect.any(Number), confident: expect.any(Boolean), box: expect.any(Array) })
    expect(lines[0].time).toBeLessThan(1)
    expect(lines[1].time).toBeGreaterThanOrEqual(3)
  }, 60_000)
})
