// Asks the core about the session every 30 seconds, and when the window regains focus, so the lock screen
// appears on its own after idle time and an ended session returns to sign-in. `auth.session` does not count
// as activity, so this never keeps a session awake.
import { useEffect } from 'react'
import { useApp } from '../store/session'

export const SESSION_POLL_MS = 30_000

export function useSessionWatch(active: boolean): void {
  const checkSession = useApp((s) => s.checkSession)
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
