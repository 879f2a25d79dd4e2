// How times, dates and roles read on screen: 24-hour local time, ISO-style dates, the roles' own names.
import { ROLE_LABELS, type Role } from '../../shared/roles'

const pad = (n: number): string => String(n).padStart(2, '0')

/** 2026-09-15 */
export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** 14:05 */
export function formatTime(ms: number): string {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** 2026-09-15 14:05:09 */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  const d = new Date(ms)
  return `${formatDate(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** Today's date as YYYY-MM-DD, for the `max` of date fields. */
export function todayIso(): string {
  return formatDate(Date.now())
}

/** Time of day when it is today, else the date and time. */
export function formatWhen(ms: number): string {
  return formatDate(ms) === formatDate(Date.now()) ? formatTime(ms) : `${formatDate(ms)} ${formatTime(ms)}`
}

export function roleNames(roles: readonly Role[]): string {
  return roles.map((r) => ROLE_LABELS[r]).join(', ')
}

export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id
}
