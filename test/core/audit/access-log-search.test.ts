// The access-log viewer's filters and the exports for auditors, through the real guard and encrypted store:
// each filter narrows in SQL, pages run newest first, and an export lands in the exports ledger and the log.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { pdfText, pdfToPngs } from '../../helpers/pdf'
import { DAY } from '../../../src/main/core/clock'
import { openDatabase } from '../../../src/main/core/store/database'
import { type AccessLogFilter } from '../../../src/main/core/store/repositories/access-log-filter'
import { AccessLogRepository } from '../../../src/main/core/store/repositories/access-log'
import { exportAccessLog } from '../../../src/main/core/audit/export'
import { resolveSettings } from '../../../src/main/core/settings/definitions'
import type { HandlerContext } from '../../../src/main/core/access/types'
import type { AccessLogPage, DocumentFile } from '../../../src/shared/models'
import { localAt, seed } from '../audits/seed-log'

const lab = useLab()
const JDOE = { id: 'u-jdoe', username: 'jdoe' }
const MROE = { id: 'u-mroe', username: 'mroe' }
const PURPOSE = { caseNumber: '26-000777' }

/** An administrator and an auditor signed in, over a log with a known set of seeded entries (March 2026). */
async function seededLog() {
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
  const admin = await setUpAdministrator(core, clock)
  const auditor = await createPerson(core, admin, clock, { username: 'aaudit', displayName: 'Arthur Audit', roles: ['auditor'] })
  const window = fromWindow('auditor-window')
  allowed(await signIn(core, window, clock, auditor))
  const ws = core.device.id
  const ids = {
    a: await seed(core.store, ws, { at: localAt(2026, 3, 1, 9), user: JDOE, plate: '7ABC123', purpose: 'Case 26-001111' }),
    b: await seed(core.store, ws, { at: localAt(2026, 3, 1, 10), user: MROE, plate: '7ABC123', purpose: 'Suspect last name Ortega' }),
    c: await seed(core.store, ws, { at: localAt(2026, 3, 1, 11), user: JDOE, plate: '4XYZ999', purpose: 'Case 26-002222', dataElements: { cameraId: 'cam-north' } }),
    d: await seed(core.store, ws, { at: localAt(2026, 3, 1, 12), user: JDOE, plate: '7ABC12', purpose: 'Case 26-001111' }),
    e: await seed(core.store, ws, { at: localAt(2026, 3, 1, 13), user: MROE, outcome: 'refused', code: 'PURPOSE_TOO_VAGUE', dataElements: { plate: '9NOPE00' } }),
    f: await seed(core.store, ws, { at: localAt(2026, 3, 1, 14), user: MROE, channel: 'hotlists.import', dataElements: { note: '100%_done' } }),
  }
  return { core, clock, admin, auditor, call: sender(core, window), ids }
}

describe('access-log search', () => {
  it('narrows by user, exact plate, data-element text, purpose, channel, outcome and time, newest first', async () => {
    const { call, ids } = await seededLog()
    const search = async (filter: Record<string, unknown>) =>
      allowed<AccessLogPage>(await call('accessLog.search', filter)).entries.map((e) => e.id).filter((id) => Object.values(ids).includes(id))

    expect(await search({ user: 'JDOE' })).toEqual([ids.d, ids.c, ids.a])
    // Exact plate, typed with a space and in lower case: 7ABC12 is not 7ABC123.
    expect(await search({ plate: '7abc 123' })).toEqual([ids.b, ids.a])
    expect(await search({ plate: '9NOPE00' })).toEqual([ids.e])
    // Text anywhere in the data elements: part of a plate, a camera id.
    expect(await search({ text: '7ABC12' })).toEqual([ids.d, ids.b, ids.a])
    expect(await search({ text: 'cam-north' })).toEqual([ids.c])
    // LIKE's wildcards are taken literally.
    expect(await search({ text: '%_' })).toEqual([ids.f])
    expect(await search({ purposeText: '26-0011' })).toEqual([ids.d, ids.a])
    expect(await search({ purposeText: 'ortega' })).toEqual([ids.b])
    expect(await search({ channel: 'hotlists.import' })).toEqual([ids.f])
    expect(await search({ outcome: 'refused', user: 'mroe' })).toEqual([ids.e])
    expect(await search({ from: localAt(2026, 3, 1, 10), to: localAt(2026, 3, 1, 12) })).toEqual([ids.c, ids.b])
    expect(await search({ user: 'jdoe', plate: '7ABC123', from: localAt(2026, 3, 1, 0) })).toEqual([ids.a])
    expect(await search({ user: 'nobody' })).toEqual([])
  })

  it('pages newest first with beforeId until nothing older matches', async () => {
    const { call, ids } = await seededLog()
    const first = allowed<AccessLogPage>(await call('accessLog.search', { user: 'jdoe', limit: 2 }))
    expect(first.entries.map((e) => e.id)).toEqual([ids.d, ids.c])
    expect(first.hasMore).toBe(true)
    const second = allowed<AccessLogPage>(await call('accessLog.search', { user: 'jdoe', limit: 2, beforeId: ids.c }))
    expect(second.entries.map((e) => e.id)).toEqual([ids.a])
    expect(second.hasMore).toBe(false)
    expect(second.entries[0]).toMatchObject({ username: 'jdoe', channel: 'reads.search', dataElements: { plate: '7ABC123' }, purpose: 'Case 26-001111', outcome: 'allowed' })
  })

  it('records each search’s filters in the log, and refuses unknown filters', async () => {
    const { core, call } = await seededLog()
    allowed(await call('accessLog.search', { plate: '7ABC123', purposeText: 'Ortega' }))
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'accessLog.search', username: 'aaudit', outcome: 'allowed', purpose: null })
    expect((await lastLogEntry(core)).dataElements).toEqual({ plate: '7ABC123', purposeText: 'Ortega' })
    expect(refused(await call('accessLog.search', { sql: '1=1' }), 'INVALID_INPUT').details).toEqual({ sql: 'Not a field of this request.' })
  })

  it('is refused to a role without accessLog.read', async () => {
    const { core, admin, clock } = await seededLog()
    const dispatcher = await createPerson(core, admin, clock, { username: 'ddisp', displayName: 'Dana Dispatch', roles: ['dispatcher'] })
    allowed(await signIn(core, fromWindow('d'), clock, dispatcher))
    refused(await sender(core, fromWindow('d'))('accessLog.search', {}), 'PERMISSION_DENIED')
    refused(await sender(core, fromWindow('d'))('accessLog.export', { format: 'csv', purpose: PURPOSE }), 'PERMISSION_DENIED')
  })
})

describe('the filters run on indexes', () => {
  const plan = (filter: AccessLogFilter): string => {
    const db = openDatabase({ file: `${lab.tempDir()}/plan.db`, key: Buffer.alloc(32, 7) })
    try {
      return new AccessLogRepository(db).searchPlan(filter).join(' | ')
    } finally {
      db.close()
    }
  }

  it('uses an index for the exact filters instead of reading the whole log', () => {
    expect(plan({ plate: '7ABC123' })).toMatch(/USING INDEX access_log_plate_id/)
    expect(plan({ user: 'jdoe' })).toMatch(/USING INDEX access_log_username_id/)
    expect(plan({ channel: 'reads.search' })).toMatch(/USING INDEX access_log_channel_id/)
    for (const f of [{ plate: 'X' }, { user: 'x' }, { channel: 'x' }]) expect(plan(f)).not.toMatch(/USE TEMP B-TREE/)
  })

  it('pages a time range by id bounds along the primary key, without sorting the whole range for each page', () => {
    // Before: "SEARCH access_log USING INDEX access_log_at (at>? AND at<?) | USE TEMP B-TREE FOR ORDER BY".
    const timed = plan({ from: 1, to: 2 })
    expect(timed).toMatch(/SEARCH access_log USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/)
    expect(timed).not.toMatch(/USE TEMP B-TREE/)
    expect(plan({ user: 'jdoe', from: 1 })).toMatch(/USING INDEX access_log_username_id/)
  })

  it('keeps a time range exact when the clock went backwards (an entry’s time is older than the one before it)', async () => {
    const { core, call, ids } = await seededLog()
    // Logged after f (14:00) with a time of 10:30: its id is above the range's other entries.
    const late = await seed(core.store, core.device.id, { at: localAt(2026, 3, 1, 10, 30), user: JDOE, plate: '7LATE01' })
    const page = async (beforeId?: number) =>
      allowed<AccessLogPage>(await call('accessLog.search', { from: localAt(2026, 3, 1, 10), to: localAt(2026, 3, 1, 12, 30), limit: 1, ...(beforeId ? { beforeId } : {}) }))
    const pages = [await page()]
    while (pages.at(-1)!.hasMore) pages.push(await page(pages.at(-1)!.entries[0]!.id))
    expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual([late, ids.d, ids.c, ids.b])
  })
})

describe('access-log exports for auditors', () => {
  it('exports the filtered entries as CSV, records the file in the exports ledger and the export id in the log', async () => {
    const { core, clock, auditor, call, ids } = await seededLog()
    const file = allowed<DocumentFile>(await call('accessLog.export', { format: 'csv', plate: '7ABC123', purpose: PURPOSE }))
    expect(file).toMatchObject({ mimeType: 'text/csv', exportId: expect.stringMatching(/^EX-\d{8}-[0-9A-F]{8}$/), destroyBy: clock.now() + 30 * DAY })
    expect(file.fileName).toBe(`access-log-20260302-1600-${file.exportId}.csv`)
    const lines = Buffer.from(file.dataBase64, 'base64').toString('utf8').trimEnd().split('\r\n')
    expect(lines[0]).toBe('entry,time_utc,username,agency,unit,workstation,channel,data_elements,purpose,outcome,code,message')
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([ids.b, ids.a])
    expect(lines[1]).toContain(',mroe,Springfield Police Department,Investigations,')
    expect(lines[1]).toContain(',reads.search,"{""plate"":""7ABC123""}",Suspect last name Ortega,allowed,,')

    expect(await core.store.exports.get(file.exportId!)).toMatchObject({
      kind: 'access-log',
      format: 'csv',
      itemCount: 2,
      sha256: file.sha256,
      createdBy: auditor.id,
      createdAt: clock.now(),
      destroyBy: clock.now() + 30 * DAY,
      description: 'Access log, 2 entries (plate 7ABC123)',
      purpose: 'Case 26-000777',
    })
    expect(await lastLogEntry(core)).toMatchObject({
      channel: 'accessLog.export',
      username: 'aaudit',
      outcome: 'allowed',
      purpose: 'Case 26-000777',
      dataElements: { format: 'csv', plate: '7ABC123', exportId: file.exportId, sha256: file.sha256, items: 2 },
    })
  })

  it('is an access to ALPR information: refused without a purpose, and the refusal is logged', async () => {
    const { core, call } = await seededLog()
    refused(await call('accessLog.export', { format: 'csv', plate: '7ABC123' }), 'PURPOSE_REQUIRED')
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'accessLog.export', outcome: 'refused', code: 'PURPOSE_REQUIRED' })
    expect((await core.store.exports.list()).filter((e) => e.kind === 'access-log')).toEqual([])
  })

  it('walks the hash chain for a PDF only (a CSV does not state it), and exports what it counted', async () => {
    const { core, auditor } = await seededLog()
    let verifies = 0
    let appendAfterCount = false
    // The store as export.ts sees it, with a second writer that appends a matching entry right after the count.
    const accessLog = new Proxy(core.store.accessLog, {
      get: (target, key, receiver) => {
        if (key === 'verify') return () => ((verifies += 1), target.verify())
        if (key === 'countMatching' && appendAfterCount) {
          return async (filter: AccessLogFilter) => {
            const n = await target.countMatching(filter)
            await seed(core.store, core.device.id, { at: localAt(2026, 3, 1, 15), user: JDOE, plate: '7ABC123' })
            return n
          }
        }
        return Reflect.get(target, key, receiver) as unknown
      },
    })
    const store = new Proxy(core.store, { get: (t, k, r) => (k === 'accessLog' ? accessLog : (Reflect.get(t, k, r) as unknown)) })
    const ctx = { now: localAt(2026, 3, 2, 9), settings: resolveSettings({}), user: auditor, purpose: 'Case 26-000777', note: () => {} } as unknown as HandlerContext

    await exportAccessLog(store, ctx, { plate: '7ABC123' }, 'csv')
    expect(verifies).toBe(0)
    await exportAccessLog(store, ctx, { plate: '7ABC123' }, 'pdf')
    expect(verifies).toBe(1)

    appendAfterCount = true
    const file = await exportAccessLog(store, ctx, { plate: '7ABC123' }, 'csv')
    const lines = Buffer.from(file.dataBase64, 'base64').toString('utf8').trimEnd().split('\r\n')
    // Two matched when counted; the entry appended meanwhile is not in the file, which says 2 entries.
    expect(lines).toHaveLength(3)
    expect((await core.store.exports.get(file.exportId!))!.description).toBe('Access log, 2 entries (plate 7ABC123)')
    expect((await core.store.accessLog.search({ plate: '7ABC123' }, 10)).entries).toHaveLength(3)
  })

  it('exports PDF with the filters, the chain check and the export id on every page', async () => {
    const { core, call, ids } = await seededLog()
    const file = allowed<DocumentFile>(await call('accessLog.export', { format: 'pdf', user: 'jdoe', from: localAt(2026, 3, 1, 0), purpose: PURPOSE }))
    expect(file.mimeType).toBe('application/pdf')
    const text = pdfText(Buffer.from(file.dataBase64, 'base64'))
    for (const expected of [
      'Access log export',
      `Export ${file.exportId}`,
      'Filters user jdoe, from 2026-03-01 00:00',
      'Entries 3, newest first',
      'Hash chain at export Intact: all',
      `#${ids.a}`,
      `#${ids.c}`,
      `#${ids.d}`,
      'plate: 4XYZ999 · cameraId: cam-north',
      'Case 26-002222',
      `Export ${file.exportId} · destroy by`,
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('Ortega')
    expect(text).toContain(`on ${core.device.name}`)
    pdfToPngs(Buffer.from(file.dataBase64, 'base64'), 'test-results/pdf', 'access-log') // for people to look at
    expect(await core.store.exports.get(file.exportId!)).toMatchObject({ kind: 'access-log', format: 'pdf', itemCount: 3 })
  })

  it('refuses a PDF of more entries than one document holds, saying how many matched', async () => {
    const { core, call } = await seededLog()
    for (let i = 0; i < 2001; i++) await seed(core.store, core.device.id, { at: localAt(2026, 2, 1) + i * 1000, user: JDOE, channel: 'system.status' })
    const error = refused(await call('accessLog.export', { format: 'pdf', channel: 'system.status', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(error.message).toBe('2,001 entries match these filters; one PDF export holds at most 2,000. Narrow the time range or add a filter, or export CSV.')
    expect((await core.store.exports.list()).filter((e) => e.kind === 'access-log')).toEqual([])
  })
})
