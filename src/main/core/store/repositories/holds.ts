// Holds on reads for a case (DOMAIN.md "Retention"): a held read outlives the retention period until the
// hold is released; every review that extends a hold is kept with its note.
import type { Db } from '../database'
import type { HoldRecord, HoldReview } from '../../../../shared/models'

export interface NewHold {
  id: string
  caseNumber: string
  reason: string
  reviewAt: number
  placedBy: string
  placedAt: number
  readIds: number[]
}

type HoldRow = Omit<HoldRecord, 'reviewDue' | 'reviews'>

const COLUMNS = `h.id, h.case_number AS caseNumber, h.reason, h.review_at AS reviewAt, h.placed_by AS placedBy,
  (SELECT display_name FROM users u WHERE u.id = h.placed_by) AS placedByName, h.placed_at AS placedAt,
  h.read_count AS readCount, (SELECT count(*) FROM hold_reads hr WHERE hr.hold_id = h.id) AS heldReads,
  h.released_at AS releasedAt, h.released_by AS releasedBy,
  (SELECT display_name FROM users u WHERE u.id = h.released_by) AS releasedByName, h.release_reason AS releaseReason`

export class HoldsRepository {
  constructor(private readonly db: Db) {}

  /** Places the hold on every read named; answers the ids that name no read instead when any is missing. */
  place(hold: NewHold): { missing: number[] } {
    return this.db.transaction(() => {
      const ids = JSON.stringify(hold.readIds)
      const missing = (
        this.db
          .prepare('SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM reads) ORDER BY value')
          .all(ids) as { value: number }[]
      ).map((r) => r.value)
      if (missing.length > 0) return { missing }
      this.db
        .prepare(
          `INSERT INTO holds (id, case_number, reason, review_at, placed_by, placed_at, read_count)
           VALUES (@id, @caseNumber, @reason, @reviewAt, @placedBy, @placedAt, @readCount)`,
        )
        .run({ ...hold, readCount: hold.readIds.length })
      this.db.prepare('INSERT INTO hold_reads (hold_id, read_id) SELECT ?, value FROM json_each(?)').run(hold.id, ids)
      return { missing: [] }
    })()
  }

  get(id: string, now: number): HoldRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM holds h WHERE h.id = ?`).get(id) as HoldRow | undefined
    return row ? this.withReviews(row, now) : null
  }

  /** Open holds (and released ones when asked), reviews due first, then by review date. */
  list(now: number, includeReleased: boolean): HoldRecord[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM holds h ${includeReleased ? '' : 'WHERE h.released_at IS NULL'}
         ORDER BY h.released_at IS NOT NULL, h.review_at, h.placed_at`,
      )
      .all() as HoldRow[]
    return rows.map((r) => this.withReviews(r, now))
  }

  /** Counts for the retention overview. */
  summary(now: number): { activeHolds: number; heldReads: number; reviewsDue: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS activeHolds, coalesce(sum(review_at <= @now), 0) AS reviewsDue,
           (SELECT count(DISTINCT hr.read_id) FROM hold_reads hr JOIN holds o ON o.id = hr.hold_id WHERE o.released_at IS NULL) AS heldReads
         FROM holds WHERE released_at IS NULL`,
      )
      .get({ now }) as { activeHolds: number; heldReads: number; reviewsDue: number }
  }

  /** Records a review and moves the hold's review date; false when the hold is unknown or released. */
  review(r: { holdId: string; at: number; by: string; note: string; nextReviewAt: number }): boolean {
    return this.db.transaction(() => {
      const hold = this.db.prepare('SELECT review_at AS reviewAt FROM holds WHERE id = ? AND released_at IS NULL').get(r.holdId) as
        | { reviewAt: number }
        | undefined
      if (!hold) return false
      this.db
        .prepare(
          `INSERT INTO hold_reviews (hold_id, reviewed_at, reviewed_by, note, previous_review_at, next_review_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(r.holdId, r.at, r.by, r.note, hold.reviewAt, r.nextReviewAt)
      this.db.prepare('UPDATE holds SET review_at = ? WHERE id = ?').run(r.nextReviewAt, r.holdId)
      return true
    })()
  }

  /** Releases the hold; its reads then expire with the others. False when unknown or already released. */
  release(r: { holdId: string; at: number; by: string; reason: string }): boolean {
    return (
      this.db
        .prepare('UPDATE holds SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ? AND released_at IS NULL')
        .run(r.at, r.by, r.reason, r.holdId).changes === 1
    )
  }

  private withReviews(row: HoldRow, now: number): HoldRecord {
    const reviews = this.db
      .prepare(
        `SELECT reviewed_at AS at, reviewed_by AS by, (SELECT display_name FROM users u WHERE u.id = reviewed_by) AS byName,
                note, previous_review_at AS previousReviewAt, next_review_at AS nextReviewAt
         FROM hold_reviews WHERE hold_id = ? ORDER BY reviewed_at DESC, id DESC`,
      )
      .all(row.id) as HoldReview[]
    return { ...row, reviewDue: row.releasedAt === null && row.reviewAt <= now, reviews }
  }
}
