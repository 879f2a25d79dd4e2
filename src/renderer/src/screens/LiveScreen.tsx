// Live: the dispatch workstation's screen. Hot-list alerts first (they cannot be missed: colour, sound, an
// assertive announcement), then the cameras with their latest reads, and the read feed. The feed is polled
// and the sounds play in every section (LiveMonitor in the Shell); when polling fails this screen says so at
// once, because a quiet screen must never hide a dead feed.
// Keys: Alt+A goes to the newest open alert, Enter opens it, Escape closes the verification.
import { useCallback, useEffect, useRef } from 'react'
import { Button } from '../components/Button'
import { SectionHeader } from '../components/SectionHeader'
import { formatTime } from '../format'
import { useNow } from '../hooks/useNow'
import { useLive } from '../store/live'
import { AlertPanel, resolvedItemId, verifyButtonId } from './live/AlertPanel'
import { CameraTiles } from './live/CameraTiles'
import { ReadFeed } from './live/ReadFeed'
import { VerifyDialog } from './live/VerifyDialog'
import './live/live.css'

/** 14:05:09: the seconds show the feed is alive. */
const formatClock = (ms: number) => `${formatTime(ms)}:${String(new Date(ms).getSeconds()).padStart(2, '0')}`

function FeedInterrupted() {
  const status = useLive((s) => s.status)
  const error = useLive((s) => s.error)
  const interruptedAt = useLive((s) => s.interruptedAt)
  const nextRetryAt = useLive((s) => s.nextRetryAt)
  const retryNow = useLive((s) => s.retryNow)
  const now = useNow(1000)
  if (status === 'interrupted' || status === 'refused') {
    return (
      <div className="feed-interrupted" role="alert" data-testid="feed-interrupted">
        <p className="feed-interrupted-title">
          Feed interrupted{interruptedAt !== null ? ` since ${formatTime(interruptedAt)}` : ''}: new reads and alerts are not arriving on this screen.
        </p>
        {error ? <p>{error.message}</p> : null}
        <div className="actions">
          {nextRetryAt !== null ? <span className="tabular">Next attempt in {Math.max(0, Math.ceil((nextRetryAt - now) / 1000))} s.</span> : null}
          <Button size="small" onClick={retryNow}>
            Retry now
          </Button>
        </div>
      </div>
    )
  }
  return null
}

function FeedStatus() {
  const status = useLive((s) => s.status)
  const updatedAt = useLive((s) => s.updatedAt)
  if (status === 'interrupted' || status === 'refused') {
    return (
      <p className="feed-status is-down" data-testid="feed-status">
        <span className="state-dot" aria-hidden="true" />
        Feed interrupted
      </p>
    )
  }
  return (
    <p className={`feed-status ${status === 'live' ? 'is-live' : ''}`} role="status" data-testid="feed-status">
      <span className="state-dot" aria-hidden="true" />
      {status === 'live' ? `Feed live · updated ${updatedAt === null ? '—' : formatClock(updatedAt)}` : 'Connecting to the live feed…'}
    </p>
  )
}

export function LiveScreen() {
  const reads = useLive((s) => s.reads)
  const alerts = useLive((s) => s.alerts)
  const resolved = useLive((s) => s.resolved)
  const cameras = useLive((s) => s.cameras)
  const loaded = useLive((s) => s.updatedAt !== null)
  const openHit = useLive((s) => s.openHit)
  const closeHit = useLive((s) => s.closeHit)
  const openedFrom = useRef<number | null>(null)

  const open = useCallback(
    (hitId: number) => {
      openedFrom.current = hitId
      void openHit(hitId)
    },
    [openHit],
  )

  const close = useCallback(() => {
    const hitId = openedFrom.current
    closeHit()
    // Back to where the dispatcher came from: the alert's card, its resolved entry, or the panel.
    window.setTimeout(() => {
      const target =
        (hitId !== null ? (document.getElementById(verifyButtonId(hitId)) ?? document.getElementById(resolvedItemId(hitId))) : null) ??
        document.getElementById('alert-panel-title')
      target?.focus()
    }, 0)
  }, [closeHit])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.code !== 'KeyA') return
      e.preventDefault()
      // While a verification is open the page behind it is inert; Escape first.
      if (useLive.getState().openHitId !== null) return
      const newest = [...useLive.getState().alerts].sort((a, b) => b.createdAt - a.createdAt)[0]
      const target = newest ? document.getElementById(verifyButtonId(newest.id)) : document.getElementById('alert-panel-title')
      target?.focus()
      target?.scrollIntoView({ block: 'nearest' })
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div className="live-screen">
      <SectionHeader title="Live" actions={<FeedStatus />}>
        Reads from the agency’s cameras as they are stored. A hit is never actionable on its own: verify it before anyone acts.
      </SectionHeader>
      <FeedInterrupted />
      <AlertPanel onOpen={open} />
      <div className="live-columns">
        <CameraTiles cameras={cameras} reads={reads} loaded={loaded} />
        <ReadFeed reads={reads} alerts={[...alerts, ...resolved]} loaded={loaded} onOpen={open} />
      </div>
      <VerifyDialog onClose={close} />
    </div>
  )
}
