// The live feed (live.feed), a long poll: reads newer than the caller's cursor, the alert panel, camera
// states and the hot lists in force. With nothing new it waits on the live signal, then answers. The access
// log notes every read and hit delivered: it must show what the dispatcher was shown.
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { AppError } from '../errors'
import { sessionLimits } from '../access/guard'
import type { SessionLimits, SessionManager } from '../auth/sessions'
import { seesCovertHits } from '../hotlists/matcher'
import { localDate, startOfLocalDay } from '../local-time'

/** Disposed alerts stay on the panel this long, so the dispatcher sees the outcome. */
export const DISPOSED_ALERT_MS = 15 * 60_000

export function liveHandlers(services: Services): Pick<Handlers, 'live.feed'> {
  const { store, live, clock, capture, sessions } = services
  /**
   * The signal's version each window was last answered at: a change since then (a hit verified at another
   * desk, a camera state) is answered at once instead of waiting, so nothing waits a whole poll to show.
   */
  const answeredAt = new Map<string, number>()
  return {
    'live.feed': async ({ afterReadId, waitMs, limit }, ctx) => {
      if (!ctx.user) throw new AppError('NOT_AUTHENTICATED')
      const seeCovert = seesCovertHits(ctx.user.roles)
      const sender = ctx.call.senderId
      // Taken before looking, so a change while looking ends the wait at once.
      let version = live.version
      let reads = await store.live.readsAfter(afterReadId, limit, seeCovert)
      const seen = answeredAt.get(sender)
      const changedSinceLastAnswer = seen !== undefined && seen !== version
      if (reads.length === 0 && waitMs > 0 && !changedSinceLastAnswer) {
        version = await live.waitForChange(version, waitMs)
        // The guard checked the session before the wait (up to 25 s): the caller may have signed out, locked,
        // expired or been replaced by another user at this window since. Nothing is delivered then.
        stillSignedIn(sessions, sender, ctx.user.id, clock.now(), sessionLimits(ctx.settings))
        reads = await store.live.readsAfter(afterReadId, limit, seeCovert)
      }
      const now = clock.now()
      const [alerts, lists, activity] = await Promise.all([
        store.hits.alerts(seeCovert, now - DISPOSED_ALERT_MS),
        store.live.lists(now, seeCovert),
        store.live.cameraActivity(startOfLocalDay(localDate(now))),
      ])
      // Counts come from the store, so they survive a restart and include every way a read was stored.
      const byCamera = new Map(activity.map((a) => [a.cameraId, a]))
      const cameras = capture.statuses().map((c) => ({ ...c, ...byCamera.get(c.cameraId) }))
      answeredAt.set(sender, version)
      // Hit ids shown: the alerts, and those named on the reads (a read's older hit may have left the panel).
      const hitIds = [...new Set([...alerts.map((a) => a.id), ...reads.flatMap((r) => r.hitIds)])]
      ctx.note({ readIds: reads.map((r) => r.id), hitIds })
      return {
        reads,
        alerts,
        cameras,
        lastReadId: reads.reduce((max, r) => Math.max(max, r.id), afterReadId),
        lists,
      }
    },
  }
}

/** Refuses, as the guard would, when the sender's session ended, locked, expired or now belongs to someone else. */
function stillSignedIn(sessions: SessionManager, senderId: string, userId: string, now: number, limits: SessionLimits): void {
  const looked = sessions.lookup(senderId, now, limits)
  if (looked.kind === 'expired' && looked.session.userId === userId) throw new AppError('SESSION_EXPIRED')
  if (looked.kind === 'locked' && looked.session.userId === userId) throw new AppError('SESSION_LOCKED')
  if (looked.kind !== 'active' || looked.session.userId !== userId) throw new AppError('NOT_AUTHENTICATED')
}
