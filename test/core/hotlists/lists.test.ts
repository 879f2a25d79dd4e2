// Hot lists (DOMAIN.md "Hot lists and hits"): list settings with the covert flag, manual entries with a
// mandatory expiry, atomic replacement of a file list (a failure part-way leaves the old entries), hits keeping
// their copy of the record, the retention purge honouring list periods, and who may manage lists.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { isoDay } from '../../helpers/clock'
import { DAY } from '../../../src/main/core/clock'
import type { HotListEntryPage, HotListImportReport, HotListImportResult, HotListRecord, RetentionRun } from '../../../src/shared/models'
import { type Desk, desk } from '../retention/fixtures'
import { withDatabase } from '../sharing/seed'

const lab = useLab()

const SETTINGS = {
  name: 'Stolen vehicles',
  source: 'CA DOJ SVS extract',
  priority: 1,
  color: '#c62828',
  sound: 'alarm',
  covert: false,
  retentionDays: null as number | null,
  description: 'Daily extract',
}
const b64 = (s: string) => Buffer.from(s).toString('base64')
const HEADER = 'plate,state,reason,entry date,make,model,color,source reference'

async function importFile(d: Desk, csv: string, target: { newList: typeof SETTINGS } | { replaceListId: string }) {
  const report = allowed<HotListImportReport>(await d.asAdmin('hotlists.validateImport', { fileName: 'svs.csv', fileBase64: b64(csv) }))
  return d.asAdmin('hotlists.import', { fileName: 'svs.csv', fileBase64: b64(csv), sha256: report.sha256, ...target })
}

/** Moves the clock on and signs the administrator in again (the session would have locked or ended). */
async function later(d: Desk, ms: number) {
  d.clock.advance(ms)
  allowed(await signIn(d.core, d.admin.call, d.clock, d.admin))
}

const entriesOf = async (d: Desk, listId: string, plate = '') => allowed<HotListEntryPage>(await d.asAdmin('hotlists.entries', { listId, plate }))

describe('hot lists', () => {
  it('store a covert manual list with its settings, shown to managers and marked covert', async () => {
    const d = await desk(lab)
    const list = allowed<HotListRecord>(
      await d.asAdmin('hotlists.create', { ...SETTINGS, name: 'Surveillance targets', source: 'Narcotics task force', covert: true, priority: 2, color: '#1565c0', sound: 'none', retentionDays: 14 }),
    )
    expect(list).toMatchObject({ kind: 'manual', covert: true, priority: 2, color: '#1565c0', sound: 'none', retentionDays: 14, effectiveRetentionDays: 14, entries: 0, createdByName: 'Alice Admin', stale: false })
    expect(list.expiresAt).toBe(d.clock.now() + 14 * DAY)
    const row = withDatabase(d.dataDir, (db) => db.prepare('SELECT covert, sound, color, retention_days AS r, kind FROM hot_lists WHERE id = ?').get(list.id))
    expect(row).toEqual({ covert: 1, sound: 'none', color: '#1565c0', r: 14, kind: 'manual' })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ listId: list.id, covert: true })

    const updated = allowed<HotListRecord>(await d.asAdmin('hotlists.update', { listId: list.id, settings: { ...SETTINGS, covert: false, retentionDays: null } }))
    expect(updated).toMatchObject({ name: 'Stolen vehicles', covert: false, retentionDays: null, effectiveRetentionDays: 30, updatedByName: 'Alice Admin' })
    expect(allowed<HotListRecord[]>(await d.asAdmin('hotlists.list', {})).map((l) => l.id)).toEqual([list.id])

    const bad = refused(await d.asAdmin('hotlists.create', { ...SETTINGS, priority: 4, color: 'red', sound: 'siren', retentionDays: 400 }), 'INVALID_INPUT')
    expect(Object.keys(bad.details ?? {}).sort()).toEqual(['color', 'priority', 'retentionDays', 'sound'])
  })

  it('are managed by administrators and supervisors only', async () => {
    const d = await desk(lab)
    const dispatcher = await createPerson(d.core, d.admin, d.clock, { username: 'ddisp', displayName: 'Dana Dispatcher', roles: ['dispatcher'] })
    const supervisor = await createPerson(d.core, d.admin, d.clock, { username: 'ssup', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const dw = fromWindow('disp-window')
    const sw = fromWindow('sup-window')
    allowed(await signIn(d.core, dw, d.clock, dispatcher))
    allowed(await signIn(d.core, sw, d.clock, supervisor))
    refused(await sender(d.core, dw)('hotlists.list', {}), 'PERMISSION_DENIED')
    refused(await sender(d.core, dw)('hotlists.create', SETTINGS), 'PERMISSION_DENIED')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'hotlists.create', outcome: 'refused', code: 'PERMISSION_DENIED', username: 'ddisp' })
    allowed(await sender(d.core, sw)('hotlists.create', SETTINGS))
    expect(allowed<HotListRecord[]>(await sender(d.core, sw)('hotlists.list', {}))).toHaveLength(1)
  })

  it('take manual entries only with a future expiry within the list’s retention, normalised and signed', async () => {
    const d = await desk(lab)
    const list = allowed<HotListRecord>(await d.asAdmin('hotlists.create', { ...SETTINGS, retentionDays: 10 }))
    const entry = { listId: list.id, plate: '7abc-123', state: 'ca', reason: 'Stolen from a dealership', vehicle: 'White Ford Transit', sourceRef: 'LAPD 26-0412', expiresOn: isoDay(d.clock.now() + 5 * DAY) }

    const { expiresOn: _none, ...withoutExpiry } = entry
    expect(refused(await d.asAdmin('hotlists.addEntry', withoutExpiry), 'INVALID_INPUT').details).toEqual({ expiresOn: expect.any(String) })
    expect(refused(await d.asAdmin('hotlists.addEntry', { ...entry, expiresOn: isoDay(d.clock.now() - DAY) }), 'INVALID_INPUT').details).toEqual({
      expiresOn: 'The expiry must be a future date.',
    })
    expect(refused(await d.asAdmin('hotlists.addEntry', { ...entry, expiresOn: isoDay(d.clock.now() + 12 * DAY) }), 'INVALID_INPUT').details).toEqual({
      expiresOn: 'At most 10 days ahead (the list’s retention period).',
    })
    expect(refused(await d.asAdmin('hotlists.addEntry', { ...entry, plate: 'A', state: 'XX', reason: '=cmd|calc' }), 'INVALID_INPUT').details).toEqual({
      plate: 'A plate has 2 to 8 letters and digits.',
      state: 'The state is not a US or Canadian postal code (e.g. CA, NV, BC).',
      reason: 'Must not start with = + - @ (it would run as a spreadsheet formula).',
    })
    // Behind a no-break space, spaces or a zero-width space too (the first two are trimmed before storing).
    expect(
      refused(await d.asAdmin('hotlists.addEntry', { ...entry, reason: '\u00a0=HYPERLINK("http://x.test")', vehicle: '  +cmd', sourceRef: '\u200b@A1' }), 'INVALID_INPUT').details,
    ).toEqual({
      reason: 'Must not start with = + - @ (it would run as a spreadsheet formula).',
      vehicle: 'Must not start with = + - @ (it would run as a spreadsheet formula).',
      sourceRef: 'Must not start with = + - @ (it would run as a spreadsheet formula).',
    })
    expect(await d.core.store.hotLists.entries(list.id, '', 10, 0)).toEqual({ entries: [], total: 0 })

    await later(d, 3_600_000)
    const after = allowed<HotListRecord>(await d.asAdmin('hotlists.addEntry', entry))
    expect(after).toMatchObject({ entries: 1, refreshedAt: d.clock.now() })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ listId: list.id, entryId: expect.any(Number), plate: '7abc-123' })
    const page = await entriesOf(d, list.id, '7ABC')
    expect(page.total).toBe(1)
    expect(page.entries[0]).toMatchObject({ plate: '7ABC123', state: 'CA', reason: 'Stolen from a dealership', vehicle: 'White Ford Transit', sourceRef: 'LAPD 26-0412', addedByName: 'Alice Admin' })
    expect(page.entries[0]!.expiresAt).toBeGreaterThan(d.clock.now() + 5 * DAY - DAY)
    const stored = withDatabase(d.dataDir, (db) => db.prepare('SELECT plate, plate_key AS key, added_by AS by, expires_at AS exp FROM hot_list_entries').get())
    expect(stored).toMatchObject({ plate: '7ABC123', key: '7A8C123', by: d.admin.id })
    expect((await entriesOf(d, list.id, 'ZZZ')).total).toBe(0)

    refused(await d.asAdmin('hotlists.addEntry', { ...entry, plate: '7ABC 123' }), 'CONFLICT')
    const removed = allowed<HotListRecord>(await d.asAdmin('hotlists.removeEntry', { listId: list.id, entryId: page.entries[0]!.id }))
    expect(removed.entries).toBe(0)
    refused(await d.asAdmin('hotlists.removeEntry', { listId: list.id, entryId: page.entries[0]!.id }), 'NOT_FOUND')
  })

  it('keep file lists and manual lists apart', async () => {
    const d = await desk(lab)
    const manual = allowed<HotListRecord>(await d.asAdmin('hotlists.create', SETTINGS))
    const file = allowed<HotListImportResult>(await importFile(d, `${HEADER}\n7ABC123,CA,Stolen,,,,,\n`, { newList: SETTINGS })).list
    refused(await importFile(d, `${HEADER}\n7ABC123,CA,Stolen,,,,,\n`, { replaceListId: manual.id }), 'CONFLICT')
    const add = refused(await d.asAdmin('hotlists.addEntry', { listId: file.id, plate: '6XYZ987', state: 'CA', reason: 'x', expiresOn: isoDay(d.clock.now() + DAY) }), 'CONFLICT')
    expect(add.message).toMatch(/add the vehicle to a manual list/)
    refused(await importFile(d, `${HEADER}\n7ABC123,CA,Stolen,,,,,\n`, { replaceListId: 'no-such-list' }), 'NOT_FOUND')
  })

  it('replace a file list atomically: a failure part-way leaves every old entry, a success replaces them all', async () => {
    const d = await desk(lab)
    const first = allowed<HotListImportResult>(await importFile(d, `${HEADER}\n1OLD111,CA,Stolen,2026-01-02,Honda,Civic,Blue,R1\n2OLD222,NV,Warrant,,,,,R2\n`, { newList: SETTINGS }))
    const listId = first.list.id
    const refreshedAt = first.list.refreshedAt
    const before = await entriesOf(d, listId)
    // A hit recorded against the old entry keeps its own copy of the record.
    withDatabase(d.dataDir, (db) => {
      const readId = db
        .prepare(`INSERT INTO reads (plate, state, confidence, read_at, source, created_at) VALUES ('1OLD111', 'CA', 0.97, ?, 'camera', ?)`)
        .run(d.clock.now(), d.clock.now()).lastInsertRowid
      db.prepare(
        `INSERT INTO hits (read_id, list_id, list_name, entry_id, entry_plate, entry_state, entry_reason, entry_vehicle, match, created_at)
         VALUES (?, ?, 'Stolen vehicles', ?, '1OLD111', 'CA', 'Stolen', 'Honda Civic, Blue', 'exact', ?)`,
      ).run(readId, listId, before.entries[0]!.id, d.clock.now())
      // The replacement's fourth row breaks a rule of the database, after three rows have gone in.
      db.exec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON hot_list_entries WHEN new.plate = 'BOOM4' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`)
    })

    await later(d, DAY - 3_600_000)
    const replacement = `${HEADER}\n3NEW333,CA,Stolen,,,,,\n4NEW444,CA,Stolen,,,,,\n5NEW555,CA,Stolen,,,,,\nBOOM4,CA,Stolen,,,,,\n`
    refused(await importFile(d, replacement, { replaceListId: listId }), 'INTERNAL')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'hotlists.import', outcome: 'failed' })
    expect(await entriesOf(d, listId)).toEqual(before)
    const unchanged = allowed<HotListRecord[]>(await d.asAdmin('hotlists.list', {}))[0]!
    expect(unchanged).toMatchObject({ refreshedAt, entries: 2, stale: false, ageMs: d.clock.now() - refreshedAt })
    expect(unchanged.ageMs).toBeGreaterThanOrEqual(DAY - 3_600_000)

    // Another hour and the file list is stale (over 24 h without a refresh).
    await later(d, 3_600_000)
    expect(allowed<HotListRecord[]>(await d.asAdmin('hotlists.list', {}))[0]).toMatchObject({ stale: true })

    withDatabase(d.dataDir, (db) => db.exec('DROP TRIGGER refuse_boom'))
    const done = allowed<HotListImportResult>(await importFile(d, replacement, { replaceListId: listId }))
    expect(done).toMatchObject({ replacedEntries: 2, list: { id: listId, entries: 4, refreshedAt: d.clock.now(), stale: false } })
    expect((await entriesOf(d, listId)).entries.map((e) => e.plate)).toEqual(['3NEW333', '4NEW444', '5NEW555', 'BOOM4'])
    const hit = withDatabase(d.dataDir, (db) => db.prepare('SELECT entry_plate AS plate, entry_vehicle AS vehicle, list_id AS listId FROM hits').get())
    expect(hit).toEqual({ plate: '1OLD111', vehicle: 'Honda Civic, Blue', listId })
  })

  it('are purged by the retention rule: manual entries at their expiry, lists not refreshed within their period', async () => {
    const d = await desk(lab)
    const manual = allowed<HotListRecord>(await d.asAdmin('hotlists.create', { ...SETTINGS, retentionDays: 10 }))
    allowed(await d.asAdmin('hotlists.addEntry', { listId: manual.id, plate: '7ABC123', state: 'CA', reason: 'x', expiresOn: isoDay(d.clock.now() + 2 * DAY) }))
    allowed(await d.asAdmin('hotlists.addEntry', { listId: manual.id, plate: '7ABC124', state: 'CA', reason: 'x', expiresOn: isoDay(d.clock.now() + 9 * DAY) }))
    const file = allowed<HotListImportResult>(await importFile(d, `${HEADER}\n1OLD111,CA,Stolen,,,,,\n`, { newList: { ...SETTINGS, retentionDays: 5 } })).list

    await later(d, 4 * DAY)
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow'))).toMatchObject({ hotListEntriesDeleted: 1, hotListsDeleted: 0 })
    expect((await entriesOf(d, manual.id)).entries.map((e) => e.plate)).toEqual(['7ABC124'])

    await later(d, 2 * DAY)
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow'))).toMatchObject({ hotListEntriesDeleted: 1, hotListsDeleted: 1 })
    expect(allowed<HotListRecord[]>(await d.asAdmin('hotlists.list', {})).map((l) => l.id)).toEqual([manual.id])
    refused(await d.asAdmin('hotlists.entries', { listId: file.id }), 'NOT_FOUND')
  })
})
