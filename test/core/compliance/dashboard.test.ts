// The compliance dashboard: for each duty, the evidence the product holds and what is missing or overdue (no
// audit in 12 months, lapsed reviews, overdue exports, a vendor contract lacking an item, the policy out of date,
// holds past review, retention runs failing, reads outliving their period).
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { DAY, MINUTE, addMonths } from '../../../src/main/core/clock'
import type { ComplianceDuty } from '../../../src/shared/models'
import { addCamera, addRead, withDatabase } from '../sharing/seed'
import { producedShare } from '../sharing/produced-share'

const lab = useLab()
const PURPOSE = { caseNumber: '26-004512' }
const byId = (duties: ComplianceDuty[]) => Object.fromEntries(duties.map((d) => [d.id, d]))

describe('the compliance dashboard', () => {
  it('on a new system, lists the audit, the policy and retention runs as missing and the rest as met', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    const duties = byId(allowed<ComplianceDuty[]>(await sender(core, admin.call)('compliance.dashboard')))
    expect(Object.keys(duties).sort()).toEqual(['accounts', 'audit', 'exports', 'policy', 'records-requests', 'retention', 'sharing', 'vendors'])
    expect(duties.audit).toMatchObject({ state: 'missing', problems: ['No audit has been approved yet.'] })
    expect(duties.policy).toMatchObject({ state: 'missing', problems: ['The usage and privacy policy has never been published.'] })
    expect(duties.retention!.problems).toEqual(['No retention run has been recorded.'])
    for (const id of ['accounts', 'exports', 'sharing', 'records-requests', 'vendors']) expect(duties[id]).toMatchObject({ state: 'met', problems: [] })
    expect(duties.vendors!.evidence[0]).toMatch(/No vendor contract on record/)
  })

  it('shows each missing or overdue item, and clears those that are put right', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock)
    let send = sender(core, admin.call)
    const start = clock.now()
    const second = await createPerson(core, admin, clock, { username: 'mchen', displayName: 'Morgan Chen', roles: ['administrator'] })
    const secondCall = fromWindow('second')
    allowed(await signIn(core, secondCall, clock, second))

    // A share sent by e-mail whose original message was never kept.
    withDatabase(dataDir, (db) => {
      addCamera(db, { id: 'c1', name: 'Main St', createdAt: start - DAY })
      addRead(db, { plate: '7ABC123', readAt: start - DAY, cameraId: 'c1' })
    })
    const share = await producedShare(send, sender(core, secondCall), {
      purpose: PURPOSE,
      agencyName: 'Yolo County Sheriff',
      need: 'Stolen vehicle.',
      verification: 'Call-back.',
      transfer: 'email',
      selection: { readIds: [1] },
    })
    allowed(await send('policy.publish'))
    allowed(await send('sharing.logRecordsRequest', { kind: 'subpoena', receivedOn: '2027-03-01', requester: 'Superior Court', asked: 'Reads', dueOn: '2027-03-15' }))
    allowed(
      await send('vendors.save', {
        vendor: 'CloudPlates Inc.',
        service: 'Off-site backup of reads',
        signedOn: '2025-01-01',
        expiresOn: '2026-12-31',
        dataOwnedByAgency: true,
        storageLocation: 'outside',
        staffTrained: true,
        staffBackgroundChecked: false,
        vendorAudits: true,
        lastVendorAuditOn: '2026-01-15',
        breachPolicy: true,
      }),
    )

    // Thirteen months on. The administrator's own access was reviewed at eleven months; Morgan's was not.
    const later = addMonths(start, 13)
    withDatabase(dataDir, (db) => {
      db.prepare(`INSERT INTO access_reviews (user_id, reviewed_at, reviewer_id, decision, reason) VALUES (?, ?, ?, 'approved', 'Annual review')`).run(
        admin.id,
        addMonths(start, 11),
        second.id,
      )
      db.prepare(`UPDATE users SET last_access_at = ?, last_used_at = ? WHERE id = ?`).run(later - DAY, later - DAY, admin.id)
      db.prepare(`INSERT INTO training_records (user_id, course, completed_at, recorded_by, recorded_at) VALUES (?, 'Refresher', ?, ?, ?)`).run(
        admin.id,
        later - 10 * DAY,
        admin.id,
        later - 10 * DAY,
      )
      // An audit approved just over 12 months before "later".
      db.prepare(
        `INSERT INTO audits (id, period_start, period_end, status, created_by, created_at, sample_seed, evidence, performed_by, performed_at,
                             approved_by, approved_at, report_sha256)
         VALUES ('AU-1', ?, ?, 'approved', ?, ?, 1, '{}', ?, ?, ?, ?, 'abc')`,
      ).run(start - 400 * DAY, start - 30 * DAY, admin.id, start - 20 * DAY, admin.id, start - 20 * DAY, second.id, start - 10 * DAY)
      db.prepare(`INSERT INTO holds (id, case_number, reason, review_at, placed_by, placed_at) VALUES ('HOLD-1', '26-000111', 'Evidence', ?, ?, ?)`).run(
        later - 5 * DAY,
        admin.id,
        start,
      )
      db.prepare(
        `INSERT INTO retention_runs (kind, started_at, finished_at, read_cutoff, log_cutoff, reads_deleted, outcome)
         VALUES ('scheduled', ?, ?, 0, 0, 10, 'completed'), ('scheduled', ?, NULL, 0, 0, 0, 'failed')`,
      ).run(later - DAY, later - DAY + 1000, later - HOUR_MS)
      // Reads left over past their retention period: one held (not counted), one not.
      const held = addRead(db, { plate: '8OLD000', readAt: later - 70 * DAY, cameraId: 'c1' })
      db.prepare(`INSERT INTO hold_reads (hold_id, read_id) VALUES ('HOLD-1', ?)`).run(held)
    })
    clock.set(later)
    allowed(await signIn(core, admin.call, clock, admin))
    send = sender(core, admin.call)
    allowed(await send('settings.change', { key: 'exportDestructionDays', value: 14 }))
    clock.advance(MINUTE)

    const duties = byId(allowed<ComplianceDuty[]>(await send('compliance.dashboard')))
    expect(duties.audit!.state).toBe('overdue')
    expect(duties.audit!.problems[0]).toMatch(/^No audit approved in the last 12 months/)
    expect(duties.accounts!.state).toBe('overdue')
    // Morgan has not signed in for 13 months: flagged as inactive as well as unreviewed (an active account past the
    // inactivity period is a problem whatever else is wrong with it).
    expect(duties.accounts!.problems).toEqual([
      expect.stringMatching(/^Annual access review lapsed: Morgan Chen \(mchen\)/),
      'Not used for 90 days and not yet suspended: Morgan Chen (mchen).',
    ])
    expect(duties.exports!.state).toBe('overdue')
    expect(duties.exports!.problems).toEqual([expect.stringMatching(/^EX-.* \(Share SH-.* with Yolo County Sheriff: 1 selected read\) was due for destruction on/)])
    expect(duties.sharing!.problems).toEqual([`Share ${share.id} with Yolo County Sheriff was sent by e-mail, but the original message is not kept.`])
    expect(duties['records-requests']!.problems).toEqual([expect.stringMatching(/from Superior Court was due on 2027-03-15/)])
    expect(duties.vendors!.state).toBe('overdue')
    expect(duties.vendors!.problems).toEqual([
      'CloudPlates Inc.: contract expired on 2026-12-31.',
      'CloudPlates Inc.: stored only in the us or canada — Storage: Outside the United States and Canada.',
      'CloudPlates Inc.: vendor staff with access are background-checked — Not required by the contract.',
      expect.stringMatching(/^CloudPlates Inc.: the vendor audits its service periodically — Required, but the last audit \(2026-01-15\) is more than 12 months old/),
    ])
    expect(duties.policy!.state).toBe('attention')
    expect(duties.policy!.problems[0]).toMatch(/no longer matches the settings: destruction of downloaded, printed or shared copies/)
    expect(duties.retention!.state).toBe('overdue')
    expect(duties.retention!.problems).toEqual([
      `The latest retention run failed (${new Date(later - HOUR_MS).toISOString().slice(0, 10)}).`,
      '1 read older than 60 days and not under a hold is still stored.',
      `Hold HOLD-1 was due for review on ${new Date(later - 5 * DAY).toISOString().slice(0, 10)}.`,
    ])

    // Put two right: publish the policy again and keep the e-mail message.
    allowed(await send('policy.publish'))
    allowed(await send('sharing.keepEmail', { shareId: share.id, fileName: 'share.eml', messageBase64: Buffer.from('Subject: share\r\n\r\nx').toString('base64') }))
    const after = byId(allowed<ComplianceDuty[]>(await send('compliance.dashboard')))
    expect(after.policy).toMatchObject({ state: 'met', problems: [] })
    expect(after.sharing).toMatchObject({ state: 'met', problems: [] })
  })

  it('does not call data overdue that crossed its retention period since the last hourly purge', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock)
    const now = clock.now()
    const retention = 60 * DAY
    withDatabase(dataDir, (db) => {
      addCamera(db, { id: 'c1', name: 'Main St', createdAt: now - 100 * DAY })
      // The last scheduled run completed 50 minutes ago; the next is due in 10.
      db.prepare(
        `INSERT INTO retention_runs (kind, started_at, finished_at, read_cutoff, log_cutoff, reads_deleted, outcome)
         VALUES ('scheduled', ?, ?, ?, 0, 3, 'completed')`,
      ).run(now - 50 * MINUTE, now - 49 * MINUTE, now - 50 * MINUTE - retention)
      // Crossed the cutoff 40 minutes ago, after that run: the next run deletes it; nothing is overdue.
      addRead(db, { plate: '7ABC123', readAt: now - retention - 40 * MINUTE, cameraId: 'c1' })
      db.prepare(`INSERT INTO agencies (id, name, type, state, created_by, created_at) VALUES ('A1', 'Yolo County Sheriff', 'county_agency', 'CA', ?, ?)`).run(admin.id, now)
      db.prepare(
        `INSERT INTO shares (id, agency_id, requester, requester_title, purpose, need, verification, transfer, selection, item_count, requested_by, created_at, status)
         VALUES ('SH-1', 'A1', 'Dana Ortiz', 'Detective', 'Case 1', 'Need', 'Call-back', 'email', '{"readIds":[1]}', 1, ?, ?, 'declined')`,
      ).run(admin.id, now - 400 * DAY)
      db.prepare(
        `INSERT INTO share_emails (share_id, file_name, message, size, sha256, stored_by, stored_at, delete_after)
         VALUES ('SH-1', 'a.eml', x'00', 1, 'x', ?, ?, ?)`,
      ).run(admin.id, now - 366 * DAY, now - 40 * MINUTE)
    })
    const send = sender(core, admin.call)
    const before = byId(allowed<ComplianceDuty[]>(await send('compliance.dashboard')))
    expect(before.retention!.problems).toEqual([])
    expect(before.sharing!.problems).toEqual([])

    // Two hours past the period, a scheduled run has been missed: now they are overdue.
    clock.advance(80 * MINUTE)
    allowed(await signIn(core, admin.call, clock, admin))
    const after = byId(allowed<ComplianceDuty[]>(await send('compliance.dashboard')))
    expect(after.retention!.problems).toEqual(['1 read older than 60 days and not under a hold is still stored.'])
    expect(after.sharing!.problems).toEqual(['1 kept e-mail message past the 365-day period is still stored.'])
  })
})

const HOUR_MS = 3_600_000
