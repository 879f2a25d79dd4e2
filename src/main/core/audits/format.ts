// How times read in audit documents and log exports: the workstation's local date and 24-hour time, with
// the zone named once in each document.
const pad = (n: number): string => String(n).padStart(2, '0')

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
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d).getTime()
}
