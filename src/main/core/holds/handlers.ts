// Handlers: holds on reads for a case. Placing one names reads, so it is an access to ALPR information
// (purpose required); reviewing and releasing change only the hold.
import { lastMomentOfLocalDay } from '../local-time'
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { DAY } from '../clock'

type HoldHandlers = Pick<Handlers, 'holds.list' | 'holds.place' | 'holds.review' | 'holds.release'>

/** A hold must be looked at again within a year; a longer date is refused. */
const MAX_REVIEW_DAYS = 366

/**
 * The end of a review date entered as YYYY-MM-DD, in this workstation's time zone (the one the screen
 * shows dates in): the hold is due for review once that calendar day is over, and a date is "in the
 * future" while that day has not ended.
 */
export function reviewInstant(isoDate: string, now: number, field: string): number {
  const at = lastMomentOfLocalDay(isoDate)
  if (!(at > now)) throw new AppError('INVALID_INPUT', 'The review date must be in the future.', { [field]: 'A date after today' })
  if (at > now + MAX_REVIEW_DAYS * DAY) {
    throw new AppError('INVALID_INPUT', 'A hold must be reviewed within a year.', { [field]: 'Within one year from today' })
  }
  return at
}

export function holdHandlers({ store }: Services): HoldHandlers {
  const requireOpenHold = async (id: string, now: number) => {
    const hold = await store.holds.get(id, now)
    if (!hold) throw new AppError('NOT_FOUND', 'No hold with that id exists.')
    if (hold.releasedAt !== null) throw new AppError('CONFLICT', 'This hold was already released.')
    return hold
  }

  return {
    'holds.list': async ({ includeReleased }, ctx) => store.holds.list(ctx.now, includeReleased),

    'holds.place': async (input, ctx) => {
      const reviewAt = reviewInstant(input.reviewOn, ctx.now, 'reviewOn')
      const readIds = [...new Set(input.readIds)]
      const id = `HOLD-${new Date(ctx.now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`
      const { missing } = await store.holds.place({
        id,
        caseNumber: input.caseNumber,
        reason: input.reason,
        reviewAt,
        placedBy: ctx.user!.id,
        placedAt: ctx.now,
        readIds,
      })
      if (missing.length > 0) {
        const shown = missing.slice(0, 10).join(', ')
        throw new AppError(
          'NOT_FOUND',
          `${missing.length === 1 ? 'One of the reads named does not exist (it may have expired)' : `${missing.length} of the reads named do not exist (they may have expired)`}: ${shown}${missing.length > 10 ? ', …' : ''}. No hold was placed.`,
        )
      }
      ctx.note({ holdId: id, readCount: readIds.length })
      return (await store.holds.get(id, ctx.now))!
    },

    'holds.review': async ({ holdId, nextReviewOn, note }, ctx) => {
      await requireOpenHold(holdId, ctx.now)
      const nextReviewAt = reviewInstant(nextReviewOn, ctx.now, 'nextReviewOn')
      if (!(await store.holds.review({ holdId, at: ctx.now, by: ctx.user!.id, note, nextReviewAt }))) throw new AppError('CONFLICT')
      return (await store.holds.get(holdId, ctx.now))!
    },

    'holds.release': async ({ holdId, reason }, ctx) => {
      const hold = await requireOpenHold(holdId, ctx.now)
      // Releasing lets the reads expire: only the person who placed the hold, or a supervisor or administrator.
      const user = ctx.user!
      if (hold.placedBy !== user.id && !user.roles.some((r) => r === 'supervisor' || r === 'administrator')) {
        throw new AppError(
          'PERMISSION_DENIED',
          'Only the person who placed this hold, a supervisor or an administrator can release it.',
        )
      }
      if (!(await store.holds.release({ holdId, at: ctx.now, by: ctx.user!.id, reason }))) throw new AppError('CONFLICT')
      return (await store.holds.get(holdId, ctx.now))!
    },
  }
}
