// Whether an account may use the system right now (DOMAIN.md, "People and roles"): active, not locked,
// trained within the training period, and within its annual access review.
import type { ErrorCode } from '../../../shared/errors'
import type { UserRow } from '../store/repositories/users'
import type { Settings } from '../settings/definitions'
import { addMonths } from '../clock'

export const trainingExpiresAt = (user: UserRow, settings: Settings): number | null =>
  user.trainingCompletedAt === null ? null : addMonths(user.trainingCompletedAt, settings.trainingValidityMonths)

export const reviewExpiresAt = (user: UserRow, settings: Settings): number | null =>
  user.reviewedAt === null ? null : addMonths(user.reviewedAt, settings.reviewValidityMonths)

export function ineligibility(user: UserRow, settings: Settings, now: number): ErrorCode | null {
  if (user.status === 'deleted') return 'ACCOUNT_INACTIVE'
  if (user.status === 'suspended') return 'ACCOUNT_SUSPENDED'
  if (user.lockedAt !== null) return 'ACCOUNT_LOCKED'
  const training = trainingExpiresAt(user, settings)
  if (training === null || training <= now) return 'TRAINING_EXPIRED'
  const review = reviewExpiresAt(user, settings)
  if (review === null || review <= now) return 'REVIEW_EXPIRED'
  return null
}
