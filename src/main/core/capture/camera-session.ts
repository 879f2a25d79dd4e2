// One camera's capture: one ffmpeg (argument array, stderr drained, the address never logged or repeated),
// frames cropped to the region of interest and sent to the shared recognition worker, passes tracked, reads
// handed to the manager. A lost stream is retried with exponential back-off; every state change is reported.
import { performance } from 'node:perf_hooks'
import type { CameraSourceKind, CameraState } from '../../../shared/models'
import type { Clock } from '../clock'
import { RecognitionError } from '../recognition/errors'
import type { FrameResult, PlateRead, RgbImage } from '../recognition/types'
import { ffmpegFrames } from './ffmpeg-frames'
import { LivePasses, type PassRead } from './live-passes'

export interface SessionSource {
  kind: CameraSourceKind
  /** What ffmpeg opens, credentials included: never logged, never part of a reason. */
  url: string
  fps: number
  /** [x, y, w, h] as fractions of the frame; null for the whole frame. */
  roi: [number, number, number, number] | null
}

export interface FrameRecognizer {
  recognize(image: RgbImage): Promise<FrameResult>
}

export interface SessionOptions {
  ffmpegPath?: string
  /** Reconnection delays: the first, doubling up to max (ms). */
  backoffMs?: { first: number; max: number }
  /** A stream that gives no frame for this long is dropped and retried (ms; at least 5 frame intervals). */
  stallMs?: number
  /** How long to wait for the first frame of a connection (ms). */
  connectTimeoutMs?: number
  /** Frames are scaled down to this longest side before recognition. */
  maxSide?: number
  /** Readings below this confidence are not tracked (the state name, badges, noise). */
  minConfidence?: number
  /** Pass gap of the tracker (ms). */
  maxGapMs?: number
  /** A connection counts as recovered, and back-off starts afresh, only after this long live (ms). */
  stableAfterMs?: number
  /** How far back (stream ms) arrival times of frames are kept for reads still to come. */
  frameMemoryMs?: number
}

/** A read from this camera with its times: `readAt` on the injected clock, `seenAt` on the monotonic clock. */
export interface SessionRead {
  read: PassRead
  readAt: number
  /** performance.now() when the frame it was read from arrived from ffmpeg (frame-to-alert latency). */
  seenAt: number
  /** performance.now() when recognition answered for that frame (what came after is cropping and storing). */
  recognizedAt: number
}

export interface SessionCounters {
  framesIn: number
  framesRecognized: number
  /** Frames dropped because recognition was behind (WORKER_BUSY). */
  framesDropped: number
  /** Frames lost to a recognition failure other than being busy. */
  framesFailed: number
  connections: number
}

export interface SessionHooks {
  onState(): void
  onReads(reads: SessionRead[]): void
  /** Whether a confident reading is a hot-list candidate (read early, alert at once). */
  wantsEarly(text: string): boolean
  /** Resolves once recognition can take frames (models loaded): connecting earlier would only drop frames. */
  ready?: Promise<unknown>
  /** Frames this camera may have in recognition at once (its fair share of the shared worker's queue). */
  maxInFlight?(): number
}

const FPS_WINDOW_MS = 5000

export class CameraSession {
  state: CameraState = 'connecting'
  since: number
  reason: string | null = null
  nextAttemptAt: number | null = null
  readonly counters: SessionCounters = { framesIn: 0, framesRecognized: 0, framesDropped: 0, framesFailed: 0, connections: 0 }

  private stopped = false
  private abort: AbortController | null = null
  private wake: (() => void) | null = null
  private passes: LivePasses
  /** Frame results are handled in frame order. */
  private chain: Promise<void> = Promise.resolve()
  /** Arrival times of recent frames by stream ms: the read's time on the clock, and latency. */
  private frameTimes = new Map<number, { at: number; seenAt: number; recognizedAt?: number }>()
  private recognizedAt: number[] = []
  private inFlight = 0
  private readonly running: Promise<void>
  private readonly o: Required<Omit<SessionOptions, 'ffmpegPath'>> & Pick<SessionOptions, 'ffmpegPath'>

  constructor(
    readonly cameraId: string,
    private readonly source: SessionSource,
    private readonly recognizer: FrameRecognizer,
    private readonly clock: Clock,
    private readonly hooks: SessionHooks,
    options: SessionOptions = {},
  ) {
    this.o = {
      backoffMs: { first: 1000, max: 30_000 },
      stallMs: 10_000,
      connectTimeoutMs: 20_000,
      maxSide: 1280,
      minConfidence: 0.3,
      maxGapMs: 1500,
      stableAfterMs: 30_000,
      frameMemoryMs: 120_000,
      ...options,
    }
    this.since = clock.now()
    this.passes = this.newPasses()
    this.running = this.run()
  }

  /** Frames whose arrival times are held (bounded by frameMemoryMs of stream time). */
  get framesHeld(): number {
    return this.frameTimes.size
  }

  /** Frames recognised per second over the last few seconds (null unless live). */
  get fps(): number | null {
    if (this.state !== 'live') return null
    const now = performance.now()
    this.recognizedAt = this.recognizedAt.filter((t) => now - t <= FPS_WINDOW_MS)
    return Math.round((this.recognizedAt.length / (FPS_WINDOW_MS / 1000)) * 10) / 10
  }

  /** Stops ffmpeg, waits for frames in recognition, and hands out the reads of every open pass. */
  async stop(): Promise<void> {
    this.stopped = true
    this.abort?.abort()
    this.wake?.()
    await this.running
  }

  /** Puts the camera in error (capture cannot run it at all) and stops trying. */
  async fail(reason: string): Promise<void> {
    await this.stop()
    this.setState('error', reason)
  }

  private newPasses(): LivePasses {
    return new LivePasses({ maxGapMs: this.o.maxGapMs, wantsEarly: (text) => this.hooks.wantsEarly(text) })
  }

  private async run(): Promise<void> {
    let delay = this.o.backoffMs.first
    let failingSince: number | null = null
    // Failure to load is the manager's to report (fail()); until then the camera shows as connecting.
    await Promise.race([this.hooks.ready?.catch(() => {}), new Promise<void>((resolve) => (this.wake = resolve))])
    this.wake = null
    while (!this.stopped) {
      const live = { at: null as number | null }
      const failure = await this.connectOnce(failingSince === null, () => (live.at = performance.now()))
      // A stream that stayed live a while starts its back-off afresh; one that drops after a few frames
      // (a flapping camera) keeps backing off and keeps showing when its trouble began.
      if (live.at !== null && performance.now() - live.at >= this.o.stableAfterMs) {
        delay = this.o.backoffMs.first
        failingSince = null
      }
      await this.drain()
      if (this.stopped) break
      failingSince ??= this.clock.now()
      const wait = delay
      delay = Math.min(this.o.backoffMs.max, delay * 2)
      this.setState('retrying', failure, failingSince, this.clock.now() + wait)
      await this.sleep(wait)
    }
  }

  /** One connection: resolves with why it ended. */
  private async connectOnce(first: boolean, onLive: () => void): Promise<string> {
    // Attempts after a failure keep showing "retrying since…" until video arrives.
    if (first) this.setState('connecting', null)
    else this.setState(this.state, this.reason, this.since, null)
    this.counters.connections++
    const abort = new AbortController()
    this.abort = abort
    let failure: string | null = null
    let watchdog: ReturnType<typeof setTimeout> | null = null
    const watch = (ms: number, why: string) => {
      if (watchdog) clearTimeout(watchdog)
      watchdog = setTimeout(() => {
        failure = why
        abort.abort()
      }, ms)
    }
    const stallMs = Math.max(this.o.stallMs, 5000 / this.source.fps)
    watch(this.o.connectTimeoutMs, `no video arrived within ${Math.round(this.o.connectTimeoutMs / 1000)} seconds of connecting`)
    try {
      for await (const frame of ffmpegFrames(this.source.url, {
        fps: this.source.fps,
        ffmpegPath: this.o.ffmpegPath,
        inputArgs: inputArgs(this.source.kind),
        maxSide: this.o.maxSide,
        signal: abort.signal,
      })) {
        watch(stallMs, `the stream stopped sending video for ${Math.round(stallMs / 1000)} seconds`)
        if (this.state !== 'live') {
          onLive()
          this.setState('live', null)
        }
        this.onFrame(frame.ms, frame.image)
      }
      failure ??= 'the stream ended'
    } catch (error) {
      failure ??= this.reasonOf(error)
    } finally {
      if (watchdog) clearTimeout(watchdog)
      this.abort = null
    }
    return failure
  }

  private onFrame(ms: number, image: RgbImage): void {
    this.counters.framesIn++
    const seenAt = performance.now()
    // Pruned here, not only after a recognised frame: recognition that keeps failing must not grow it.
    this.forgetFramesBefore(ms - this.o.frameMemoryMs)
    this.frameTimes.set(ms, { at: this.clock.now(), seenAt })
    // Over this camera's share of the shared worker: drop here, so one camera cannot crowd out the others.
    if (this.inFlight >= (this.hooks.maxInFlight?.() ?? Infinity)) {
      this.counters.framesDropped++
      return
    }
    const { crop, dx, dy } = cropToRoi(image, this.source.roi)
    this.inFlight++
    const result = this.recognizer
      .recognize(crop)
      .catch((error: unknown) => {
        if (RecognitionError.is(error, 'WORKER_BUSY')) this.counters.framesDropped++
        else if (!RecognitionError.is(error, 'WORKER_CLOSED')) this.counters.framesFailed++
        return null
      })
      .finally(() => this.inFlight--)
    this.chain = this.chain.then(async () => {
      const r = await result
      if (!r) return
      this.counters.framesRecognized++
      const recognizedAt = performance.now()
      this.recognizedAt.push(recognizedAt)
      const t = this.frameTimes.get(ms)
      if (t) t.recognizedAt = recognizedAt
      const plates = r.plates.filter((p) => p.confidence >= this.o.minConfidence).map((p) => offset(p, dx, dy))
      this.emit(this.passes.push(ms, plates, image))
    })
  }

  /** Waits for frames still in recognition, then ends every open pass (the stream is gone). */
  private async drain(): Promise<void> {
    await this.chain
    this.emit(this.passes.flush())
    this.passes = this.newPasses()
    this.frameTimes.clear()
  }

  private emit(reads: PassRead[]): void {
    if (reads.length === 0) return
    const now = this.clock.now()
    this.hooks.onReads(
      reads.map((read) => {
        const t = this.frameTimes.get(read.bestMs)
        const seenAt = t?.seenAt ?? performance.now()
        return { read, readAt: t?.at ?? now, seenAt, recognizedAt: t?.recognizedAt ?? seenAt }
      }),
    )
  }

  private forgetFramesBefore(ms: number): void {
    for (const key of this.frameTimes.keys()) {
      if (key >= ms) break // insertion order is stream order
      this.frameTimes.delete(key)
    }
  }

  private setState(state: CameraState, reason: string | null, since = this.clock.now(), nextAttemptAt: number | null = null): void {
    if (this.state === state && this.reason === reason && this.nextAttemptAt === nextAttemptAt) return
    this.state = state
    this.reason = reason
    this.since = since
    this.nextAttemptAt = nextAttemptAt
    this.hooks.onState()
  }

  /** Waits before the next attempt; stop() cuts it short. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms)
      this.wake = () => {
        clearTimeout(timer)
        this.wake = null
        resolve()
      }
    })
  }

  /** A failure as a sentence without the address, its credentials or anything else URL-shaped. */
  private reasonOf(error: unknown): string {
    const message = RecognitionError.is(error) ? error.message : `capture failed: ${error instanceof Error ? error.message : String(error)}`
    return scrub(message, this.source.url).split('<source>').join('the camera').split('<url>').join('the camera')
  }
}

/**
 * Input options by source kind: real-time replay of files, TCP for RTSP, the V4L2 demuxer for devices. Live
 * streams probe for one second at most: ffmpeg's default (5 s) holds back the first seconds of video and then
 * delivers them in a burst, which recognition would have to drop.
 */
function inputArgs(kind: CameraSourceKind): string[] {
  const live = ['-analyzeduration', '1000000', '-probesize', '1000000', '-fflags', 'nobuffer']
  switch (kind) {
    case 'file':
      return ['-re', '-stream_loop', '-1']
    case 'rtsp':
      return ['-rtsp_transport', 'tcp', ...live]
    case 'device':
      return ['-f', 'v4l2']
    default:
      return live
  }
}

/** Removes the address, its userinfo (credentials) and anything URL-shaped from a sentence. */
export function scrub(text: string, url: string): string {
  let out = text.split(url).join('the source')
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/]*)@/i.exec(url)?.[1]
  if (userinfo) {
    for (const part of [userinfo, ...userinfo.split(':'), ...userinfo.split(':').map(safeDecode)]) {
      if (part.length >= 3) out = out.split(part).join('***')
    }
  }
  return out.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, 'the source')
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * The region of interest as its own image (a copy: the frame itself stays with the tracker as the scene,
 * while the copy is handed to the recognition worker), and where it sits in the frame.
 */
export function cropToRoi(image: RgbImage, roi: [number, number, number, number] | null): { crop: RgbImage; dx: number; dy: number } {
  if (!roi) return { crop: { data: image.data.slice(), width: image.width, height: image.height }, dx: 0, dy: 0 }
  const x = clampInt(roi[0] * image.width, 0, image.width - 1)
  const y = clampInt(roi[1] * image.height, 0, image.height - 1)
  const w = clampInt(roi[2] * image.width, 1, image.width - x)
  const h = clampInt(roi[3] * image.height, 1, image.height - y)
  const data = new Uint8Array(w * h * 3)
  for (let row = 0; row < h; row++) {
    const from = ((y + row) * image.width + x) * 3
    data.set(image.data.subarray(from, from + w * 3), row * w * 3)
  }
  return { crop: { data, width: w, height: h }, dx: x, dy: y }
}

function offset(p: PlateRead, dx: number, dy: number): PlateRead {
  if (dx === 0 && dy === 0) return p
  return { ...p, box: [p.box[0] + dx, p.box[1] + dy, p.box[2], p.box[3]], rect: { ...p.rect, cx: p.rect.cx + dx, cy: p.rect.cy + dy } }
}

const clampInt = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)))
