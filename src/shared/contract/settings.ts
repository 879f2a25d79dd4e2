// Channels of the policy settings: every setting with its value, default, allowed range and explanation,
// and changing one within the range the agency's policy allows (each change logged with old and new values).
import { z } from 'zod'
import { channel, noInput } from './define'
import type { SettingInfo } from '../models'

export const settingsChannels = {
  'settings.list': channel<SettingInfo[]>()({
    summary: 'Every setting with its current value, default, allowed range and why it exists.',
    input: noInput,
    access: 'settings.manage',
  }),
  'settings.change': channel<SettingInfo>()({
    summary: 'Change one setting; values outside the policy’s range are refused with the reason.',
    input: z.strictObject({ key: z.string().min(1).max(64), value: z.union([z.number(), z.string().max(500)]) }),
    access: 'settings.manage',
  }),
}
