// Recognition in a Node worker_thread (tests, CLI, benchmarks): frames are transferred, never copied.
import type { Worker } from 'node:worker_threads'
import { spawnWorker } from '../worker/spawn'
import type { TransportFactory } from './transport'

export interface WorkerThreadOptions {
  /** Built worker file; the worker.ts source by default (run through tsx). */
  entry?: string | URL
  /** Called with each worker started (observability, tests). */
  onWorker?: (worker: Worker) => void
}

/** How long a closing worker may take to finish its frame and release its models. */
const CLOSE_GRACE_MS = 10_000

export function workerThreadTransport(options: WorkerThreadOptions = {}): TransportFactory {
  return (init) => {
    const worker = spawnWorker(options.entry ?? new URL('./worker.ts', import.meta.url), init)
    options.onWorker?.(worker)
    worker.on('error', () => {}) // an uncaught error ends the worker; the exit listener decides what happens next
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => worker.once('exit', listener),
      // Asks the worker to finish the frame in hand and release its ONNX sessions before it ends: terminating
      // a thread in the middle of an inference aborts the whole process (onnxruntime throws from a native
      // finalizer). A worker that does not end within the grace period is terminated all the same.
      kill: async () => {
        if (worker.threadId === -1) return
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
        worker.postMessage({ type: 'close' })
        const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS)
        await exited
        clearTimeout(timer)
      },
    }
  }
}
