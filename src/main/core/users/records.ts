// Account rows as the renderer sees them: never a password hash or an authenticator secret.
import type { SessionInfo, UserRecord, UserSummary } from '../../../shared/models'
import { PERMISSIONS, rolesGrant } from '../../../shared/roles'
import type { UserRow } from '../store/repositories/users'
import type { Settings } from '../settings/definitions'
import type { Session } from '../auth/sessions'
import { reviewExpiresAt, trainingExpiresAt } from '../access/eligibility'
import { sessionLimits } from '../access/guard'

export const toUserSummary = (u: UserRow): UserSummary => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  agency: u.agency,
  unit: u.unit,
  roles: u.roles,
  permissions: PERMISSIONS.filter((p) => rolesGrant(u.roles, p)),
})

export const toUserRecord = (u: UserRow, settings: Settings): UserRecord => ({
  ...toUserSummary(u),
  status: u.status,
  totpEnrolled: u.totpSecret !== null,
  lockedAt: u.lockedAt,
  createdAt: u.createdAt,
  approvedBy: u.approvedBy,
  approvedAt: u.approvedAt,
  trainingCompletedAt: u.trainingCompletedAt,
  trainingExpiresAt: trainingExpiresAt(u, settings),
  reviewExpiresAt: reviewExpiresAt(u, settings),
  lastAccessAt: u.lastAccessAt,
  lastUsedAt: u.lastUsedAt,
})

export function toSessionInfo(session: Session, user: UserRow, settings: Settings): SessionInfo {
  const limits = sessionLimits(settings)
  return {
    user: toUserSummary(user),
    state: session.locked ? 'locked' : 'active',
    startedAt: session.startedAt,
    endsAt: session.startedAt + limits.maxAgeMs,
    locksAt: session.idleExempt ? null : session.lastActivityAt + limits.idleMs,
  }
}
