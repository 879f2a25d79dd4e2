// Accounts, their roles, authenticator state, sign-in failures, training records and access reviews.
// All user SQL lives here; rules about what these mean (expiry, eligibility) live in core/auth and core/access.
import type { Db } from '../database'
import type { AccountStatus, UserSummary } from '../../../../shared/models'
import type { Role } from '../../../../shared/roles'
import { AppError } from '../../errors'

export interface UserRow extends Omit<UserSummary, 'permissions'> {
  status: AccountStatus
  passwordHash: string
  totpSecret: string | null
  totpPendingSecret: string | null
  totpLastStep: number | null
  lockedAt: number | null
  createdAt: number
  approvedBy: string | null
  approvedAt: number | null
  lastAccessAt: number | null
  /** Time of the latest permitted action of any kind (ALPR access, administration, audits). */
  lastUsedAt: number | null
  /** Completion time of the latest training record. */
  trainingCompletedAt: number | null
  /** Time of the latest review that approved the account's access. */
  reviewedAt: number | null
  /** The latest review of any outcome, and its decision. */
  lastReviewAt: number | null
  lastReviewDecision: 'approved' | 'revoked' | null
  /** Job classification, and whether it is on the authorized list (null when none is recorded). */
  classification: string | null
  classificationAuthorized: boolean | null
  suspendedAt: number | null
  suspensionReason: string | null
  reactivatedAt: number | null
  departedAt: number | null
  /** Time of the latest "re-train everyone" order: training completed before it no longer counts. */
  retrainingOrderedAt: number | null
}

export interface NewUser
  extends Pick<UserRow, 'id' | 'username' | 'displayName' | 'agency' | 'unit' | 'roles' | 'passwordHash' | 'createdAt'> {
  totpPendingSecret: string
  /** Id of the approving administrator; null for the first administrator created at setup. */
  approvedBy: string | null
  trainingCourse: string
  trainingCompletedAt: number
  /** Who gave the training; null when the person attested it themselves (the first administrator). */
  trainer?: string | null
  classification?: string | null
}

const SELECT = `
  SELECT u.id, u.username, u.display_name AS displayName, u.agency, u.unit, u.status,
         u.password_hash AS passwordHash, u.totp_secret AS totpSecret, u.totp_pending_secret AS totpPendingSecret,
         u.totp_last_step AS totpLastStep, u.locked_at AS lockedAt, u.created_at AS createdAt,
         u.approved_by AS approvedBy, u.approved_at AS approvedAt, u.last_access_at AS lastAccessAt, u.last_used_at AS lastUsedAt,
         u.classification, u.suspended_at AS suspendedAt, u.suspension_reason AS suspensionReason,
         u.reactivated_at AS reactivatedAt, u.departed_at AS departedAt,
         (SELECT authorized FROM job_classifications c WHERE c.name = u.classification) AS classificationAuthorized,
         (SELECT max(ordered_at) FROM retraining_orders) AS retrainingOrderedAt,
         (SELECT reviewed_at FROM access_reviews a WHERE a.user_id = u.id ORDER BY reviewed_at DESC, id DESC LIMIT 1) AS lastReviewAt,
         (SELECT decision FROM access_reviews a WHERE a.user_id = u.id ORDER BY reviewed_at DESC, id DESC LIMIT 1) AS lastReviewDecision,
         (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles,
         (SELECT max(completed_at) FROM training_records t WHERE t.user_id = u.id) AS trainingCompletedAt,
         (SELECT max(reviewed_at) FROM access_reviews a WHERE a.user_id = u.id AND a.decision = 'approved') AS reviewedAt
  FROM users u`

type RawUserRow = Omit<UserRow, 'roles' | 'classificationAuthorized'> & { roles: string | null; classificationAuthorized: number | null }

const toUser = (raw: RawUserRow | undefined): UserRow | null =>
  raw
    ? {
        ...raw,
        roles: raw.roles ? (raw.roles.split(',').sort() as Role[]) : [],
        classificationAuthorized: raw.classificationAuthorized === null ? null : raw.classificationAuthorized === 1,
      }
    : null

export class UsersRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM users WHERE status != 'deleted'`).get() as { n: number }).n
  }

  getById(id: string): UserRow | null {
    return toUser(this.db.prepare(`${SELECT} WHERE u.id = ?`).get(id) as RawUserRow | undefined)
  }

  getByUsername(username: string): UserRow | null {
    return toUser(this.db.prepare(`${SELECT} WHERE u.username = ?`).get(username) as RawUserRow | undefined)
  }

  /** Every account including departed ones (their tombstones), for reviews and audits. */
  listAll(): UserRow[] {
    const rows = this.db.prepare(`${SELECT} ORDER BY u.status = 'deleted', u.username`).all() as RawUserRow[]
    return rows.map((r) => toUser(r)!)
  }

  list(): UserRow[] {
    const rows = this.db.prepare(`${SELECT} WHERE u.status != 'deleted' ORDER BY u.username`).all() as RawUserRow[]
    return rows.map((r) => toUser(r)!)
  }

  /** Creates the account, its roles, its training record and the approval that counts as its first review. */
  create(user: NewUser): UserRow {
    this.db.transaction(() => {
      const taken = this.usernameTaken(user.username)
      if (taken) throw usernameTakenError(taken)
      this.db
        .prepare(
          `INSERT INTO users (id, username, display_name, agency, unit, password_hash, totp_pending_secret,
                              created_at, approved_by, approved_at, classification)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          user.id,
          user.username,
          user.displayName,
          user.agency,
          user.unit,
          user.passwordHash,
          user.totpPendingSecret,
          user.createdAt,
          user.approvedBy,
          user.createdAt,
          user.classification ?? null,
        )
      const addRole = this.db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)')
      for (const role of new Set(user.roles)) addRole.run(user.id, role)
      this.db
        .prepare(
          `INSERT INTO training_records (user_id, course, completed_at, recorded_by, recorded_at, trainer) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(user.id, user.trainingCourse, user.trainingCompletedAt, user.approvedBy ?? user.id, user.createdAt, user.trainer ?? null)
      this.db
        .prepare(
          `INSERT INTO access_reviews (user_id, reviewed_at, reviewer_id, decision, reason) VALUES (?, ?, ?, 'approved', ?)`,
        )
        .run(user.id, user.createdAt, user.approvedBy ?? user.id, 'Access approved when the account was created')
    })()
    return this.getById(user.id)!
  }

  /**
   * Whether a username is in use, or was the username of a departed account (kept reserved so the access
   * log's old entries can never be read as someone else's).
   */
  usernameTaken(username: string): 'in use' | 'reserved' | null {
    const row = this.db.prepare('SELECT username = ? AS current FROM users WHERE username = ? OR former_username = ? LIMIT 1').get(username, username, username) as
      | { current: number }
      | undefined
    return row === undefined ? null : row.current === 1 ? 'in use' : 'reserved'
  }

  /** Makes the pending secret the active one once a code from it has been verified. */
  confirmTotp(id: string, verifiedSecret: string, usedStep: number): boolean {
    const result = this.db
      .prepare(
        `UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = ?
         WHERE id = ? AND totp_pending_secret = ?`,
      )
      .run(usedStep, id, verifiedSecret)
    return result.changes === 1
  }

  /** Drops the active authenticator and stores a new pending one. */
  resetTotp(id: string, pendingSecret: string): boolean {
    const result = this.db
      .prepare(`UPDATE users SET totp_secret = NULL, totp_pending_secret = ?, totp_last_step = NULL WHERE id = ?`)
      .run(pendingSecret, id)
    return result.changes === 1
  }

  /**
   * Claims a TOTP time step for this user: true only if it is later than every step used before,
   * so each code works once even when two sign-ins race.
   */
  claimTotpStep(id: string, step: number): boolean {
    const result = this.db
      .prepare(`UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`)
      .run(step, id, step)
    return result.changes === 1
  }

  /** Records a failed sign-in; locks the account when `threshold` failures fall within the window. */
  recordSignInFailure(id: string, at: number, windowStart: number, threshold: number): { failures: number; locked: boolean } {
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO sign_in_failures (user_id, at) VALUES (?, ?)').run(id, at)
      const { n } = this.db
        .prepare('SELECT count(*) AS n FROM sign_in_failures WHERE user_id = ? AND at > ?')
        .get(id, windowStart) as { n: number }
      if (n >= threshold) {
        this.db.prepare('UPDATE users SET locked_at = coalesce(locked_at, ?) WHERE id = ?').run(at, id)
      }
      const { lockedAt } = this.db.prepare('SELECT locked_at AS lockedAt FROM users WHERE id = ?').get(id) as {
        lockedAt: number | null
      }
      return { failures: n, locked: lockedAt !== null }
    })()
  }

  clearSignInFailures(id: string): void {
    this.db.prepare('DELETE FROM sign_in_failures WHERE user_id = ?').run(id)
  }

  releaseLockout(id: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM sign_in_failures WHERE user_id = ?').run(id)
      return this.db.prepare('UPDATE users SET locked_at = NULL WHERE id = ?').run(id).changes === 1
    })()
  }

  /** Records a permitted action that is not an access to ALPR information (administration, audits): the account's last use. */
  recordUse(id: string, at: number): void {
    this.db.prepare('UPDATE users SET last_used_at = ? WHERE id = ?').run(at, id)
  }

  /** Records an access to ALPR information: the account's last ALPR access, which is also its last use. */
  recordAlprAccess(id: string, at: number): void {
    this.db.prepare('UPDATE users SET last_access_at = ?, last_used_at = ? WHERE id = ?').run(at, at, id)
  }
}

export function usernameTakenError(taken: 'in use' | 'reserved'): AppError {
  return taken === 'reserved'
    ? new AppError('USERNAME_TAKEN', 'That username belonged to a departed account and stays reserved, so the audit trail never mixes two people. Choose another username.')
    : new AppError('USERNAME_TAKEN')
}
