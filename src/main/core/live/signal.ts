// Wakes waiting live-feed calls when something a dispatcher watches changes: a read stored, a hit recorded or
// verified, a camera's state. A version number, so a caller that was busy between two waits misses nothing.

export class LiveSignal {
  private current = 0
  private waiters = new Set<() => void>()

  get version(): number {
    return this.current
  }

  notify(): void {
    this.current++
    const woken = this.waiters
    this.waiters = new Set()
    for (const wake of woken) wake()
  }

  /** Resolves with the version once it passes `seen`, or after `ms` (with the version then). */
  waitForChange(seen: number, ms: number): Promise<number> {
    if (this.current !== seen || ms <= 0) return Promise.resolve(this.current)
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        resolve(this.current)
      }
      const timer = setTimeout(() => {
        this.waiters.delete(wake)
        resolve(this.current)
      }, ms)
      this.waiters.add(wake)
    })
  }
}
