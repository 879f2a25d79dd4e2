// A clock that only moves when a test moves it, so expiry, lockout windows and TOTP steps are exact.
// It starts on a fixed instant at the start of a 30-second authenticator step.
import type { Clock } from '../../src/main/core/clock'
import { TOTP_PERIOD_SECONDS } from '../../src/main/core/auth/totp'

/** Monday 2 March 2026, 16:00:00 UTC. */
export const START = Date.UTC(2026, 2, 2, 16, 0, 0)
const STEP_MS = TOTP_PERIOD_SECONDS * 1000

export class TestClock implements Clock {
  constructor(private at: number = START) {}

  now(): number {
    return this.at
  }

  advance(ms: number): number {
    this.at += ms
    return this.at
  }

  set(at: number): number {
    this.at = at
    return this.at
  }

  /** Moves to the start of the next authenticator step, as a person waiting for a fresh code would. */
  nextTotpStep(): number {
    this.at = (Math.floor(this.at / STEP_MS) + 1) * STEP_MS
    return this.at
  }
}

/** A calendar date (YYYY-MM-DD, UTC) as the forms take it. */
export const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10)
