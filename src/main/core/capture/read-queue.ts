// One camera's reads waiting to be stored, in the order they were made. A batch the store refused (the
// database briefly locked, the disk full) stays at the head and is tried again with back-off, so a passing
// failure loses nothing. The queue is bounded: past its limit the oldest waiting batches are given up, and
// that is reported, never silent; the newest reads are kept because they are the ones a dispatcher acts on.

export interface ReadQueueOptions {
  /** Delays between attempts while the store fails: the first, doubling up to max (ms). */
  backoffMs?: { first: number; max: number }
  /**
   * Reads held at most, all batches together, while the store fails. Each holds its scene frame (raw RGB,
   * about 2.7 MB at 1280x720), so the default of 100 is ~270 MB per camera at worst.
   */
  maxReads?: number
}

export interface ReadQueueHooks<T> {
  /** Stores one batch; rejects if nothing of it was stored (the batch is then tried again). */
  store(batch: T[]): Promise<void>
  /** The store refused a batch: called once when a run of failures begins, and again when it ends. */
  onFailing(failing: boolean, error: unknown): void
  /** Reads given up: the queue overflowed, or capture stopped while the store still failed. */
  onGivenUp(reads: number, why: 'overflow' | 'stopped'): void
}

export class ReadQueue<T> {
  private pending: T[][] = []
  private draining: Promise<void> | null = null
  private stopping = false
  private wake: (() => void) | null = null
  private readonly backoff: { first: number; max: number }
  private readonly maxReads: number
  /** Whether the last attempt to store failed. */
  failing = false

  constructor(
    private readonly hooks: ReadQueueHooks<T>,
    options: ReadQueueOptions = {},
  ) {
    this.backoff = options.backoffMs ?? { first: 1000, max: 30_000 }
    this.maxReads = options.maxReads ?? 100
  }

  /** Reads waiting to be stored. */
  get waiting(): number {
    return this.pending.reduce((n, batch) => n + batch.length, 0)
  }

  add(batch: T[]): void {
    if (batch.length === 0) return
    this.pending.push(batch)
    this.trim()
    this.draining ??= this.drain().finally(() => (this.draining = null))
  }

  /** Resolves once everything waiting was stored, or tried once more and given up (capture is stopping). */
  async stop(): Promise<void> {
    this.stopping = true
    this.wake?.()
    await this.draining
  }

  private async drain(): Promise<void> {
    let delay = this.backoff.first
    while (this.pending.length > 0) {
      const batch = this.pending[0]!
      try {
        await this.hooks.store(batch)
        this.pending.shift()
        delay = this.backoff.first
        if (this.failing) {
          this.failing = false
          this.hooks.onFailing(false, null)
        }
      } catch (error) {
        if (!this.failing) {
          this.failing = true
          this.hooks.onFailing(true, error)
        }
        if (this.stopping) {
          const left = this.waiting
          this.pending = []
          this.hooks.onGivenUp(left, 'stopped')
          return
        }
        await this.sleep(delay)
        delay = Math.min(this.backoff.max, delay * 2)
      }
    }
  }

  /** Gives up the oldest batches past the limit; never the head, which may be in the store right now. */
  private trim(): void {
    let over = this.waiting - this.maxReads
    let given = 0
    while (over > 0 && this.pending.length > 1) {
      const [dropped] = this.pending.splice(1, 1)
      over -= dropped!.length
      given += dropped!.length
    }
    if (given > 0) this.hooks.onGivenUp(given, 'overflow')
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms)
      this.wake = () => {
        clearTimeout(timer)
        this.wake = null
        resolve()
      }
    })
  }
}
