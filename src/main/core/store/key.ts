// The store's 256-bit key: generated at first run, kept only in wrapped form beside the database.
// The wrapping is pluggable: Electron's safeStorage in the app, a 0600 key file (or ALPR_DB_KEY) under Node.
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { StoreOpenError } from './errors'

export interface KeyProtector {
  /** Name shown in messages, e.g. "Electron safeStorage (gnome_libsecret)". */
  readonly name: string
  /** File name of the wrapped key inside the data folder. */
  readonly fileName: string
  wrap(key: Buffer): Promise<Buffer>
  /** `rewrap` asks for the key to be wrapped again (the OS rotated its own key). */
  unwrap(wrapped: Buffer): Promise<{ key: Buffer; rewrap: boolean }>
}

/** Under plain Node: the key is stored as hex in a file only its owner may read (mode 0600). */
export const fileKeyProtector: KeyProtector = {
  name: 'key file (mode 0600)',
  fileName: 'store.key',
  wrap: async (key) => Buffer.from(key.toString('hex') + '\n', 'utf8'),
  unwrap: async (wrapped) => ({ key: Buffer.from(wrapped.toString('utf8').trim(), 'hex'), rewrap: false }),
}

export const KEY_BYTES = 32

/**
 * Returns the store key for `dataDir`. A key is created only when neither the key nor the database exists:
 * a database without its key is an error, never a reason to start a new empty store.
 * ALPR_DB_KEY is honoured only with the key-file protector, so it can never bypass the OS keyring.
 */
export async function loadOrCreateKey(
  dataDir: string,
  dbFile: string,
  protector: KeyProtector,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Buffer> {
  const fromEnv = env.ALPR_DB_KEY
  if (fromEnv !== undefined && protector === fileKeyProtector) {
    return parseKey(Buffer.from(fromEnv.trim(), 'hex'), 'ALPR_DB_KEY')
  }

  const keyFile = join(dataDir, protector.fileName)
  if (existsSync(keyFile)) {
    if (protector === fileKeyProtector && (statSync(keyFile).mode & 0o077) !== 0) {
      throw new StoreOpenError(
        'KEY_UNPROTECTED',
        `The key file ${keyFile} can be read by other users. Restrict it (chmod 600) before the store is opened.`,
      )
    }
    let unwrapped: { key: Buffer; rewrap: boolean }
    try {
      unwrapped = await protector.unwrap(readFileSync(keyFile))
    } catch (error) {
      throw new StoreOpenError(
        'KEY_UNREADABLE',
        `The store key in ${keyFile} could not be unwrapped by ${protector.name} (${(error as Error).message}). ` +
          'It was wrapped for another user account, machine or keyring; restore that keyring or the key.',
      )
    }
    const key = parseKey(unwrapped.key, keyFile)
    if (unwrapped.rewrap) await writeKeyFile(keyFile, await protector.wrap(key), true)
    return key
  }
  if (existsSync(dbFile)) {
    throw new StoreOpenError(
      'KEY_MISSING',
      `The database ${dbFile} exists but its key (${keyFile}) is missing. Restore the key file; a new key would not open it.`,
    )
  }
  const key = randomBytes(KEY_BYTES)
  await writeKeyFile(keyFile, await protector.wrap(key), false)
  return key
}

/** Writes the wrapped key atomically, owner-only. */
async function writeKeyFile(keyFile: string, wrapped: Buffer, replace: boolean): Promise<void> {
  const tmp = `${keyFile}.tmp`
  writeFileSync(tmp, wrapped, { mode: 0o600, flag: replace ? 'w' : 'wx' })
  chmodSync(tmp, 0o600)
  renameSync(tmp, keyFile)
}

function parseKey(key: Buffer, source: string): Buffer {
  if (key.length !== KEY_BYTES) {
    throw new StoreOpenError('KEY_INVALID', `The store key from ${source} is not a 256-bit key (64 hex characters).`)
  }
  return key
}
