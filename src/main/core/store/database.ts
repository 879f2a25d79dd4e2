// Opens the encrypted SQLite file (SQLCipher scheme), proves the key, and brings the schema up to date.
// A wrong key or a failed migration closes the handle and throws; nothing is ever half-open.
import Database from 'better-sqlite3-multiple-ciphers'
import { StoreOpenError } from './errors'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

export interface OpenOptions {
  file: string
  key: Buffer
  /** Path to a better-sqlite3 native module built for another runtime (Electron's ABI). */
  nativeBinding?: string
  migrations?: readonly Migration[]
}

export function openDatabase({ file, key, nativeBinding, migrations = MIGRATIONS }: OpenOptions): Db {
  const db = connect(file, key, nativeBinding)
  try {
    // Purged pages must leave the file (DOMAIN.md "Retention"): a new file gets incremental vacuum before
    // anything (even the WAL header) writes a page, since the mode cannot change once tables exist.
    if (isEmpty(db)) db.pragma('auto_vacuum = INCREMENTAL')
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('secure_delete = ON')
    tuneConnection(db)
    // The writer's cache is larger: each batch of reads changes index pages all over the file (a plate's place in
    // reads_plate_time, new plates in plates and their keys), and a page not in the cache is read and decrypted
    // first. 256 MiB against 64 MiB: 7,300 against 6,200 reads/s ingested into 10 million reads (one run each).
    db.pragma('cache_size = -262144')
    // The checkpointer connection (store-worker's "checkpointer" role) folds the WAL into the database on
    // its own thread: in the SQLCipher scheme a checkpoint decrypts and re-encrypts every page it copies,
    // which at the default of 1,000 pages made the writer spend a third of its time checkpointing. This is
    // the backstop should that thread stop; WAL_RESTART_FRAMES bounds the WAL otherwise.
    db.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_FRAMES}`)
    // After a WAL restart the file is cut back to this size rather than staying at its largest.
    db.pragma(`journal_size_limit = ${64 * 2 ** 20}`)
    migrate(db, migrations)
    enableIncrementalVacuum(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** WAL frames after which the writer checkpoints by itself (only if the checkpointer thread has stopped). */
export const WAL_BACKSTOP_FRAMES = 100_000

export interface SecondaryOptions {
  file: string
  key: Buffer
  nativeBinding?: string
  /** A reader never writes (query_only); the checkpointer only folds the WAL into the database. */
  role: 'reader' | 'checkpointer'
}

/**
 * A further connection to a store the writer (openDatabase) has already opened and migrated: searches on their
 * own thread, so they never wait behind an ingest transaction (WAL lets readers run beside the writer), and the
 * checkpointer. It refuses a schema other than the one this code expects instead of migrating.
 */
export function openSecondaryConnection({ file, key, nativeBinding, role }: SecondaryOptions): Db {
  const db = connect(file, key, nativeBinding)
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    const expected = MIGRATIONS.at(-1)!.version
    if (version !== expected) throw new StoreOpenError('OPEN_FAILED', `The store is at schema ${version}, not ${expected}: the writer must open it first.`)
    if ((db.pragma('journal_mode', { simple: true }) as string) !== 'wal') throw new StoreOpenError('OPEN_FAILED', 'The store is not in WAL mode.')
    tuneConnection(db)
    if (role === 'reader') db.pragma('query_only = ON')
    else db.pragma('cache_size = -2048')
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/** Opens the file with the key (SQLCipher scheme, raw 256-bit key) and proves the key reads it. */
function connect(file: string, key: Buffer, nativeBinding: string | undefined): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {})
  try {
    db.pragma(`cipher = 'sqlcipher'`)
    db.pragma('legacy = 4')
    // A raw 256-bit key: no passphrase derivation, the key itself is random.
    db.pragma(`key = "x'${key.toString('hex')}'"`)
    proveKey(db, file)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function tuneConnection(db: Db): void {
  // Sorts, VACUUM and temporary indexes stay in memory: SQLite's temporary files are not covered by the key.
  db.pragma('temp_store = MEMORY')
  db.pragma('busy_timeout = 5000')
  // 64 MiB of decrypted pages (the default is 2 MiB): searches over millions of reads touch index pages all over
  // the file, and each page read from disk costs a decryption.
  db.pragma('cache_size = -65536')
}

function proveKey(db: Db, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch {
    throw new StoreOpenError(
      'KEY_WRONG',
      `The key does not open ${file}. It belongs to another key, or the file is damaged; it was not modified.`,
    )
  }
}

function isEmpty(db: Db): boolean {
  return (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0
}

/**
 * A store created before incremental vacuum existed is rebuilt once with VACUUM (which must run outside a
 * transaction, so not in a migration). Only a handful of development stores ever need this, and they are small.
 */
function enableIncrementalVacuum(db: Db): void {
  if ((db.pragma('auto_vacuum', { simple: true }) as number) === 2 || isEmpty(db)) return
  db.pragma('auto_vacuum = INCREMENTAL')
  db.exec('VACUUM')
}

function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number
  for (const migration of migrations.filter((m) => m.version > current)) {
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        db.pragma(`user_version = ${migration.version}`)
      })()
    } catch (error) {
      throw new StoreOpenError(
        'MIGRATION_FAILED',
        `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${(error as Error).message}`,
      )
    }
  }
}
