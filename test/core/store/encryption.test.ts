// The store at rest (DESIGN.md "Store"): nothing a person typed is readable in any file the app writes,
// the key is random, owner-only and never replaced behind the user's back, and migrations are all-or-nothing.
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, setUpAdministrator } from '../../helpers/core'
import { searchDesk } from '../../helpers/alpr-channel'
import { DB_FILE_NAME, StoreOpenError } from '../../../src/main/core/store'
import { openDatabase } from '../../../src/main/core/store/database'
import { fileKeyProtector, loadOrCreateKey } from '../../../src/main/core/store/key'
import { MIGRATIONS } from '../../../src/main/core/store/migrations'

const lab = useLab()

/** Every file under `dir`, with its raw bytes. */
function filesIn(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name)
      out.set(path.slice(dir.length + 1), readFileSync(path))
    }
  }
  return out
}

/** Which of `needles` appear in which file, as UTF-8 or UTF-16 text. */
function plaintextFound(dir: string, needles: string[]): string[] {
  const found: string[] = []
  for (const [name, bytes] of filesIn(dir)) {
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${needle} in ${name}`)
    }
  }
  return found
}

const fingerprint = (dir: string, except: string[] = []): Record<string, string> =>
  Object.fromEntries(
    [...filesIn(dir)]
      .filter(([name]) => !except.includes(name))
      .map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex')]),
  )

const storeKey = (dir: string): Buffer => Buffer.from(readFileSync(join(dir, 'store.key'), 'utf8').trim(), 'hex')

async function rejection(promise: Promise<unknown>): Promise<StoreOpenError> {
  const error = await promise.then(
    () => expect.fail('expected the store to refuse to open'),
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StoreOpenError)
  return error as StoreOpenError
}

/** A data folder holding a set-up store, closed again. */
async function closedStore(): Promise<string> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock })
  await setUpAdministrator(core, clock)
  await core.close()
  return dataDir
}

describe('nothing a person typed is readable in the data folder', () => {
  const secrets = {
    username: 'wmarchetti',
    displayName: 'Winifred Marchetti',
    agencyName: 'Quimby County Sheriff',
    unit: 'Cold Case Bureau',
    plate: '8XQZ417',
    lastName: 'Quillfeather',
    note: 'catalytic converter thefts',
  }

  async function writeEverything(dataDir: string, clock: TestClock) {
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock, { agencyName: secrets.agencyName, agency: secrets.agencyName })
    const investigator = await createPerson(core, admin, clock, {
      username: secrets.username,
      displayName: secrets.displayName,
      roles: ['investigator'],
      unit: secrets.unit,
    })
    const desk = searchDesk(core, clock)
    desk.sessions.start('desk', investigator.id, clock.now())
    const search = await desk.dispatch(fromWindow('desk'), 'reads.search', {
      plate: secrets.plate,
      purpose: { caseNumber: '24-098765', lastName: secrets.lastName, note: secrets.note },
    })
    expect(allowed<{ purpose: string }>(search).purpose).toBe(`Case 24-098765, suspect last name ${secrets.lastName}: ${secrets.note}`)
    return core
  }

  it('keeps usernames, names, agency, plates and purposes out of the database, its WAL and its shared memory', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await writeEverything(dataDir, clock)

    const files = [...filesIn(dataDir).keys()].sort()
    expect(files).toEqual(['alpr.db', 'alpr.db-shm', 'alpr.db-wal', 'device.json', 'store.key'])
    expect(statSync(join(dataDir, 'alpr.db-wal')).size).toBeGreaterThan(0)
    expect(plaintextFound(dataDir, Object.values(secrets))).toEqual([])
    // The search does find plaintext where there is some: the workstation id in its identity file.
    expect(plaintextFound(dataDir, [core.device.id])).toEqual([`${core.device.id} in device.json`])

    // The values are really stored: the same store reads them back.
    const [entry] = await core.store.accessLog.list(1)
    expect(entry).toMatchObject({ username: secrets.username, unit: secrets.unit, dataElements: { plate: secrets.plate } })
    expect(entry!.purpose).toContain(secrets.lastName)
  })

  it('keeps them out after the store is closed and its WAL folded into the database', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await writeEverything(dataDir, clock)
    await core.close()

    expect(existsSync(join(dataDir, 'alpr.db-wal'))).toBe(false)
    expect(plaintextFound(dataDir, Object.values(secrets))).toEqual([])
    const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key: storeKey(dataDir) })
    try {
      expect(db.prepare('SELECT display_name FROM users WHERE username = ?').pluck().get(secrets.username)).toBe(secrets.displayName)
    } finally {
      db.close()
    }
  })

  it('writes a database whose first bytes are not the plain SQLite header', async () => {
    const dataDir = await closedStore()
    const head = readFileSync(join(dataDir, DB_FILE_NAME)).subarray(0, 16)
    expect(head.toString('latin1')).not.toBe('SQLite format 3\0')
  })
})

describe('the store key', () => {
  it('is created at first run as 32 random bytes in a file only its owner can read or write', async () => {
    const parent = lab.tempDir()
    const dataDir = join(parent, 'data')
    await lab.openStore({ dataDir })

    expect(statSync(join(dataDir, 'store.key')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dataDir, 'store.key'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
    expect(statSync(join(dataDir, DB_FILE_NAME)).mode & 0o777).toBe(0o600)
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
  })

  it('differs between two new stores', async () => {
    const a = lab.tempDir()
    const b = lab.tempDir()
    await lab.openStore({ dataDir: a })
    await lab.openStore({ dataDir: b })
    expect(storeKey(a).equals(storeKey(b))).toBe(false)
  })

  it('refuses a different key with KEY_WRONG and leaves every byte of the store as it was', async () => {
    const dataDir = await closedStore()
    const before = fingerprint(dataDir, ['store.key'])
    writeFileSync(join(dataDir, 'store.key'), `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 })

    const error = await rejection(lab.openStore({ dataDir }))

    expect(error.code).toBe('KEY_WRONG')
    expect(error.message).toContain('was not modified')
    expect(fingerprint(dataDir, ['store.key'])).toEqual(before)
  })

  it('refuses a different key when the database is opened directly, too', async () => {
    const dataDir = await closedStore()
    const before = fingerprint(dataDir)
    expect(() => openDatabase({ file: join(dataDir, DB_FILE_NAME), key: randomBytes(32) })).toThrowError(
      expect.objectContaining({ code: 'KEY_WRONG' }),
    )
    expect(fingerprint(dataDir)).toEqual(before)
  })

  it('refuses with KEY_MISSING when the database exists without its key, and does not make a new key', async () => {
    const dataDir = await closedStore()
    rmSync(join(dataDir, 'store.key'))
    const before = fingerprint(dataDir)

    const error = await rejection(lab.openStore({ dataDir }))

    expect(error.code).toBe('KEY_MISSING')
    expect(existsSync(join(dataDir, 'store.key'))).toBe(false)
    expect(fingerprint(dataDir)).toEqual(before)
  })

  it.each(['640', '604', '660', '644'])('refuses a key file with mode %s as KEY_UNPROTECTED', async (mode) => {
    const dataDir = await closedStore()
    chmodSync(join(dataDir, 'store.key'), parseInt(mode, 8))

    const error = await rejection(lab.openStore({ dataDir }))

    expect(error.code).toBe('KEY_UNPROTECTED')
    expect(error.message).toContain('chmod 600')
  })

  it('opens again once the key file is restricted to its owner', async () => {
    const dataDir = await closedStore()
    chmodSync(join(dataDir, 'store.key'), 0o640)
    await rejection(lab.openStore({ dataDir }))
    chmodSync(join(dataDir, 'store.key'), 0o600)
    const store = await lab.openStore({ dataDir })
    expect(await store.setup.isComplete()).toBe(true)
  })

  it('takes the key from ALPR_DB_KEY instead of a key file', async () => {
    const dataDir = lab.tempDir()
    const hex = randomBytes(32).toString('hex')
    const key = await loadOrCreateKey(dataDir, join(dataDir, DB_FILE_NAME), fileKeyProtector, { ALPR_DB_KEY: `${hex}\n` })
    expect(key.toString('hex')).toBe(hex)
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('refuses an ALPR_DB_KEY that is not 256 bits as KEY_INVALID', async () => {
    const dataDir = lab.tempDir()
    await expect(
      loadOrCreateKey(dataDir, join(dataDir, DB_FILE_NAME), fileKeyProtector, { ALPR_DB_KEY: 'abcdef' }),
    ).rejects.toThrowError(expect.objectContaining({ code: 'KEY_INVALID' }))
    expect(readdirSync(dataDir)).toEqual([])
  })

  it('opens a store under ALPR_DB_KEY that only that key can read, writing no key file', async () => {
    const dataDir = lab.tempDir()
    const hex = randomBytes(32).toString('hex')
    const saved = process.env.ALPR_DB_KEY
    process.env.ALPR_DB_KEY = hex
    try {
      const store = await lab.openStore({ dataDir })
      await store.devices.register('ws-1', 'front desk', 1)
      await store.close()
    } finally {
      if (saved === undefined) delete process.env.ALPR_DB_KEY
      else process.env.ALPR_DB_KEY = saved
    }
    expect(existsSync(join(dataDir, 'store.key'))).toBe(false)
    const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key: Buffer.from(hex, 'hex') })
    expect(db.prepare('SELECT name FROM devices WHERE id = ?').pluck().get('ws-1')).toBe('front desk')
    db.close()
    expect(() => openDatabase({ file: join(dataDir, DB_FILE_NAME), key: randomBytes(32) })).toThrowError(
      expect.objectContaining({ code: 'KEY_WRONG' }),
    )
  })
})

describe('migrations', () => {
  const next = MIGRATIONS[MIGRATIONS.length - 1]!.version + 1
  const broken = { version: next, name: 'broken', sql: 'CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);' }

  it('roll back a failing migration completely and leave user_version where it was', () => {
    const dir = lab.tempDir()
    const file = join(dir, DB_FILE_NAME)
    const key = randomBytes(32)
    openDatabase({ file, key }).close()

    expect(() => openDatabase({ file, key, migrations: [...MIGRATIONS, broken] })).toThrowError(
      expect.objectContaining({ code: 'MIGRATION_FAILED', message: expect.stringContaining(`Migration ${next} (broken) failed and was rolled back`) }),
    )

    const db = openDatabase({ file, key })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(next - 1)
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined()
    } finally {
      db.close()
    }
  })

  it('keep the migrations that succeeded before the one that failed', () => {
    const dir = lab.tempDir()
    const file = join(dir, DB_FILE_NAME)
    const key = randomBytes(32)
    const good = { version: next, name: 'good', sql: 'CREATE TABLE kept (x TEXT);' }
    expect(() => openDatabase({ file, key, migrations: [...MIGRATIONS, good, { ...broken, version: next + 1 }] })).toThrowError(
      expect.objectContaining({ code: 'MIGRATION_FAILED' }),
    )
    const db = openDatabase({ file, key, migrations: [...MIGRATIONS, good] })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(next)
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'kept'`).pluck().get()).toBe('kept')
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half_done'`).get()).toBeUndefined()
    } finally {
      db.close()
    }
  })

  it('leave a new database at version 0 with no tables when the first migration fails', () => {
    const dir = lab.tempDir()
    mkdirSync(join(dir, 'fresh'))
    const file = join(dir, 'fresh', DB_FILE_NAME)
    const key = randomBytes(32)
    expect(() => openDatabase({ file, key, migrations: [{ ...broken, version: 1 }] })).toThrowError(
      expect.objectContaining({ code: 'MIGRATION_FAILED' }),
    )
    const db = openDatabase({ file, key, migrations: [] })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(0)
      expect(db.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(0)
    } finally {
      db.close()
    }
  })
})
