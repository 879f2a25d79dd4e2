// Channels of workstation approval: only agency-issued machines may be used.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { DeviceInfo } from '../models'

export const deviceChannels = {
  'devices.list': channel<DeviceInfo[]>()({
    summary: 'Every workstation that has registered with this store, and its approval.',
    input: noInput,
    access: 'devices.manage',
  }),
  'devices.approve': channel<DeviceInfo>()({
    summary: 'Approve a workstation as agency-issued.',
    input: z.strictObject({ deviceId: f.recordId }),
    access: 'devices.manage',
  }),
  'devices.revoke': channel<DeviceInfo>()({
    summary: 'Revoke a workstation’s approval; nobody can sign in there afterwards.',
    input: z.strictObject({ deviceId: f.recordId }),
    access: 'devices.manage',
  }),
}
