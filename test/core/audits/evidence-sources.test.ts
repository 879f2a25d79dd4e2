// Evidence from tables other issues own: an audit reads sharing records and retention runs only where the
// store keeps them, and says so where it does not; account issues are judged by the policy settings.
import { afterEach, describe, expect, it } from 'vitest'
import { tempDirs } from '../../helpers/temp-dir'
import { openDatabase, type Db } from '../../../src/main/core/store/database'
import { MIGRATIONS } from '../../../src/main/core/store/migrations'
import { AuditsRepository } from '../../../src/main/core/store/repositories/audits'
import { accountEvidence, type AccountFact } from '../../../src/main/core/audits/evidence'
import { resolveSettings } from '../../../src/main/core/settings/definitions'
import { addMonths, DAY } from '../../../src/main/core/clock'
import { START } from '../../helpers/clock'

const dirs = tempDirs()
const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
  dirs.removeAll()
})

/** A database with the foundation, reads-and-records and audits migrations only (no sharing, no retention runs). */
function earlyStore(): Db {
  const db = openDatabase({ file: `${dirs.make()}/early.db`, key: Buffer.alloc(32, 9), migrations: MIGRATIONS.filter((m) => m.version <= 2 || m.name === 'audits') })
  open.push(db)
  return db
}

describe('evidence from tables that may not exist yet', () => {
  it('reports that sharing records and retention runs are not kept when their tables are absent', () => {
    const repo = new AuditsRepository(earlyStore())
    expect(repo.shares(0, Date.now())).toBeNull()
    expect(repo.retentionRuns(0, Date.now())).toBeNull()
  })

  it('reads retention runs when the table exists with the agreed columns', () => {
    const db = earlyStore()
    db.exec(`
      CREATE TABLE retention_runs (id INTEGER PRIMARY KEY, started_at INTEGER, finished_at INTEGER, reads_deleted INTEGER, outcome TEXT);
      INSERT INTO retention_runs VALUES (1, 100, 110, 40, 'completed'), (2, 200, 210, 0, 'failed: disk full'), (3, 900, 910, 5, 'completed');
    `)
    expect(new AuditsRepository(db).retentionRuns(0, 500)).toEqual({ count: 2, failed: 1, readsDeleted: 40, lastFinishedAt: 210 })
  })
})

describe('sharing evidence from the real sharing tables (migration 006)', () => {
  it('lists only produced shares as sharing, and counts declined, pending and approved-but-not-produced requests', () => {
    const db = openDatabase({ file: `${dirs.make()}/full.db`, key: Buffer.alloc(32, 7) })
    open.push(db)
    db.prepare(`INSERT INTO users (id, username, display_name, password_hash, agency, unit, status, created_at) VALUES ('u-approver', 'aapprove', 'A Approve', 'x', 'A', 'U', 'active', 0)`).run()
    db.prepare(`INSERT INTO agencies (id, name, type, state, created_by, created_at) VALUES ('g1', 'Sacramento Police Department', 'city_agency', 'CA', 'u-approver', 0)`).run()
    db.prepare(`INSERT INTO exports (id, kind, format, description, created_by, created_at, destroy_by) VALUES ('EX-1', 'share', 'csv', 'Share s1', 'u-approver', 140, 9999)`).run()
    const share = db.prepare(
      `INSERT INTO shares (id, agency_id, requester, requester_title, purpose, need, verification, transfer, selection, item_count,
                           status, requested_by, created_at, approved_by, approved_at, export_id, produced_at)
       VALUES (@id, 'g1', @requester, 'Detective', @purpose, 'Need', 'Called back', 'portal', '{}', 3, @status, 'u-approver', @createdAt,
               @approvedBy, @approvedAt, @exportId, @producedAt)`,
    )
    const base = { approvedBy: null, approvedAt: null, exportId: null, producedAt: null }
    share.run({ ...base, id: 's1', requester: 'Det. Lee', purpose: 'Case 26-000321', status: 'approved', createdAt: 100, approvedBy: 'u-approver', approvedAt: 120, exportId: 'EX-1', producedAt: 150 })
    share.run({ ...base, id: 's2', requester: 'Det. Kim', purpose: 'Case 26-000322', status: 'declined', createdAt: 200, approvedBy: 'u-approver', approvedAt: 210 })
    share.run({ ...base, id: 's3', requester: 'Det. Ng', purpose: 'Case 26-000323', status: 'pending', createdAt: 300 })
    share.run({ ...base, id: 's4', requester: 'Det. Roe', purpose: 'Case 26-000324', status: 'approved', createdAt: 310, approvedBy: 'u-approver', approvedAt: 320 })
    share.run({ ...base, id: 's5', requester: 'Det. Out', purpose: 'Case 26-000325', status: 'pending', createdAt: 900 })

    expect(new AuditsRepository(db).shares(0, 500)).toEqual({
      produced: [
        {
          id: 's1', agency: 'Sacramento Police Department', agencyType: 'city_agency', agencyState: 'CA', requester: 'Det. Lee',
          purpose: 'Case 26-000321', approvedBy: 'aapprove', approvedAt: 120, createdAt: 100, exportId: 'EX-1', producedAt: 150,
        },
      ],
      declined: 1,
      pending: 1,
      approvedNotProduced: 1,
    })
  })
})

describe('account issues an audit reports', () => {
  const settings = resolveSettings({})
  const base: AccountFact = {
    id: 'u1', username: 'jdoe', displayName: 'J Doe', status: 'active', roles: ['investigator'], lockedAt: null,
    createdAt: START - 400 * DAY, approvedAt: START - 400 * DAY, reactivatedAt: null, lastAccessAt: START - DAY, lastUsedAt: START - DAY,
    trainingCompletedAt: START - 100 * DAY, retrainingOrderedAt: null, reviewedAt: START - 100 * DAY,
    classification: 'Detective', classificationAuthorized: true,
  }

  it('finds nothing wrong with a current, recently used account', () => {
    const a = accountEvidence(base, settings, START)
    expect(a.issues).toEqual([])
    expect(a.trainingExpiresAt).toBe(addMonths(base.trainingCompletedAt!, 24))
    expect(a.reviewExpiresAt).toBe(addMonths(base.reviewedAt!, 12))
  })

  it('reports expired training, a lapsed review, inactivity past the suspension period and a lockout', () => {
    const a = accountEvidence(
      { ...base, trainingCompletedAt: START - 800 * DAY, reviewedAt: START - 400 * DAY, lastAccessAt: START - 91 * DAY, lockedAt: START - 2 * DAY },
      settings,
      START,
    )
    expect(a.issues).toHaveLength(4)
    expect(a.issues[0]).toMatch(/^Training expired \d{4}-\d{2}-\d{2}\.$/)
    expect(a.issues[1]).toMatch(/^Annual review lapsed \d{4}-\d{2}-\d{2}\.$/)
    // Used yesterday (base.lastUsedAt), but an investigator's inactivity counts from their last ALPR access.
    expect(a.issues[2]).toBe('Not used to access ALPR information for 91 days, yet still active (suspension is due after 90).')
    expect(a.issues[3]).toMatch(/^Locked after failed sign-ins since/)
  })

  it('measures an account without ALPR permissions from its last use of any kind', () => {
    const auditor = { ...base, roles: ['auditor' as const], lastAccessAt: null }
    expect(accountEvidence({ ...auditor, lastUsedAt: START - DAY }, settings, START).issues).toEqual([])
    expect(accountEvidence({ ...auditor, lastUsedAt: START - 91 * DAY }, settings, START).issues).toEqual([
      'Not used for 91 days, yet still active (suspension is due after 90).',
    ])
  })

  it('reports an active account with no job classification recorded', () => {
    expect(accountEvidence({ ...base, classification: null, classificationAuthorized: null }, settings, START).issues).toEqual([
      'No job classification recorded, yet still active.',
    ])
  })

  it('does not hold suspended or departed accounts to the rules of active ones', () => {
    for (const status of ['suspended', 'deleted'] as const) {
      expect(accountEvidence({ ...base, status, trainingCompletedAt: null, reviewedAt: null }, settings, START).issues).toEqual([])
    }
  })
})
