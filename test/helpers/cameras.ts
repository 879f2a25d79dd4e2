// A camera record for tests that need one in the store: a disabled HTTP camera unless the test says otherwise.
import type { NewCamera } from '../../src/main/core/store/repositories/cameras'

export const aCamera = (createdAt: number, overrides: Partial<NewCamera> = {}): NewCamera => ({
  id: 'cam-east', name: 'East gate', kind: 'fixed', latitude: null, longitude: null, location: 'East gate',
  direction: null, sourceKind: 'http', sourceUrl: 'http://192.0.2.10/video.mjpg', fps: 3, roi: null, credentials: null,
  enabled: false, createdAt, createdBy: 'test-admin',
  ...overrides,
})
