// Channels: the exports ledger (DOMAIN.md "Retention"): every download, print or share of ALPR
// information with its destruction deadline, until a named person certifies its destruction.
import { z } from 'zod'
import { channel, noInput } from './define'
import type { ExportLedgerItem } from '../models'

export const exportChannels = {
  'exports.list': channel<ExportLedgerItem[]>()({
    summary: 'The exports ledger: overdue items first, then open ones by deadline, then destroyed ones.',
    input: z.strictObject({
      status: z.enum(['all', 'open', 'overdue', 'destroyed']).default('all'),
      limit: z.number().int().min(1).max(1000).default(500),
    }),
    access: 'governance.read',
  }),
  'exports.mine': channel<ExportLedgerItem[]>()({
    summary: 'Your own exports not yet certified destroyed, with their deadlines, soonest first (for the reminder after sign-in).',
    input: noInput,
    access: 'session',
  }),
  'exports.overdue': channel<ExportLedgerItem[]>()({
    summary: 'Items not certified destroyed by their deadline, oldest deadline first.',
    input: noInput,
    access: 'governance.read',
  }),
  'exports.certifyDestruction': channel<ExportLedgerItem>()({
    summary: 'Certify, under your name, that an exported item was destroyed, and how.',
    input: z.strictObject({
      exportId: z.string().trim().min(1).max(64),
      note: z.string().trim().min(5, 'Say how and where it was destroyed').max(500),
    }),
    access: 'governance.manage',
  }),
}
