// Live capture of the registered cameras: one CameraSession (one ffmpeg) per enabled camera, one shared
// recognition worker started only once a camera needs it, reads stored per camera in the order they were
// made. The camera registry is the source of truth; refresh() brings the running sessions in line with it.
import type { CameraStatus } from '../../../shared/models'
import type { Clock } from '../clock'
import { localDate } from '../local-time'
import { ingestLiveReads, type Ingested } from '../live/ingest'
import type { LiveSignal } from '../live/signal'
import { plateKey } from '../plates/confusions'
import { RecognitionClient } from '../recognition/client'
import { RecognitionError } from '../recognition/errors'
import type { Store } from '../store'
import type { CameraRow, CaptureSource } from '../store/repositories/cameras'
import type { RecognitionSetup } from '../app/services'
import { CameraSession, type SessionCounters, type SessionOptions, type SessionRead } from './camera-session'
import type { CaptureControl } from './control'
import { ReadQueue, type ReadQueueOptions } from './read-queue'

export interface CaptureOptions extends SessionOptions {
  /** Frames in recognition at once, all cameras together; beyond it frames are dropped and counted. */
  maxQueue?: number
  /** How often the hot-list keys that make a confident reading alert early are re-read (ms). */
  hotKeysRefreshMs?: number
  /** Called after each batch of a camera's reads is stored and matched (benchmarks, tests). */
  onIngested?: (event: { cameraId: string; reads: SessionRead[]; result: Ingested }) => void
  /** Retrying reads the store refused, per camera (back-off, and how many reads may wait). */
  storeRetry?: ReadQueueOptions
}

export interface CaptureDeps {
  store: Store
  clock: Clock
  live: LiveSignal
  recognition: RecognitionSetup
  /** Failures that are no camera's state (a read that could not be stored). Never given plates or addresses. */
  reportFailure?: (what: string, error: unknown) => void
}

interface Running {
  session: CameraSession
  source: CaptureSource
}

export class CaptureManager implements CaptureControl {
  private cameras: CameraRow[] = []
  private readonly running = new Map<string, Running>()
  private client: RecognitionClient | null = null
  private clientReady: Promise<unknown> = Promise.resolve()
  private modelFailure: string | null = null
  private hotKeys = new Set<string>()
  private hotKeysTimer: ReturnType<typeof setInterval> | null = null
  /** Each camera's reads are stored in the order they were made, and kept for another try if the store refuses them. */
  private readonly queues = new Map<string, ReadQueue<SessionRead>>()
  private readonly counts = new Map<string, { day: string; today: number; lastReadAt: number | null }>()
  /** Reads given up per camera since capture started (the store refused them for too long). */
  private readonly givenUp = new Map<string, number>()
  private refreshing: Promise<void> = Promise.resolve()
  /** Two frames in recognition: one being read, one waiting. More would only add latency to every alert. */
  private readonly maxQueue: number
  private stopped = false

  constructor(
    private readonly deps: CaptureDeps,
    private readonly options: CaptureOptions = {},
  ) {
    this.maxQueue = options.maxQueue ?? 2
  }

  statuses(): CameraStatus[] {
    const today = localDate(this.deps.clock.now())
    return this.cameras.map((camera) => {
      const run = this.running.get(camera.id)
      const counted = this.counts.get(camera.id)
      const base = {
        cameraId: camera.id,
        name: camera.name,
        kind: camera.kind,
        location: camera.location,
        readsToday: counted?.day === today ? counted.today : 0,
        lastReadAt: counted?.lastReadAt ?? null,
      }
      if (run) {
        const s = run.session
        return { ...base, state: s.state, fps: s.fps, since: s.since, reason: s.reason ?? this.storeProblem(camera.id), nextAttemptAt: s.nextAttemptAt }
      }
      const idle = { fps: null, since: camera.updatedAt ?? camera.createdAt, nextAttemptAt: null }
      if (camera.enabled && camera.kind !== 'footage' && !camera.sourceKind) {
        return { ...base, ...idle, state: 'error' as const, reason: 'No video source is set for this camera.' }
      }
      if (camera.enabled && this.modelFailure) return { ...base, ...idle, state: 'error' as const, reason: this.modelFailure }
      return { ...base, ...idle, state: 'disabled' as const, reason: null }
    })
  }

  /** Frame counters of each running camera (benchmarks, tests). */
  counters(): Record<string, SessionCounters> {
    return Object.fromEntries([...this.running].map(([id, r]) => [id, { ...r.session.counters }]))
  }

  refresh(): Promise<void> {
    // A failed refresh is reported to its caller only: the next one starts from a settled chain.
    const next = this.refreshing.catch(() => {}).then(() => this.reconcile())
    this.refreshing = next
    return next
  }

  /** Stops every camera, stores the reads of every open pass, then stops recognition. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.refreshing.catch(() => {})
    if (this.hotKeysTimer) clearInterval(this.hotKeysTimer)
    this.hotKeysTimer = null
    await Promise.all([...this.running.values()].map((r) => r.session.stop()))
    await Promise.all([...this.queues.values()].map((q) => q.stop()))
    this.running.clear()
    await this.client?.close()
    this.client = null
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return
    const [cameras, sources] = await Promise.all([this.deps.store.cameras.list(), this.deps.store.cameras.captureSources()])
    this.cameras = cameras
    const wanted = new Map(sources.map((s) => [s.cameraId, s]))
    const changed = [...this.running].filter(([id, r]) => {
      const s = wanted.get(id)
      return !s || s.updatedAt !== r.source.updatedAt || s.url !== r.source.url || s.fps !== r.source.fps || JSON.stringify(s.roi) !== JSON.stringify(r.source.roi)
    })
    await Promise.all(
      changed.map(async ([id, r]) => {
        await r.session.stop()
        this.running.delete(id)
      }),
    )
    if (wanted.size > 0 && this.modelFailure && this.running.size === 0) {
      // A registry change is a fresh start: try loading the models again.
      this.modelFailure = null
      await this.client?.close()
      this.client = null
    }
    if (wanted.size > 0) {
      await this.refreshHotKeys()
      this.hotKeysTimer ??= setInterval(() => void this.refreshHotKeys(), this.options.hotKeysRefreshMs ?? 5000)
      this.hotKeysTimer.unref?.()
      const client = this.recognitionClient()
      for (const source of wanted.values()) {
        if (!this.running.has(source.cameraId) && !this.modelFailure) this.start(source, client)
      }
    } else if (this.running.size === 0) {
      if (this.hotKeysTimer) clearInterval(this.hotKeysTimer)
      this.hotKeysTimer = null
      // No camera needs recognition: give the models' memory back.
      await this.client?.close()
      this.client = null
    }
    this.deps.live.notify()
  }

  private start(source: CaptureSource, client: RecognitionClient): void {
    const session = new CameraSession(
      source.cameraId,
      { kind: source.sourceKind, url: source.url, fps: source.fps, roi: source.roi },
      client,
      this.deps.clock,
      {
        onState: () => this.deps.live.notify(),
        onReads: (reads) => this.store(source, reads),
        wantsEarly: (text) => this.hotKeys.has(plateKey(text)),
        ready: this.clientReady,
        maxInFlight: () => Math.max(1, Math.floor(this.maxQueue / Math.max(1, this.running.size))),
      },
      this.options,
    )
    this.running.set(source.cameraId, { session, source })
  }

  /** The shared client, started now so the models are loaded before the first frame arrives. */
  private recognitionClient(): RecognitionClient {
    if (this.client) return this.client
    const client = new RecognitionClient({ ...this.deps.recognition, maxQueue: this.maxQueue })
    this.client = client
    this.clientReady = client.start()
    this.clientReady.catch((error: unknown) => {
      if (!RecognitionError.is(error, 'MODEL_LOAD_FAILED') || this.client !== client) return
      this.modelFailure = 'The plate-recognition models could not be loaded, so no camera can be read.'
      void Promise.all([...this.running.values()].map((r) => r.session.fail(this.modelFailure!))).then(() => {
        this.running.clear()
        this.deps.live.notify()
      })
    })
    return client
  }

  private store(source: CaptureSource, reads: SessionRead[]): void {
    const camera = { id: source.cameraId, latitude: source.latitude, longitude: source.longitude }
    let queue = this.queues.get(camera.id)
    if (!queue) {
      queue = new ReadQueue<SessionRead>(
        {
          store: async (batch) => {
            const result = await ingestLiveReads(this.deps, camera, batch)
            // Stored: nothing after this may make the queue try the batch again (it would be stored twice).
            try {
              this.count(camera.id, batch)
              this.options.onIngested?.({ cameraId: camera.id, reads: batch, result })
            } catch (error) {
              this.deps.reportFailure?.('capture.onIngested', error)
            }
          },
          onFailing: (failing, error) => {
            if (failing) this.deps.reportFailure?.('capture.storeReads', error)
            this.deps.live.notify() // the camera's status shows the reads waiting
          },
          onGivenUp: (count, why) => {
            const given = this.givenUp.get(camera.id) ?? 0
            this.givenUp.set(camera.id, given + count)
            this.deps.reportFailure?.(
              'capture.readsGivenUp',
              new Error(
                why === 'overflow'
                  ? `${count} reads of one camera were given up: the store kept refusing them and more than the queue holds were waiting.`
                  : `${count} reads of one camera were given up: capture stopped while the store still refused them.`,
              ),
            )
            this.deps.live.notify()
          },
        },
        this.options.storeRetry,
      )
      this.queues.set(camera.id, queue)
    }
    queue.add(reads)
  }

  /** Why a live camera's reads are not reaching the store, if they are not (the camera's status shows it). */
  private storeProblem(cameraId: string): string | null {
    const queue = this.queues.get(cameraId)
    if (!queue?.failing) return null
    const given = this.givenUp.get(cameraId) ?? 0
    const waiting = queue.waiting === 1 ? '1 read from this camera is' : `${queue.waiting} reads from this camera are`
    return (
      `${waiting} waiting to be stored: the database did not accept them, and storing is being retried.` +
      (given > 0 ? ` ${given === 1 ? '1 older read was' : `${given} older reads were`} given up because too many were waiting.` : '')
    )
  }

  private count(cameraId: string, reads: SessionRead[]): void {
    const day = localDate(this.deps.clock.now())
    const c = this.counts.get(cameraId)
    const today = (c?.day === day ? c.today : 0) + reads.length
    const lastReadAt = Math.max(c?.lastReadAt ?? 0, ...reads.map((r) => r.readAt))
    this.counts.set(cameraId, { day, today, lastReadAt })
  }

  private async refreshHotKeys(): Promise<void> {
    try {
      this.hotKeys = new Set(await this.deps.store.hits.hotListKeys(this.deps.clock.now()))
    } catch (error) {
      if (!this.stopped) this.deps.reportFailure?.('capture.hotListKeys', error)
    }
  }
}
