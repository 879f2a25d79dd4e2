// Runs the retention purge at start-up and then periodically. Runs never overlap: a manual run waits for
// the one in progress. close() stops the timer and lets the current run end after its current step.
import type { RetentionRun, RetentionRunKind } from '../../../shared/models'
import { type Clock, HOUR } from '../clock'
import type { Store } from '../store'
import { runPurge } from './purge'

export interface RetentionScheduleOptions {
  /** Delay before the start-up run, so the first sign-in is not competing with it. Default 30 s. */
  startDelayMs?: number
  /** Default one hour. */
  intervalMs?: number
  batchSize?: number
}

export interface RetentionScheduler {
  runNow(kind: RetentionRunKind, requestedBy?: string | null): Promise<RetentionRun>
  /** On the clock the purge's cutoffs use; null once stopped or when scheduling is off. */
  nextRunAt(): number | null
  stop(): Promise<void>
}

export function startRetentionScheduler(
  deps: { store: Store; clock: Clock; deviceId: string; reportFailure?: (what: string, error: unknown) => void },
  options: RetentionScheduleOptions | false = {},
): RetentionScheduler {
  let stopped = false
  let timer: NodeJS.Timeout | null = null
  let nextAt: number | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const runNow = (kind: RetentionRunKind, requestedBy: string | null = null): Promise<RetentionRun> => {
    const run = queue.then(() =>
      runPurge({ ...deps, kind, requestedBy, batchSize: options ? options.batchSize : undefined, shouldStop: () => stopped }),
    )
    queue = run.catch(() => undefined)
    return run
  }

  const schedule = (kind: RetentionRunKind, delay: number) => {
    if (stopped || !options) return
    nextAt = deps.clock.now() + delay
    timer = setTimeout(() => {
      timer = null
      runNow(kind)
        .catch((error: unknown) => deps.reportFailure?.('retention', error))
        .finally(() => schedule('scheduled', options.intervalMs ?? HOUR))
    }, delay)
    timer.unref()
  }
  schedule('startup', options ? (options.startDelayMs ?? 30_000) : 0)

  return {
    runNow,
    nextRunAt: () => (stopped || timer === null ? null : nextAt),
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      timer = null
      await queue
    },
  }
}
