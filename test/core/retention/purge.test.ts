// Retention (DOMAIN.md "Retention"): reads past the period are deleted with their images, corrections and
// hits; hot lists and entries past theirs; every purge is recorded with its counts. Driven by a test clock.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock, isoDay } from '../../helpers/clock'
import { allowed, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { aRead, auditorAndInvestigator, type Desk, desk, expiredAt, keptAt, withDatabase } from './fixtures'
import { runPurge } from '../../../src/main/core/retention/purge'
import { DAY, HOUR } from '../../../src/main/core/clock'
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

  it('records every run, and writes each to the access log as a system entry with its counts, also one that removed nothing', async () => {
    const d = await desk(lab)
    const empty = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))
    expect(empty).toMatchObject({ readsDeleted: 0, outcome: 'completed' })
    expect((await lastLogEntry(d.core)).channel).toBe('retention.runNow')
    const [, emptyEntry] = await d.core.store.accessLog.list(2)
    expect(emptyEntry).toMatchObject({ channel: 'system.retention', outcome: 'allowed' })
    expect(emptyEntry!.dataElements).toMatchObject({ runId: empty.id, readsDeleted: 0, accessLogDeleted: 0 })

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

  it('logs a run cut off by a crash, with what it had removed, when the next run starts', async () => {
    const d = await desk(lab)
    const [gone] = await d.core.store.reads.insert([aRead('8CRASH1', expiredAt(d.clock)), aRead('8CRASH2', expiredAt(d.clock))])
    const now = d.clock.now()
    const { runId } = await d.core.store.retention.beginRun({ kind: 'scheduled', requestedBy: null, startedAt: now, readCutoff: now - 60 * DAY, logCutoff: 0 })
    await d.core.store.retention.purgeReads(runId, now - 60 * DAY, null, 1)
    expect(await d.core.store.reads.get(gone!)).toBeNull()
    // The application stops here; the next run finds the first still marked running.
    d.clock.advance(HOUR)
    const next = await runPurge({ store: d.core.store, clock: d.clock, deviceId: d.core.device.id, kind: 'startup' })

    const orphanEntry = (await d.core.store.accessLog.list(50)).find((e) => e.channel === 'system.retention' && e.dataElements.runId === runId)
    expect(orphanEntry).toMatchObject({ outcome: 'failed', code: 'FAILED', message: 'The application stopped during this run.' })
    expect(orphanEntry!.dataElements).toMatchObject({ kind: 'scheduled', readsDeleted: 1 })
    expect(next).toMatchObject({ outcome: 'completed', readsDeleted: 1 })
    expect(await d.core.store.retention.get(runId)).toMatchObject({ outcome: 'failed', readsDeleted: 1 })
  })

  it('counts as kept by holds only the held reads, not expired reads a stopped run did not reach', async () => {
    const d = await desk(lab)
    const ids = await d.core.store.reads.insert(
      ['7HELD01', '7LEFT02', '7LEFT03', '7LEFT04', '7LEFT05'].map((plate, i) => aRead(plate, expiredAt(d.clock) - (5 - i) * 1000)),
    )
    allowed(
      await d.asAdmin('holds.place', {
        purpose: { caseNumber: '26-004417' },
        caseNumber: '26-004417',
        reason: 'Evidence',
        reviewOn: isoDay(d.clock.now() + 10 * DAY),
        readIds: [ids[0]],
      }),
    )
    const run = await runPurge({ store: d.core.store, clock: d.clock, deviceId: d.core.device.id, kind: 'manual', batchSize: 2, shouldStop: () => true })
    expect(run).toMatchObject({ outcome: 'stopped', readsDeleted: 1, heldReadsKept: 1 })
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
    const { asAuditor, asInvestigator } = await auditorAndInvestigator(d)
    refused(await asInvestigator('retention.runs', {}), 'PERMISSION_DENIED')
    allowed(await asAuditor('retention.runs', {}))
    refused(await asAuditor('retention.runNow'), 'PERMISSION_DENIED')
  })
})

describe('hot-list retention', () => {
  /** Lists and entries on both sides of each rule; answers the core reopened on them. */
  async function hotLists(d: Desk) {
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
      // Older than its list's own period: past retention although the list was refreshed since.
      entry.run('fresh-file', '2NOEXP1', null, now - 20 * DAY)
      entry.run('fresh-file', '2RECENT', null, now - 6 * DAY)
      list.run('manual', 'Local BOLO', 'manual', null, now, now - 40 * DAY)
      entry.run('manual', '3OLDMAN', null, now - 31 * DAY)
      entry.run('manual', '3NEWMAN', null, now - DAY)
      list.run('old-manual', 'Old BOLO', 'manual', null, now - 31 * DAY, now - 40 * DAY)
      entry.run('old-manual', '4GONE44', null, now - 31 * DAY)
    })
    const core = await lab.openCore({ dataDir: d.dataDir, clock: d.clock, retention: false })
    allowed(await signIn(core, d.admin.call, d.clock, d.admin))
    return core
  }

  const remaining = (d: Desk) =>
    withDatabase(d.dataDir, (db) => ({
      lists: db.prepare('SELECT id FROM hot_lists ORDER BY id').all(),
      plates: (db.prepare('SELECT plate FROM hot_list_entries ORDER BY plate').all() as { plate: string }[]).map((r) => r.plate),
    }))

  it('deletes lists not refreshed within their period, entries past their expiry, and entries older than their list’s period', async () => {
    const d = await desk(lab)
    const core = await hotLists(d)

    const run = allowed<RetentionRun>(await sender(core, d.admin.call)('retention.runNow'))

    expect(run).toMatchObject({ hotListsDeleted: 2, hotListEntriesDeleted: 5 })
    await core.close()
    expect(remaining(d)).toEqual({ lists: [{ id: 'fresh-file' }, { id: 'manual' }], plates: ['2ACTIVE', '2RECENT', '3NEWMAN'] })
  })

  it('removes exactly the entries the audit counts as past retention', async () => {
    const d = await desk(lab)
    const core = await hotLists(d)
    const evidence = await core.store.audits.hotListRetention(d.clock.now(), 30, DAY)
    const overdue = evidence.reduce((sum, l) => sum + l.overdueEntries, 0)

    const run = await runPurge({ store: core.store, clock: d.clock, deviceId: core.device.id, kind: 'manual' })

    expect(overdue).toBe(5)
    expect(run.hotListEntriesDeleted).toBe(overdue)
    expect((await core.store.audits.hotListRetention(d.clock.now(), 30, DAY)).every((l) => l.overdueEntries === 0)).toBe(true)
    await core.close()
  })

  it('deletes entries in small steps, so a run stopped after one step has removed one batch at most', async () => {
    const d = await desk(lab)
    const core = await hotLists(d)
    const purge = (shouldStop?: () => boolean) =>
      runPurge({ store: core.store, clock: d.clock, deviceId: core.device.id, kind: 'manual', batchSize: 2, shouldStop })

    const first = await purge(() => true)
    expect(first.outcome).toBe('stopped')
    expect(first.hotListEntriesDeleted).toBeGreaterThan(0)
    expect(first.hotListEntriesDeleted).toBeLessThanOrEqual(2)
    expect(first.hotListsDeleted).toBe(0)

    const second = await purge()
    expect(second).toMatchObject({ outcome: 'completed', hotListsDeleted: 2 })
    expect(first.hotListEntriesDeleted + second.hotListEntriesDeleted).toBe(5)
    await core.close()
    expect(remaining(d).plates).toEqual(['2ACTIVE', '2RECENT', '3NEWMAN'])
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
