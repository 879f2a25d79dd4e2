// Retention (DOMAIN.md "Retention"): reads past the period are deleted with their images, corrections and
// hits; hot lists and entries past theirs; every purge is recorded with its counts. Driven by a test clock.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { aRead, desk, expiredAt, keptAt, withDatabase } from './fixtures'
import { DAY } from '../../../src/main/core/clock'
import type { RetentionOverview, RetentionRun } from '../../../src/shared/models'

const lab = useLab()

describe('the retention purge', () => {
  it('deletes reads past the retention period with their images, corrections and hits, and keeps younger ones', async () => {
    const d = await desk(lab)
    const [old, oldWithHit, young] = await d.core.store.reads.insert([
      aRead('7ZQX914', expiredAt(d.clock), { crop: Buffer.from('crop-bytes'), scene: Buffer.from('scene-bytes') }),
      aRead('4HIT221', expiredAt(d.clock) - DAY),
      aRead('6KEEP55', keptAt(d.clock), { crop: Buffer.from('crop') }),
    ])
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      db.prepare(
        `INSERT INTO read_corrections (read_id, original_plate, corrected_plate, reason, corrected_by, corrected_at)
         VALUES (?, '7ZQX9I4', '7ZQX914', 'I read as 1', 'someone', ?)`,
      ).run(old, d.clock.now())
      db.prepare(
        `INSERT INTO hits (read_id, list_id, list_name, entry_plate, match, created_at) VALUES (?, 'l1', 'Stolen', '4HIT221', 'exact', ?)`,
      ).run(oldWithHit, d.clock.now())
      db.prepare(
        `INSERT INTO hits (read_id, list_id, list_name, entry_plate, match, created_at) VALUES (?, 'l1', 'Stolen', '6KEEP55', 'exact', ?)`,
      ).run(young, d.clock.now())
    })
    const core = await lab.openCore({ dataDir: d.dataDir, clock: d.clock, retention: false })
    allowed(await signIn(core, d.admin.call, d.clock, d.admin))

    const run = allowed<RetentionRun>(await sender(core, d.admin.call)('retention.runNow'))

    expect(run).toMatchObject({
      kind: 'manual',
      requestedBy: d.admin.id,
      outcome: 'completed',
      readsDeleted: 2,
      imagesDeleted: 1,
      correctionsDeleted: 1,
      hitsDeleted: 1,
      heldReadsKept: 0,
      readCutoff: d.clock.now() - 60 * DAY,
    })
    expect(await core.store.reads.get(old!)).toBeNull()
    expect(await core.store.reads.get(oldWithHit!)).toBeNull()
    expect(await core.store.reads.get(young!)).toMatchObject({ plate: '6KEEP55', hasImages: true })
    withDatabase(d.dataDir, (db) => {
      // A second connection beside the core's: WAL lets it read what the purge committed.
      expect(db.prepare('SELECT count(*) AS n FROM read_images').get()).toEqual({ n: 1 })
      expect(db.prepare('SELECT count(*) AS n FROM read_corrections').get()).toEqual({ n: 0 })
      expect(db.prepare('SELECT entry_plate AS p FROM hits').all()).toEqual([{ p: '6KEEP55' }])
    })
  })

  it('records every run, and writes a run that removed something to the access log as a system entry with its counts', async () => {
    const d = await desk(lab)
    const empty = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))
    expect(empty).toMatchObject({ readsDeleted: 0, outcome: 'completed' })
    expect((await lastLogEntry(d.core)).channel).toBe('retention.runNow')

    await d.core.store.reads.insert([aRead('8AAA111', expiredAt(d.clock)), aRead('8AAA112', expiredAt(d.clock))])
    const run = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))

    const [callEntry, systemEntry] = await d.core.store.accessLog.list(2)
    expect(callEntry).toMatchObject({ channel: 'retention.runNow', username: 'aadmin', outcome: 'allowed' })
    expect(callEntry!.dataElements).toMatchObject({ runId: run.id, readsDeleted: 2 })
    expect(systemEntry).toMatchObject({ channel: 'system.retention', userId: null, username: null, outcome: 'allowed', deviceId: d.core.device.id })
    expect(systemEntry!.dataElements).toMatchObject({ runId: run.id, kind: 'manual', readsDeleted: 2, heldReadsKept: 0, accessLogDeleted: 0 })

    const runs = allowed<RetentionRun[]>(await d.asAdmin('retention.runs', {}))
    expect(runs.map((r) => [r.id, r.readsDeleted])).toEqual([
      [run.id, 2],
      [empty.id, 0],
    ])
    expect(runs[0]!.finishedAt).toBe(d.clock.now())
    const overview = allowed<RetentionOverview>(await d.asAdmin('retention.overview'))
    expect(overview).toMatchObject({ readRetentionDays: 60, hotListRetentionDays: 30, recordRetentionYears: 3, lastRun: { id: run.id }, nextRunAt: null })
    expect((await d.core.store.accessLog.verify()).ok).toBe(true)
  })

  it('follows the retention setting: a longer period keeps reads the default would delete', async () => {
    const d = await desk(lab)
    const [id] = await d.core.store.reads.insert([aRead('5LONG90', d.clock.now() - 90 * DAY)])
    await d.core.store.settings.set('readRetentionDays', 120, d.admin.id, d.clock.now())
    expect((await d.core.store.settings.all()).readRetentionDays).toBe(120)
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow')).readsDeleted).toBe(0)
    expect(await d.core.store.reads.get(id!)).not.toBeNull()
  })

  it('lets only governance roles see runs and only the administrator start one', async () => {
    const d = await desk(lab)
    const investigator = await createPerson(d.core, d.admin, d.clock, { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator'] })
    const auditor = await createPerson(d.core, d.admin, d.clock, { username: 'aaud', displayName: 'Abe Auditor', roles: ['auditor'] })
    const asInvestigator = fromWindow('inv-window')
    const asAuditor = fromWindow('aud-window')
    allowed(await signIn(d.core, asInvestigator, d.clock, investigator))
    allowed(await signIn(d.core, asAuditor, d.clock, auditor))
    refused(await sender(d.core, asInvestigator)('retention.runs', {}), 'PERMISSION_DENIED')
    allowed(await sender(d.core, asAuditor)('retention.runs', {}))
    refused(await sender(d.core, asAuditor)('retention.runNow'), 'PERMISSION_DENIED')
  })
})

describe('hot-list retention', () => {
  it('deletes lists not refreshed within their period, entries past their expiry, and old entries of manual lists', async () => {
    const d = await desk(lab)
    const now = d.clock.now()
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const list = db.prepare(
        `INSERT INTO hot_lists (id, name, source, kind, retention_days, refreshed_at, created_at) VALUES (?, ?, 'test', ?, ?, ?, ?)`,
      )
      const entry = db.prepare(`INSERT INTO hot_list_entries (list_id, plate, expires_at, created_at) VALUES (?, ?, ?, ?)`)
      list.run('stale-file', 'Stale SVS', 'file', 7, now - 8 * DAY, now - 8 * DAY)
      entry.run('stale-file', '1STALE1', null, now - 8 * DAY)
      list.run('fresh-file', 'Fresh SVS', 'file', 7, now - DAY, now - 20 * DAY)
      entry.run('fresh-file', '2EXPIRD', now - 1, now - DAY)
      entry.run('fresh-file', '2ACTIVE', now + DAY, now - DAY)
      entry.run('fresh-file', '2NOEXP1', null, now - 20 * DAY)
      list.run('manual', 'Local BOLO', 'manual', null, now, now - 40 * DAY)
      entry.run('manual', '3OLDMAN', null, now - 31 * DAY)
      entry.run('manual', '3NEWMAN', null, now - DAY)
      list.run('old-manual', 'Old BOLO', 'manual', null, now - 31 * DAY, now - 40 * DAY)
      entry.run('old-manual', '4GONE44', null, now - 31 * DAY)
    })
    const core = await lab.openCore({ dataDir: d.dataDir, clock: d.clock, retention: false })
    allowed(await signIn(core, d.admin.call, d.clock, d.admin))

    const run = allowed<RetentionRun>(await sender(core, d.admin.call)('retention.runNow'))

    expect(run).toMatchObject({ hotListsDeleted: 2, hotListEntriesDeleted: 4 })
    await core.close()
    withDatabase(d.dataDir, (db) => {
      expect(db.prepare('SELECT id FROM hot_lists ORDER BY id').all()).toEqual([{ id: 'fresh-file' }, { id: 'manual' }])
      expect(db.prepare('SELECT plate FROM hot_list_entries ORDER BY plate').all()).toEqual([
        { plate: '2ACTIVE' },
        { plate: '2NOEXP1' },
        { plate: '3NEWMAN' },
      ])
    })
  })
})

describe('the schedule', () => {
  it('purges at start-up and then periodically, and stops with the core', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir, clock, retention: { startDelayMs: 0, intervalMs: 50 } })
    const [old] = await core.store.reads.insert([aRead('9SCHED9', expiredAt(clock))])
    const deadline = Date.now() + 10_000
    let runs: RetentionRun[] = []
    while (Date.now() < deadline) {
      runs = await core.store.retention.runs(10)
      if (runs.length >= 3) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(runs.at(-1)!.kind).toBe('startup')
    expect(runs[0]!.kind).toBe('scheduled')
    expect(runs.every((r) => r.outcome === 'completed' || r.outcome === 'running')).toBe(true)
    expect(await core.store.reads.get(old!)).toBeNull()
    await core.close()
    withDatabase(dataDir, (db) => {
      const outcomes = db.prepare('SELECT outcome FROM retention_runs').all() as { outcome: string }[]
      expect(outcomes.every((o) => o.outcome === 'completed')).toBe(true)
    })
  })
})
