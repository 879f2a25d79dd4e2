// What the rest of the core sees of live capture: each camera's state, and a way to make capture pick up
// changes to the camera registry. The capture manager implements it; without capture (tests, benchmarks of
// other parts) the idle control answers every camera as not capturing.
import type { CameraStatus } from '../../../shared/models'

export interface CaptureControl {
  /** The state of every registered camera. */
  statuses(): CameraStatus[]
  /** Re-reads the camera registry: starts, stops or restarts cameras whose settings changed. */
  refresh(): Promise<void>
  stop(): Promise<void>
}

export const idleCapture: CaptureControl = {
  statuses: () => [],
  refresh: async () => {},
  stop: async () => {},
}
