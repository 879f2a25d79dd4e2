// Time as a dependency, so rules about expiry and inactivity are tested with a controllable clock.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** Adds calendar months (a training or review period) to a time. */
export function addMonths(at: number, months: number): number {
  const d = new Date(at)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.getTime()
}
