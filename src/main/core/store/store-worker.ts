// A worker thread that owns one SQLite connection to the store, in one of three roles:
// - writer: opens the store (migrations included) and serves every repository; the only one that writes;
// - reader: serves plate search on its own connection, so a search never waits behind an ingest transaction;
// - checkpointer: folds the WAL into the database file (wal-checkpointer.ts), serving nothing else.
// Heavy queries and purges run on these threads so the main process never blocks on the database. Each role
// imports only what it serves, so the two small ones start quickly.
import { once } from 'node:events'
import { parentPort, workerData } from 'node:worker_threads'
import { type Db, openDatabase, openSecondaryConnection } from './database'
import { StoreOpenError } from './errors'
import { serveGroups } from '../worker/rpc'

export type StoreWorkerRole = 'writer' | 'reader' | 'checkpointer'

export interface StoreWorkerData {
  file: string
  keyHex: string
  nativeBinding?: string
  role: StoreWorkerRole
}

const { data } = workerData as { data: StoreWorkerData }
const port = parentPort!

function lifecycle(db: Db, beforeClose = () => {}) {
  return new (class Lifecycle {
    close(): void {
      beforeClose()
      db.close()
      setImmediate(() => process.exit(0))
    }
  })()
}

/** The reader and checkpointer start beside the writer but open the store only once it has been migrated. */
async function writerOpened(): Promise<void> {
  await once(port, 'message')
}

try {
  const key = Buffer.from(data.keyHex, 'hex')
  const options = { file: data.file, key, nativeBinding: data.nativeBinding }
  if (data.role === 'writer') {
    const { createRepositories } = await import('./repositories')
    const db = openDatabase(options)
    serveGroups(port, { ...createRepositories(db), lifecycle: lifecycle(db) })
  } else if (data.role === 'reader') {
    const { SearchRepository } = await import('./repositories/search')
    await writerOpened()
    const db = openSecondaryConnection({ ...options, role: 'reader' })
    serveGroups(port, { search: new SearchRepository(db), lifecycle: lifecycle(db) })
  } else {
    const { WalCheckpointer } = await import('./wal-checkpointer')
    await writerOpened()
    const db = openSecondaryConnection({ ...options, role: 'checkpointer' })
    const checkpointer = new WalCheckpointer(db)
    checkpointer.start()
    serveGroups(port, { lifecycle: lifecycle(db, () => checkpointer.stop()) })
  }
  key.fill(0)
  port.postMessage({ ready: true })
} catch (error) {
  // Anything else (a native module built for another runtime, an unreadable file) is reported as it is.
  const e = error instanceof StoreOpenError ? error : new StoreOpenError('OPEN_FAILED', (error as Error).message ?? String(error))
  port.postMessage({ ready: false, code: e.code, message: e.message })
}
