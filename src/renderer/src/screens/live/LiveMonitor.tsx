// Alert monitoring for the whole shell, not only the Live screen: while a signed-in, unlocked person who holds
// alerts.monitor is at the workstation, the live feed runs and the alert sounds play, whatever section is open
// (a supervisor on Search still hears a hit), and each new alert is announced assertively to screen readers.
// Rendered by the Shell; it draws only the hidden announcer, so its one-second tick re-renders only itself. LiveNavBadge shows the open alerts on the Live section's nav item.
import { useEffect, useRef, useState } from 'react'
import type { HitAlert } from '../../../../shared/models'
import { useNow } from '../../hooks/useNow'
import { useLive } from '../../store/live'
import { can, useApp } from '../../store/session'
import { sortAlerts } from './AlertPanel'
import { alertColor } from './live-format'
import { playSound, repeatEveryMs, soundBlocked, unlockSound } from './sounds'

/**
 * The alerts whose sound is due, most urgent first: never played yet, or unacknowledged and past their repeat
 * interval. `lastPlayed` holds when each alert's sound last actually played.
 */
export function dueAlerts(alerts: HitAlert[], lastPlayed: ReadonlyMap<number, number>, now: number): HitAlert[] {
  return sortAlerts(alerts).filter((a) => {
    if (a.acknowledgedAt !== null || a.disposition !== null || a.sound === 'none') return false
    const played = lastPlayed.get(a.id)
    if (played === undefined) return true
    const every = repeatEveryMs(a.priority)
    return every !== null && now - played >= every
  })
}

/** Plays the alerts' sounds: new ones at once, unacknowledged ones again by priority; one pattern at a time. */
function useAlertSounds(): void {
  const alerts = useLive((s) => s.alerts)
  const muted = useLive((s) => s.muted)
  const lastPlayed = useRef(new Map<number, number>())
  const now = useNow(1000)
  useEffect(() => {
    const live = useLive.getState()
    const due = dueAlerts(alerts, lastPlayed.current, now)
    const next = due[0]
    if (!next || muted) {
      if (live.sound.blocked) live.setSoundBlocked(soundBlocked())
      return
    }
    // While the browser holds sound back, nothing counts as heard: the alert stays due and sounds as soon as
    // sound is allowed (a key press or click), even one that sounds only once.
    if (soundBlocked()) {
      unlockSound()
      live.setSoundBlocked(true)
      return
    }
    if (!playSound(next.sound)) {
      live.setSoundBlocked(true)
      return
    }
    for (const a of due) if (a.priority === next.priority || !lastPlayed.current.has(a.id)) lastPlayed.current.set(a.id, now)
    live.soundPlayed(`${next.sound}:${next.id}`)
  }, [alerts, muted, now])
}

function announcement(alert: HitAlert, onLive: boolean): string {
  return `New hot-list alert, priority ${alert.priority}, ${alert.match === 'exact' ? 'exact match' : 'possible match'}: plate ${alert.readPlate} on ${alert.listName}. Unverified, do not act until verified. ${onLive ? 'Alt+A goes to the newest alert.' : 'Alt+1 opens Live.'}`
}

/** Announces each alert once, when it first appears, wherever the person is. */
function AlertAnnouncer() {
  const alerts = useLive((s) => s.alerts)
  const seen = useRef(new Set<number>())
  const [spoken, setSpoken] = useState('')
  useEffect(() => {
    const fresh = sortAlerts(alerts).filter((a) => !seen.current.has(a.id))
    for (const a of alerts) seen.current.add(a.id)
    const onLive = useApp.getState().section === 'live'
    if (fresh.length > 0) setSpoken(fresh.map((a) => announcement(a, onLive)).join(' '))
  }, [alerts])
  return (
    <div className="visually-hidden" role="alert" aria-live="assertive" data-testid="alert-announcer">
      {spoken}
    </div>
  )
}

function AlertSounds() {
  useAlertSounds()
  return null
}

/** Runs the feed and the sounds for a person who monitors alerts; nothing for anyone else. */
export function LiveMonitor() {
  const monitors = useApp((s) => s.phase === 'app' && can(s.session, 'alerts.monitor'))
  const start = useLive((s) => s.start)
  const stop = useLive((s) => s.stop)

  useEffect(() => {
    if (!monitors) return
    start()
    return () => stop()
  }, [monitors, start, stop])

  // Browsers allow sound only after a key press or click in the window: any one, in any section.
  useEffect(() => {
    if (!monitors) return
    const unlock = () => unlockSound()
    window.addEventListener('keydown', unlock)
    window.addEventListener('pointerdown', unlock)
    return () => {
      window.removeEventListener('keydown', unlock)
      window.removeEventListener('pointerdown', unlock)
    }
  }, [monitors])

  if (!monitors) return null
  return (
    <>
      <AlertSounds />
      <AlertAnnouncer />
    </>
  )
}

/** Black or white, whichever reads better on the badge's colour. */
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const lum = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  const l = 0.2126 * lum(r!) + 0.7152 * lum(g!) + 0.0722 * lum(b!)
  return l > 0.22 ? '#111' : '#fff'
}

/** The Live nav item's label: "Live, 2 open alerts". */
export function liveNavLabel(open: number): string {
  return open === 0 ? 'Live' : `Live, ${open} open alert${open === 1 ? '' : 's'}`
}

/** The open-alert count on the Live nav item, in the colour of the most urgent alert. */
export function LiveNavBadge() {
  const open = useLive((s) => s.alerts.length)
  const color = useLive((s) => {
    const urgent = sortAlerts(s.alerts)[0]
    return urgent ? alertColor(urgent) : null
  })
  const priority = useLive((s) => sortAlerts(s.alerts)[0]?.priority ?? null)
  if (open === 0 || color === null) return null
  return (
    <span className="nav-badge" style={{ background: color, color: textOn(color) }} data-testid="nav-live-badge" data-priority={priority ?? undefined} aria-hidden="true">
      {open}
    </span>
  )
}

/** Under the Live nav item: sound is held back by the browser while an alert is waiting to be heard. */
export function LiveNavSoundNote() {
  const blocked = useLive((s) => s.sound.blocked && !s.muted && s.alerts.some((a) => a.acknowledgedAt === null))
  if (!blocked) return null
  return (
    <p className="nav-sound-note small" role="status">
      Alert sound held back: press a key or click in this window.
    </p>
  )
}
