// The worker thread that owns the SQLite connection: opens it, then serves the repositories.
// Heavy queries and purges run here so the main process never blocks on the database.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from './database'
import { StoreOpenError } from './errors'
import { createRepositories } from './repositories'
import { serveGroups } from '../worker/rpc'

interface StoreWorkerData {
  file: string
  keyHex: string
  nativeBinding?: string
}

const { data } = workerData as { data: StoreWorkerData }
const port = parentPort!
try {
  const db = openDatabase({ file: data.file, key: Buffer.from(data.keyHex, 'hex'), nativeBinding: data.nativeBinding })
  serveGroups(port, {
    ...createRepositories(db),
    lifecycle: new (class Lifecycle {
      close(): void {
        db.close()
        setImmediate(() => process.exit(0))
      }
    })(),
  })
  port.postMessage({ ready: true })
} catch (error) {
  // Anything else (a native module built for another runtime, an unreadable file) is reported as it is.
  const e = error instanceof StoreOpenError ? error : new StoreOpenError('OPEN_FAILED', (error as Error).message ?? String(error))
  port.postMessage({ ready: false, code: e.code, message: e.message })
}
