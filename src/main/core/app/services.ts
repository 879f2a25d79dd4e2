// The long-lived objects handlers share. Built once by create-core.ts.
import type { Clock } from '../clock'
import type { SessionManager } from '../auth/sessions'
import type { Store } from '../store'
import type { RetentionScheduler } from '../retention/scheduler'

export interface Services {
  store: Store
  clock: Clock
  sessions: SessionManager
  /** The retention purge's schedule, and manual runs. */
  retention: RetentionScheduler
}
