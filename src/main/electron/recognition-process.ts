// Recognition in an Electron utilityProcess: its own OS process, so a native crash in onnxruntime or sharp
// cannot take the main process down, and no frame ever runs on the main thread. The queue, restarts and
// back-off are RecognitionClient's; this file only adapts utilityProcess to the client's transport.
import { utilityProcess } from 'electron'
import { type ClientOptions, RecognitionClient } from '../core/recognition/client'
import type { HostMessage, WorkerInit } from '../core/recognition/protocol'
import type { TransportFactory } from '../core/recognition/transport'

/** What the utility process receives: the pipeline settings first (it has no workerData), then the protocol. */
export type UtilityHostMessage = { type: 'init'; init: WorkerInit } | HostMessage

export const RECOGNITION_SERVICE_NAME = 'ALPR recognition'

/** Starts recognition-process-entry (built as `entry`) in a fresh utility process for each (re)start. */
export function utilityProcessTransport(entry: string): TransportFactory {
  return (init) => {
    const child = utilityProcess.fork(entry, [], { serviceName: RECOGNITION_SERVICE_NAME, stdio: 'inherit' })
    let exited = false
    child.once('exit', () => {
      exited = true
    })
    // A fatal error is followed by 'exit', which decides what happens next; an EventEmitter 'error'
    // without a listener would throw in the main process.
    child.on('error', () => {})
    const send = (message: UtilityHostMessage): void => child.postMessage(message)
    send({ type: 'init', init })
    return {
      // utilityProcess transfers only MessagePortMain, so frames are copied by structured clone (a
      // 1280×720 RGB frame is 2.8 MB, a millisecond or so); the transfer list is not needed.
      postMessage: (message) => send(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', listener),
      kill: () =>
        new Promise<void>((resolve) => {
          if (exited) return resolve()
          child.once('exit', () => resolve())
          if (!child.kill()) resolve() // not running (never spawned, or already reaped)
        }),
    }
  }
}

/**
 * The app's recognition client: core's client over a utilityProcess. `entry` is the built
 * recognition-process.js beside main.js (`join(import.meta.dirname, 'recognition-process.js')` in main.ts).
 */
export function createRecognitionClient(entry: string, options: Omit<ClientOptions, 'transport' | 'workerEntry' | 'onWorker'> = {}): RecognitionClient {
  return new RecognitionClient({ ...options, transport: utilityProcessTransport(entry) })
}
