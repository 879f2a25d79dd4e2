// How the Live screen words things: ages, camera states, match kinds, dispositions and verification progress.
// "Confirmed" appears only for the confirmed disposition; nothing else on this screen uses the word.
import type { CameraStatus, HitAlert, HitDisposition } from '../../../../shared/models'
import { formatTime, formatWhen } from '../../format'

/** A hot list older than this is flagged as stale beside every hit (state extracts are refreshed daily). */
export const STALE_LIST_MS = 24 * 3_600_000
/** Characters read with less confidence than this are highlighted for the visual check. */
export const LOW_CHAR_CONFIDENCE = 0.8

export const DISPOSITION_LABELS: Record<HitDisposition, string> = {
  confirmed: 'Confirmed',
  misread: 'Misread',
  wrong_state: 'Wrong state',
  not_actionable: 'Not actionable',
  dismissed: 'Dismissed',
}

export const DISPOSITION_HINTS: Record<HitDisposition, string> = {
  confirmed: 'All three checks passed: the vehicle is the listed one and the entry is still active.',
  misread: 'The camera read the plate wrongly; the characters do not match.',
  wrong_state: 'The characters match but the plate is from another state.',
  not_actionable: 'A real match, but the entry is no longer active or gives no reason to act.',
  dismissed: 'Closed without action for another reason (say why in the note).',
}

/** "just now", "4 min ago", "3 h ago", "2 days ago". */
export function ago(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000))
  if (s < 45) return 'just now'
  const min = Math.round(s / 60)
  if (min < 60) return `${min} min ago`
  const h = Math.floor(min / 60)
  if (h < 48) return `${h} h ago`
  return `${Math.floor(h / 24)} days ago`
}

export function listAge(refreshedAt: number | null, now: number): { text: string; stale: boolean } {
  if (refreshedAt === null) return { text: 'list refresh time unknown', stale: true }
  return { text: `list refreshed ${ago(refreshedAt, now)}`, stale: now - refreshedAt > STALE_LIST_MS }
}

export function cameraStateText(camera: CameraStatus, now: number): string {
  switch (camera.state) {
    case 'live':
      return camera.fps === null ? 'Live' : `Live at ${camera.fps.toFixed(1)} fps`
    case 'connecting':
      return 'Connecting…'
    case 'retrying': {
      const next = camera.nextAttemptAt === null ? '' : ` · next attempt ${camera.nextAttemptAt <= now ? 'now' : `in ${Math.ceil((camera.nextAttemptAt - now) / 1000)} s`}`
      return `Retrying since ${formatWhen(camera.since)}${next}`
    }
    case 'error':
      return 'Error'
    case 'disabled':
      return 'Disabled'
  }
}

/** Positions where the read differs from the listed plate (same length only; otherwise none are marked). */
export function differingPositions(read: string, listed: string): Set<number> {
  const out = new Set<number>()
  if (read.length !== listed.length) return out
  for (let i = 0; i < read.length; i++) if (read[i] !== listed[i]) out.add(i)
  return out
}

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']

/** A character named so 0 and O, 1 and I cannot be confused: "digit zero", "letter O". */
export function charName(c: string): string {
  if (/^[0-9]$/.test(c)) return `digit ${DIGITS[Number(c)]}`
  if (/^[A-Z]$/i.test(c)) return `letter ${c.toUpperCase()}`
  return `“${c}”`
}

/** Each differing character in words: "character 4: read digit zero, listed letter O". */
export function describeDifferences(read: string, listed: string): string[] {
  return [...differingPositions(read, listed)].map((i) => `character ${i + 1}: read ${charName(read[i]!)}, listed ${charName(listed[i]!)}`)
}

export function matchLabel(alert: Pick<HitAlert, 'match' | 'differences'>): string {
  if (alert.match === 'exact') return 'Exact match'
  const n = alert.differences
  return `POSSIBLE match · ${n} character${n === 1 ? '' : 's'} differ${n === 1 ? 's' : ''}`
}

export function checksRecorded(alert: HitAlert): number {
  return [alert.visualMatch, alert.stateMatch, alert.cletsChecked].filter((v) => v !== null).length
}

export function allChecksPassed(alert: HitAlert): boolean {
  return alert.visualMatch === true && alert.stateMatch === true && alert.cletsChecked === true
}

/** The one-line status of a hit; never says "confirmed" unless that is the disposition. */
export function verificationStatus(alert: HitAlert): { text: string; tone: 'danger' | 'warning' | 'ok' | 'muted' } {
  if (alert.disposition !== null) {
    const by = alert.disposedBy ? ` by ${alert.disposedBy}` : ''
    const at = alert.disposedAt === null ? '' : ` at ${formatTime(alert.disposedAt)}`
    return { text: `${DISPOSITION_LABELS[alert.disposition]}${by}${at}`, tone: alert.disposition === 'confirmed' ? 'danger' : 'muted' }
  }
  const n = checksRecorded(alert)
  if (n === 0) return { text: 'Unverified — do not act until verified', tone: 'danger' }
  return { text: `Unverified — ${n} of 3 checks recorded; do not act until verified`, tone: 'warning' }
}

const PRIORITY_FALLBACK: Record<1 | 2 | 3, string> = { 1: '#c62828', 2: '#e07b00', 3: '#2f6fd6' }

/** The list's colour when it is a plain hex colour, else the priority's colour. */
export function alertColor(alert: Pick<HitAlert, 'color' | 'priority'>): string {
  return /^#[0-9a-f]{6}$/i.test(alert.color) ? alert.color : PRIORITY_FALLBACK[alert.priority]
}
