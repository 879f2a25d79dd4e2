// Time as a dependency, so rules about expiry and inactivity are tested with a controllable clock.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/**
 * Adds calendar months (a training or review period) to a time, in UTC. A day the target month lacks is
 * clamped to its last day (2028-02-29 minus 36 months is 2025-02-28, not 2025-03-01): a period never ends
 * later than the calendar says, and a purge cutoff never reaches a day too far.
 */
export function addMonths(at: number, months: number): number {
  const d = new Date(at)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d.getTime()
}
