// ffmpeg frame source: raw RGB frames at the requested rate from the bundled binary; a source that cannot
// be read fails with CAPTURE_FAILED and a message that never repeats the source (camera URLs carry passwords).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundledFfmpegPath, describeFailure, ffmpegFrames } from '../../../src/main/core/capture/ffmpeg-frames'
import { RecognitionError } from '../../../src/main/core/recognition/errors'

let dir: string
let video: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alpr-capture-'))
  video = join(dir, 'clip.mp4')
  // 2 s of a test pattern at 10 fps, 320×240.
  execFileSync(bundledFfmpegPath(), ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=10', '-t', '2', '-c:v', 'mpeg4', '-pix_fmt', 'yuv420p', video])
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function collect(source: string, fps: number, maxSide?: number) {
  const frames = []
  for await (const f of ffmpegFrames(source, { fps, maxSide })) frames.push(f)
  return frames
}

describe('ffmpeg frames', () => {
  it('samples a video at the requested rate as raw RGB frames with their times', async () => {
    const frames = await collect(video, 4)
    expect(frames).toHaveLength(8)
    expect(frames[0]!.image).toMatchObject({ width: 320, height: 240 })
    expect(frames[0]!.image.data.byteLength).toBe(320 * 240 * 3)
    expect(frames.map((f) => f.ms)).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750])
    // Each frame owns its buffer, so it can be transferred to the worker alone.
    expect(frames[1]!.image.data.buffer).not.toBe(frames[0]!.image.data.buffer)
  })

  it('scales large sources down to the longest side asked for', async () => {
    const frames = await collect(video, 2, 160)
    expect(frames[0]!.image).toMatchObject({ width: 160, height: 120 })
  })

  it('fails a missing or unreadable source with CAPTURE_FAILED, without repeating the source', async () => {
    const secret = join(dir, 'rtsp-admin-hunter2.mp4')
    const notVideo = join(dir, 'noise.mp4')
    writeFileSync(notVideo, Buffer.alloc(4096, 3))
    for (const source of [secret, notVideo]) {
      const error = await collect(source, 2).catch((e) => e)
      expect(RecognitionError.is(error, 'CAPTURE_FAILED')).toBe(true)
      expect(error.message).not.toContain(source)
      expect(error.message).not.toContain('hunter2')
    }
  })

  it('keeps URLs with credentials out of failure messages', () => {
    const stderr = 'rtsp://admin:hunter2@10.0.0.5/stream: Connection refused\nError opening input file rtsp://admin:hunter2@10.0.0.5/stream.'
    const message = describeFailure(stderr, 'rtsp://admin:hunter2@10.0.0.5/stream', 1)
    expect(message).not.toContain('hunter2')
    expect(message).toContain('the video could not be read')
  })

  it('refuses an impossible frame rate', async () => {
    await expect(collect(video, 0)).rejects.toSatisfy((e) => RecognitionError.is(e, 'CAPTURE_FAILED'))
  })
})
