// The keyset cursor of a search page: where the next page starts (time, id and, for the similarity order, the
// differing positions), bound to the sort it was made for. Opaque to the renderer; checked when it comes back.
import { z } from 'zod'
import { AppError } from '../errors'
import type { SearchPosition } from '../store/repositories/search'

const shape = z.strictObject({
  s: z.enum(['newest', 'oldest', 'similarity']),
  t: z.number().int(),
  i: z.number().int().positive(),
  d: z.number().int().min(0).optional(),
})

export function encodeCursor(sort: 'newest' | 'oldest' | 'similarity', at: SearchPosition): string {
  const value: z.infer<typeof shape> = { s: sort, t: at.readAt, i: at.id, ...(at.differences !== undefined ? { d: at.differences } : {}) }
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeCursor(sort: 'newest' | 'oldest' | 'similarity', cursor: string): SearchPosition {
  let value: z.infer<typeof shape> | null = null
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
    if (parsed.success) value = parsed.data
  } catch {
    value = null
  }
  if (!value || value.s !== sort || (sort === 'similarity') !== (value.d !== undefined)) {
    throw new AppError('INVALID_INPUT', 'The next page no longer matches this search. Run the search again.', { cursor: 'Not a cursor of this search.' })
  }
  return { readAt: value.t, id: value.i, ...(value.d !== undefined ? { differences: value.d } : {}) }
}
