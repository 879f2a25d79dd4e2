// How the recognition host reaches its worker, whatever kind it is: a worker_thread under Node
// (worker-thread-transport.ts) or an Electron utilityProcess (src/main/electron/recognition-process.ts).
// The client keeps the queue, restarts and back-off; a transport only moves messages and reports the exit.
import type { HostMessage, WorkerInit, WorkerMessage } from './protocol'

export interface RecognitionTransport {
  /** Sends a message; `transfer` lists buffers the transport may move instead of copying (the caller gives them up either way). */
  postMessage(message: HostMessage, transfer: ArrayBuffer[]): void
  onMessage(listener: (message: WorkerMessage) => void): void
  /** Called once when the worker has stopped, whatever the reason (crash, kill, its own exit). */
  onExit(listener: (code: number) => void): void
  /** Stops the worker; resolves once it has stopped. */
  kill(): Promise<void>
}

/** Starts one worker with the pipeline settings; the client calls it again for each restart. */
export type TransportFactory = (init: WorkerInit) => RecognitionTransport
