// Messages between the recognition host (main thread / main process) and its worker. Frames travel as
// ArrayBuffers listed in the transfer list: moved to a worker_thread, copied by structured clone to an
// Electron utilityProcess (whose postMessage transfers only message ports).
import type { PipelineOptions, RecognizeOptions } from './pipeline'
import type { FrameResult } from './types'

export interface WireFrame {
  buffer: ArrayBuffer
  width: number
  height: number
}

export type HostMessage =
  | { type: 'recognize'; id: number; frame: WireFrame; options: RecognizeOptions }
  | { type: 'close' }

export type WorkerMessage =
  | { type: 'ready'; reader: string }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; result: FrameResult }
  | { type: 'error'; id: number; code: string; message: string }

export interface WorkerInit {
  pipeline: PipelineOptions
}

/**
 * The smallest port both a worker_thread's parentPort and (through a few lines of adapter) an Electron
 * utilityProcess's process.parentPort can offer.
 */
export interface MessageEndpoint {
  postMessage(message: WorkerMessage): void
  onMessage(listener: (message: HostMessage) => void): void
  close(): void
}
