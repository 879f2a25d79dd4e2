// Processes footage jobs one at a time in the background: SHA-256 of the file, its duration, then frames at
// a modest rate through a recognition worker of its own (live capture keeps its own), a plate tracker per
// job, and each pass stored as a read of source 'footage' with the job, file name, hash, position and case.
// Footage reads raise no hot-list alerts: they are history brought in for a case, not a live sighting.
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { type FrameSourceOptions, ffmpegFrames } from '../capture/ffmpeg-frames'
import type { Clock } from '../clock'
import { RecognitionClient } from '../recognition/client'
import { RecognitionError } from '../recognition/errors'
import { bestCrop, PlateTracker, type TrackedRead, textSimilarity } from '../recognition/tracker'
import type { RgbImage } from '../recognition/types'
import type { RecognitionSetup } from '../app/services'
import type { Store } from '../store'
import type { NewRead } from '../store/repositories/reads'
import type { FootageJobRow } from '../store/repositories/footage'
import { fileIdentity, sha256File, videoDurationMs } from './probe'

export interface FootageRunnerOptions {
  store: Store
  clock: Clock
  recognition: RecognitionSetup
  /** Frames sampled per second of video. */
  fps?: number
  /** Longest side of the frames read (larger video is scaled down). */
  maxSide?: number
  ffmpegPath?: string
  reportFailure?: (channel: string, error: unknown) => void
}

/** What the request knew that the job row does not keep. */
export interface JobParams {
  /** When the recording started, if known; otherwise read times are estimated from the file (see `process`). */
  recordedAt: number | null
  state: string | null
  /** The job's hold: every read is linked to it in the transaction that stores it. */
  holdId: string
}

/** The job's ending when the file's identity changed between hashing and the end of the frames. */
export const FILE_CHANGED = 'The file changed while it was processed; its reads were removed.'

interface Running {
  id: string
  abort: AbortController
  /** Wall time when frames started, and frames done since (for the time-left estimate only). */
  framesStartedAt: number | null
  framesDone: number
  framesTotal: number | null
  /** Set by cancel(): the job ends as cancelled rather than failed. */
  cancelled: boolean
}

const OBSERVATION_WINDOW_MS = 5 * 60_000

export class FootageRunner {
  private readonly queue: { id: string; params: JobParams }[] = []
  private running: Running | null = null
  private client: RecognitionClient | null = null
  private loop: Promise<void> | null = null
  private stopped = false
  private readonly fps: number
  private readonly maxSide: number

  constructor(private readonly o: FootageRunnerOptions) {
    this.fps = o.fps ?? 4
    this.maxSide = o.maxSide ?? 1280
  }

  /** Jobs a previous run left unfinished cannot resume (their settings were in memory): end them, saying so. */
  async recover(): Promise<void> {
    for (const job of await this.o.store.footage.unfinished()) {
      await this.o.store.footage.finish(job.id, 'failed', `The application closed before this file was finished; ${keptSentence(job.readsFound)}`, this.o.clock.now())
    }
  }

  enqueue(id: string, params: JobParams): void {
    if (this.stopped) return
    this.queue.push({ id, params })
    this.loop ??= this.drain().finally(() => (this.loop = null))
  }

  /** Time left for a job, ms: its own remaining frames at its measured rate, or null when not measurable yet. */
  etaMs(job: FootageJobRow): number | null {
    const r = this.running
    if (!r || r.id !== job.id || r.framesStartedAt === null || r.framesDone < 2 || !r.framesTotal) return null
    const perFrame = (performance.now() - r.framesStartedAt) / r.framesDone
    return Math.max(0, Math.round(perFrame * (r.framesTotal - r.framesDone)))
  }

  /** Stops a queued or running job. Answers false when the job is not queued or running here. */
  async cancel(id: string): Promise<boolean> {
    const queued = this.queue.findIndex((q) => q.id === id)
    if (queued >= 0) {
      this.queue.splice(queued, 1)
      await this.o.store.footage.finish(id, 'cancelled', 'Cancelled before processing started; nothing was stored.', this.o.clock.now())
      return true
    }
    if (this.running?.id === id) {
      this.running.cancelled = true
      this.running.abort.abort()
      await this.waitForJob(id)
      return true
    }
    return false
  }

  /** Ends everything (core closing): queued jobs are ended as cancelled, the running one is stopped. */
  async stop(): Promise<void> {
    this.stopped = true
    const now = this.o.clock.now()
    for (const q of this.queue.splice(0)) {
      await this.o.store.footage.finish(q.id, 'cancelled', 'The application closed before this file was processed; nothing was stored.', now)
    }
    this.running?.abort.abort()
    await this.loop
    await this.client?.close()
    this.client = null
  }

  private async waitForJob(id: string): Promise<void> {
    while (this.running?.id === id) await new Promise((r) => setTimeout(r, 20))
  }

  private async drain(): Promise<void> {
    // Re-checked after the worker is closed: a job may have been queued while it was closing.
    while (this.queue.length > 0 && !this.stopped) {
      await this.drainQueue()
      // An idle worker holds the models in memory; the next job starts one again (a second or two).
      const client = this.client
      this.client = null
      await client?.close()
    }
  }

  private async drainQueue(): Promise<void> {
    for (let next = this.queue.shift(); next && !this.stopped; next = this.queue.shift()) {
      const running: Running = { id: next.id, abort: new AbortController(), framesStartedAt: null, framesDone: 0, framesTotal: null, cancelled: false }
      this.running = running
      try {
        await this.process(running, next.params)
      } catch (error) {
        this.o.reportFailure?.('footage', error)
        await this.o.store.footage.finish(running.id, 'failed', 'Processing stopped because of an internal failure, which was recorded.', this.o.clock.now()).catch(() => {})
      } finally {
        this.running = null
      }
    }
  }

  private async sameFile(path: string, before: { size: number; mtimeMs: number; ino: string }): Promise<boolean> {
    const after = await fileIdentity(path).catch(() => null)
    return after !== null && after.size === before.size && after.mtimeMs === before.mtimeMs && after.ino === before.ino
  }

  private recognizer(): RecognitionClient {
    this.client ??= new RecognitionClient({ ...this.o.recognition, maxQueue: 2 })
    return this.client
  }

  private async process(r: Running, params: JobParams): Promise<void> {
    const { store, clock } = this.o
    const job = await store.footage.get(r.id)
    if (!job || job.status !== 'queued') return
    await store.footage.markRunning(r.id)
    const signal = r.abort.signal

    let stored = 0
    const finishStopped = async () => {
      const why = this.stopped && !r.cancelled ? 'The application closed while this file was being processed' : 'Cancelled'
      const where = r.framesTotal ? ` after ${r.framesDone} of ${r.framesTotal} frames` : ''
      await store.footage.finish(r.id, 'cancelled', `${why}${where}; ${keptSentence(stored)}`, clock.now())
    }

    let sha256: string
    let identity: Awaited<ReturnType<typeof fileIdentity>>
    try {
      // The file's identity before hashing: the same again after the frames shows the hash, the duration and
      // the frames all came from the same bytes (three passes by path).
      identity = await fileIdentity(job.path)
      await store.footage.identify(r.id, identity)
      sha256 = await sha256File(job.path, signal)
    } catch (error) {
      if (signal.aborted) return finishStopped()
      const code = (error as NodeJS.ErrnoException).code
      const why = code === 'ENOENT' ? 'it is no longer there' : code === 'EACCES' ? 'this account may not read it' : 'it could not be read'
      return store.footage.finish(r.id, 'failed', `“${job.fileName}” could not be processed: ${why}.`, clock.now())
    }
    const durationMs = await videoDurationMs(job.path, this.o.ffmpegPath)
    r.framesTotal = durationMs ? Math.max(1, Math.ceil((durationMs / 1000) * this.fps)) : null
    await store.footage.describe(r.id, { sha256, durationMs, framesTotal: r.framesTotal })

    // Reads whose SHA-256 does not describe the bytes they came from are not evidence of anything: removed.
    const changed = async () => {
      await store.footage.removeReads(r.id)
      await store.footage.finish(r.id, 'failed', FILE_CHANGED, clock.now())
    }

    const tracker = new PlateTracker()
    const observations: { ms: number; text: string; confidence: number }[] = []
    // A file's modification time marks the end of its recording: without a known start, the start is
    // estimated as that time less the duration (the job says its times are estimated).
    const base = params.recordedAt ?? identity.mtimeMs - (durationMs ?? 0)
    const save = async (reads: TrackedRead[]) => {
      const rows: NewRead[] = []
      for (const read of reads.filter((t) => t.confident)) {
        rows.push({
          plate: read.text,
          state: params.state,
          confidence: read.confidence,
          readAt: base + read.bestMs,
          cameraId: null,
          latitude: null,
          longitude: null,
          source: 'footage',
          createdAt: clock.now(),
          chars: read.chars,
          readings: observations
            .filter((o) => o.ms >= read.firstMs && o.ms <= read.lastMs && textSimilarity(o.text, read.text) >= 0.5)
            .map((o) => ({ ms: o.ms, text: o.text, confidence: o.confidence })),
          reader: read.best.reader,
          footageJobId: r.id,
          footageName: job.fileName,
          footageSha256: sha256,
          footageMs: read.bestMs,
          caseNumber: job.caseNumber,
          crop: await jpegOf(await bestCrop(read), 90),
          scene: await jpegOf(read.bestFrame, 75),
        })
      }
      if (rows.length === 0) return
      await store.reads.insert(rows, { holdId: params.holdId })
      stored += rows.length
    }

    const frameOptions: FrameSourceOptions = { fps: this.fps, maxSide: this.maxSide, signal, ffmpegPath: this.o.ffmpegPath }
    try {
      r.framesStartedAt = performance.now()
      for await (const frame of ffmpegFrames(job.path, frameOptions)) {
        if (signal.aborted) break
        // The worker takes the frame's buffer; the tracker keeps a copy as the scene of a pass's best reading.
        const scene: RgbImage = { ...frame.image, data: frame.image.data.slice() }
        const result = await this.recognizer().recognize(frame.image, { state: params.state })
        for (const p of result.plates) observations.push({ ms: frame.ms, text: p.text, confidence: p.confidence })
        while (observations.length && observations[0]!.ms < frame.ms - OBSERVATION_WINDOW_MS) observations.shift()
        await save(tracker.push(frame.ms, result.plates.filter((p) => p.text.length >= 2), scene))
        r.framesDone = frame.index + 1
        await store.footage.progress(r.id, r.framesDone, stored)
      }
    } catch (error) {
      if (RecognitionError.is(error, 'MODEL_LOAD_FAILED')) this.client = null // a closed client never loads again
      if (!signal.aborted) {
        await save(tracker.flush())
        await store.footage.progress(r.id, r.framesDone, stored)
        if (!(await this.sameFile(job.path, identity))) return changed()
        return store.footage.finish(r.id, 'failed', failureSentence(error, job.fileName, stored), clock.now())
      }
      if (!RecognitionError.is(error, 'WORKER_CLOSED')) this.o.reportFailure?.('footage', error)
    }
    // What was seen before a cancel is kept too: those passes are reads the investigator asked for.
    await save(tracker.flush())
    await store.footage.progress(r.id, r.framesDone, stored)
    if (!(await this.sameFile(job.path, identity))) return changed()
    if (signal.aborted) return finishStopped()
    // The estimate of frames from the duration is close, not exact: the finished bar shows what was read.
    await store.footage.describe(r.id, { sha256, durationMs, framesTotal: r.framesDone })
    await store.footage.finish(r.id, 'done', null, clock.now())
  }
}

const keptSentence = (reads: number): string =>
  reads === 0 ? 'no reads had been stored.' : `the ${reads === 1 ? 'read' : `${reads} reads`} found before ${reads === 1 ? 'was' : 'were'} kept.`

function failureSentence(error: unknown, fileName: string, stored: number): string {
  const kept = stored > 0 ? ` ${keptSentence(stored).replace(/^t/, 'T')}` : ''
  if (RecognitionError.is(error, 'CAPTURE_FAILED')) {
    // describeFailure already replaced the path with <source>; name the file instead.
    const reason = error.message.replace(/^the video could not be read: /, '').split('<source>').join(`“${fileName}”`)
    return `The video “${fileName}” could not be read (${reason}).${kept}`
  }
  if (RecognitionError.is(error, 'MODEL_LOAD_FAILED') || RecognitionError.is(error, 'WORKER_DIED')) {
    return `Plate recognition could not run on this workstation, so “${fileName}” was not finished.${kept}`
  }
  return `“${fileName}” could not be processed.${kept}`
}

async function jpegOf(image: RgbImage | null, quality: number): Promise<Uint8Array | null> {
  if (!image || image.data.byteLength === 0) return null
  const jpeg = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality }).toBuffer()
  return new Uint8Array(jpeg)
}
