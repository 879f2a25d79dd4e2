// Entry of the recognition utilityProcess (built to out/main/recognition-process.js). It binds the same
// service the Node worker_thread runs (core/recognition/service.ts) to process.parentPort, which Electron
// gives a utility process; no 'electron' import is needed here.
import type { HostMessage, MessageEndpoint, WorkerInit } from '../core/recognition/protocol'
import { serveRecognition } from '../core/recognition/service'
import type { UtilityHostMessage } from './recognition-process'

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  off(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort
if (!port) throw new Error('the recognition process must be started by Electron utilityProcess.fork')

let deliver: ((message: HostMessage) => void) | null = null
let onInit: (init: WorkerInit) => void = () => {}
const init = new Promise<WorkerInit>((resolve) => (onInit = resolve))
// One listener for the whole life of the process: the first message carries the pipeline settings; the
// service's listener takes the rest (the host sends nothing else before the service says it is ready).
const receive = ({ data }: { data: unknown }): void => {
  const message = data as UtilityHostMessage
  if (message.type === 'init') onInit(message.init)
  else deliver?.(message)
}
port.on('message', receive)

const endpoint: MessageEndpoint = {
  postMessage: (message) => port.postMessage(message),
  onMessage: (listener) => {
    deliver = listener
  },
  close: () => {
    // Let the last message (load-failed, or the answer before a close) leave, then end the process.
    port.off('message', receive)
    setTimeout(() => process.exit(0), 500).unref()
  },
}

await serveRecognition(endpoint, await init)
