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

  it('reads shares with their agencies, and retention runs, when the tables exist with the agreed columns', () => {
    const db = earlyStore()
    db.exec(`
      CREATE TABLE agencies (id TEXT PRIMARY KEY, name TEXT, type TEXT, state TEXT);
      CREATE TABLE shares (id TEXT PRIMARY KEY, agency_id TEXT, requester TEXT, purpose TEXT, approved_by TEXT, approved_at INTEGER, created_at INTEGER);
      CREATE TABLE retention_runs (id INTEGER PRIMARY KEY, started_at INTEGER, finished_at INTEGER, reads_deleted INTEGER, outcome TEXT);
      INSERT INTO agencies VALUES ('g1', 'Sacramento Police Department', 'city_agency', 'CA');
      INSERT INTO shares VALUES ('s1', 'g1', 'Det. Lee', 'Case 26-000321', 'approver-id', 150, 100);
      INSERT INTO shares VALUES ('s2', 'g1', 'Det. Kim', 'Case 26-000322', NULL, NULL, 200);
      INSERT INTO shares VALUES ('s3', 'g1', 'Det. Out', 'Case 26-000323', NULL, NULL, 900);
      INSERT INTO retention_runs VALUES (1, 100, 110, 40, 'completed'), (2, 200, 210, 0, 'failed: disk full'), (3, 900, 910, 5, 'completed');
    `)
    const repo = new AuditsRepository(db)
    expect(repo.shares(0, 500)).toEqual([
      { id: 's1', agency: 'Sacramento Police Department', agencyType: 'city_agency', agencyState: 'CA', requester: 'Det. Lee', purpose: 'Case 26-000321', approvedBy: 'approver-id', approvedAt: 150, createdAt: 100 },
      { id: 's2', agency: 'Sacramento Police Department', agencyType: 'city_agency', agencyState: 'CA', requester: 'Det. Kim', purpose: 'Case 26-000322', approvedBy: null, approvedAt: null, createdAt: 200 },
    ])
    expect(repo.retentionRuns(0, 500)).toEqual({ count: 2, failed: 1, readsDeleted: 40, lastFinishedAt: 210 })
  })
})

describe('account issues an audit reports', () => {
  const settings = resolveSettings({})
  const base: AccountFact = {
    id: 'u1', username: 'jdoe', displayName: 'J Doe', status: 'active', roles: ['investigator'], lockedAt: null,
    createdAt: START - 400 * DAY, approvedAt: START - 400 * DAY, reactivatedAt: null, lastAccessAt: START - DAY,
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
    expect(a.issues[2]).toBe('Not used for 91 days, yet still active (suspension is due after 90).')
    expect(a.issues[3]).toMatch(/^Locked after failed sign-ins since/)
  })

  it('does not hold suspended or departed accounts to the rules of active ones', () => {
    for (const status of ['suspended', 'deleted'] as const) {
      expect(accountEvidence({ ...base, status, trainingCompletedAt: null, reviewedAt: null }, settings, START).issues).toEqual([])
    }
  })
})
