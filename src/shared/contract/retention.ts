// Channels: retention runs (DOMAIN.md "Retention") and holds on reads for a case.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import { withPurpose } from './purpose'
import type { HoldRecord, RetentionOverview, RetentionRun, SigningKeyInfo } from '../models'

/** Reads one hold may name (each is listed in the hold's access-log entry). */
export const MAX_HOLD_READS = 50

const holdId = z.string().trim().min(1).max(64)
const caseNumber = z.string().trim().min(1, 'Required').max(40)
const explanation = (max: number) => z.string().trim().min(3, 'Say why, in a few words').max(max)

export const retentionChannels = {
  'retention.overview': channel<RetentionOverview & { signingKey: SigningKeyInfo }>()({
    summary: 'The retention periods in force, the last purge and the next one, what holds keep, and the signing key’s public half.',
    input: noInput,
    access: 'governance.read',
  }),
  'retention.runs': channel<RetentionRun[]>()({
    summary: 'Retention purges, newest first, with what each removed.',
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    access: 'governance.read',
  }),
  'retention.runNow': channel<RetentionRun>()({
    summary: 'Run the retention purge now (it waits for a run already in progress).',
    input: noInput,
    access: 'governance.manage',
  }),
  'holds.list': channel<HoldRecord[]>()({
    summary: 'Holds on reads, reviews due first; released ones too when asked.',
    input: z.strictObject({ includeReleased: z.boolean().default(false) }),
    access: 'holds.manage',
  }),
  'holds.place': channel<HoldRecord>()({
    summary: 'Keep the named reads past the retention period for a case, until the hold is released.',
    input: withPurpose({
      caseNumber,
      reason: explanation(500),
      reviewOn: f.isoDate,
      // The hold's log entry names every read: 50 at most per call, so the log keeps them all.
      readIds: z
        .array(z.number().int().positive())
        .min(1, 'Name at least one read')
        .max(MAX_HOLD_READS, `A hold names at most ${MAX_HOLD_READS} reads; place another hold for more.`),
    }),
    access: 'holds.manage',
    alprAccess: true,
  }),
  'holds.review': channel<HoldRecord>()({
    summary: 'Record a review of a hold that is still needed, with a note, and set its next review date.',
    input: z.strictObject({ holdId, nextReviewOn: f.isoDate, note: explanation(500) }),
    access: 'holds.manage',
  }),
  'holds.release': channel<HoldRecord>()({
    summary: 'Release a hold: its reads then expire with the others.',
    input: z.strictObject({ holdId, reason: explanation(500) }),
    access: 'holds.manage',
  }),
}
