// Account lifecycle records: job classifications, training records, suspensions and re-activations,
// departures (tombstones), re-training orders, account requests and annual access-review sessions.
// All SQL for these lives here; the rules (who may, when it counts) live in core/accounts and core/access.
import type { Db } from '../database'
import type { AccountRequest, JobClassification, RetrainingOrder, ReviewSession } from '../../../../shared/models'
import type { Role } from '../../../../shared/roles'
import { AppError } from '../../errors'
import { usernameTakenError, type NewUser, type UserRow, type UsersRepository } from './users'

export type AccountEventKind = 'approved' | 'suspended' | 'reactivated' | 'classification' | 'training' | 'departed'

export interface AccountEventRow {
  id: number
  userId: string
  at: number
  kind: AccountEventKind
  byUser: string | null
  reason: string
}

export type ClassificationRow = JobClassification & { changedBy: string | null }

export interface TrainingRow {
  id: number
  userId: string
  course: string
  completedAt: number
  trainer: string | null
  recordedBy: string | null
  recordedAt: number
}

export interface ReviewRow {
  id: number
  userId: string
  reviewedAt: number
  reviewerId: string | null
  decision: 'approved' | 'revoked'
  reason: string
  sessionId: string | null
}

export type ReviewSessionRow = Omit<ReviewSession, 'decisions'>

const REQUEST_SELECT = `
  SELECT id, username, display_name AS displayName, agency, unit, roles, classification, justification,
         requested_by AS requestedBy, requested_at AS requestedAt, status, decided_by AS decidedBy,
         decided_at AS decidedAt, decision_reason AS decisionReason, user_id AS userId
  FROM account_requests`

type RawRequest = Omit<AccountRequest, 'roles'> & { roles: string }
const toRequest = (raw: RawRequest): AccountRequest => ({ ...raw, roles: JSON.parse(raw.roles) as Role[] })

const REVIEW_SELECT = `
  SELECT id, user_id AS userId, reviewed_at AS reviewedAt, reviewer_id AS reviewerId, decision, reason,
         session_id AS sessionId
  FROM access_reviews`

export class AccountsRepository {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
  ) {}

  private event(userId: string, at: number, kind: AccountEventKind, by: string | null, reason: string): void {
    this.db
      .prepare('INSERT INTO account_events (user_id, at, kind, by_user, reason) VALUES (?, ?, ?, ?, ?)')
      .run(userId, at, kind, by, reason)
  }

  events(userId?: string): AccountEventRow[] {
    const sql = `SELECT id, user_id AS userId, at, kind, by_user AS byUser, reason FROM account_events
                 ${userId ? 'WHERE user_id = ?' : ''} ORDER BY at, id`
    return (userId ? this.db.prepare(sql).all(userId) : this.db.prepare(sql).all()) as AccountEventRow[]
  }

  // ── Job classifications ────────────────────────────────────────────────────────────────────────

  classifications(): ClassificationRow[] {
    const rows = this.db
      .prepare('SELECT name, authorized, changed_at AS changedAt, changed_by AS changedBy FROM job_classifications ORDER BY name')
      .all() as (Omit<ClassificationRow, 'authorized'> & { authorized: number })[]
    return rows.map((r) => ({ ...r, authorized: r.authorized === 1 }))
  }

  /**
   * Adds or changes a classification on the authorized list. Taking authorization away suspends every
   * active account holding it, at once; the ids of those accounts are returned.
   */
  setClassification(name: string, authorized: boolean, by: string, at: number): string[] {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO job_classifications (name, authorized, changed_at, changed_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET authorized = excluded.authorized, changed_at = excluded.changed_at,
             changed_by = excluded.changed_by`,
        )
        .run(name, authorized ? 1 : 0, at, by)
      if (authorized) return []
      const holders = this.db
        .prepare(`SELECT id FROM users WHERE classification = ? AND status = 'active'`)
        .all(name) as { id: string }[]
      for (const { id } of holders) {
        this.suspend(id, at, `Job classification “${name}” is no longer authorized for ALPR access`, by)
      }
      return holders.map((h) => h.id)
    })()
  }

  /** Records a user's job classification; one that is not authorized suspends the account in the same step. */
  changeClassification(userId: string, classification: string, by: string, at: number): { suspended: boolean } {
    return this.db.transaction(() => {
      const known = this.db.prepare('SELECT authorized FROM job_classifications WHERE name = ?').get(classification) as
        | { authorized: number }
        | undefined
      if (!known) throw new AppError('NOT_FOUND', 'That job classification is not on the list. Add it first.')
      const before = this.users.getById(userId)
      if (!before || before.status === 'deleted') throw new AppError('NOT_FOUND', 'No account with that id exists.')
      this.db.prepare('UPDATE users SET classification = ? WHERE id = ?').run(classification, userId)
      this.event(userId, at, 'classification', by, `From “${before.classification ?? 'not recorded'}” to “${classification}”`)
      const suspended =
        known.authorized === 0 &&
        this.suspend(userId, at, `Job classification changed to “${classification}”, which is not authorized for ALPR access`, by)
      return { suspended }
    })()
  }

  // ── Suspension, re-activation, departure ───────────────────────────────────────────────────────

  /** Suspends an active account; false when it was not active (already suspended or departed). */
  suspend(userId: string, at: number, reason: string, by: string | null): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(`UPDATE users SET status = 'suspended', suspended_at = ?, suspension_reason = ? WHERE id = ? AND status = 'active'`)
        .run(at, reason, userId).changes
      if (changed === 1) this.event(userId, at, 'suspended', by, reason)
      return changed === 1
    })()
  }

  /**
   * Re-activates a suspended account. The administrator's decision counts as an approving access review.
   * The caller has checked the rules (training after the suspension, an authorized classification).
   */
  reactivate(userId: string, at: number, by: string, reason: string): boolean {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE users SET status = 'active', suspended_at = NULL, suspension_reason = NULL, reactivated_at = ?,
                            approved_by = ?, approved_at = ?
           WHERE id = ? AND status = 'suspended'`,
        )
        .run(at, by, at, userId).changes
      if (changed !== 1) return false
      this.event(userId, at, 'reactivated', by, reason)
      this.db
        .prepare(`INSERT INTO access_reviews (user_id, reviewed_at, reviewer_id, decision, reason) VALUES (?, ?, ?, 'approved', ?)`)
        .run(userId, at, by, `Re-activated: ${reason}`)
      return true
    })()
  }

  /**
   * A departure: credentials and personal fields are wiped and the username becomes a tombstone id. The
   * row itself stays, so access-log rows (which name the same user id), training records, reviews and
   * events still resolve to it.
   */
  depart(userId: string, tombstone: string, at: number, by: string, reason: string): UserRow {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare(
          `UPDATE users SET status = 'deleted', former_username = username, username = ?, display_name = 'Departed user', password_hash = '',
                            totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, locked_at = NULL,
                            departed_at = ?
           WHERE id = ? AND status != 'deleted'`,
        )
        .run(tombstone, at, userId).changes
      if (changed !== 1) throw new AppError('NOT_FOUND', 'No account with that id exists.')
      this.db.prepare('DELETE FROM user_roles WHERE user_id = ?').run(userId)
      this.db.prepare('DELETE FROM sign_in_failures WHERE user_id = ?').run(userId)
      this.db.prepare(`UPDATE account_requests SET username = ?, display_name = 'Departed user' WHERE user_id = ?`).run(tombstone, userId)
      this.event(userId, at, 'departed', by, reason)
      return this.users.getById(userId)!
    })()
  }

  usernameExists(username: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username) !== undefined
  }

  // ── Training ───────────────────────────────────────────────────────────────────────────────────

  addTraining(record: { userId: string; course: string; completedAt: number; trainer: string; recordedBy: string; recordedAt: number }): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO training_records (user_id, course, completed_at, trainer, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(record.userId, record.course, record.completedAt, record.trainer, record.recordedBy, record.recordedAt).lastInsertRowid,
      )
      this.event(record.userId, record.recordedAt, 'training', record.recordedBy, `${record.course}, trainer ${record.trainer}`)
      return id
    })()
  }

  training(userId: string): TrainingRow[] {
    return this.db
      .prepare(
        `SELECT id, user_id AS userId, course, completed_at AS completedAt, trainer, recorded_by AS recordedBy,
                recorded_at AS recordedAt
         FROM training_records WHERE user_id = ? ORDER BY completed_at DESC, id DESC`,
      )
      .all(userId) as TrainingRow[]
  }

  /**
   * Orders everyone to train again: training completed before `at` stops counting. The ordering
   * administrator's own new training is recorded at the same instant, so someone can record the others'.
   */
  orderRetraining(by: string, at: number, reason: string, own: { course: string; trainer: string }): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db.prepare('INSERT INTO retraining_orders (ordered_at, ordered_by, reason) VALUES (?, ?, ?)').run(at, by, reason)
          .lastInsertRowid,
      )
      this.addTraining({ userId: by, course: own.course, completedAt: at, trainer: own.trainer, recordedBy: by, recordedAt: at })
      return id
    })()
  }

  retrainingOrders(): RetrainingOrder[] {
    return this.db
      .prepare('SELECT id, ordered_at AS orderedAt, ordered_by AS orderedBy, reason FROM retraining_orders ORDER BY ordered_at DESC, id DESC')
      .all() as RetrainingOrder[]
  }

  // ── Requests ───────────────────────────────────────────────────────────────────────────────────

  createRequest(request: Omit<AccountRequest, 'status' | 'decidedBy' | 'decidedAt' | 'decisionReason' | 'userId'>): AccountRequest {
    this.db.transaction(() => {
      const pending = this.db
        .prepare(`SELECT 1 FROM account_requests WHERE username = ? AND status = 'pending'`)
        .get(request.username)
      if (pending) throw new AppError('USERNAME_TAKEN', 'A request for that username is already waiting for a decision.')
      const taken = this.users.usernameTaken(request.username)
      if (taken) throw usernameTakenError(taken)
      this.db
        .prepare(
          `INSERT INTO account_requests (id, username, display_name, agency, unit, roles, classification, justification,
                                         requested_by, requested_at, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
        )
        .run(
          request.id,
          request.username,
          request.displayName,
          request.agency,
          request.unit,
          JSON.stringify(request.roles),
          request.classification,
          request.justification,
          request.requestedBy,
          request.requestedAt,
        )
    })()
    return this.getRequest(request.id)!
  }

  getRequest(id: string): AccountRequest | null {
    const raw = this.db.prepare(`${REQUEST_SELECT} WHERE id = ?`).get(id) as RawRequest | undefined
    return raw ? toRequest(raw) : null
  }

  requests(): AccountRequest[] {
    return (this.db.prepare(`${REQUEST_SELECT} ORDER BY status != 'pending', requested_at DESC`).all() as RawRequest[]).map(toRequest)
  }

  /** Approves a pending request by creating its account; the approver and time are kept on both. */
  approveRequest(requestId: string, user: NewUser, reason: string): UserRow {
    return this.db.transaction(() => {
      const request = this.getRequest(requestId)
      if (!request || request.status !== 'pending') throw new AppError('CONFLICT', 'That request is not waiting for a decision.')
      const created = this.users.create(user)
      this.db
        .prepare(
          `UPDATE account_requests SET status = 'approved', decided_by = ?, decided_at = ?, decision_reason = ?, user_id = ? WHERE id = ?`,
        )
        .run(user.approvedBy, user.createdAt, reason, created.id, requestId)
      this.event(created.id, user.createdAt, 'approved', user.approvedBy, `Request approved: ${reason}`)
      return created
    })()
  }

  rejectRequest(requestId: string, by: string, at: number, reason: string): AccountRequest {
    const changed = this.db
      .prepare(
        `UPDATE account_requests SET status = 'rejected', decided_by = ?, decided_at = ?, decision_reason = ?
         WHERE id = ? AND status = 'pending'`,
      )
      .run(by, at, reason, requestId).changes
    if (changed !== 1) throw new AppError('CONFLICT', 'That request is not waiting for a decision.')
    return this.getRequest(requestId)!
  }

  // ── Annual access reviews ──────────────────────────────────────────────────────────────────────

  startReviewSession(id: string, by: string, at: number): ReviewSessionRow {
    this.db.prepare('INSERT INTO access_review_sessions (id, started_at, started_by) VALUES (?, ?, ?)').run(id, at, by)
    return { id, startedAt: at, startedBy: by }
  }

  reviewSession(id: string): ReviewSessionRow | null {
    return (
      (this.db
        .prepare('SELECT id, started_at AS startedAt, started_by AS startedBy FROM access_review_sessions WHERE id = ?')
        .get(id) as ReviewSessionRow | undefined) ?? null
    )
  }

  reviewSessions(): ReviewSessionRow[] {
    return this.db
      .prepare('SELECT id, started_at AS startedAt, started_by AS startedBy FROM access_review_sessions ORDER BY started_at DESC')
      .all() as ReviewSessionRow[]
  }

  /** Records a review decision; a revocation suspends the account in the same transaction. */
  recordReview(review: { sessionId: string; userId: string; decision: 'approved' | 'revoked'; reason: string; by: string; at: number }): ReviewRow {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            `INSERT INTO access_reviews (user_id, reviewed_at, reviewer_id, decision, reason, session_id) VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(review.userId, review.at, review.by, review.decision, review.reason, review.sessionId).lastInsertRowid,
      )
      if (review.decision === 'revoked') {
        this.suspend(review.userId, review.at, `Access revoked in the annual access review: ${review.reason}`, review.by)
      }
      return this.db.prepare(`${REVIEW_SELECT} WHERE id = ?`).get(id) as ReviewRow
    })()
  }

  reviewsInSession(sessionId: string): ReviewRow[] {
    return this.db.prepare(`${REVIEW_SELECT} WHERE session_id = ? ORDER BY reviewed_at, id`).all(sessionId) as ReviewRow[]
  }
}
