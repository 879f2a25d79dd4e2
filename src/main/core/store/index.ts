// Opening the store: find or create the key, start the worker that owns the database, and hand back
// the asynchronous repositories. Everything outside store/ uses this Store interface and no SQL.
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { once } from 'node:events'
import { type KeyProtector, fileKeyProtector, loadOrCreateKey } from './key'
import { StoreOpenError, type StoreErrorCode } from './errors'
import type { Repositories } from './repositories'
import { type AsyncGroups, proxyGroups } from '../worker/rpc'
import { spawnWorker } from '../worker/spawn'
import type { StoreWorkerData, StoreWorkerRole } from './store-worker'
import type { Worker } from 'node:worker_threads'

export type Store = AsyncGroups<Repositories> & {
  /** Flushes and closes the database and stops its workers. */
  close(): Promise<void>
}

export const DB_FILE_NAME = 'alpr.db'

export interface StoreOptions {
  dataDir: string
  keyProtector?: KeyProtector
  /** better-sqlite3 native module for another runtime (Electron). */
  nativeBinding?: string
  /** Built worker file; defaults to the TypeScript source beside this file (Node with tsx). */
  workerEntry?: string | URL
}

const GROUPS = ['users', 'devices', 'settings', 'accessLog', 'audits', 'setup', 'exports', 'exportLedger', 'reads', 'search', 'readDetails', 'cameras', 'holds', 'retention', 'signing', 'lifecycle', 'accounts', 'sharing', 'vendors', 'policy', 'reports', 'hits', 'live', 'footage', 'hotLists'] as const
// A repository added to createRepositories but not listed above fails to compile here.
type UnlistedGroup = Exclude<keyof Repositories, (typeof GROUPS)[number]>
const everyGroupListed: [UnlistedGroup] extends [never] ? true : UnlistedGroup = true
void everyGroupListed

/** Served by the reader connection (store-worker's "reader" role) instead of the writer. */
const READER_GROUPS = ['search'] as const satisfies readonly (typeof GROUPS)[number][]

export async function openStore(options: StoreOptions): Promise<Store> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const file = join(options.dataDir, DB_FILE_NAME)
  const key = await loadOrCreateKey(options.dataDir, file, options.keyProtector ?? fileKeyProtector)
  // Create the file owner-only so SQLite's -wal and -shm files inherit the same mode.
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600))
  const entry = options.workerEntry ?? new URL('./store-worker.ts', import.meta.url)
  const spawn = (role: StoreWorkerRole) =>
    spawnWorker(entry, { file, keyHex: key.toString('hex'), nativeBinding: options.nativeBinding, role } satisfies StoreWorkerData)
  // All three start at once; the writer creates and migrates the store, and only then are the reader and the
  // checkpointer told to open it as it is.
  const started = [spawn('writer'), spawn('reader'), spawn('checkpointer')] as const
  key.fill(0)
  // Listening from the start, so a worker that fails before its turn is heard (and never left unhandled).
  const ready = started.map(opened)
  for (const r of ready) r.catch(() => {})
  try {
    await ready[0]
    for (const w of started.slice(1)) w.postMessage({ open: true })
    await Promise.all(ready.slice(1))
  } catch (error) {
    await Promise.all(started.map((w) => w.terminate()))
    throw error
  }
  const [writer, reader, checkpointer] = started
  type Lifecycle = { lifecycle: { close(): void } }
  const readerGroups: readonly string[] = READER_GROUPS
  const fromWriter = proxyGroups<Repositories & Lifecycle>(writer, [...GROUPS.filter((g) => !readerGroups.includes(g)), 'lifecycle'])
  const fromReader = proxyGroups<Repositories & Lifecycle>(reader, [...READER_GROUPS, 'lifecycle'])
  const fromCheckpointer = proxyGroups<Lifecycle>(checkpointer, ['lifecycle'])
  const groups = { ...fromReader, ...fromWriter }
  const closeWorker = async (worker: Worker, proxy: AsyncGroups<Lifecycle>) => {
    const exited = once(worker, 'exit')
    await proxy.lifecycle.close()
    await exited
  }
  let closed: Promise<void> | null = null
  return Object.assign(groups, {
    // The writer closes last: the last connection to close checkpoints the WAL into the file and removes it.
    close: () => (closed ??= (async () => {
      await Promise.all([closeWorker(reader, fromReader), closeWorker(checkpointer, fromCheckpointer)])
      await closeWorker(writer, fromWriter)
    })()),
  }) as Store
}

/** Resolves once a store worker's connection is open; rejects with the reason it could not open. */
async function opened(worker: Worker): Promise<void> {
  const [first] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => { throw e })])) as [
    { ready: true } | { ready: false; code: StoreErrorCode; message: string },
  ]
  if (!first.ready) throw new StoreOpenError(first.code, first.message)
}

export { StoreOpenError } from './errors'
export type { KeyProtector } from './key'
export { fileKeyProtector } from './key'
