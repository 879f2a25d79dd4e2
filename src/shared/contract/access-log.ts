// Channels over the access log: recent entries, filtered search for auditors, exports for auditors, and the
// verification of its hash chain.
import { z } from 'zod'
import { channel, noInput } from './define'
import { withPurpose } from './purpose'
import type { AccessLogPage, ChainVerification, DocumentFile } from '../models'

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined))

/** What an auditor narrows the log by. Every filter runs in SQL; empty ones are ignored. */
export const accessLogFilter = {
  /** Exact username (as recorded in the entry). */
  user: optionalText(64).transform((v) => v?.toLowerCase()),
  /** Exact plate queried, as the entry's `plate` data element; spaces and dashes are ignored. */
  plate: optionalText(16).transform((v) => v?.toUpperCase().replace(/[\s-]/g, '') || undefined),
  /** Any text inside the entry's data elements (a camera id, a record id, part of a plate). */
  text: optionalText(100),
  /** Any text inside the recorded purpose (a case number, a last name). Not named `purpose`: that key is the
   *  purpose of an access itself and the log keeps it apart from the data elements. */
  purposeText: optionalText(100),
  /** Exact channel name, e.g. `reads.search`. */
  channel: optionalText(100),
  outcome: z.enum(['allowed', 'refused', 'failed']).optional(),
  /** From this time (ms since epoch, inclusive). */
  from: z.number().int().min(0).optional(),
  /** Until this time (ms since epoch, exclusive). */
  to: z.number().int().min(0).optional(),
}

export const accessLogChannels = {
  'accessLog.search': channel<AccessLogPage>()({
    summary: 'Access-log entries matching filters, newest first, one page at a time.',
    input: z.strictObject({
      ...accessLogFilter,
      limit: z.number().int().min(1).max(200).default(100),
      beforeId: z.number().int().positive().optional(),
    }),
    access: 'accessLog.read',
  }),
  'accessLog.export': channel<DocumentFile>()({
    summary: 'The entries matching filters as a CSV or PDF file for auditors, recorded in the exports ledger.',
    input: withPurpose({ ...accessLogFilter, format: z.enum(['csv', 'pdf']) }),
    access: 'accessLog.read',
    // The file names plates queried and purposes: exporting it is an access to ALPR information.
    alprAccess: true,
  }),
  'accessLog.verify': channel<ChainVerification>()({
    summary: 'Walk the whole hash chain and report the first broken link.',
    input: noInput,
    access: 'accessLog.read',
  }),
}
