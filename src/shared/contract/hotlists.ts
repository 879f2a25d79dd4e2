// Channels of hot-list management (DOMAIN.md "Hot lists and hits"): lists and their settings, CSV imports with a
// validation report (a preview that changes nothing, then an import that creates or atomically replaces a
// list), and manual entries with a mandatory expiry. All under hotlists.manage; none is an ALPR access.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { HotListEntryPage, HotListImportReport, HotListImportResult, HotListRecord } from '../models'

export const HOT_LIST_SOUNDS = ['alarm', 'chime', 'beep', 'none'] as const
export const HOT_LIST_PRIORITY_LABELS: Record<1 | 2 | 3, string> = { 1: '1 (highest)', 2: '2', 3: '3 (lowest)' }
/** Largest CSV file accepted, in bytes, and most data rows. */
export const HOT_LIST_MAX_FILE_BYTES = 20 * 1024 * 1024
export const HOT_LIST_MAX_ROWS = 250_000
/** Rejected rows returned in a report (the count is always complete). */
export const HOT_LIST_REPORT_LIMIT = 1000
/** A file list not refreshed within this long is shown as stale. */
export const HOT_LIST_STALE_MS = 24 * 3_600_000

const listId = f.recordId
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`)

/** Everything about a list a manager chooses (the entries come from a file or from manual entry). */
export const hotListSettings = z.strictObject({
  name: z.string().trim().min(2, 'Name the list').max(80, 'At most 80 characters'),
  source: z.string().trim().min(2, 'Say where the list comes from').max(120, 'At most 120 characters'),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'Priority 1 (highest) to 3' }),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #RRGGBB'),
  sound: z.enum(HOT_LIST_SOUNDS, { error: 'Alarm, chime, beep or none' }),
  covert: z.boolean(),
  /** Null: the agency's hot-list retention setting. */
  retentionDays: z.number().int().min(1, 'At least 1 day').max(183, 'At most 183 days').nullable(),
  description: text(500),
})
export type HotListSettings = z.infer<typeof hotListSettings>

/** A CSV file in base64: the access log records its size, never its bytes (data-elements.ts). */
const csvFile = {
  fileName: z.string().trim().min(1).max(255),
  // 20 MB of file is about 28 million base64 characters; a larger file is refused by the core with its size.
  fileBase64: z.string().max(40_000_000, 'The file is far too large.').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not a file'),
}

export const hotListChannels = {
  'hotlists.list': channel<HotListRecord[]>()({
    summary: 'Every hot list with its settings, entry count and the time it was last refreshed (covert lists included and marked).',
    input: noInput,
    access: 'hotlists.manage',
  }),
  'hotlists.entries': channel<HotListEntryPage>()({
    summary: 'Entries of one list, optionally only those whose plate contains the search text.',
    input: z.strictObject({
      listId,
      plate: z.string().trim().max(16).default(''),
      limit: z.number().int().min(1).max(500).default(100),
      offset: z.number().int().min(0).default(0),
    }),
    access: 'hotlists.manage',
  }),
  'hotlists.validateImport': channel<HotListImportReport>()({
    summary: 'Checks a CSV file and reports every rejected row and why, without changing anything.',
    input: z.strictObject(csvFile),
    access: 'hotlists.manage',
  }),
  'hotlists.import': channel<HotListImportResult>()({
    summary:
      'Imports a CSV file as a new list, or replaces an existing file list’s entries in one step (on any failure nothing changes). Rejected rows are left out and reported.',
    input: z
      .strictObject({
        ...csvFile,
        /** The file's SHA-256 from the validation report: the file imported is the one that was checked. */
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'The file’s checksum from the validation report'),
        replaceListId: listId.optional(),
        newList: hotListSettings.optional(),
      })
      .refine((i) => (i.replaceListId === undefined) !== (i.newList === undefined), {
        message: 'Choose a list to replace, or describe a new list.',
        path: ['replaceListId'],
      }),
    access: 'hotlists.manage',
  }),
  'hotlists.create': channel<HotListRecord>()({
    summary: 'Creates a manual list, kept entry by entry.',
    input: hotListSettings,
    access: 'hotlists.manage',
  }),
  'hotlists.update': channel<HotListRecord>()({
    summary: 'Changes a list’s settings (name, source, priority, colour, sound, covert flag, retention, description).',
    input: z.strictObject({ listId, settings: hotListSettings }),
    access: 'hotlists.manage',
  }),
  'hotlists.addEntry': channel<HotListRecord>()({
    summary: 'Adds a vehicle to a manual list, with a mandatory expiry no later than the list’s retention allows.',
    input: z.strictObject({
      listId,
      plate: z.string().trim().min(1, 'Enter the plate').max(20),
      state: z.string().trim().min(1, 'Enter the state or province').max(8),
      reason: z.string().trim().min(1, 'Say why the vehicle is of interest').max(200, 'At most 200 characters'),
      vehicle: text(120).default(''),
      sourceRef: text(64).default(''),
      expiresOn: z.iso.date('Enter the date the entry expires; every manual entry needs one.'),
    }),
    access: 'hotlists.manage',
  }),
  'hotlists.removeEntry': channel<HotListRecord>()({
    summary: 'Removes one entry from a manual list.',
    input: z.strictObject({ listId, entryId: z.number().int().positive() }),
    access: 'hotlists.manage',
  }),
}
