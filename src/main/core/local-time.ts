// Dates and times as people at the workstation read and write them: a date on a form ("completed on",
// "due", "review by") is a whole day in the workstation's local time zone, the zone the renderer's date
// fields use, so an evening in California is never already "tomorrow". Documents print local dates and
// 24-hour times and name the zone once.
const pad = (n: number): string => String(n).padStart(2, '0')

function parts(isoDate: string): [number, number, number] {
  return isoDate.split('-').map(Number) as [number, number, number]
}

/** The local calendar date of a moment, as YYYY-MM-DD (sorts and compares as text); '—' for none. */
export function localDate(at: number | null | undefined): string {
  if (at === null || at === undefined) return '—'
  const d = new Date(at)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function localDateTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '—'
  const d = new Date(at)
  return `${localDate(at)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** The workstation's time zone, e.g. "America/Los_Angeles". */
export const timeZoneName = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'

/** Midnight at the start of a YYYY-MM-DD day, local time. */
export function startOfLocalDay(isoDate: string): number {
  const [y, m, d] = parts(isoDate)
  return new Date(y, m - 1, d).getTime()
}

/** The start of the local day after the one `at` falls in: the moment a date stops being "today". */
export function localDayEnd(at: number): number {
  const d = new Date(at)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime()
}

/** The last millisecond of a YYYY-MM-DD day, local time (a date that is due "once the day is over"). */
export const lastMomentOfLocalDay = (isoDate: string): number => localDayEnd(startOfLocalDay(isoDate)) - 1

/** Local noon of a YYYY-MM-DD date: the moment stored for a date-only record. */
export function localNoon(isoDate: string): number {
  const [y, m, d] = parts(isoDate)
  return new Date(y, m - 1, d, 12).getTime()
}
