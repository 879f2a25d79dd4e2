// Whether an account may use the system right now (DOMAIN.md, "People and roles"): active, not locked,
// in an authorized job classification, trained within the training period and after the latest
// re-training order, within its annual access review, and not inactive for the inactivity period.
// `enforceEligibility` is what the guard and sign-in call: it also records a due inactivity suspension.
import type { ErrorCode } from '../../../shared/errors'
import type { UserRow } from '../store/repositories/users'
import type { Settings } from '../settings/definitions'
import type { Store } from '../store'
import { addMonths, DAY } from '../clock'
import { rolesGrant } from '../../../shared/roles'
import { AppError } from '../errors'

type Account = Pick<
  UserRow,
  | 'roles'
  | 'lastUsedAt'
  | 'status'
  | 'lockedAt'
  | 'trainingCompletedAt'
  | 'retrainingOrderedAt'
  | 'reviewedAt'
  | 'classificationAuthorized'
  | 'lastAccessAt'
  | 'reactivatedAt'
  | 'approvedAt'
  | 'createdAt'
>

/**
 * When the account's training stops counting: the training period after completion, or the moment a
 * "re-train everyone" order came after it. Null when there is no training record.
 */
export function trainingExpiresAt(user: Account, settings: Settings): number | null {
  if (user.trainingCompletedAt === null) return null
  const byPeriod = addMonths(user.trainingCompletedAt, settings.trainingValidityMonths)
  const order = user.retrainingOrderedAt
  return order !== null && order > user.trainingCompletedAt ? Math.min(order, byPeriod) : byPeriod
}

export const reviewExpiresAt = (user: Pick<UserRow, 'reviewedAt'>, settings: Settings): number | null =>
  user.reviewedAt === null ? null : addMonths(user.reviewedAt, settings.reviewValidityMonths)

/**
 * Whether the account holds ALPR information permissions (searching reads, watching alerts). The policy
 * suspends accounts "not used to access ALPR information", so such an account is measured from its last
 * access to ALPR information; any other account (administration or audit only) from its last use.
 */
export const measuredByAlprAccess = (user: Pick<UserRow, 'roles'>): boolean =>
  rolesGrant(user.roles, 'reads.search') || rolesGrant(user.roles, 'alerts.monitor')

/**
 * Since when the account counts as unused: its last access to ALPR information (accounts that hold ALPR
 * permissions) or its last permitted action of any kind (other accounts), or its approval or re-activation
 * when that is later, so a new or re-activated account gets a full period.
 */
export const unusedSince = (user: Account): number =>
  Math.max((measuredByAlprAccess(user) ? user.lastAccessAt : user.lastUsedAt) ?? 0, user.reactivatedAt ?? 0, user.approvedAt ?? user.createdAt)

/** The moment the account becomes inactive; access is refused once more than the period has passed. */
export const inactiveAfter = (user: Account, settings: Settings): number => unusedSince(user) + settings.inactivityDays * DAY

export const isInactive = (user: Account, settings: Settings, now: number): boolean => now > inactiveAfter(user, settings)

export function ineligibility(user: Account, settings: Settings, now: number): ErrorCode | null {
  if (user.status === 'deleted') return 'ACCOUNT_INACTIVE'
  if (user.status === 'suspended' || isInactive(user, settings, now)) return 'ACCOUNT_SUSPENDED'
  if (user.lockedAt !== null) return 'ACCOUNT_LOCKED'
  // No recorded classification is no authorization (DOMAIN.md: access only for authorized classifications).
  if (user.classificationAuthorized !== true) return 'CLASSIFICATION_NOT_AUTHORIZED'
  const training = trainingExpiresAt(user, settings)
  if (training === null || training <= now) return 'TRAINING_EXPIRED'
  const review = reviewExpiresAt(user, settings)
  if (review === null || review <= now) return 'REVIEW_EXPIRED'
  return null
}

export const inactivityReason = (user: Pick<UserRow, 'roles'>, settings: Settings): string =>
  measuredByAlprAccess(user)
    ? `Account not used to access ALPR information for more than ${settings.inactivityDays} days`
    : `Account not used for more than ${settings.inactivityDays} days`

/** The refusal for an ineligible account, with the specific reason where the code's sentence is too general. */
export function ineligibilityError(user: Pick<UserRow, 'classification'>, code: ErrorCode): AppError {
  if (code === 'CLASSIFICATION_NOT_AUTHORIZED' && user.classification === null) {
    return new AppError(
      code,
      'No job classification is recorded for this account, so it has no ALPR access. Ask the ALPR Administrator to record an authorized classification.',
    )
  }
  return new AppError(code)
}

/**
 * Decides eligibility and, when the inactivity period has run out on an active account, records the
 * automatic suspension (as of the moment the period ended) so it stays suspended until re-activated.
 */
export async function enforceEligibility(store: Store, user: UserRow, settings: Settings, now: number): Promise<ErrorCode | null> {
  if (user.status === 'active' && isInactive(user, settings, now)) {
    await store.accounts.suspend(user.id, inactiveAfter(user, settings), inactivityReason(user, settings), null)
  }
  return ineligibility(user, settings, now)
}

/** Records every due inactivity suspension (run before listing accounts, so the list shows them). */
export async function suspendInactiveAccounts(store: Store, settings: Settings, now: number): Promise<number> {
  let suspended = 0
  for (const user of await store.users.list()) {
    if (user.status === 'active' && isInactive(user, settings, now)) {
      if (await store.accounts.suspend(user.id, inactiveAfter(user, settings), inactivityReason(user, settings), null)) suspended++
    }
  }
  return suspended
}
