// The access log is append-only and hash-chained (DESIGN.md "Store", DOMAIN.md 1798.90.52): the database
// refuses edits, and an attacker who holds the key and bypasses that is still caught by verification.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, type Administrator, fromWindow, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import { type Db, openDatabase } from '../../../src/main/core/store/database'
import type { ChainVerification } from '../../../src/shared/models'
import { MINUTE } from '../../../src/main/core/clock'

const lab = useLab()

/** A store with a short history written through the guard: setup, an account, sign-ins, lists. Closed. */
async function storeWithHistory(): Promise<{ dataDir: string; entries: number; admin: Administrator }> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock) // 2 entries
  const asAdmin = sender(core, admin.call)
  const auditor = await createPerson(core, admin, clock, { username: 'aaudit', displayName: 'Arthur Audit', roles: ['auditor'] }) // 3: its classification authorized, the account, the authenticator
  clock.advance(MINUTE)
  allowed(await signIn(core, fromWindow('auditor-window'), clock, auditor)) // 1
  allowed(await asAdmin('users.list')) // 1
  refused(await sender(core, fromWindow('stranger'))('users.list'), 'NOT_AUTHENTICATED') // 1
  allowed(await asAdmin('devices.list')) // 1
  await core.close()
  return { dataDir, entries: 9, admin }
}

/** Opens the database as someone holding the key would, outside the application. */
function tamper(dataDir: string, change: (db: Db) => void): void {
  const key = Buffer.from(readFileSync(join(dataDir, 'store.key'), 'utf8').trim(), 'hex')
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key })
  try {
    change(db)
  } finally {
    db.close()
  }
}

const dropTriggers = (db: Db) => {
  db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;')
}

async function verify(dataDir: string): Promise<ChainVerification> {
  const store = await lab.openStore({ dataDir })
  return store.accessLog.verify()
}

describe('the access log chain', () => {
  it('verifies an untouched log, counting every entry', async () => {
    const { dataDir, entries } = await storeWithHistory()
    expect(await verify(dataDir)).toEqual({ ok: true, entries, firstBroken: null })
  })

  it('links each entry to the hash of the one before it, starting from the genesis hash', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      const rows = db.prepare('SELECT id, prev_hash AS prev, hash FROM access_log ORDER BY id').all() as { id: number; prev: string; hash: string }[]
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
      expect(rows[0]!.prev).toBe('0'.repeat(64))
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev).toBe(rows[i - 1]!.hash)
    })
  })

  it('reports the first edited entry and why', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.prepare(`UPDATE access_log SET username = 'someone-else' WHERE id = 5`).run()
    })
    expect(await verify(dataDir)).toEqual({
      ok: false,
      entries: 4,
      firstBroken: { id: 5, reason: 'its contents were changed after it was written' },
    })
  })

  it('reports an edit of the outcome, code or data elements, not only of names', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.prepare(`UPDATE access_log SET outcome = 'allowed', code = NULL, message = NULL WHERE id = 8`).run()
    })
    expect((await verify(dataDir)).firstBroken).toEqual({ id: 8, reason: 'its contents were changed after it was written' })
  })

  it('reports an entry removed from the middle at the entry after the gap', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.prepare('DELETE FROM access_log WHERE id = 4').run()
    })
    expect(await verify(dataDir)).toEqual({
      ok: false,
      entries: 3,
      firstBroken: { id: 5, reason: 'entry 4 is missing before entry 5: entries were removed' },
    })
  })

  it('reports entries cut from the end, which no later link could reveal, through the recorded head', async () => {
    const { dataDir, entries } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.prepare('DELETE FROM access_log WHERE id = ?').run(entries)
    })
    expect(await verify(dataDir)).toEqual({
      ok: false,
      entries: entries - 1,
      firstBroken: {
        id: entries,
        reason: `the log ends at entry ${entries - 1} but entry ${entries} was written: entries were removed from the end`,
      },
    })
  })

  it('reports two entries swapped in order', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.transaction(() => {
        db.prepare('UPDATE access_log SET id = -1 WHERE id = 3').run()
        db.prepare('UPDATE access_log SET id = 3 WHERE id = 4').run()
        db.prepare('UPDATE access_log SET id = 4 WHERE id = -1').run()
      })()
    })
    expect(await verify(dataDir)).toEqual({
      ok: false,
      entries: 2,
      firstBroken: { id: 3, reason: 'it does not link to the entry before it: entries were removed, inserted or reordered' },
    })
  })

  it('reports two entries whose contents were swapped while their hashes stayed in place', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      const columns = 'at, user_id, username, agency, unit, device_id, channel, data_elements, purpose, outcome, code, message'
      db.transaction(() => {
        db.exec(`CREATE TEMP TABLE saved AS SELECT id, ${columns} FROM access_log WHERE id IN (6, 7)`)
        for (const [target, source] of [[6, 7], [7, 6]] as const) {
          const row = db.prepare(`SELECT ${columns} FROM saved WHERE id = ?`).get(source) as Record<string, unknown>
          const sets = Object.keys(row).map((c) => `${c} = @${c}`).join(', ')
          db.prepare(`UPDATE access_log SET ${sets} WHERE id = @target`).run({ ...row, target })
        }
      })()
    })
    expect((await verify(dataDir)).firstBroken).toEqual({ id: 6, reason: 'its contents were changed after it was written' })
  })

  it('reports an entry added behind the application’s back', async () => {
    const { dataDir, entries } = await storeWithHistory()
    tamper(dataDir, (db) => {
      db.prepare(
        `INSERT INTO access_log (id, at, device_id, channel, data_elements, outcome, prev_hash, hash)
         VALUES (?, 0, 'ws', 'users.list', '{}', 'allowed', ?, ?)`,
      ).run(entries + 1, 'f'.repeat(64), 'e'.repeat(64))
    })
    expect((await verify(dataDir)).firstBroken).toEqual({
      id: entries + 1,
      reason: 'it does not link to the entry before it: entries were removed, inserted or reordered',
    })
  })

  it('shows the break to an administrator through accessLog.verify, and keeps logging after it', async () => {
    const { dataDir, admin } = await storeWithHistory()
    tamper(dataDir, (db) => {
      dropTriggers(db)
      db.prepare(`UPDATE access_log SET channel = 'system.status' WHERE id = 2`).run()
    })
    const clock = new TestClock()
    clock.advance(60 * MINUTE)
    const core = await lab.openCore({ dataDir, clock })
    allowed(await signIn(core, admin.call, clock, admin))

    const result = allowed<ChainVerification>(await sender(core, admin.call)('accessLog.verify'))

    expect(result).toEqual({
      ok: false,
      entries: 1,
      firstBroken: { id: 2, reason: 'its contents were changed after it was written' },
    })
    const [verifyEntry, signInEntry] = await core.store.accessLog.list(2)
    expect(verifyEntry).toMatchObject({ id: 11, channel: 'accessLog.verify', outcome: 'allowed', username: 'aadmin' })
    expect(signInEntry).toMatchObject({ id: 10, channel: 'auth.signIn', outcome: 'allowed', username: 'aadmin' })
  })
})

describe('the database refuses to change the access log', () => {
  it('refuses UPDATE of an entry, even by someone with the key, and the entry stays as written', async () => {
    const { dataDir } = await storeWithHistory()
    tamper(dataDir, (db) => {
      const before = db.prepare('SELECT * FROM access_log WHERE id = 3').get()
      expect(() => db.prepare(`UPDATE access_log SET username = 'x' WHERE id = 3`).run()).toThrow('the access log is append-only')
      expect(db.prepare('SELECT * FROM access_log WHERE id = 3').get()).toEqual(before)
    })
    expect((await verify(dataDir)).ok).toBe(true)
  })

  it('refuses DELETE of an entry, and of the whole log', async () => {
    const { dataDir, entries } = await storeWithHistory()
    tamper(dataDir, (db) => {
      expect(() => db.prepare('DELETE FROM access_log WHERE id = 3').run()).toThrow('the access log is append-only')
      expect(() => db.prepare('DELETE FROM access_log').run()).toThrow('the access log is append-only')
      expect(db.prepare('SELECT count(*) FROM access_log').pluck().get()).toBe(entries)
    })
    expect(await verify(dataDir)).toEqual({ ok: true, entries, firstBroken: null })
  })
})
