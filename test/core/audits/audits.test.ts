// Audits end to end through the real guard and encrypted store: evidence for a period with a seeded random
// sample, findings by one person, approval by a different one, and the signed report read back as text.
import { execFileSync } from 'node:child_process'
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, setUpAdministrator, signIn, type Send } from '../../helpers/core'
import { pdfText, pdfToPngs } from '../../helpers/pdf'
import { addMonths, DAY, MINUTE } from '../../../src/main/core/clock'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import { type Db, openDatabase } from '../../../src/main/core/store/database'
import { verifySignedContent } from '../../../src/main/core/documents/signed-pdf'
import { drawAuditSample } from '../../../src/main/core/audits/evidence'
import { ALPR_ACCESS_CHANNELS } from '../../../src/main/core/audits/channels'
import type { AuditDetail, AuditSummary, DocumentFile, ReportVerification } from '../../../src/shared/models'
import { localAt, seed } from './seed-log'

const lab = useLab()

/** An administrator, an auditor and a supervisor, each signed in at their own window. */
async function agency() {
  const clock = new TestClock()
  const dataDir = lab.tempDir()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  const people = {
    auditor: await createPerson(core, admin, clock, { username: 'aaudit', displayName: 'Arthur Audit', roles: ['auditor'] }),
    supervisor: await createPerson(core, admin, clock, { username: 'ssuper', displayName: 'Sam Super', roles: ['supervisor'] }),
  }
  const as: Record<'admin' | 'auditor' | 'supervisor', Send> = {
    admin: sender(core, admin.call),
    auditor: sender(core, fromWindow('auditor-window')),
    supervisor: sender(core, fromWindow('supervisor-window')),
  }
  allowed(await signIn(core, fromWindow('auditor-window'), clock, people.auditor))
  allowed(await signIn(core, fromWindow('supervisor-window'), clock, people.supervisor))
  return { clock, dataDir, core, admin, ...people, as }
}

const FEBRUARY = { periodStart: '2026-02-01', periodEnd: '2026-02-28' }
const PURPOSE = { caseNumber: '26-000777' }
const JDOE = { id: 'u-jdoe', username: 'jdoe' }

describe('two-person audit approval', () => {
  it('lets an auditor perform an audit and a supervisor approve it; the signed report is kept 3 years', async () => {
    const { core, clock, as, auditor, supervisor } = await agency()
    const draft = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    expect(draft).toMatchObject({ status: 'draft', createdBy: auditor.id, createdByName: 'aaudit', performedBy: null })
    expect(draft.periodStart).toBe(localAt(2026, 2, 1, 0))
    expect(draft.periodEnd).toBe(localAt(2026, 3, 1, 0))
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'audits.create', outcome: 'allowed', dataElements: { auditId: draft.id } })

    clock.advance(5 * MINUTE)
    const performed = allowed<AuditDetail>(
      await as.auditor('audits.perform', { id: draft.id, findings: 'Sampled purposes all name a case.', remedialActions: 'None needed.' }),
    )
    expect(performed).toMatchObject({ status: 'performed', performedBy: auditor.id, performedByName: 'aaudit', performedAt: clock.now() })

    clock.advance(5 * MINUTE)
    const approved = allowed<AuditDetail>(await as.supervisor('audits.approve', { id: draft.id, note: 'Reviewed with the auditor.' }))
    expect(approved).toMatchObject({ status: 'approved', approvedBy: supervisor.id, approvedByName: 'ssuper', approvedAt: clock.now(), approvalNote: 'Reviewed with the auditor.' })
    expect(approved.reportSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(approved.keepUntil).toBe(addMonths(clock.now(), 36))
    const list = allowed<AuditSummary[]>(await as.auditor('audits.list'))
    expect(list.map((a) => [a.id, a.status])).toEqual([[draft.id, 'approved']])
  })

  it('refuses the performer’s own approval with the reason, logs the refusal, and accepts another administrator’s', async () => {
    const { core, as, admin } = await agency()
    const draft = allowed<AuditDetail>(await as.admin('audits.create', FEBRUARY))
    allowed(await as.admin('audits.perform', { id: draft.id, findings: 'Nothing found.' }))

    const error = refused(await as.admin('audits.approve', { id: draft.id }), 'SECOND_PERSON_REQUIRED')
    expect(error.message).toBe('You performed this audit, so you cannot approve it. Another ALPR Administrator or a Supervisor must review and approve it.')
    expect(await lastLogEntry(core)).toMatchObject({
      channel: 'audits.approve',
      outcome: 'refused',
      code: 'SECOND_PERSON_REQUIRED',
      userId: admin.id,
      dataElements: { id: draft.id, auditId: draft.id },
    })
    expect(allowed<AuditDetail>(await as.admin('audits.get', { id: draft.id })).status).toBe('performed')

    allowed(await as.supervisor('audits.approve', { id: draft.id }))
  })

  it('keeps the two-person rule in the database too, even for a caller that bypasses the handler', async () => {
    const { core, as, admin } = await agency()
    const draft = allowed<AuditDetail>(await as.admin('audits.create', FEBRUARY))
    allowed(await as.admin('audits.perform', { id: draft.id, findings: 'Nothing found.' }))
    const bypass = await core.store.audits.approve({
      id: draft.id,
      approvedBy: admin.id,
      approvedAt: 1,
      note: '',
      reportPdf: Buffer.from('x'),
      reportSha256: 'x',
      reportSpec: '{}',
      reportSignature: '{}',
      keepUntil: 2,
    })
    expect(bypass).toBe(false)
    expect((await core.store.audits.get(draft.id))!.status).toBe('performed')
  })

  it('refuses approving a draft, approving twice, performing twice, and approval by a role without audits.approve', async () => {
    const { as } = await agency()
    const draft = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    expect(refused(await as.supervisor('audits.approve', { id: draft.id }), 'CONFLICT').message).toMatch(/has not been performed yet/)
    allowed(await as.auditor('audits.perform', { id: draft.id, findings: 'First.' }))
    expect(refused(await as.admin('audits.perform', { id: draft.id, findings: 'Second.' }), 'CONFLICT').message).toBe(
      'This audit was already performed by aaudit; its findings cannot be changed.',
    )
    // An auditor performs audits but does not approve them.
    refused(await as.auditor('audits.approve', { id: draft.id }), 'PERMISSION_DENIED')
    allowed(await as.admin('audits.approve', { id: draft.id }))
    expect(refused(await as.supervisor('audits.approve', { id: draft.id }), 'CONFLICT').message).toBe('This audit was already approved by aadmin.')
    refused(await as.auditor('audits.get', { id: 'AU-nope' }), 'NOT_FOUND')
  })

  it('shows audits only to those who perform or approve them', async () => {
    const { core, clock, admin, as } = await agency()
    const draft = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    expect(allowed<AuditSummary[]>(await as.supervisor('audits.list')).map((a) => a.id)).toEqual([draft.id])
    allowed(await as.supervisor('audits.get', { id: draft.id }))
    refused(await as.supervisor('audits.create', FEBRUARY), 'PERMISSION_DENIED')
    const dispatcher = await createPerson(core, admin, clock, { username: 'ddisp', displayName: 'Dana Dispatch', roles: ['dispatcher'] })
    allowed(await signIn(core, fromWindow('dispatch-window'), clock, dispatcher))
    const asDispatcher = sender(core, fromWindow('dispatch-window'))
    refused(await asDispatcher('audits.list'), 'PERMISSION_DENIED')
    refused(await asDispatcher('audits.get', { id: draft.id }), 'PERMISSION_DENIED')
    refused(await asDispatcher('audits.overview'), 'PERMISSION_DENIED')
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'audits.overview', outcome: 'refused', code: 'PERMISSION_DENIED', username: 'ddisp' })
  })

  it('refuses a period that ends before it starts, lies in the future, or is longer than three years', async () => {
    const { as } = await agency()
    expect(refused(await as.auditor('audits.create', { periodStart: '2026-02-10', periodEnd: '2026-02-01' }), 'INVALID_INPUT').details).toEqual({ periodEnd: 'On or after the start' })
    refused(await as.auditor('audits.create', { periodStart: '2026-04-01', periodEnd: '2026-04-30' }), 'INVALID_INPUT')
    refused(await as.auditor('audits.create', { periodStart: '2022-01-01', periodEnd: '2026-02-01' }), 'INVALID_INPUT')
  })

  it('refuses a period that has not ended: today (2 March) or later cannot be audited yet; yesterday can', async () => {
    const { as } = await agency()
    for (const periodEnd of ['2026-03-02', '2026-03-31']) {
      const error = refused(await as.auditor('audits.create', { periodStart: '2026-02-01', periodEnd }), 'INVALID_INPUT')
      expect(error.message).toBe(`An audit covers a period that has ended; ${periodEnd} is not over yet. End the period on 2026-03-01 or earlier.`)
      expect(error.details).toEqual({ periodEnd: 'A day that has ended' })
    }
    allowed(await as.auditor('audits.create', { periodStart: '2026-02-01', periodEnd: '2026-03-01' }))
  })

  it('allows one open audit per period: an overlapping draft or performed audit must be completed first', async () => {
    const { as } = await agency()
    const first = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    const overlapping = { periodStart: '2026-02-20', periodEnd: '2026-03-01' }
    expect(refused(await as.auditor('audits.create', overlapping), 'CONFLICT').message).toBe(
      `Audit ${first.id} of an overlapping period is still a draft; complete it before assembling another for this period.`,
    )
    allowed(await as.auditor('audits.perform', { id: first.id, findings: 'Nothing found.' }))
    expect(refused(await as.admin('audits.create', overlapping), 'CONFLICT').message).toMatch(/is still awaiting approval/)
    // A period that does not overlap is not held up.
    allowed(await as.auditor('audits.create', { periodStart: '2026-01-01', periodEnd: '2026-01-31' }))
    allowed(await as.supervisor('audits.approve', { id: first.id }))
    allowed(await as.auditor('audits.create', overlapping))
  })
})

describe('the random sample of searches', () => {
  it('draws the sample from the period’s searches only, reproducibly from its seed', async () => {
    const { core, as } = await agency()
    const ws = core.device.id
    const searches: number[] = []
    for (let i = 0; i < 40; i++) {
      searches.push(await seed(core.store, ws, { at: localAt(2026, 2, 1 + (i % 28), 9 + (i % 8)), user: JDOE, plate: `7SMP${String(i).padStart(3, '0')}` }))
    }
    // Not searches, or not in the period.
    for (let i = 0; i < 5; i++) await seed(core.store, ws, { at: localAt(2026, 2, 10, 10), user: JDOE, channel: 'users.list' })
    await seed(core.store, ws, { at: localAt(2026, 2, 10, 11), user: JDOE, channel: 'accessLog.search', plate: '7SMP001' })
    await seed(core.store, ws, { at: localAt(2026, 2, 11, 10), user: JDOE, plate: '7REFUSE', outcome: 'refused', code: 'PURPOSE_TOO_VAGUE' })
    await seed(core.store, ws, { at: localAt(2026, 1, 31, 23, 59), user: JDOE, plate: '7JANUAR' })
    await seed(core.store, ws, { at: localAt(2026, 3, 1, 0, 0), user: JDOE, plate: '7MARCH1' })

    const audit = allowed<AuditDetail>(await as.auditor('audits.create', { ...FEBRUARY, sampleSize: 10 }))
    const sample = audit.evidence.sample
    expect(sample.population).toBe(40)
    expect(sample.seed).toBe(audit.sampleSeed)
    expect(sample.channels).toEqual([...ALPR_ACCESS_CHANNELS])
    expect(sample.channels.some((c) => c.startsWith('accessLog.') || c.startsWith('audits.'))).toBe(false)
    const ids = sample.entries.map((e) => e.id)
    expect(ids).toHaveLength(10)
    expect(new Set(ids).size).toBe(10)
    for (const id of ids) expect(searches).toContain(id)
    expect(sample.entries[0]).toMatchObject({ username: 'jdoe', channel: 'reads.search', purpose: 'Case 26-004411' })
    expect(sample.entries[0]!.query).toMatch(/^plate: 7SMP\d{3}$/)

    // Kept with the audit: what the sample was drawn from. Searches logged later in the period (a late
    // import, a clock set back) never enter a redraw, so the same basis draws the same searches.
    const row = (await core.store.audits.get(audit.id))!
    expect(JSON.parse(row.sampleChannels)).toEqual(sample.channels)
    expect(row.sampleMaxLogId).toBe(sample.maxLogId)
    for (let i = 0; i < 10; i++) await seed(core.store, ws, { at: localAt(2026, 2, 15, 10), user: JDOE, plate: `7LATE${i}` })
    const basis = { periodStart: audit.periodStart, periodEnd: audit.periodEnd, sampleSize: 10, seed: row.sampleSeed, channels: sample.channels, maxLogId: row.sampleMaxLogId }
    expect(await drawAuditSample(core.store, basis)).toEqual({ population: 40, ids })
    expect((await drawAuditSample(core.store, { ...basis, seed: row.sampleSeed + 1 })).ids).not.toEqual(ids)
    expect((await drawAuditSample(core.store, { ...basis, sampleSize: 100 })).ids).toEqual(searches)
  })

  it('chooses the seed itself: a caller cannot choose one, and two audits get different seeds', async () => {
    const { as } = await agency()
    expect(refused(await as.auditor('audits.create', { ...FEBRUARY, seed: 7 }), 'INVALID_INPUT').details).toEqual({ seed: 'Not a field of this request.' })
    const first = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    allowed(await as.auditor('audits.perform', { id: first.id, findings: 'x' }))
    allowed(await as.admin('audits.approve', { id: first.id }))
    const second = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    expect(second.sampleSeed).not.toBe(first.sampleSeed)
    expect(second.evidence.sample.entries).toHaveLength(0)
  })
})

/** Opens the database beside the running store, as the other domains' repositories would have written it. */
function withDb(dataDir: string, work: (db: Db) => void): void {
  const key = Buffer.from(readFileSync(join(dataDir, 'store.key'), 'utf8').trim(), 'hex')
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key })
  try {
    work(db)
  } finally {
    db.close()
  }
}

describe('the evidence and the signed report', () => {
  it('assembles retention, hot-list, export, correction, account and misuse evidence, and prints it in the signed PDF', async () => {
    const { core, clock, dataDir, as, auditor } = await agency()
    const now = clock.now()
    const ws = core.device.id
    withDb(dataDir, (db) => {
      const read = db.prepare(`INSERT INTO reads (id, plate, confidence, read_at, created_at) VALUES (?, ?, 0.9, ?, ?)`)
      read.run(1, '6OLD001', now - 70 * DAY, now - 70 * DAY)
      read.run(2, '6OLD002', now - 75 * DAY, now - 75 * DAY) // held by an open hold
      read.run(3, '6OLD003', now - 80 * DAY, now - 80 * DAY) // its hold was released
      read.run(4, '6NEW004', now - 10 * DAY, now - 10 * DAY)
      const hold = db.prepare(`INSERT INTO holds (id, case_number, reason, review_at, placed_by, placed_at, released_at) VALUES (?, ?, 'Evidence', ?, 'x', ?, ?)`)
      hold.run('H1', '26-000123', now + 30 * DAY, now - 71 * DAY, null)
      hold.run('H2', '26-000124', now - DAY, now - 79 * DAY, now - 2 * DAY)
      db.prepare(`INSERT INTO hold_reads (hold_id, read_id) VALUES ('H1', 2), ('H2', 3)`).run()
      const list = db.prepare(`INSERT INTO hot_lists (id, name, source, kind, retention_days, refreshed_at, created_at) VALUES (?, ?, 'test', ?, ?, ?, ?)`)
      list.run('L1', 'Manual entries', 'manual', null, now - DAY, now - 50 * DAY)
      list.run('L2', 'DOJ stolen vehicles', 'file', 90, now - DAY, now - 50 * DAY)
      const entry = db.prepare(`INSERT INTO hot_list_entries (list_id, plate, created_at, expires_at) VALUES (?, ?, ?, ?)`)
      entry.run('L1', '3HOT001', now - 40 * DAY, null)
      entry.run('L1', '3HOT002', now - 5 * DAY, now - DAY) // its own expiry passed
      entry.run('L1', '3HOT003', now - 5 * DAY, null)
      entry.run('L2', '3HOT004', now - 40 * DAY, null)
      db.prepare(
        `INSERT INTO read_corrections (read_id, original_plate, corrected_plate, reason, corrected_by, corrected_at) VALUES (4, '6NEW0O4', '6NEW004', 'O read as 0', ?, ?)`,
      ).run(auditor.id, localAt(2026, 2, 20, 10))
    })
    await core.store.exports.record({
      id: 'EX-20260101-OLD00001', kind: 'search-results', format: 'csv', description: 'Search results for case 26-000123',
      itemCount: 3, sha256: null, purpose: 'Case 26-000123', createdBy: auditor.id, createdAt: now - 40 * DAY, recipient: null, destroyBy: now - 10 * DAY,
    })
    for (let i = 0; i < 5; i++) await seed(core.store, ws, { at: localAt(2026, 2, 10 + i, 3), user: JDOE, plate: '5REP555' })

    const draft = allowed<AuditDetail>(await as.auditor('audits.create', { ...FEBRUARY, sampleSize: 3 }))
    const e = draft.evidence
    expect(e.retention).toMatchObject({ readRetentionDays: 60, readsPastRetention: 2, oldestPastRetention: now - 80 * DAY, readsHeld: 1 })
    expect(e.hotLists.lists.map((l) => [l.name, l.retentionDays, l.entries, l.overdueEntries])).toEqual([
      ['DOJ stolen vehicles', 90, 1, 0],
      ['Manual entries', 30, 3, 2],
    ])
    expect(e.hotLists.overdueEntries).toBe(2)
    expect(e.exports.overdue).toMatchObject([{ id: 'EX-20260101-OLD00001', createdBy: 'aaudit' }])
    expect(e.corrections).toMatchObject([{ readId: 4, originalPlate: '6NEW0O4', correctedPlate: '6NEW004', correctedBy: 'aaudit' }])
    expect(e.accounts.rows.map((a) => [a.username, a.status, a.issues])).toEqual([
      ['aadmin', 'active', []],
      ['aaudit', 'active', []],
      ['ssuper', 'active', []],
    ])
    expect(e.misuse.flags.map((f) => f.kind)).toEqual(['repeat-plate', 'outside-hours'])
    expect(draft.flagCount).toBe(2)

    const [first, second] = e.sample.entries
    expect(
      refused(await as.auditor('audits.perform', { id: draft.id, findings: 'x', sampleReviews: [{ entryId: 999_999, assessment: 'adequate' }] }), 'INVALID_INPUT').details,
    ).toEqual({ 'sampleReviews.0.entryId': 'Not in the sample, or listed twice' })
    const performed = allowed<AuditDetail>(
      await as.auditor('audits.perform', {
        id: draft.id,
        findings: 'Two reads kept past retention.\n\nRepeat queries of 5REP555 by jdoe.',
        remedialActions: 'Run retention; interview jdoe.',
        sampleReviews: [
          { entryId: first!.id, assessment: 'adequate' },
          { entryId: second!.id, assessment: 'questionable', note: 'Same plate again' },
        ],
      }),
    )
    expect(performed.sampleReviews).toEqual([
      { entryId: first!.id, assessment: 'adequate', note: '' },
      { entryId: second!.id, assessment: 'questionable', note: 'Same plate again' },
    ])
    allowed(await as.supervisor('audits.approve', { id: draft.id, note: 'Agreed.' }))

    const file = allowed<DocumentFile>(await as.auditor('audits.report', { id: draft.id, purpose: PURPOSE }))
    expect(file).toMatchObject({ mimeType: 'application/pdf', fileName: expect.stringMatching(/^audit-AU-\d{8}-[0-9A-F]{8}-2026-02-01\.pdf$/) })
    const pdf = Buffer.from(file.dataBase64, 'base64')
    const text = pdfText(pdf)
    for (const expected of [
      'ALPR system audit report',
      `Audit ${draft.id}`,
      'period 2026-02-01 to 2026-02-28',
      'Performed by aaudit',
      'Approved by Sam Super (ssuper)',
      'Searches and their purposes (random sample)',
      `3 of 5 searches drawn at random (seed ${draft.sampleSeed}`,
      '2 of 3 assessed by the performer; 1 questionable.',
      'Not assessed',
      'Account status',
      'Past retention, no hold 2 (oldest',
      'NOT compliant',
      'Manual entries manual 30 days 3 2',
      'EX-20260101-OLD00001',
      '6NEW0O4',
      'jdoe queried plate 5REP555 5 times within 7 days (threshold 5).',
      'Two reads kept past retention.',
      'Repeat queries of 5REP555 by jdoe.',
      'Run retention; interview jdoe.',
      'Approver’s note: Agreed.',
      'Signature (Ed25519)',
    ]) {
      expect(text).toContain(expected)
    }
    // The assessment's words wrap around the time column's second line.
    expect(text).toMatch(/Questionable:.{0,12}Same plate again/)
    expect(text).toMatch(e.sharing.kept ? /Sharing/ : /does not keep sharing records/)

    // The kept report is the one handed out, its signature verifies, and the copy is in the exports ledger.
    const kept = (await core.store.audits.report(draft.id))!
    expect(Buffer.from(kept.pdf).equals(pdf)).toBe(true)
    const spec = JSON.parse(kept.spec) as { createdAt: string }
    expect(await verifySignedContent(core.store, { ...spec, createdAt: new Date(spec.createdAt) } as never, JSON.parse(kept.signature))).toBe(true)
    expect(await core.store.exports.get(file.exportId!)).toMatchObject({ kind: 'audit-report', format: 'pdf', createdBy: auditor.id, destroyBy: clock.now() + 30 * DAY })
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'audits.report', outcome: 'allowed', dataElements: { exportId: file.exportId } })

    pdfToPngs(pdf, 'test-results/pdf', 'audit-report') // for people to look at
  })

  it('refuses the report of an audit that is not approved', async () => {
    const { as } = await agency()
    const draft = allowed<AuditDetail>(await as.auditor('audits.create', FEBRUARY))
    expect(refused(await as.auditor('audits.report', { id: draft.id, purpose: PURPOSE }), 'CONFLICT').message).toBe('Only an approved audit has a signed report.')
  })
})

/** An audit of February performed by the auditor and approved by the supervisor. */
async function approvedAudit(a: Awaited<ReturnType<typeof agency>>): Promise<AuditDetail> {
  const draft = allowed<AuditDetail>(await a.as.auditor('audits.create', FEBRUARY))
  allowed(await a.as.auditor('audits.perform', { id: draft.id, findings: 'Nothing found.' }))
  return allowed<AuditDetail>(await a.as.supervisor('audits.approve', { id: draft.id }))
}

describe('a copy of the report is an access to ALPR information', () => {
  it('requires a purpose, and records it in the log and the exports ledger', async () => {
    const a = await agency()
    const audit = await approvedAudit(a)
    refused(await a.as.auditor('audits.report', { id: audit.id }), 'PURPOSE_REQUIRED')
    expect(await lastLogEntry(a.core)).toMatchObject({ channel: 'audits.report', outcome: 'refused', code: 'PURPOSE_REQUIRED' })
    const file = allowed<DocumentFile>(await a.as.auditor('audits.report', { id: audit.id, purpose: PURPOSE }))
    expect(await lastLogEntry(a.core)).toMatchObject({ channel: 'audits.report', outcome: 'allowed', purpose: 'Case 26-000777' })
    expect(await a.core.store.exports.get(file.exportId!)).toMatchObject({ kind: 'audit-report', purpose: 'Case 26-000777' })
  })
})

describe('verifying a signed report outside the product', () => {
  it('carries the signed content as an attachment and prints the public key, so the signature checks with plain crypto', async () => {
    const a = await agency()
    const audit = await approvedAudit(a)
    const pdf = Buffer.from(allowed<DocumentFile>(await a.as.auditor('audits.report', { id: audit.id, purpose: PURPOSE })).dataBase64, 'base64')
    const dir = lab.tempDir()
    writeFileSync(join(dir, 'report.pdf'), pdf)
    execFileSync('pdfdetach', ['-saveall', '-o', dir, join(dir, 'report.pdf')])
    const content = readFileSync(join(dir, 'signed-content.json'))
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    // What an outside auditor reads off the page: the content digest, the public key and the signature.
    const digest = createHash('sha256').update(content).digest('hex')
    expect(text).toContain(`Content SHA-256: ${digest}.`)
    // Long values wrap in the PDF: the extracted text has spaces where the lines broke.
    const publicKey = /Public key \(Ed25519\) ([A-Za-z0-9+/ ]+=)/.exec(text)![1]!.replaceAll(' ', '')
    const signature = /Signature \(Ed25519\) ([A-Za-z0-9+/ ]+==)/.exec(text)![1]!.replaceAll(' ', '')
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' })
    expect(cryptoVerify(null, Buffer.from(digest, 'hex'), key, Buffer.from(signature, 'base64'))).toBe(true)
    expect(text).toContain('To verify: compute the SHA-256 of the attached file signed-content.json')
    // The attached content is the report's own: its title and findings.
    expect(JSON.parse(content.toString('utf8'))).toMatchObject({ title: 'ALPR system audit report' })
    expect(content.toString('utf8')).toContain('Nothing found.')
  })

  it('answers whether a PDF is a kept, approved report of this agency, and refuses a tampered copy', async () => {
    const a = await agency()
    const audit = await approvedAudit(a)
    const pdf = Buffer.from(allowed<DocumentFile>(await a.as.auditor('audits.report', { id: audit.id, purpose: PURPOSE })).dataBase64, 'base64')
    const answer = allowed<ReportVerification>(await a.as.auditor('audits.verifyReport', { pdfBase64: pdf.toString('base64') }))
    expect(answer).toMatchObject({ found: true, signatureValid: true, sha256: audit.reportSha256, audit: { id: audit.id, approvedByName: 'ssuper' } })
    expect(answer.summary).toMatch(new RegExp(`^This PDF is the signed report of audit ${audit.id}, approved \\d{4}-\\d{2}-\\d{2}; its signature verifies`))
    expect(await lastLogEntry(a.core)).toMatchObject({ channel: 'audits.verifyReport', outcome: 'allowed', dataElements: { auditId: audit.id } })

    const tampered = Buffer.from(pdf)
    const at = tampered.indexOf('Nothing found.')
    tampered.write('Nothing fOund.', at === -1 ? 100 : at)
    const no = allowed<ReportVerification>(await a.as.admin('audits.verifyReport', { pdfBase64: tampered.toString('base64') }))
    expect(no).toMatchObject({ found: false, signatureValid: false, audit: null })
    expect(no.summary).toBe('This PDF is not an approved audit report kept by this agency: no kept report has these exact bytes.')

    const dispatcher = await createPerson(a.core, a.admin, a.clock, { username: 'ddisp', displayName: 'Dana Dispatch', roles: ['dispatcher'] })
    allowed(await signIn(a.core, fromWindow('dispatch-window'), a.clock, dispatcher))
    refused(await sender(a.core, fromWindow('dispatch-window'))('audits.verifyReport', { pdfBase64: pdf.toString('base64') }), 'PERMISSION_DENIED')
  })
})

describe('an approved audit in the database', () => {
  it('cannot be changed, nor deleted before its keep-until time, even bypassing the handlers', async () => {
    const a = await agency()
    const audit = await approvedAudit(a)
    const open = allowed<AuditDetail>(await a.as.auditor('audits.create', { periodStart: '2026-01-01', periodEnd: '2026-01-31' }))
    withDb(a.dataDir, (db) => {
      expect(() => db.prepare(`UPDATE audits SET findings = 'Rewritten.' WHERE id = ?`).run(audit.id)).toThrow('An approved audit cannot be changed.')
      expect(() => db.prepare(`UPDATE audits SET report_pdf = x'00' WHERE id = ?`).run(audit.id)).toThrow('An approved audit cannot be changed.')
      expect(() => db.prepare('DELETE FROM audits WHERE id = ?').run(audit.id)).toThrow('An approved audit is kept until its keep-until time.')
      // Drafts are not signed records yet.
      db.prepare(`UPDATE audits SET flag_count = 1 WHERE id = ?`).run(open.id)
    })
    expect((await a.core.store.audits.get(audit.id))!.findings).toBe('Nothing found.')
  })
})
