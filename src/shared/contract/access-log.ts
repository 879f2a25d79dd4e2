// Channels over the access log: recent entries and the verification of its hash chain.
import { z } from 'zod'
import { channel, noInput } from './define'
import type { AccessLogEntry, ChainVerification } from '../models'

export const accessLogChannels = {
  'accessLog.list': channel<AccessLogEntry[]>()({
    summary: 'Access-log entries, newest first.',
    input: z.strictObject({
      limit: z.number().int().min(1).max(500).default(100),
      beforeId: z.number().int().positive().optional(),
    }),
    access: 'accessLog.read',
  }),
  'accessLog.verify': channel<ChainVerification>()({
    summary: 'Walk the whole hash chain and report the first broken link.',
    input: noInput,
    access: 'accessLog.read',
  }),
}
