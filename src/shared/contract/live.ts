// Channels of the dispatch workstation: the live feed (reads, open alerts, camera states) and the verification
// of hot-list hits (DOMAIN.md "Hot lists and hits"). Monitoring channels: no typed purpose, every call logged.
import { z } from 'zod'
import { channel } from './define'
import type { HitAlert, HitDetail, LiveFeed } from '../models'

const hitId = z.number().int().positive()
const note = z.string().trim().max(500)

export const HIT_DISPOSITIONS = ['confirmed', 'misread', 'wrong_state', 'not_actionable', 'dismissed'] as const

export const liveChannels = {
  'live.feed': channel<LiveFeed>()({
    summary:
      'The live feed: reads newer than the cursor, the open hot-list alerts the viewer may see and each camera’s state. Waits up to waitMs for something new.',
    input: z.strictObject({
      afterReadId: z.number().int().min(0).default(0),
      /** Long poll: answer as soon as there is a new read, hit or camera change, or after this long. */
      waitMs: z.number().int().min(0).max(25_000).default(0),
      limit: z.number().int().min(1).max(100).default(50),
    }),
    access: 'alerts.monitor',
    monitoring: true,
    // Watching the screen is not activity: a dispatch workstation's idle lock still applies.
    touchesSession: false,
  }),
  'hits.get': channel<HitDetail>()({
    summary: 'A hit with the read’s crop, scene and per-character confidence beside the hot-list record, for verification.',
    input: z.strictObject({ hitId }),
    access: 'alerts.monitor',
    monitoring: true,
  }),
  'hits.acknowledge': channel<HitAlert>()({
    summary: 'The dispatcher has seen the alert and is verifying it (silences its sound).',
    input: z.strictObject({ hitId }),
    access: 'alerts.monitor',
    monitoring: true,
  }),
  'hits.check': channel<HitAlert>()({
    summary: 'Record one verification step of a hit: plate characters match visually, state matches, or re-checked through CLETS/NCIC.',
    input: z.strictObject({
      hitId,
      check: z.enum(['visual', 'state', 'clets']),
      passed: z.boolean(),
      /** For the CLETS/NCIC re-check: what the re-check answered (for example "still active, stolen"). */
      result: note.optional(),
    }),
    access: 'alerts.monitor',
    monitoring: true,
  }),
  'hits.dispose': channel<HitAlert>()({
    summary: 'Record the hit’s disposition (final). "Confirmed" needs all three checks passed.',
    input: z.strictObject({ hitId, disposition: z.enum(HIT_DISPOSITIONS), note: note.optional() }),
    access: 'alerts.monitor',
    monitoring: true,
  }),
}
