// A wall clock that tests can move forward, so TOTP steps and session timers advance without sleeping.
import type { Clock } from '../../../src/main/core/clock'

export class ShiftableClock implements Clock {
  private offset = 0
  now(): number {
    return Date.now() + this.offset
  }
  advance(ms: number): void {
    this.offset += ms
  }
}
