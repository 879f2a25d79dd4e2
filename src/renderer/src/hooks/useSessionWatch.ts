// Asks the core about the session every 30 seconds, and when the window regains focus, so the lock screen
// appears on its own after idle time and an ended session returns to sign-in. `auth.session` does not count
// as activity, so this never keeps a session awake.
import { useEffect } from 'react'
import { useApp } from '../store/session'

export const SESSION_POLL_MS = 30_000
/** Keyboard or pointer input tells the core the person is working, at most this often. */
export const ACTIVITY_REPORT_MS = 60_000

export function useSessionWatch(active: boolean): void {
  const checkSession = useApp((s) => s.checkSession)
  const reportActivity = useApp((s) => s.reportActivity)
  useEffect(() => {
    if (!active) return
    let lastReport = 0
    const onInput = () => {
      if (Date.now() - lastReport < ACTIVITY_REPORT_MS) return
      lastReport = Date.now()
      void reportActivity()
    }
    const events = ['keydown', 'pointerdown', 'wheel'] as const
    for (const name of events) window.addEventListener(name, onInput, { passive: true, capture: true })
    return () => {
      for (const name of events) window.removeEventListener(name, onInput, { capture: true })
    }
  }, [active, reportActivity])
  useEffect(() => {
    if (!active) return
    const timer = window.setInterval(() => void checkSession(), SESSION_POLL_MS)
    let last = Date.now()
    const onFocus = () => {
      // Coming back to the window: check at once, but not on every focus change.
      if (Date.now() - last < 5_000) return
      last = Date.now()
      void checkSession()
    }
    const onVisibility = () => {
      if (document.visibilityState === 'visible') onFocus()
    }
    window.addEventListener('focus', onFocus)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.clearInterval(timer)
      window.removeEventListener('focus', onFocus)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [active, checkSession])
}
