// worker_thread entry for recognition under Node (tests, CLI, benchmarks). The app's utilityProcess runs the
// same service through src/main/electron/recognition-process-entry.ts. All the logic is in service.ts.
import { parentPort, workerData } from 'node:worker_threads'
import type { HostMessage, WorkerInit } from './protocol'
import { serveRecognition } from './service'

const port = parentPort!
const { data } = workerData as { data: WorkerInit }

await serveRecognition(
  {
    postMessage: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (message: HostMessage) => listener(message)),
    close: () => port.close(),
  },
  data,
)
