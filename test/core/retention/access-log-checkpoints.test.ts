// What a retention checkpoint proves: that the entries it removed were past the record-retention period
// (at least three years, whatever is stored) when it was made, and that it was not made with a clock set
// ahead. And what it cannot prove: the signing key lives in the same database, so whoever holds the
// database key can sign a checkpoint that verifies; only the key id kept outside the system tells.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, fromWindow, signIn } from '../../helpers/core'
import { desk, withDatabase } from './fixtures'
import type { Desk } from './fixtures'
import { addMonths, DAY, HOUR } from '../../../src/main/core/clock'
import { type CheckpointStatement, checkpointBytes } from '../../../src/main/core/audit/chain'
import { runPurge } from '../../../src/main/core/retention/purge'
import type { Db } from '../../../src/main/core/store/database'
import { SigningRepository } from '../../../src/main/core/store/repositories/signing'
import type { RetentionOverview, SigningKeyInfo } from '../../../src/shared/models'

const lab = useLab()

const purge = (d: Desk, logBatchSize?: number) =>
  runPurge({ store: d.core.store, clock: d.clock, deviceId: d.core.device.id, kind: 'manual', logBatchSize })

/** Writes a checkpoint signed with the stored agency key, and removes the entries it names, as a key holder could. */
function signedCheckpoint(db: Db, fields: Omit<CheckpointStatement, 'id'>): void {
  const id = ((db.prepare('SELECT max(id) AS id FROM access_log_checkpoints').get() as { id: number | null }).id ?? 0) + 1
  const statement = { id, ...fields }
  const signature = new SigningRepository(db).sign(checkpointBytes(statement).toString('base64'))
  db.prepare(
    `INSERT INTO access_log_checkpoints (id, created_at, cutoff, last_removed_id, last_removed_at, last_removed_hash, removed_count,
                                        head_id, key_id, signature)
     VALUES (@id, @createdAt, @cutoff, @lastRemovedId, @lastRemovedAt, @lastRemovedHash, @removedCount, @headId, @keyId, @signature)`,
  ).run({ ...statement, keyId: signature.keyId, signature: signature.signature })
  db.prepare('INSERT INTO access_log_purge_permit (id, through_id, cutoff) VALUES (1, ?, ?)').run(fields.lastRemovedId, fields.cutoff)
  db.prepare('DELETE FROM access_log WHERE id <= ?').run(fields.lastRemovedId)
  db.prepare('DELETE FROM access_log_purge_permit').run()
}

const firstEntry = (db: Db) => db.prepare('SELECT id, at, hash FROM access_log ORDER BY id LIMIT 1').get() as { id: number; at: number; hash: string }
const newestId = (db: Db) => (db.prepare('SELECT max(id) AS id FROM access_log').get() as { id: number }).id

describe('retention checkpoints', () => {
  it('apply the stored record-retention period, never less than three years', async () => {
    const d = await desk(lab)
    const start = d.clock.now()
    // Five years kept: three years and a day later nothing is old enough.
    await d.core.store.settings.set('recordRetentionYears', 5, d.admin.id, start)
    d.clock.set(addMonths(start, 36) + DAY)
    await signIn(d.core, fromWindow('later'), d.clock, d.admin)
    expect(await purge(d)).toMatchObject({ outcome: 'completed', accessLogDeleted: 0 })

    d.clock.set(addMonths(start, 60) + DAY)
    await signIn(d.core, fromWindow('even-later'), d.clock, d.admin)
    const run = await purge(d)
    expect(run.accessLogDeleted).toBeGreaterThan(0)
    expect(await d.core.store.accessLog.verify()).toMatchObject({ ok: true })

    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const c = db.prepare('SELECT created_at AS createdAt, cutoff, last_removed_at AS lastRemovedAt FROM access_log_checkpoints').get() as {
        createdAt: number
        cutoff: number
        lastRemovedAt: number
      }
      expect(c.cutoff).toBe(addMonths(c.createdAt, -60))
      expect(c.lastRemovedAt).toBeLessThan(c.cutoff)
    })
  })

  it('keep three years even when a shorter period was stored behind the settings screen’s back', async () => {
    const d = await desk(lab)
    await d.core.store.settings.set('recordRetentionYears', 1, d.admin.id, d.clock.now())
    d.clock.set(addMonths(d.clock.now(), 24))
    await signIn(d.core, fromWindow('later'), d.clock, d.admin)
    expect(await purge(d)).toMatchObject({ outcome: 'completed', accessLogDeleted: 0 })
  })

  it('cannot be used by the database to delete entries younger than the permit’s cutoff', async () => {
    const d = await desk(lab)
    allowed(await d.asAdmin('users.list'))
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const first = firstEntry(db)
      const write = (cutoff: number) =>
        signedCheckpoint(db, {
          createdAt: d.clock.now(),
          cutoff,
          lastRemovedId: first.id,
          lastRemovedAt: first.at,
          lastRemovedHash: first.hash,
          removedCount: 1,
          headId: newestId(db),
        })
      expect(() => db.transaction(() => write(first.at))()).toThrow('the access log is append-only')
      expect(firstEntry(db).id).toBe(first.id)
    })
  })

  it('do not verify when they removed entries less than three years old, even signed with the agency key', async () => {
    const d = await desk(lab)
    allowed(await d.asAdmin('users.list'))
    d.clock.advance(HOUR)
    await d.asAdmin('users.list')
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const first = firstEntry(db)
      signedCheckpoint(db, {
        createdAt: d.clock.now(),
        cutoff: first.at + 1,
        lastRemovedId: first.id,
        lastRemovedAt: first.at,
        lastRemovedHash: first.hash,
        removedCount: 1,
        headId: newestId(db),
      })
    })
    const store = await lab.openStore({ dataDir: d.dataDir })
    expect((await store.accessLog.verify()).firstBroken?.reason).toBe(
      'retention checkpoint 1 removed entries less than three years old: they were not past record retention',
    )
  })

  it('do not verify once the clock is right again after a purge made with the clock set years ahead', async () => {
    const d = await desk(lab)
    const start = d.clock.now()
    allowed(await d.asAdmin('users.list'))
    // Someone sets the clock four years ahead, uses the system so the log looks recent, and purges.
    d.clock.set(addMonths(start, 48))
    await signIn(d.core, fromWindow('ahead'), d.clock, d.admin)
    const run = await purge(d)
    expect(run.accessLogDeleted).toBeGreaterThan(0)
    expect((await d.core.store.accessLog.verify()).ok).toBe(true)

    d.clock.set(start + HOUR)
    await signIn(d.core, fromWindow('right-again'), d.clock, d.admin)
    const result = await d.core.store.accessLog.verify()
    expect(result.ok).toBe(false)
    expect(result.firstBroken?.reason).toBe('retention checkpoint 1 is dated after this entry, written after it: the clock was set ahead when it was made')
  })

  it('are not written when the clock reads more than a day past the newest entry: the run fails and says why', async () => {
    const d = await desk(lab)
    const start = d.clock.now()
    allowed(await d.asAdmin('users.list'))
    const before = (await d.core.store.accessLog.list(1000)).length
    d.clock.set(addMonths(start, 36) + 2 * DAY)

    const refusedRun = await purge(d)

    expect(refusedRun).toMatchObject({ outcome: 'failed', accessLogDeleted: 0 })
    expect(refusedRun.error).toMatch(/^The access log was not purged: this workstation’s clock reads \d+ days past the newest entry in the log, so the clock may be wrong\./)
    const [entry] = await d.core.store.accessLog.list(1)
    expect(entry).toMatchObject({ channel: 'system.retention', outcome: 'failed', code: 'FAILED', message: refusedRun.error })
    expect((await d.core.store.accessLog.list(1000)).length).toBe(before + 1)

    // The purge's own entry does not vouch for the clock; a person's activity does.
    expect((await purge(d)).outcome).toBe('failed')
    await signIn(d.core, fromWindow('back'), d.clock, d.admin)
    expect(await purge(d)).toMatchObject({ outcome: 'completed' })
    expect((await d.core.store.accessLog.verify()).ok).toBe(true)
  })

  it('re-signed with the stored key still verify: the limit that needs the key id recorded outside the system', async () => {
    const d = await desk(lab)
    const start = d.clock.now()
    const overview = allowed<RetentionOverview & { signingKey: SigningKeyInfo }>(await d.asAdmin('retention.overview'))
    d.clock.set(addMonths(start, 36) + DAY)
    await signIn(d.core, fromWindow('later'), d.clock, d.admin)
    expect((await purge(d)).accessLogDeleted).toBeGreaterThan(0)
    await d.core.close()

    withDatabase(d.dataDir, (db) => {
      db.exec('DROP TRIGGER access_log_checkpoints_no_update')
      const c = db
        .prepare(
          `SELECT id, created_at AS createdAt, cutoff, last_removed_id AS lastRemovedId, last_removed_at AS lastRemovedAt,
                  last_removed_hash AS lastRemovedHash, removed_count AS removedCount, head_id AS headId FROM access_log_checkpoints`,
        )
        .get() as CheckpointStatement
      const altered = { ...c, removedCount: c.removedCount + 5 }
      const signature = new SigningRepository(db).sign(checkpointBytes(altered).toString('base64'))
      db.prepare('UPDATE access_log_checkpoints SET removed_count = ?, signature = ? WHERE id = ?').run(altered.removedCount, signature.signature, c.id)
      // The key that signed it is the one the retention tab shows: only a copy of the key id (printed on
      // signed reports, shown in the retention tab) kept outside the database could tell a substitute key.
      expect(signature.keyId).toBe(overview.signingKey.keyId)
    })
    // An external anchor is needed to catch this: verify() trusts the key stored beside what it signs.
    const store = await lab.openStore({ dataDir: d.dataDir })
    expect((await store.accessLog.verify()).ok).toBe(true)
    expect(overview.signingKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/)
  })
})
