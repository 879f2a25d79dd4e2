// Which screen a person sees follows the application's phase: starting, banner, setup, sign-in, locked, shell.
import { useEffect } from 'react'
import { useApp } from './store/session'
import { useAdmin } from './store/admin'
import { useSessionWatch } from './hooks/useSessionWatch'
import { StartupScreen } from './screens/StartupScreen'
import { BannerScreen } from './screens/BannerScreen'
import { SetupScreen } from './screens/SetupScreen'
import { SignInScreen } from './screens/SignInScreen'
import { LockedScreen } from './screens/LockedScreen'
import { Shell } from './screens/Shell'

export function App() {
  const phase = useApp((s) => s.phase)
  const start = useApp((s) => s.start)
  const signedIn = phase === 'app' || phase === 'locked'

  useEffect(() => {
    void start()
  }, [start])

  // Nothing one person opened stays in memory for the next.
  useEffect(() => {
    if (!signedIn) useAdmin.getState().reset()
  }, [signedIn])

  useSessionWatch(signedIn)

  switch (phase) {
    case 'starting':
    case 'unavailable':
      return <StartupScreen />
    case 'banner':
      return <BannerScreen />
    case 'setup':
      return <SetupScreen />
    case 'signIn':
      return <SignInScreen />
    case 'locked':
      return <LockedScreen />
    case 'app':
      return <Shell />
  }
}
