// Assembles the core: opens the store, registers this workstation, wires every handler behind the guard.
// Both the Electron adapters and the browser harness call this; neither adds any decision of its own.
import { contract } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { type Clock, systemClock } from '../clock'
import { SessionManager } from '../auth/sessions'
import { authHandlers } from '../auth/handlers'
import { accessLogHandlers } from '../audit/handlers'
import { deviceHandlers } from '../devices/handlers'
import { type DeviceIdentity, loadOrCreateDeviceIdentity } from '../devices/identity'
import { setupHandlers } from '../setup/handlers'
import { userHandlers } from '../users/handlers'
import { accountHandlers } from '../accounts/handlers'
import { settingsHandlers } from '../settings/handlers'
import { auditHandlers } from '../audits/handlers'
import { retentionHandlers } from '../retention/handlers'
import { type RetentionScheduleOptions, startRetentionScheduler } from '../retention/scheduler'
import { holdHandlers } from '../holds/handlers'
import { exportHandlers } from '../exports/handlers'
import { sharingHandlers } from '../sharing/handlers'
import { policyHandlers } from '../policy/handlers'
import { vendorHandlers } from '../vendors/handlers'
import { complianceHandlers } from '../compliance/handlers'
import { liveHandlers } from '../live/handlers'
import { searchHandlers } from '../search/handlers'
import { readHandlers } from '../reads/handlers'
import { footageHandlers } from '../footage/handlers'
import { FootageRunner } from '../footage/runner'
import { type MediaFile, MediaTokens } from '../footage/media'
import { cameraHandlers } from '../cameras/handlers'
import { hitHandlers } from '../hotlists/hit-handlers'
import { hotListHandlers } from '../hotlists/handlers'
import { type CaptureControl, idleCapture } from '../capture/control'
import { CaptureManager, type CaptureOptions } from '../capture/capture-manager'
import { LiveSignal } from '../live/signal'
import { type KeyProtector, openStore, type Store } from '../store'
import { createDispatcher } from '../access/guard'
import type { CallContext, Handlers } from '../access/types'
import type { RecognitionSetup, Services } from './services'

export interface CoreOptions {
  dataDir: string
  appOrigin: string
  clock?: Clock
  keyProtector?: KeyProtector
  nativeBinding?: string
  storeWorkerEntry?: string | URL
  /** Overrides the identity file (tests of a second, unapproved workstation). */
  device?: DeviceIdentity
  reportFailure?: (channel: string, error: unknown) => void
  /**
   * How recognition workers start (live capture and footage each own one): a utilityProcess transport in
   * Electron, a worker_thread running the .ts source under Node by default.
   */
  recognition?: RecognitionSetup
  /** The retention purge's schedule; false turns scheduling off (manual runs still work). */
  retention?: RetentionScheduleOptions | false
  /** Live capture of the registered cameras (on by default; recognition starts only once a camera is enabled); false turns it off. */
  capture?: CaptureOptions | false
}

export interface Core {
  readonly device: DeviceIdentity
  readonly store: Store
  dispatch(call: CallContext, channel: string, input: unknown): Promise<Result<unknown>>
  /** Drops the session of a sender that went away (window closed, connection lost). */
  forgetSender(senderId: string): void
  /** Live capture: camera states, and refresh() after the registry changed outside the channels (tests, tools). */
  readonly capture: CaptureControl
  /** The video file a footage media URL path (/media/<token>) names, or null when the token is not valid now. */
  resolveMedia(urlPath: string): Promise<MediaFile | null>
  close(): Promise<void>
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock
  const store = await openStore({
    dataDir: options.dataDir,
    keyProtector: options.keyProtector,
    nativeBinding: options.nativeBinding,
    workerEntry: options.storeWorkerEntry,
  })
  const device = options.device ?? loadOrCreateDeviceIdentity(options.dataDir, clock.now())
  await store.devices.register(device.id, device.name, clock.now())

  const retention = startRetentionScheduler(
    { store, clock, deviceId: device.id, reportFailure: options.reportFailure },
    options.retention ?? {},
  )
  const services: Services = { store, clock, sessions: new SessionManager(), retention, capture: idleCapture, live: new LiveSignal(), recognition: options.recognition ?? {} }
  if (options.capture !== false) {
    services.capture = new CaptureManager({ store, clock, live: services.live, recognition: services.recognition, reportFailure: options.reportFailure }, options.capture)
  }
  const footage = new FootageRunner({ store, clock, recognition: services.recognition, reportFailure: options.reportFailure })
  await footage.recover()
  const media = new MediaTokens(services.sessions, clock, store)
  const handlers: Handlers = {
    ...setupHandlers(services),
    ...authHandlers(services),
    ...userHandlers(services),
    ...deviceHandlers(services),
    ...accessLogHandlers(services),
    ...accountHandlers(services),
    ...settingsHandlers(services),
    ...auditHandlers(services),
    ...retentionHandlers(services),
    ...holdHandlers(services),
    ...exportHandlers(services),
    ...sharingHandlers(services),
    ...policyHandlers(services),
    ...vendorHandlers(services),
    ...complianceHandlers(services),
    ...liveHandlers(services),
    ...searchHandlers(services),
    ...readHandlers(services),
    ...footageHandlers(services, footage, media),
    ...cameraHandlers(services),
    ...hitHandlers(services),
    ...hotListHandlers(services),
  }
  const dispatch = createDispatcher(contract, handlers, {
    store,
    clock,
    sessions: services.sessions,
    deviceId: device.id,
    appOrigin: options.appOrigin,
    reportFailure: options.reportFailure,
  })
  await services.capture.refresh().catch((error: unknown) => options.reportFailure?.('capture.refresh', error))
  return {
    device,
    store,
    dispatch,
    forgetSender: (senderId) => services.sessions.end(senderId),
    capture: services.capture,
    resolveMedia: (urlPath) => media.resolve(urlPath),
    close: async () => {
      services.sessions.endAll()
      media.revoke()
      // Before the store closes: capture stores the reads of every pass still open.
      await services.capture.stop()
      await footage.stop()
      await retention.stop()
      await store.close()
    },
  }
}
