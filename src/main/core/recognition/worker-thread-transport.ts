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

export function workerThreadTransport(options: WorkerThreadOptions = {}): TransportFactory {
  return (init) => {
    const worker = spawnWorker(options.entry ?? new URL('./worker.ts', import.meta.url), init)
    options.onWorker?.(worker)
    worker.on('error', () => {}) // an uncaught error ends the worker; the exit listener decides what happens next
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => worker.once('exit', listener),
      kill: async () => {
        await worker.terminate()
      },
    }
  }
}
