// The Live screen's state: a long-poll loop on live.feed (reads after a cursor, the open alerts, camera states),
// the alerts this dispatcher resolved, the sound switch and what the alert sounds last did, and the hit open for
// verification. The loop runs while a signed-in, unlocked person who monitors alerts is at the workstation,
// whatever section is open (LiveMonitor in the Shell starts and stops it), so an alert is heard from Search too;
// a failed poll shows "feed interrupted" and retries with back-off, so a silent screen never looks like a quiet street.
import { create } from 'zustand'
import type { CameraStatus, HitAlert, HitDetail, LiveFeed, LiveRead } from '../../../shared/models'
import { alpr, type AppErrorData, type Result } from '../api'
import { signedInCall, useApp } from './session'

/** How long one poll waits in the core for something new. */
export const FEED_WAIT_MS = 20_000
const FEED_LIMIT = 50
/** Reads kept on screen; older ones scroll out (they stay in the store for search). */
export const FEED_KEEP = 200
/** Resolved alerts kept on screen for this session. */
const RESOLVED_KEEP = 20
/** Retry delays after failed polls: 1 s, 2 s, 4 s … at most 30 s. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1))
}

/** Codes after which polling again makes no sense: the session is locked or over. signedInCall shows the screen. */
const STOPPING_CODES = new Set([
  'SESSION_LOCKED',
  'NOT_AUTHENTICATED',
  'SESSION_EXPIRED',
  'ACCOUNT_INACTIVE',
  'ACCOUNT_SUSPENDED',
  'ACCOUNT_LOCKED',
  'DEVICE_NOT_APPROVED',
  'DEVICE_REVOKED',
  'PERMISSION_DENIED',
  'TRAINING_EXPIRED',
  'REVIEW_EXPIRED',
])

export type FeedStatus = 'stopped' | 'connecting' | 'live' | 'interrupted' | 'refused'

interface LiveState {
  status: FeedStatus
  /** The last refusal of live.feed (interrupted or refused). */
  error: AppErrorData | null
  /** When the feed was interrupted (first failure of the current run of failures). */
  interruptedAt: number | null
  failures: number
  nextRetryAt: number | null
  /** When the last answer arrived. */
  updatedAt: number | null
  cursor: number
  reads: LiveRead[]
  /** Open alerts, as the core last listed them. */
  alerts: HitAlert[]
  /** Alerts disposed at this workstation in this session, newest first. */
  resolved: HitAlert[]
  cameras: CameraStatus[]
  lists: LiveFeed['lists']
  muted: boolean
  /** The alert sounds: the last one played (`sound:hitId`), how many played, whether the browser holds them back. */
  sound: { last: string | null; count: number; blocked: boolean }
  /** The hit being verified, and its detail once loaded. */
  openHitId: number | null
  detail: HitDetail | null
  detailError: AppErrorData | null

  start(): void
  stop(): void
  retryNow(): void
  setMuted(muted: boolean): void
  soundPlayed(key: string): void
  setSoundBlocked(blocked: boolean): void
  /** Opens the verification of a hit: acknowledges it (silences its sound) and loads its detail. */
  openHit(hitId: number): Promise<void>
  closeHit(): void
  check(hitId: number, check: 'visual' | 'state' | 'clets', passed: boolean, result?: string): Promise<Result<HitAlert>>
  dispose(hitId: number, disposition: NonNullable<HitAlert['disposition']>, note?: string): Promise<Result<HitAlert>>
  reset(): void
}

const EMPTY = {
  status: 'stopped' as FeedStatus,
  error: null,
  interruptedAt: null,
  failures: 0,
  nextRetryAt: null,
  updatedAt: null,
  cursor: 0,
  reads: [] as LiveRead[],
  alerts: [] as HitAlert[],
  resolved: [] as HitAlert[],
  cameras: [] as CameraStatus[],
  lists: [] as LiveFeed['lists'],
  muted: false,
  sound: { last: null, count: 0, blocked: false },
  openHitId: null,
  detail: null,
  detailError: null,
}

// Each start() begins a new generation; an answer from an older generation (a poll still waiting in the core
// when the screen was left) is dropped.
let generation = 0
let wakeRetry: (() => void) | null = null

function sleep(ms: number, gen: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(done, ms)
    function done() {
      window.clearTimeout(timer)
      if (wakeRetry === done) wakeRetry = null
      resolve()
    }
    wakeRetry = done
    // A stop() during the wait resolves at once through the generation check after the sleep.
    if (gen !== generation) done()
  })
}

/** Newest first, one entry per id, at most FEED_KEEP. */
function mergeReads(current: LiveRead[], incoming: LiveRead[]): LiveRead[] {
  const byId = new Map<number, LiveRead>()
  for (const r of current) byId.set(r.id, r)
  for (const r of incoming) byId.set(r.id, r)
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, FEED_KEEP)
}

/** Replaces the alert everywhere it is shown (open list, resolved list, the dialog). */
function withAlert(state: LiveState, alert: HitAlert): Partial<LiveState> {
  const resolvedHere = alert.disposition !== null
  const alerts = resolvedHere ? state.alerts.filter((a) => a.id !== alert.id) : state.alerts.map((a) => (a.id === alert.id ? alert : a))
  const resolved = resolvedHere ? [alert, ...state.resolved.filter((a) => a.id !== alert.id)].slice(0, RESOLVED_KEEP) : state.resolved
  const detail = state.detail?.id === alert.id ? { ...state.detail, ...alert } : state.detail
  return { alerts, resolved, detail }
}

export const useLive = create<LiveState>()((set, get) => {
  async function loop(gen: number) {
    let first = true
    let catchUp = false
    while (gen === generation) {
      const waitMs: number = first || catchUp ? 0 : FEED_WAIT_MS
      const result: Result<LiveFeed> = await signedInCall(() => alpr().live.feed({ afterReadId: get().cursor, waitMs, limit: FEED_LIMIT }))
      if (gen !== generation) return
      if (result.ok) {
        first = false
        const feed: LiveFeed = result.value
        // A full page means more are waiting: fetch them at once rather than after a wait.
        catchUp = feed.reads.length >= FEED_LIMIT
        set((s) => {
          const disposedHere = new Set(s.resolved.map((a) => a.id))
          // The core lists open alerts; one already disposed (here or elsewhere) moves to the resolved list.
          const open = feed.alerts.filter((a) => a.disposition === null && !disposedHere.has(a.id))
          const closed = feed.alerts.filter((a) => a.disposition !== null)
          const resolved = closed.length
            ? [...closed, ...s.resolved.filter((r) => !closed.some((c) => c.id === r.id))].slice(0, RESOLVED_KEEP)
            : s.resolved
          return {
            status: 'live',
            error: null,
            interruptedAt: null,
            failures: 0,
            nextRetryAt: null,
            updatedAt: Date.now(),
            cursor: Math.max(s.cursor, feed.lastReadId),
            reads: mergeReads(s.reads, feed.reads),
            alerts: open,
            resolved,
            cameras: feed.cameras,
            lists: feed.lists,
            // A step recorded at another workstation shows in the open verification too.
            detail: s.detail ? { ...s.detail, ...(feed.alerts.find((a) => a.id === s.detail?.id) ?? {}) } : null,
          }
        })
        continue
      }
      if (STOPPING_CODES.has(result.error.code)) {
        // signedInCall has already moved to the lock or sign-in screen where that applies.
        set({ status: 'refused', error: result.error, nextRetryAt: null })
        generation++
        return
      }
      const failures = get().failures + 1
      const delay = backoffMs(failures)
      set((s) => ({
        status: 'interrupted',
        error: result.error,
        failures,
        interruptedAt: s.interruptedAt ?? Date.now(),
        nextRetryAt: Date.now() + delay,
      }))
      await sleep(delay, gen)
      first = true
    }
  }

  return {
    ...EMPTY,

    start() {
      if (get().status === 'connecting' || get().status === 'live' || get().status === 'interrupted') return
      const gen = ++generation
      set({ status: 'connecting', error: null, failures: 0, nextRetryAt: null })
      void loop(gen)
    },

    stop() {
      generation++
      wakeRetry?.()
      set({ status: 'stopped', nextRetryAt: null })
    },

    retryNow() {
      if (get().status === 'interrupted') wakeRetry?.()
      else if (get().status === 'refused' || get().status === 'stopped') get().start()
    },

    setMuted(muted) {
      set({ muted })
    },

    soundPlayed(key) {
      set((s) => ({ sound: { last: key, count: s.sound.count + 1, blocked: false } }))
    },

    setSoundBlocked(blocked) {
      if (get().sound.blocked !== blocked) set((s) => ({ sound: { ...s.sound, blocked } }))
    },

    async openHit(hitId) {
      set({ openHitId: hitId, detail: null, detailError: null })
      const alert = [...get().alerts, ...get().resolved].find((a) => a.id === hitId)
      if (alert && alert.acknowledgedAt === null && alert.disposition === null) {
        const ack = await signedInCall(() => alpr().hits.acknowledge({ hitId }))
        if (get().openHitId !== hitId) return
        if (ack.ok) set((s) => withAlert(s, ack.value))
        else {
          set({ detailError: ack.error })
          return
        }
      }
      const detail = await signedInCall(() => alpr().hits.get({ hitId }))
      if (get().openHitId !== hitId) return
      if (detail.ok) set((s) => ({ ...withAlert(s, detail.value), detail: detail.value }))
      else set({ detailError: detail.error })
    },

    closeHit() {
      set({ openHitId: null, detail: null, detailError: null })
    },

    async check(hitId, check, passed, result) {
      const answer = await signedInCall(() => alpr().hits.check(result === undefined ? { hitId, check, passed } : { hitId, check, passed, result }))
      if (answer.ok) set((s) => withAlert(s, answer.value))
      return answer
    },

    async dispose(hitId, disposition, note) {
      const answer = await signedInCall(() => alpr().hits.dispose(note ? { hitId, disposition, note } : { hitId, disposition }))
      if (answer.ok) set((s) => withAlert(s, answer.value))
      return answer
    },

    reset() {
      generation++
      wakeRetry?.()
      set({ ...EMPTY })
    },
  }
})

// Nothing one person saw stays in memory for the next, and no poll outlives the session: the reads, resolved
// alerts (covert ones included), cursor and mute go when the session ends, from the shell or from the lock
// screen, and when another person's session takes its place. Locking only stops the poll.
useApp.subscribe((state, previous) => {
  const signedIn = (phase: typeof state.phase) => phase === 'app' || phase === 'locked'
  const personChanged = state.session?.user.id !== previous.session?.user.id
  if (personChanged || (signedIn(previous.phase) && !signedIn(state.phase))) useLive.getState().reset()
  else if (previous.phase === 'app' && state.phase === 'locked') useLive.getState().stop()
})
