// The long-lived objects handlers share. Built once by create-core.ts.
import type { Clock } from '../clock'
import type { SessionManager } from '../auth/sessions'
import type { Store } from '../store'
import type { RetentionScheduler } from '../retention/scheduler'
import type { CaptureControl } from '../capture/control'
import type { LiveSignal } from '../live/signal'
import type { ClientOptions } from '../recognition/client'

/** How to start a recognition worker: its transport (utilityProcess in Electron), entry and pipeline options. */
export type RecognitionSetup = Pick<ClientOptions, 'transport' | 'workerEntry' | 'pipeline'>

export interface Services {
  store: Store
  clock: Clock
  sessions: SessionManager
  /** The retention purge's schedule, and manual runs. */
  retention: RetentionScheduler
  /** Live capture of the registered cameras. */
  capture: CaptureControl
  /** Wakes live-feed calls waiting for something new. */
  live: LiveSignal
  /** Options for every recognition client the core starts. */
  recognition: RecognitionSetup
}
