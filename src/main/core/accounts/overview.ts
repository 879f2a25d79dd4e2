// An account as the annual access review shows it: standing, training, last review, and what is due next.
import type { AccountOverview, TrainingRecordInfo } from '../../../shared/models'
import type { UserRow } from '../store/repositories/users'
import type { TrainingRow } from '../store/repositories/accounts'
import type { Settings } from '../settings/definitions'
import { addMonths } from '../clock'
import { inactiveAfter, measuredByAlprAccess, reviewExpiresAt, trainingExpiresAt } from '../access/eligibility'
import { toUserRecord } from '../users/records'

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

export function trainingInfo(row: TrainingRow, user: UserRow, settings: Settings): TrainingRecordInfo {
  const byPeriod = addMonths(row.completedAt, settings.trainingValidityMonths)
  const order = user.retrainingOrderedAt
  return {
    id: row.id,
    course: row.course,
    completedAt: row.completedAt,
    trainer: row.trainer,
    expiresAt: order !== null && order > row.completedAt ? Math.min(order, byPeriod) : byPeriod,
  }
}

function dueItems(user: UserRow, settings: Settings, now: number): AccountOverview['due'] {
  if (user.status === 'deleted') return []
  const due: AccountOverview['due'] = []
  if (user.status === 'suspended') {
    const since = user.suspendedAt ? ` ${day(user.suspendedAt)}` : ''
    due.push({ item: 'reactivation', at: null, overdue: true, text: `Suspended${since}: ${user.suspensionReason ?? 'no reason recorded'}` })
  }
  if (user.classification === null) due.push({ item: 'classification', at: null, overdue: true, text: 'No classification recorded (no access)' })
  else if (user.classificationAuthorized !== true) {
    due.push({ item: 'classification', at: null, overdue: true, text: `“${user.classification}” not authorized` })
  }
  const training = trainingExpiresAt(user, settings)
  due.push(
    training === null
      ? { item: 'training', at: null, overdue: true, text: 'No training recorded' }
      : { item: 'training', at: training, overdue: training <= now, text: `${training <= now ? 'Training expired' : 'Training due'} ${day(training)}` },
  )
  const review = reviewExpiresAt(user, settings)
  due.push(
    review === null
      ? { item: 'review', at: null, overdue: true, text: 'No approving review' }
      : { item: 'review', at: review, overdue: review <= now, text: `${review <= now ? 'Review lapsed' : 'Review due'} ${day(review)}` },
  )
  if (user.status === 'active') {
    const inactive = inactiveAfter(user, settings)
    const without = measuredByAlprAccess(user) ? 'without ALPR access' : 'without use'
    due.push({ item: 'inactivity', at: inactive, overdue: inactive < now, text: `Inactive after ${day(inactive)} ${without}` })
  }
  // Overdue first, then by deadline (undated items before dated ones).
  return due.sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.at ?? -Infinity) - (b.at ?? -Infinity))
}

export function toAccountOverview(user: UserRow, training: TrainingRow[], settings: Settings, now: number): AccountOverview {
  const expires = trainingExpiresAt(user, settings)
  return {
    ...toUserRecord(user, settings),
    classification: user.classification,
    classificationAuthorized: user.classificationAuthorized,
    suspendedAt: user.suspendedAt,
    suspensionReason: user.suspensionReason,
    departedAt: user.departedAt,
    trainingValid: expires !== null && expires > now,
    lastReviewAt: user.lastReviewAt,
    lastReviewDecision: user.lastReviewDecision,
    inactiveAfter: inactiveAfter(user, settings),
    due: dueItems(user, settings, now),
    training: training.map((t) => trainingInfo(t, user, settings)),
  }
}
