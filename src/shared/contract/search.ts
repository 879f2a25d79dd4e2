// Channels of plate search for investigators (DOMAIN.md "Purpose of every access", "The access record"): the
// purpose check before any access, the camera list for filters, the search itself, a read's detail, corrections
// of misreads, and exports of selected reads. Every call is logged by the guard with its data elements.
import { z } from 'zod'
import { channel, noInput } from './define'
import { withPurpose } from './purpose'
import type { DocumentFile, PurposeInForce, ReadDetail, ReadSearchPage, SearchCamera } from '../models'

/** Most reads one page of results holds. */
export const SEARCH_PAGE_MAX = 200
/** Most reads one export holds. */
export const EXPORT_READS_MAX = 1000
/** Results are counted up to this many; beyond it the screen shows "10,000+". */
export const SEARCH_COUNT_CAP = 10_000

/** Plates are compared without spaces or dashes, in capitals (what the reader writes). */
const plateText = (v: string) => v.toUpperCase().replace(/[\s-]/g, '')

const plate = z
  .string()
  .max(20)
  .transform(plateText)
  .pipe(z.string().regex(/^[A-Z0-9]{1,10}$/, 'A plate is 1 to 10 letters and digits.'))

/**
 * A wildcard pattern: `*` any run of characters (also none), `?` exactly one. Anything else that is not a letter
 * or digit is refused, so no SQL wildcard (`%`, `_`, `[`) or quote ever reaches a query as such.
 */
const pattern = z
  .string()
  .max(20)
  .transform(plateText)
  .pipe(
    z
      .string()
      .min(1, 'Enter a pattern, for example 7AB* or *BC12?.')
      .regex(/^[A-Z0-9*?]+$/, 'A pattern uses letters, digits, * (any characters) and ? (one character) only.')
      .refine((p) => p.replace(/\*/g, '').length <= 10, 'A pattern matches at most 10 characters.'),
  )

const time = z.number().int().min(0)

export const readSearchFilter = {
  /** Exact plate. At most one of plate, pattern, similar. */
  plate: plate.optional(),
  /** Wildcard pattern with `*` and `?`. */
  pattern: pattern.optional(),
  /** Plates that read the same but for common OCR confusions (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G), ranked. */
  similar: plate.optional(),
  /** Read at or after this time (ms since epoch). */
  from: time.optional(),
  /** Read before this time (ms since epoch, exclusive). */
  to: time.optional(),
  cameraIds: z.array(z.string().min(1).max(64)).max(100).optional(),
  near: z
    .strictObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      radiusM: z.number().positive().max(100_000),
    })
    .optional(),
  /** Reads at or above this confidence (0–1). */
  minConfidence: z.number().min(0).max(1).optional(),
  /** Reads with a hot-list hit the viewer may see, without one, or either. */
  hits: z.enum(['any', 'with', 'without']).default('any'),
  /** `similarity` (exact first, then fewest differing positions, then newest) applies to `similar` only. */
  sort: z.enum(['newest', 'oldest', 'similarity']).optional(),
}

const oneQuery = (v: { plate?: string; pattern?: string; similar?: string; from?: number; to?: number; sort?: string }, ctx: z.RefinementCtx) => {
  if ([v.plate, v.pattern, v.similar].filter((x) => x !== undefined).length > 1) {
    ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Search by one of plate, pattern or similar plate at a time.' })
  }
  if (v.from !== undefined && v.to !== undefined && v.from >= v.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end of the time range must be after its start.' })
  }
  if (v.sort === 'similarity' && v.similar === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'Sorting by similarity needs a similar-plate search.' })
  }
}

export const searchChannels = {
  'purpose.check': channel<PurposeInForce>()({
    summary:
      'Check a purpose before any access and answer it as the access log will record it; a refusal says what was refused and why. Not itself an access to ALPR information.',
    input: withPurpose({}),
    // Any signed-in user; the handler answers PERMISSION_DENIED unless they may search reads or review footage.
    access: 'session',
  }),
  'purpose.format': channel<{ caseNumberExample: string }>()({
    summary: 'The agency’s case-number example, shown where a purpose is entered (not an access to ALPR information).',
    input: noInput,
    access: 'session',
  }),
  'search.cameras': channel<SearchCamera[]>()({
    summary: 'The cameras reads can come from, for the search filters (no source addresses or credentials).',
    input: noInput,
    access: 'reads.search',
  }),
  'search.reads': channel<ReadSearchPage>()({
    summary:
      'Search reads by exact plate, wildcard pattern or similar plate, time range, cameras, location radius, confidence and hits; one page at a time (keyset cursor).',
    input: withPurpose({
      ...readSearchFilter,
      limit: z.number().int().min(1).max(SEARCH_PAGE_MAX).default(50),
      /** From the previous page's `nextCursor`; the filters must be the same. */
      cursor: z.string().max(200).optional(),
    }).superRefine(oneQuery),
    access: 'reads.search',
    alprAccess: true,
  }),
  'reads.detail': channel<ReadDetail>()({
    summary: 'One read: scene and crop, per-character confidence, the readings that formed it, hot-list hits, holds, corrections, camera and footage source.',
    input: withPurpose({ readId: z.number().int().positive() }),
    access: 'reads.search',
    alprAccess: true,
  }),
  'reads.correct': channel<ReadDetail>()({
    summary: 'Correct a misread (characters and/or state) with a reason; the original is kept beside the correction.',
    input: withPurpose({
      readId: z.number().int().positive(),
      /** The corrected characters; omitted to keep them. */
      plate: plate.optional(),
      /** The corrected state (two letters), null when it cannot be told; omitted to keep it. */
      state: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2}$/, 'A state is its two-letter code, for example CA.')
        .nullable()
        .optional(),
      reason: z.string().trim().min(5, 'Say why the read is corrected (at least 5 characters).').max(500),
    }),
    access: 'reads.correct',
    alprAccess: true,
  }),
  'reads.export': channel<DocumentFile>()({
    summary: 'Selected reads as a CSV or PDF file carrying the export id, user, purpose and date; recorded in the exports ledger with its destruction deadline.',
    input: withPurpose({
      readIds: z
        .array(z.number().int().positive())
        .min(1, 'Select at least one read to export.')
        .max(EXPORT_READS_MAX, `One export holds at most ${EXPORT_READS_MAX} reads.`),
      format: z.enum(['csv', 'pdf']),
    }),
    access: 'reads.search',
    alprAccess: true,
  }),
}
