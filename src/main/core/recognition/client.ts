// The host side of recognition: owns the worker (through a transport: a worker_thread under Node, a
// utilityProcess in Electron), sends frames, bounds the queue so a slow model drops frames instead of
// stalling capture, and restarts a dead worker with back-off.
import type { Worker } from 'node:worker_threads'
import { RecognitionError } from './errors'
import type { RecognizeOptions, PipelineOptions } from './pipeline'
import type { HostMessage, WorkerInit, WorkerMessage } from './protocol'
import type { RecognitionTransport, TransportFactory } from './transport'
import type { FrameResult, RgbImage } from './types'
import { workerThreadTransport } from './worker-thread-transport'

export interface ClientOptions {
  pipeline?: PipelineOptions
  /** How to start a worker; a worker_thread running worker.ts by default. */
  transport?: TransportFactory
  /** For the default worker_thread transport: a built worker file instead of the .ts source. */
  workerEntry?: string | URL
  /** Frames allowed in flight; beyond this `recognize` refuses with WORKER_BUSY (drop the frame). */
  maxQueue?: number
  /** Restart delays: first, doubling up to max; reset after a worker has served a frame. */
  backoffMs?: { first: number; max: number }
  /** For the default worker_thread transport: called with each worker started (observability, tests). */
  onWorker?: (worker: Worker) => void
}

interface Pending {
  resolve: (r: FrameResult) => void
  reject: (e: Error) => void
}

export class RecognitionClient {
  private worker: RecognitionTransport | null = null
  private ready: Promise<string> | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private closed = false
  private delay: number
  private restartTimer: ReturnType<typeof setTimeout> | null = null
  /** How many times the worker has been restarted after dying. */
  restarts = 0

  constructor(private readonly options: ClientOptions = {}) {
    this.delay = options.backoffMs?.first ?? 250
  }

  /** Starts the worker and resolves with the reader's name once the models are loaded. */
  start(): Promise<string> {
    if (this.closed) return Promise.reject(new RecognitionError('WORKER_CLOSED', 'the recognition worker was closed'))
    if (this.ready) return this.ready
    const init: WorkerInit = { pipeline: this.options.pipeline ?? {} }
    const startWorker = this.options.transport ?? workerThreadTransport({ entry: this.options.workerEntry, onWorker: this.options.onWorker })
    let worker: RecognitionTransport
    try {
      worker = startWorker(init)
    } catch (error) {
      // Not scheduled for restart: the next frame tries again, so a caller is never left waiting.
      return Promise.reject(new RecognitionError('WORKER_DIED', `the recognition worker could not be started: ${(error as Error).message}`))
    }
    this.worker = worker
    this.ready = new Promise<string>((resolve, reject) => {
      worker.onMessage((message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message.reader)
        else if (message.type === 'load-failed') {
          this.closed = true // models that will not load will not load on retry either
          reject(new RecognitionError('MODEL_LOAD_FAILED', message.message))
        } else this.settle(message)
      })
      worker.onExit((code) => {
        if (this.worker !== worker) return
        this.worker = null
        this.ready = null
        reject(new RecognitionError('WORKER_DIED', `the recognition worker stopped (exit ${code}) while loading`))
        this.failPending(new RecognitionError('WORKER_DIED', `the recognition worker stopped (exit ${code}); the frame was lost`))
        if (!this.closed) this.scheduleRestart()
      })
    })
    this.ready.catch(() => {})
    return this.ready
  }

  /**
   * Recognises one frame. The frame's buffer is handed over (transferred to a worker_thread, copied by
   * structured clone to a utilityProcess): the caller must not use `image.data` afterwards.
   */
  async recognize(image: RgbImage, options: RecognizeOptions = {}): Promise<FrameResult> {
    if (this.closed) throw new RecognitionError('WORKER_CLOSED', 'the recognition worker was closed')
    if (this.pending.size >= (this.options.maxQueue ?? 4)) throw new RecognitionError('WORKER_BUSY', 'recognition is behind; frame dropped')
    const id = this.nextId++
    const result = new Promise<FrameResult>((resolve, reject) => this.pending.set(id, { resolve, reject }))
    try {
      await this.start()
    } catch (error) {
      this.pending.delete(id)
      throw error
    }
    const worker = this.worker
    if (!worker || !this.pending.has(id)) {
      this.pending.delete(id)
      throw new RecognitionError('WORKER_DIED', 'the recognition worker stopped before the frame was sent')
    }
    const buffer = transferable(image.data)
    const message: HostMessage = { type: 'recognize', id, frame: { buffer, width: image.width, height: image.height }, options }
    worker.postMessage(message, [buffer])
    return result
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.restartTimer) clearTimeout(this.restartTimer)
    const worker = this.worker
    this.worker = null
    this.ready = null
    this.failPending(new RecognitionError('WORKER_CLOSED', 'the recognition worker was closed'))
    if (worker) await worker.kill()
  }

  private settle(message: WorkerMessage): void {
    if (message.type !== 'result' && message.type !== 'error') return
    const waiter = this.pending.get(message.id)
    if (!waiter) return
    this.pending.delete(message.id)
    this.delay = this.options.backoffMs?.first ?? 250 // a worker that answers is healthy again
    if (message.type === 'result') waiter.resolve(message.result)
    else waiter.reject(new RecognitionError(message.code as RecognitionError['code'], message.message))
  }

  private failPending(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error)
    this.pending.clear()
  }

  private scheduleRestart(): void {
    const wait = this.delay
    this.delay = Math.min(this.options.backoffMs?.max ?? 10_000, this.delay * 2)
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null
      if (this.closed) return
      this.restarts++
      this.start().catch(() => {})
    }, wait)
    this.restartTimer.unref?.()
  }
}

/** An ArrayBuffer holding exactly the image bytes (copied only when the view does not own its whole buffer). */
function transferable(data: Uint8Array): ArrayBuffer {
  if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) return data.buffer
  return data.slice().buffer as ArrayBuffer
}
