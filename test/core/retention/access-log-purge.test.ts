// Access-log entries older than the record-retention period are purged, and the hash chain stays
// verifiable: a checkpoint signed with the agency key names the last entry removed and its hash, and
// verification starts from it. A forged checkpoint, or an entry removed past it, is still caught; and
// the database still refuses any other delete from the log.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, signIn } from '../../helpers/core'
import { desk, withDatabase } from './fixtures'
import { addMonths, DAY } from '../../../src/main/core/clock'
import { runPurge } from '../../../src/main/core/retention/purge'
import type { Desk } from './fixtures'

const lab = useLab()

/** A log with history three years old and recent entries, purged in steps of three entries. */
async function purgedLog(d: Desk) {
  await createPerson(d.core, d.admin, d.clock, { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator'] })
  allowed(await d.asAdmin('users.list'))
  const oldEntries = (await d.core.store.accessLog.list(500)).length
  d.clock.set(addMonths(d.clock.now(), 36) + DAY)
  // Recent history: a sign-in attempt three years later (the session and training have long expired).
  await signIn(d.core, fromWindow('later'), d.clock, d.admin)
  const run = await runPurge({ store: d.core.store, clock: d.clock, deviceId: d.core.device.id, kind: 'manual', logBatchSize: 3 })
  return { oldEntries, run }
}

describe('the access-log purge', () => {
  it('removes entries past the record-retention period and leaves a chain that verifies from a signed checkpoint', async () => {
    const d = await desk(lab)
    const { oldEntries, run } = await purgedLog(d)

    expect(run).toMatchObject({ outcome: 'completed', accessLogDeleted: oldEntries })
    const remaining = await d.core.store.accessLog.list(500)
    expect(remaining.map((e) => e.channel)).toEqual(['system.retention', 'auth.signIn'])
    expect(remaining[0]!.dataElements).toMatchObject({ accessLogDeleted: oldEntries })
    expect(await d.core.store.accessLog.verify()).toEqual({ ok: true, entries: 2, firstBroken: null })
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const checkpoints = db.prepare('SELECT id, last_removed_id AS last, removed_count AS n FROM access_log_checkpoints').all()
      expect(checkpoints).toEqual(
        Array.from({ length: Math.ceil(oldEntries / 3) }, (_, i) => ({
          id: i + 1,
          last: Math.min(3 * (i + 1), oldEntries),
          n: Math.min(3, oldEntries - 3 * i),
        })),
      )
    })
  })

  it('reports a checkpoint whose statement was altered as forged', async () => {
    const d = await desk(lab)
    const { oldEntries } = await purgedLog(d)
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      db.exec('DROP TRIGGER access_log_checkpoints_no_update')
      const last = db.prepare('SELECT max(id) AS id FROM access_log_checkpoints').get() as { id: number }
      db.prepare('UPDATE access_log_checkpoints SET removed_count = removed_count + 5 WHERE id = ?').run(last.id)
    })
    const store = await lab.openStore({ dataDir: d.dataDir })
    const result = await store.accessLog.verify()
    expect(result.ok).toBe(false)
    expect(result.firstBroken).toEqual({
      id: oldEntries + 1,
      reason: `retention checkpoint ${Math.ceil(oldEntries / 3)} does not carry a valid signature of the agency key: it was forged or altered`,
    })
  })

  it('reports a checkpoint added to hide entries deleted behind the application’s back', async () => {
    const d = await desk(lab)
    const { oldEntries } = await purgedLog(d)
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const first = db.prepare('SELECT id, at, hash FROM access_log ORDER BY id LIMIT 1').get() as { id: number; at: number; hash: string }
      const prev = db.prepare('SELECT key_id AS k, signature AS s FROM access_log_checkpoints ORDER BY id DESC LIMIT 1').get() as { k: string; s: string }
      const next = Math.ceil(oldEntries / 3) + 1
      db.prepare(
        `INSERT INTO access_log_checkpoints (id, created_at, cutoff, last_removed_id, last_removed_at, last_removed_hash, removed_count, head_id, key_id, signature)
         VALUES (?, 0, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ).run(next, first.at + 1, first.id, first.at, first.hash, first.id + 1, prev.k, prev.s)
      db.prepare('INSERT INTO access_log_purge_permit (id, through_id, cutoff) VALUES (1, ?, ?)').run(first.id, first.at + 1)
      db.prepare('DELETE FROM access_log WHERE id = ?').run(first.id)
      db.prepare('DELETE FROM access_log_purge_permit').run()
    })
    const store = await lab.openStore({ dataDir: d.dataDir })
    expect((await store.accessLog.verify()).firstBroken?.reason).toMatch(/^retention checkpoint \d+ does not carry a valid signature of the agency key/)
  })

  it('reports an entry deleted after the checkpoint', async () => {
    const d = await desk(lab)
    const { oldEntries } = await purgedLog(d)
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      db.exec('DROP TRIGGER access_log_no_delete')
      db.prepare('DELETE FROM access_log WHERE id = ?').run(oldEntries + 1)
    })
    const store = await lab.openStore({ dataDir: d.dataDir })
    expect(await store.accessLog.verify()).toEqual({
      ok: false,
      entries: 0,
      firstBroken: { id: oldEntries + 2, reason: `entry ${oldEntries + 1} is missing before entry ${oldEntries + 2}: entries were removed` },
    })
  })

  it('refuses every other delete from the log, even with a permit that no checkpoint backs', async () => {
    const d = await desk(lab)
    const { oldEntries } = await purgedLog(d)
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const first = oldEntries + 1
      expect(() => db.prepare('DELETE FROM access_log WHERE id = ?').run(first)).toThrow('the access log is append-only')
      db.prepare('INSERT INTO access_log_purge_permit (id, through_id, cutoff) VALUES (1, ?, ?)').run(first, Number.MAX_SAFE_INTEGER)
      expect(() => db.prepare('DELETE FROM access_log WHERE id = ?').run(first)).toThrow('the access log is append-only')
      db.prepare('DELETE FROM access_log_purge_permit').run()
      expect(() => db.prepare('DELETE FROM access_log_checkpoints').run()).toThrow('access-log checkpoints are append-only')
      expect((db.prepare('SELECT count(*) AS n FROM access_log').get() as { n: number }).n).toBe(2)
    })
  })

  it('keeps entries within the period, and verifies an unpurged log from the genesis hash as before', async () => {
    const d = await desk(lab)
    allowed(await d.asAdmin('users.list'))
    d.clock.set(addMonths(d.clock.now(), 36) - DAY)
    const run = await runPurge({ store: d.core.store, clock: d.clock, deviceId: d.core.device.id, kind: 'manual' })
    expect(run.accessLogDeleted).toBe(0)
    expect((await d.core.store.accessLog.verify()).ok).toBe(true)
  })
})
