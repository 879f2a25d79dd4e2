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

export type Store = AsyncGroups<Repositories> & {
  /** Flushes and closes the database and stops its worker. */
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

export async function openStore(options: StoreOptions): Promise<Store> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 })
  const file = join(options.dataDir, DB_FILE_NAME)
  const key = await loadOrCreateKey(options.dataDir, file, options.keyProtector ?? fileKeyProtector)
  // Create the file owner-only so SQLite's -wal and -shm files inherit the same mode.
  if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600))
  const worker = spawnWorker(options.workerEntry ?? new URL('./store-worker.ts', import.meta.url), {
    file,
    keyHex: key.toString('hex'),
    nativeBinding: options.nativeBinding,
  })
  key.fill(0)
  const [first] = (await Promise.race([once(worker, 'message'), once(worker, 'error').then(([e]) => { throw e })])) as [
    { ready: true } | { ready: false; code: StoreErrorCode; message: string },
  ]
  if (!first.ready) {
    await worker.terminate()
    throw new StoreOpenError(first.code, first.message)
  }
  const groups = proxyGroups<Repositories & { lifecycle: { close(): void } }>(worker, GROUPS)
  let closed: Promise<void> | null = null
  return Object.assign(groups, {
    close: () =>
      (closed ??= (async () => {
        const exited = once(worker, 'exit')
        await groups.lifecycle.close()
        await exited
      })()),
  }) as Store
}

export { StoreOpenError } from './errors'
export type { KeyProtector } from './key'
export { fileKeyProtector } from './key'
