// Audits and the evidence they are assembled from. All audit SQL lives here: the audits table, and the reads
// of other domains' tables an audit needs (the access log, accounts, sharing, retention, hot lists, exports,
// corrections). Tables that later migrations add (shares, retention_runs) are read only when they exist.
import type { Db } from '../database'
import type { ChainedFields } from '../../audit/chain'
import { hotListEntryExpiredSql } from './retention'
import type { AuditDetail, AuditEvidence, AuditStatus, AuditSummary, ShareEvidence } from '../../../../shared/models'

/** An audit as stored: the summary, the performer's and approver's words, and the JSON it was assembled into. */
export type AuditRow = AuditSummary &
  Pick<AuditDetail, 'sampleSeed' | 'findings' | 'remedialActions' | 'approvalNote'> & {
    /** JSON of AuditEvidence. */
    evidence: string
    /** JSON list of SampleReview. */
    sampleReviews: string
    /** JSON list of the channels counted as searches when the sample was drawn. */
    sampleChannels: string
    /** The newest access-log entry the sample's population could include. */
    sampleMaxLogId: number
  }

export type NewAudit = Pick<
  AuditRow,
  'id' | 'periodStart' | 'periodEnd' | 'createdBy' | 'createdAt' | 'sampleSeed' | 'sampleChannels' | 'sampleMaxLogId' | 'evidence' | 'flagCount'
>

export interface AuditApproval {
  id: string
  approvedBy: string
  approvedAt: number
  note: string
  reportPdf: Buffer
  reportSha256: string
  reportSpec: string
  reportSignature: string
  keepUntil: number
}

/** An access-log row as the misuse rules and the sample read it. */
export type LogFact = Pick<
  ChainedFields,
  'id' | 'at' | 'userId' | 'username' | 'agency' | 'unit' | 'channel' | 'dataElements' | 'purpose' | 'outcome' | 'code'
> & { plate: string | null }

const AUDIT_SELECT = `
  SELECT a.id, a.period_start AS periodStart, a.period_end AS periodEnd, a.status, a.created_by AS createdBy,
         (SELECT username FROM users u WHERE u.id = a.created_by) AS createdByName, a.created_at AS createdAt,
         a.sample_seed AS sampleSeed, a.sample_channels AS sampleChannels, a.sample_max_log_id AS sampleMaxLogId, a.evidence, a.flag_count AS flagCount, a.findings,
         a.remedial_actions AS remedialActions, a.sample_reviews AS sampleReviews, a.performed_by AS performedBy,
         (SELECT username FROM users u WHERE u.id = a.performed_by) AS performedByName, a.performed_at AS performedAt,
         a.approved_by AS approvedBy, (SELECT username FROM users u WHERE u.id = a.approved_by) AS approvedByName,
         a.approved_at AS approvedAt, a.approval_note AS approvalNote, a.report_sha256 AS reportSha256,
         a.keep_until AS keepUntil
  FROM audits a`

const FACT_COLUMNS = `id, at, user_id AS userId, username, agency, unit, channel, data_elements AS dataElements, purpose,
  json_extract(data_elements, '$.plate') AS plate, outcome, code`

/**
 * Allowed entries that are searches: a channel that accesses ALPR information, or any other entry naming a
 * plate, except reviews of the log itself (an auditor filtering the access log by plate searches no reads).
 * Keep in step with isSearchEntry in core/audits/channels.ts.
 */
const SEARCH_WHERE = `outcome = 'allowed' AND (channel IN (SELECT value FROM json_each(@channels))
  OR (json_extract(data_elements, '$.plate') IS NOT NULL AND channel NOT LIKE 'accessLog.%' AND channel NOT LIKE 'audits.%'))`

export class AuditsRepository {
  constructor(private readonly db: Db) {}

  // ——— the audits table ———

  create(audit: NewAudit): AuditRow {
    this.db
      .prepare(
        `INSERT INTO audits (id, period_start, period_end, status, created_by, created_at, sample_seed, sample_channels,
                             sample_max_log_id, evidence, flag_count)
         VALUES (@id, @periodStart, @periodEnd, 'draft', @createdBy, @createdAt, @sampleSeed, @sampleChannels,
                 @sampleMaxLogId, @evidence, @flagCount)`,
      )
      .run(audit)
    return this.get(audit.id)!
  }

  get(id: string): AuditRow | null {
    return (this.db.prepare(`${AUDIT_SELECT} WHERE a.id = ?`).get(id) as AuditRow | undefined) ?? null
  }

  /** Newest first, without the evidence (lists stay small). */
  /** Audits not yet approved whose period overlaps [from, to): at most one may be open for a period. */
  openOverlapping(from: number, to: number): { id: string; status: AuditStatus }[] {
    return this.db
      .prepare(`SELECT id, status FROM audits WHERE status <> 'approved' AND period_start < ? AND period_end > ? ORDER BY created_at`)
      .all(to, from) as { id: string; status: AuditStatus }[]
  }

  list(limit = 200): Omit<AuditRow, 'evidence' | 'sampleReviews'>[] {
    return (this.db.prepare(`${AUDIT_SELECT} ORDER BY a.created_at DESC, a.id LIMIT ?`).all(limit) as AuditRow[]).map(
      ({ evidence: _evidence, sampleReviews: _reviews, ...rest }) => rest,
    )
  }

  /** Records the findings of a draft audit; answers false when it is no longer a draft. */
  markPerformed(id: string, by: string, at: number, findings: string, remedialActions: string, sampleReviews: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE audits SET status = 'performed', performed_by = ?, performed_at = ?, findings = ?, remedial_actions = ?,
                  sample_reviews = ?
           WHERE id = ? AND status = 'draft'`,
        )
        .run(by, at, findings, remedialActions, sampleReviews, id).changes === 1
    )
  }

  /** Approves a performed audit by someone other than its performer; answers false when that does not hold. */
  approve(a: AuditApproval): boolean {
    return (
      this.db
        .prepare(
          `UPDATE audits SET status = 'approved', approved_by = @approvedBy, approved_at = @approvedAt, approval_note = @note,
                  report_pdf = @reportPdf, report_sha256 = @reportSha256, report_spec = @reportSpec,
                  report_signature = @reportSignature, keep_until = @keepUntil
           WHERE id = @id AND status = 'performed' AND performed_by <> @approvedBy`,
        )
        .run(a).changes === 1
    )
  }

  report(id: string): { pdf: Buffer; sha256: string; spec: string; signature: string } | null {
    const row = this.db
      .prepare(
        `SELECT report_pdf AS pdf, report_sha256 AS sha256, report_spec AS spec, report_signature AS signature
         FROM audits WHERE id = ? AND status = 'approved'`,
      )
      .get(id) as { pdf: Buffer; sha256: string; spec: string; signature: string } | undefined
    return row ?? null
  }

  /** The approved audit whose kept report has this SHA-256, with what verifies its signature. */
  reportBySha256(sha256: string): {
    id: string
    periodStart: number
    periodEnd: number
    approvedAt: number
    approvedByName: string | null
    spec: string
    signature: string
  } | null {
    return (
      (this.db
        .prepare(
          `SELECT a.id, a.period_start AS periodStart, a.period_end AS periodEnd, a.approved_at AS approvedAt,
                  (SELECT username FROM users u WHERE u.id = a.approved_by) AS approvedByName,
                  a.report_spec AS spec, a.report_signature AS signature
           FROM audits a WHERE a.status = 'approved' AND a.report_sha256 = ?`,
        )
        .get(sha256) as never) ?? null
    )
  }

  latestApproved(): { id: string; periodStart: number; periodEnd: number; approvedAt: number } | null {
    return (
      (this.db
        .prepare(
          `SELECT id, period_start AS periodStart, period_end AS periodEnd, approved_at AS approvedAt FROM audits
           WHERE status = 'approved' ORDER BY period_end DESC, approved_at DESC LIMIT 1`,
        )
        .get() as { id: string; periodStart: number; periodEnd: number; approvedAt: number } | undefined) ?? null
    )
  }

  countByStatus(): Record<AuditStatus, number> {
    const out: Record<AuditStatus, number> = { draft: 0, performed: 0, approved: 0 }
    for (const r of this.db.prepare('SELECT status, count(*) AS n FROM audits GROUP BY status').all() as { status: AuditStatus; n: number }[]) {
      out[r.status] = r.n
    }
    return out
  }

  // ——— evidence: the access log ———

  /** Ids of the searches in [from, to), oldest first: the population the random sample is drawn from. */
  searchIds(from: number, to: number, channels: string[], maxId: number): number[] {
    return this.db
      .prepare(`SELECT id FROM access_log WHERE at >= @from AND at < @to AND id <= @maxId AND ${SEARCH_WHERE} ORDER BY id`)
      .pluck()
      .all({ from, to, maxId, channels: JSON.stringify(channels) }) as number[]
  }

  /** The newest access-log entry's id (0 for an empty log). */
  maxLogId(): number {
    return this.db.prepare('SELECT coalesce(max(id), 0) FROM access_log').pluck().get() as number
  }

  logFacts(ids: number[]): LogFact[] {
    if (ids.length === 0) return []
    return this.db
      .prepare(`SELECT ${FACT_COLUMNS} FROM access_log WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids)) as LogFact[]
  }

  /** What the misuse rules look at in [from, to): the searches, and refusals for purpose or permission. */
  misuseFacts(from: number, to: number, channels: string[]): LogFact[] {
    return this.db
      .prepare(
        `SELECT ${FACT_COLUMNS} FROM access_log WHERE at >= @from AND at < @to AND (
           (${SEARCH_WHERE})
           OR (outcome = 'refused' AND (code LIKE 'PURPOSE\\_%' ESCAPE '\\' OR code = 'PERMISSION_DENIED'))
         ) ORDER BY id`,
      )
      .all({ from, to, channels: JSON.stringify(channels) }) as LogFact[]
  }

  // ——— evidence: accounts ———

  countTrainingRecords(from: number, to: number): number {
    return this.db.prepare('SELECT count(*) FROM training_records WHERE completed_at >= ? AND completed_at < ?').pluck().get(from, to) as number
  }

  countReviews(from: number, to: number): number {
    return this.db.prepare('SELECT count(*) FROM access_reviews WHERE reviewed_at >= ? AND reviewed_at < ?').pluck().get(from, to) as number
  }

  // ——— evidence: sharing, retention, hot lists, exports, corrections ———

  private hasTable(name: string): boolean {
    return this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined
  }

  /**
   * Sharing in [from, to): the shares produced in it (data handed over, the sharing records proper), and the
   * requests made in it that were declined, are still pending, or were approved but not produced (counted
   * only: no data left). Null when this store keeps no sharing records (the table does not exist).
   */
  shares(
    from: number,
    to: number,
  ): { produced: Omit<ShareEvidence, 'issues'>[]; pending: number; declined: number; approvedNotProduced: number } | null {
    if (!this.hasTable('shares')) return null
    const produced = this.db
      .prepare(
        `SELECT s.id, g.name AS agency, g.type AS agencyType, g.state AS agencyState, s.requester, s.purpose,
                coalesce((SELECT u.username FROM users u WHERE u.id = s.approved_by), s.approved_by) AS approvedBy,
                s.approved_at AS approvedAt, s.created_at AS createdAt, s.export_id AS exportId, s.produced_at AS producedAt
         FROM shares s LEFT JOIN agencies g ON g.id = s.agency_id
         WHERE s.export_id IS NOT NULL AND s.produced_at >= ? AND s.produced_at < ? ORDER BY s.produced_at`,
      )
      .all(from, to) as Omit<ShareEvidence, 'issues'>[]
    const counts = this.db
      .prepare(
        `SELECT coalesce(sum(status = 'pending'), 0) AS pending, coalesce(sum(status = 'declined'), 0) AS declined,
                coalesce(sum(status = 'approved' AND export_id IS NULL), 0) AS approvedNotProduced
         FROM shares WHERE created_at >= ? AND created_at < ?`,
      )
      .get(from, to) as { pending: number; declined: number; approvedNotProduced: number }
    return { produced, ...counts }
  }

  /** Reads older than the cutoff that no open hold keeps: retention requires none. */
  readsPastRetention(cutoff: number): { count: number; oldest: number | null; held: number } {
    const past = this.db
      .prepare(
        `SELECT count(*) AS count, min(read_at) AS oldest FROM reads r WHERE r.read_at < ? AND NOT EXISTS (
           SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = r.id AND h.released_at IS NULL)`,
      )
      .get(cutoff) as { count: number; oldest: number | null }
    const held = this.db
      .prepare(
        `SELECT count(DISTINCT hr.read_id) FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE h.released_at IS NULL`,
      )
      .pluck()
      .get() as number
    return { ...past, held }
  }

  /** Retention runs that started in [from, to); null when this store keeps no record of runs. */
  retentionRuns(from: number, to: number): { count: number; failed: number; readsDeleted: number; lastFinishedAt: number | null } | null {
    if (!this.hasTable('retention_runs')) return null
    const row = this.db
      .prepare(
        `SELECT count(*) AS count, coalesce(sum(outcome LIKE 'fail%' OR outcome LIKE 'error%' OR outcome LIKE 'abort%'), 0) AS failed,
                coalesce(sum(reads_deleted), 0) AS readsDeleted, max(finished_at) AS lastFinishedAt
         FROM retention_runs WHERE started_at >= ? AND started_at < ?`,
      )
      .get(from, to) as { count: number; failed: number; readsDeleted: number; lastFinishedAt: number | null }
    return row
  }

  /** Each hot list with its entries past retention at `now` (a list's own period, else the default). */
  hotListRetention(now: number, defaultDays: number, day: number): AuditEvidence['hotLists']['lists'] {
    return this.db
      .prepare(
        `SELECT l.id, l.name, l.kind, coalesce(l.retention_days, @defaultDays) AS retentionDays, l.refreshed_at AS refreshedAt,
                (SELECT count(*) FROM hot_list_entries e WHERE e.list_id = l.id) AS entries,
                (SELECT count(*) FROM hot_list_entries e WHERE e.list_id = l.id AND ${hotListEntryExpiredSql}) AS overdueEntries
         FROM hot_lists l ORDER BY l.name`,
      )
      .all({ now, defaultDays, day }) as never
  }

  countExportsCreated(from: number, to: number): number {
    return this.db.prepare('SELECT count(*) FROM exports WHERE created_at >= ? AND created_at < ?').pluck().get(from, to) as number
  }

  corrections(from: number, to: number): AuditEvidence['corrections'] {
    return this.db
      .prepare(
        `SELECT c.id, c.read_id AS readId, c.original_plate AS originalPlate, c.original_state AS originalState,
                c.corrected_plate AS correctedPlate, c.corrected_state AS correctedState, c.reason,
                coalesce((SELECT username FROM users u WHERE u.id = c.corrected_by), c.corrected_by) AS correctedBy,
                c.corrected_at AS correctedAt
         FROM read_corrections c WHERE c.corrected_at >= ? AND c.corrected_at < ? ORDER BY c.corrected_at`,
      )
      .all(from, to) as never
  }

  /** Usernames by id, for naming people in a report. */
  usernames(ids: string[]): Record<string, string> {
    const out: Record<string, string> = {}
    for (const r of this.db
      .prepare('SELECT id, username FROM users WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as { id: string; username: string }[]) {
      out[r.id] = r.username
    }
    return out
  }
}

