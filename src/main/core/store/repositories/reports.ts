// Counts for the transparency report and the evidence the compliance dashboard weighs. Counts only: nothing
// here returns a plate. Tables other issues create (audits, retention_runs) are read only if they exist.
import type { Db } from '../database'

export interface TransparencyCounts {
  cameras: { total: number; enabled: number; fixed: number; mobile: number; videoFiles: number }
  reads: { total: number; fromCameras: number; fromFootage: number }
  hits: { total: number; exact: number; possible: number; byDisposition: Record<string, number> }
  /** Allowed accesses to ALPR information in the period, per channel; and refused attempts. */
  accesses: { total: number; refused: number; byChannel: { channel: string; count: number }[] }
  shares: { byAgency: { agency: string; type: string; shares: number; reads: number }[]; declined: number }
  recordsRequests: { publicRecords: number; subpoenas: number }
  corrections: number
  /** Null when retention runs are not recorded in this store. */
  purges: { runs: number; readsDeleted: number; byOutcome: { outcome: string; count: number }[] } | null
}

export interface RetentionRunRow {
  startedAt: number
  finishedAt: number | null
  readsDeleted: number
  outcome: string
}

const DISPOSITIONS = ['confirmed', 'misread', 'wrong_state', 'not_actionable', 'dismissed'] as const

export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** Counts for [from, to): reads, hits, accesses, shares, requests, corrections and purges in the period. */
  transparency(from: number, to: number, alprChannels: readonly string[]): TransparencyCounts {
    const one = (sql: string, ...args: unknown[]) => (this.db.prepare(sql).get(...args) as { n: number | null }).n ?? 0
    const cameras = this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(enabled), 0) AS enabled,
                coalesce(sum(kind = 'fixed'), 0) AS fixed, coalesce(sum(kind = 'mobile'), 0) AS mobile,
                coalesce(sum(source_kind = 'file'), 0) AS videoFiles
         FROM cameras WHERE created_at < ?`,
      )
      .get(to) as TransparencyCounts['cameras']
    const reads = this.db
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(source = 'camera'), 0) AS fromCameras, coalesce(sum(source = 'footage'), 0) AS fromFootage
         FROM reads WHERE read_at >= ? AND read_at < ?`,
      )
      .get(from, to) as TransparencyCounts['reads']
    const hitRows = this.db
      .prepare(`SELECT match, coalesce(disposition, 'pending') AS disposition, count(*) AS n FROM hits WHERE created_at >= ? AND created_at < ? GROUP BY 1, 2`)
      .all(from, to) as { match: string; disposition: string; n: number }[]
    const byDisposition: Record<string, number> = Object.fromEntries([...DISPOSITIONS, 'pending'].map((d) => [d, 0]))
    for (const r of hitRows) byDisposition[r.disposition] = (byDisposition[r.disposition] ?? 0) + r.n
    const channels = JSON.stringify(alprChannels)
    const byChannel = this.db
      .prepare(
        `SELECT channel, count(*) AS count FROM access_log
         WHERE at >= ? AND at < ? AND outcome = 'allowed' AND channel IN (SELECT value FROM json_each(?))
         GROUP BY channel ORDER BY count DESC, channel`,
      )
      .all(from, to, channels) as { channel: string; count: number }[]
    const refused = one(
      `SELECT count(*) AS n FROM access_log WHERE at >= ? AND at < ? AND outcome != 'allowed' AND channel IN (SELECT value FROM json_each(?))`,
      from,
      to,
      channels,
    )
    const byAgency = this.db
      .prepare(
        // Reads shared: what the produced files carried (the ledger's count), not what was asked for.
        `SELECT a.name AS agency, a.type, count(*) AS shares, coalesce(sum(e.item_count), 0) AS reads
         FROM shares s JOIN agencies a ON a.id = s.agency_id JOIN exports e ON e.id = s.export_id
         WHERE s.produced_at >= ? AND s.produced_at < ? GROUP BY a.id ORDER BY a.name COLLATE NOCASE`,
      )
      .all(from, to) as TransparencyCounts['shares']['byAgency']
    const declined = one(`SELECT count(*) AS n FROM shares WHERE status = 'declined' AND approved_at >= ? AND approved_at < ?`, from, to)
    const requests = this.db
      .prepare(
        `SELECT coalesce(sum(kind = 'public_records'), 0) AS publicRecords, coalesce(sum(kind = 'subpoena'), 0) AS subpoenas
         FROM records_requests WHERE received_at >= ? AND received_at < ?`,
      )
      .get(from, to) as TransparencyCounts['recordsRequests']
    const corrections = one(`SELECT count(*) AS n FROM read_corrections WHERE corrected_at >= ? AND corrected_at < ?`, from, to)

    let purges: TransparencyCounts['purges'] = null
    if (this.hasColumns('retention_runs', ['started_at', 'reads_deleted', 'outcome'])) {
      const byOutcome = this.db
        .prepare(`SELECT outcome, count(*) AS count FROM retention_runs WHERE started_at >= ? AND started_at < ? GROUP BY outcome ORDER BY outcome`)
        .all(from, to) as { outcome: string; count: number }[]
      purges = {
        runs: byOutcome.reduce((sum, o) => sum + o.count, 0),
        readsDeleted: one(`SELECT sum(reads_deleted) AS n FROM retention_runs WHERE started_at >= ? AND started_at < ?`, from, to),
        byOutcome,
      }
    }
    return {
      cameras,
      reads,
      hits: {
        total: hitRows.reduce((sum, r) => sum + r.n, 0),
        exact: hitRows.filter((r) => r.match === 'exact').reduce((sum, r) => sum + r.n, 0),
        possible: hitRows.filter((r) => r.match === 'possible').reduce((sum, r) => sum + r.n, 0),
        byDisposition,
      },
      accesses: { total: byChannel.reduce((sum, c) => sum + c.count, 0), refused, byChannel },
      shares: { byAgency, declined },
      recordsRequests: requests,
      corrections,
      purges,
    }
  }

  /** Time of the latest approved audit; undefined when this store has no audits table yet. */
  lastApprovedAudit(): number | null | undefined {
    if (!this.hasColumns('audits', ['status', 'approved_at'])) return undefined
    return (this.db.prepare(`SELECT max(approved_at) AS at FROM audits WHERE status = 'approved'`).get() as { at: number | null }).at
  }

  /** Holds not released whose review date has passed. */
  holdsPastReview(now: number): { id: string; reviewAt: number }[] {
    return this.db
      .prepare(`SELECT id, review_at AS reviewAt FROM holds WHERE released_at IS NULL AND review_at < ? ORDER BY review_at`)
      .all(now) as { id: string; reviewAt: number }[]
  }

  openHolds(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM holds WHERE released_at IS NULL`).get() as { n: number }).n
  }

  /** Reads older than `cutoff` that no open hold keeps: they should already have been purged. */
  readsPastRetention(cutoff: number): number {
    return (
      this.db
        .prepare(
          `SELECT count(*) AS n FROM reads r WHERE r.read_at < ? AND NOT EXISTS (
             SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = r.id AND h.released_at IS NULL)`,
        )
        .get(cutoff) as { n: number }
    ).n
  }

  /** The latest retention runs, newest first; undefined when this store does not record them yet. */
  retentionRuns(limit = 10): RetentionRunRow[] | undefined {
    if (!this.hasColumns('retention_runs', ['started_at', 'finished_at', 'reads_deleted', 'outcome'])) return undefined
    return this.db
      .prepare(
        `SELECT started_at AS startedAt, finished_at AS finishedAt, reads_deleted AS readsDeleted, outcome
         FROM retention_runs ORDER BY started_at DESC LIMIT ?`,
      )
      .all(limit) as RetentionRunRow[]
  }

  private hasColumns(table: string, columns: string[]): boolean {
    const present = new Set((this.db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name))
    return columns.every((c) => present.has(c))
  }
}
