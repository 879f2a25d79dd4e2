// The application shell: who is signed in where, until when; the sections; and the open section.
// Alt+1…6 open the sections from anywhere. Alert monitoring (the live feed, its sounds, the open-alert count on
// the Live item) runs here, so it goes on whatever section is open.
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import type { SessionInfo } from '../../../shared/models'
import { Button } from '../components/Button'
import { formatTime, roleNames } from '../format'
import { useNow } from '../hooks/useNow'
import { canOpen, SECTIONS, useApp, type Section } from '../store/session'
import { LiveScreen } from './LiveScreen'
import { SearchScreen } from './SearchScreen'
import { FootageScreen } from './FootageScreen'
import { HotListsScreen } from './HotListsScreen'
import { AdminScreen } from './AdminScreen'
import { GovernanceScreen } from './GovernanceScreen'
import { ExportReminder } from './ExportReminder'
import { LiveMonitor, LiveNavBadge, LiveNavSoundNote, liveNavLabel } from './live/LiveMonitor'
import { useLive } from '../store/live'

const SCREENS: Record<Section, () => ReactNode> = {
  live: () => <LiveScreen />,
  search: () => <SearchScreen />,
  footage: () => <FootageScreen />,
  hotlists: () => <HotListsScreen />,
  governance: () => <GovernanceScreen />,
  admin: () => <AdminScreen />,
}

function minutesLeft(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 60_000))
}

function SessionIndicator({ session }: { session: SessionInfo }) {
  const now = useNow(15_000)
  const endsIn = minutesLeft(session.endsAt, now)
  const soon = endsIn <= 15
  const locksIn = session.locksAt === null ? null : minutesLeft(session.locksAt, now)
  return (
    <div className={`session-indicator ${soon ? 'is-soon' : ''}`} data-testid="session-ends">
      <span>
        Session ends <strong className="tabular">{formatTime(session.endsAt)}</strong>
        {soon ? <span className="session-soon"> · in {endsIn} min</span> : null}
      </span>
      <span className="muted small">
        {session.locksAt === null ? 'No idle lock on this workstation' : `Locks if idle at ${formatTime(session.locksAt)}${locksIn !== null && locksIn <= 5 ? ` (${locksIn} min)` : ''}`}
      </span>
    </div>
  )
}

export function Shell() {
  const session = useApp((s) => s.session)
  const status = useApp((s) => s.status)
  const section = useApp((s) => s.section)
  const setSection = useApp((s) => s.setSection)
  const checkSession = useApp((s) => s.checkSession)
  const signOut = useApp((s) => s.signOut)
  const [signingOut, setSigningOut] = useState(false)
  const openAlerts = useLive((s) => s.alerts.length)
  const lastSound = useLive((s) => s.sound.last)
  const soundsPlayed = useLive((s) => s.sound.count)

  const sections = SECTIONS.filter((s) => canOpen(session, s.id))
  // The first section this person may open when the remembered one is not theirs (an administrator has no Live).
  const current = sections.some((s) => s.id === section) ? section : (sections[0]?.id ?? null)

  const open = useCallback(
    (id: Section) => {
      setSection(id)
      // Opening a section is a moment to learn that the session locked while idle.
      void checkSession()
    },
    [setSection, checkSession],
  )

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1]
      const target = SECTIONS.find((s) => s.key === digit)
      if (!target || !canOpen(session, target.id)) return
      e.preventDefault()
      open(target.id)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [session, open])

  if (!session) return null
  const user = session.user
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-brand">
          <span className="brand-mark" aria-hidden="true">
            ALPR
          </span>
          <span className="brand-text">
            <span className="brand-agency-strong">{status?.agencyName ?? 'ALPR Workstation'}</span>
            <span className="muted small">
              Workstation <span className="topbar-workstation">{status?.device.name ?? '—'}</span>
            </span>
          </span>
        </div>
        <div className="topbar-right">
          <SessionIndicator session={session} />
          <div className="topbar-user">
            <span className="user-name">{user.displayName}</span>
            <span className="muted small">
              <span className="mono">{user.username}</span> · {roleNames(user.roles)}
            </span>
          </div>
          <Button
            onClick={() => {
              setSigningOut(true)
              void signOut()
            }}
            busy={signingOut}
          >
            Sign out
          </Button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Sections">
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="nav-item"
                aria-current={s.id === current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${s.key}`}
                onClick={() => open(s.id)}
                {...(s.id === 'live'
                  ? { 'aria-label': liveNavLabel(openAlerts), 'data-testid': 'nav-live', 'data-last-sound': lastSound ?? undefined, 'data-sounds-played': soundsPlayed }
                  : {})}
              >
                <span className="nav-label">{s.label}</span>
                {s.id === 'live' ? <LiveNavBadge /> : null}
                <kbd className="nav-key" aria-hidden="true">
                  Alt+{s.key}
                </kbd>
              </button>
              {s.id === 'live' ? <LiveNavSoundNote /> : null}
            </li>
          ))}
        </ul>
        <p className="sidenav-foot small">Every use of this system is recorded in the access log.</p>
      </nav>
      <LiveMonitor />
      <main id="main" className="content" tabIndex={-1}>
        <ExportReminder signedInAt={session.startedAt} />
        {current ? (
          SCREENS[current]()
        ) : (
          <p className="muted">Your roles do not open any section of this workstation. Ask the ALPR Administrator.</p>
        )}
      </main>
    </div>
  )
}
