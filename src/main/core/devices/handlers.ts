// Handlers for workstation approval.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { toDeviceInfo } from './records'

type DeviceHandlers = Pick<Handlers, 'devices.list' | 'devices.approve' | 'devices.revoke'>

export function deviceHandlers({ store }: Services): DeviceHandlers {
  return {
    'devices.list': async (_input, ctx) => (await store.devices.list()).map((d) => toDeviceInfo(d, ctx.device.id)),
    'devices.approve': async ({ deviceId }, ctx) => {
      const row = await store.devices.decide(deviceId, 'approved', ctx.user!.id, ctx.now)
      if (!row) throw new AppError('NOT_FOUND', 'No workstation with that id has registered.')
      return toDeviceInfo(row, ctx.device.id)
    },
    'devices.revoke': async ({ deviceId }, ctx) => {
      if (deviceId === ctx.device.id) {
        throw new AppError('CONFLICT', 'You cannot revoke the workstation you are using; do it from another approved workstation.')
      }
      const row = await store.devices.decide(deviceId, 'revoked', ctx.user!.id, ctx.now)
      if (!row) throw new AppError('NOT_FOUND', 'No workstation with that id has registered.')
      return toDeviceInfo(row, ctx.device.id)
    },
  }
}
