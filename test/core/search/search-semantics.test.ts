// What each search filter finds on a store whose every read is known: exact plates, wildcards (and what is not
// a wildcard), similar plates ranked by differing positions, time, cameras, radius, confidence, hits, sorting,
// paging without duplicates or gaps, and the way in each search takes (EXPLAIN QUERY PLAN).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSearchFilter } from '../../../src/shared/contract/search'
import { z } from 'zod'
import { type SearchQuery, SearchRepository } from '../../../src/main/core/store/repositories/search'
import { tempDirs } from '../../helpers/temp-dir'
import { MIN, READS, type ReadName, type Seeded, T0, seedStore } from './seed'

const dirs = tempDirs()
let seeded: Seeded
let repo: SearchRepository

beforeAll(() => {
  seeded = seedStore(dirs.make())
  repo = new SearchRepository(seeded.db)
})
afterAll(() => {
  seeded.db.close()
  dirs.removeAll()
})

const base: SearchQuery = { hits: 'any', covert: false, sort: 'newest', limit: 200 }
const search = (q: Partial<SearchQuery>) => repo.search({ ...base, ...q })
const plates = (q: Partial<SearchQuery>) => search(q).rows.map((r) => r.plate)
const names = (q: Partial<SearchQuery>) => {
  const byId = new Map(Object.entries(seeded.ids).map(([n, id]) => [id, n as ReadName]))
  return search(q).rows.map((r) => byId.get(r.id) ?? `PAGE#${r.id}`)
}

describe('exact plate', () => {
  it('finds every read of the plate, newest first, with camera, place and crop', () => {
    const answer = search({ plate: '7ABC123', countCap: 10_000 })
    expect(answer.rows.map((r) => r.id)).toEqual([seeded.ids.exact3, seeded.ids.exact2, seeded.ids.exact1])
    expect(answer.count).toBe(3)
    expect(answer.countCapped).toBe(false)
    expect(answer.next).toBeNull()
    const first = answer.rows.find((r) => r.id === seeded.ids.exact1)!
    expect(first).toMatchObject({ cameraId: 'cam-a', cameraName: 'Main St at 100 block', latitude: 34.0, longitude: -118.0, hasHits: true, corrected: false, source: 'camera' })
    expect(Buffer.from(first.crop!)).toEqual(Buffer.from(READS.exact1.crop!))
    expect(answer.rows.find((r) => r.id === seeded.ids.exact2)!.crop).toBeNull()
  })

  it('finds nothing for a plate never read, and does not match other plates that contain it', () => {
    expect(plates({ plate: '7ABC12' })).toEqual([])
    expect(plates({ plate: 'ABC' })).toEqual(['ABC'])
  })

  it('reads footage reads with their file name', () => {
    expect(search({ plate: '4FTG444' }).rows[0]).toMatchObject({ source: 'footage', footageName: 'dashcam.mp4', cameraId: null })
  })
})

describe('wildcards', () => {
  it('`*` at the end is a prefix', () => {
    expect(new Set(plates({ pattern: '7AB*' }))).toEqual(new Set(['7ABC123', '7ABC128', '7ABC1Z3', '7ABCI23']))
    expect(search({ pattern: '7AB*' }).strategy).toMatch(/^pattern-plates/)
  })

  it('`*` inside and at both ends is an infix, found through the trigram index', () => {
    expect(new Set(plates({ pattern: '*BC1*' }))).toEqual(new Set(['7ABC123', '7ABC128', '7ABC1Z3', '8XBC199', '9QBC100']))
    expect(search({ pattern: '*BC1*' }).strategy).toMatch(/^pattern-plates/)
    expect(repo.explain({ ...base, pattern: '*BC1*' })).toMatch(/reads_plate_time/)
    // Runs longer than one trigram, and several runs, each required.
    expect(new Set(plates({ pattern: '*ABC12*' }))).toEqual(new Set(['7ABC123', '7ABC128']))
    expect(plates({ pattern: '*XBC*199' })).toEqual(['8XBC199'])
    expect(plates({ pattern: '?QBC*00' })).toEqual(['9QBC100'])
  })

  it('`*` matches no characters too', () => {
    expect(plates({ pattern: 'ABC*' })).toEqual(['ABC'])
    expect(plates({ pattern: '*ABC' })).toEqual(['ABC'])
  })

  it('`?` is exactly one character', () => {
    expect(new Set(plates({ pattern: '7ABC12?' }))).toEqual(new Set(['7ABC123', '7ABC128']))
    expect(plates({ pattern: 'AB?' })).toEqual(['ABC'])
    expect(plates({ pattern: 'ABC?' })).toEqual([])
    expect(new Set(plates({ pattern: '??BC1??' }))).toEqual(new Set(['7ABC123', '7ABC128', '7ABC1Z3', '8XBC199', '9QBC100']))
  })

  it('a pattern of `*` alone matches every read', () => {
    expect(search({ pattern: '*', limit: 200 }).rows).toHaveLength(Object.keys(READS).length + 23)
  })

  it('a pattern without wildcards is an exact plate', () => {
    expect(plates({ pattern: '7ABC123' })).toEqual(['7ABC123', '7ABC123', '7ABC123'])
  })

  it('a pattern with no literal run of three is found by a scan, with the same answer', () => {
    expect(new Set(plates({ pattern: '*C1?3' }))).toEqual(new Set(['7ABC123', '7ABC1Z3', '7A8C123', '7A8C1Z3']))
    expect(search({ pattern: '*C1?3' }).strategy).toBe('time-scan')
  })

  it('a pattern matching no plate answers nothing at once', () => {
    expect(search({ pattern: '*QQQ*', countCap: 10_000 })).toMatchObject({ rows: [], count: 0, next: null })
  })

  const pattern = z.strictObject({ pattern: readSearchFilter.pattern })
  it.each([
    ['%', 'SQL LIKE wildcard'],
    ['7AB%', 'SQL LIKE wildcard after a prefix'],
    ['7_BC123', 'SQL LIKE single-character wildcard'],
    ['[7]ABC*', 'GLOB character class'],
    ["7ABC' OR '1'='1", 'quote injection'],
    ['7ABC"*', 'double quote (FTS5 syntax)'],
    ['NEAR(*BC1*)', 'FTS5 operator'],
    ['*BC1*^', 'FTS5 initial-token marker'],
    ['7ABC;DROP', 'statement separator'],
  ])('refuses %s (%s) with a sentence, before any query', (text) => {
    const parsed = pattern.safeParse({ pattern: text })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.message).toBe('A pattern uses letters, digits, * (any characters) and ? (one character) only.')
  })

  it('accepts lower case, spaces and dashes as the plate written on paper', () => {
    expect(pattern.parse({ pattern: ' 7ab-c 1* ' }).pattern).toBe('7ABC1*')
  })

  it('takes FTS5 words typed in a pattern as plate characters, never as operators', () => {
    const typed = pattern.parse({ pattern: '*BC1* OR *' }).pattern!
    expect(typed).toBe('*BC1*OR*')
    expect(plates({ pattern: typed })).toEqual([])
  })
})

describe('similar plates', () => {
  it('finds plates differing only by OCR confusions, exact first, then by differing positions, then newest', () => {
    const answer = search({ similar: '7ABC123', sort: 'similarity' })
    const ranked = answer.rows.map((r) => [r.plate, r.differences])
    expect(ranked).toEqual([
      ['7ABC123', 0],
      ['7ABC123', 0],
      ['7ABC123', 0],
      ['7ABCI23', 1],
      ['7ABC1Z3', 1],
      ['7A8C123', 1],
      ['7A8C1Z3', 2],
    ])
    expect(plates({ similar: '7ABC123' })).not.toContain('7ABC128')
    expect(search({ similar: '7ABC123', sort: 'similarity' }).strategy).toBe('similar(5)')
    expect(repo.explain({ ...base, similar: '7ABC123', sort: 'similarity' })).toMatch(/reads_plate_time/)
    expect(search({ similar: 'QQQ999' })).toMatchObject({ rows: [], next: null, strategy: 'similar-no-plates' })
  })

  it('pages through the ranking without duplicates or gaps', () => {
    const all = search({ similar: '7ABC123', sort: 'similarity' }).rows.map((r) => r.id)
    expect(collectPages({ similar: '7ABC123', sort: 'similarity' }, 2)).toEqual(all)
  })

  it('can be sorted by time instead', () => {
    const rows = search({ similar: '7ABC123', sort: 'newest' }).rows
    expect(rows.map((r) => r.readAt)).toEqual([...rows.map((r) => r.readAt)].sort((a, b) => b - a))
    expect(rows).toHaveLength(7)
  })
})

describe('filters', () => {
  it('time range: from inclusive, to exclusive', () => {
    const q = { from: T0 + 15 * MIN, to: T0 + 20 * MIN }
    expect(new Set(names(q))).toEqual(new Set(['near128', 'conf8', 'confZ', 'conf2', 'confI']))
    expect(names({ ...q, plate: '7ABC123' })).toEqual([])
    expect(names({ plate: '7ABC123', from: T0 + 20 * MIN, to: T0 + 31 * MIN })).toEqual(['exact3', 'exact2'])
  })

  it('cameras: one or several, merged in time order', () => {
    expect(names({ cameraIds: ['cam-b'], to: T0 + 99 * MIN })).toEqual(['exact2', 'confI'])
    const both = search({ cameraIds: ['cam-b', 'cam-m'], to: T0 + 99 * MIN })
    expect(both.rows.map((r) => r.readAt)).toEqual([...both.rows.map((r) => r.readAt)].sort((a, b) => b - a))
    expect(new Set(both.rows.map((r) => r.cameraId))).toEqual(new Set(['cam-b', 'cam-m']))
    expect(both.strategy).toBe('cameras(2)')
    expect(repo.explain({ ...base, cameraIds: ['cam-b'], from: T0 })).toMatch(/reads_camera_read_at/)
    expect(names({ plate: '7ABC123', cameraIds: ['cam-a'] })).toEqual(['exact3', 'exact1'])
  })

  it('radius around a point: within it and not beyond it', () => {
    const centre = { latitude: 34.0, longitude: -118.0 }
    const within1km = new Set(names({ near: { ...centre, radiusM: 1000 }, to: T0 + 99 * MIN }))
    expect(within1km.has('north')).toBe(false)
    expect(within1km.has('exact1')).toBe(true)
    expect(within1km.has('exact2')).toBe(false)
    expect(new Set(names({ near: { ...centre, radiusM: 1200 }, to: T0 + 99 * MIN })).has('north')).toBe(true)
    // Reads without a position are never "near".
    expect(names({ near: { latitude: 0, longitude: 0, radiusM: 100_000 } })).toEqual([])
  })

  it('minimum confidence', () => {
    expect(names({ plate: '7ABC123', minConfidence: 0.9 })).toEqual(['exact2', 'exact1'])
    expect(names({ plate: '7ABC123', minConfidence: 0.6 })).toHaveLength(3)
  })

  it('with and without hits; a covert hit counts only for those who may see covert hits', () => {
    expect(names({ hits: 'with' })).toEqual(['exact1'])
    expect(new Set(names({ hits: 'with', covert: true }))).toEqual(new Set(['exact1', 'other']))
    expect(names({ plate: '8XBC199', hits: 'without' })).toEqual(['other'])
    expect(names({ plate: '8XBC199', hits: 'without', covert: true })).toEqual([])
    expect(search({ plate: '8XBC199' }).rows[0]!.hasHits).toBe(false)
    expect(search({ plate: '8XBC199', covert: true }).rows[0]!.hasHits).toBe(true)
    expect(names({ plate: '7ABC123', hits: 'without' })).toEqual(['exact3', 'exact2'])
  })

  it('without a plate, camera or hits filter, reads come in time order from reads_read_at', () => {
    expect(search({ from: T0 }).strategy).toBe('time')
    expect(repo.explain({ ...base, from: T0 })).toMatch(/reads_read_at/)
    expect(repo.explain({ ...base, minConfidence: 0.9 })).toMatch(/reads_read_at/)
    expect(repo.explain({ ...base, plate: '7ABC123', from: T0 })).toMatch(/reads_plate_time \(plate=\? AND read_at>\?\)/)
  })

  it('oldest first', () => {
    expect(names({ plate: '7ABC123', sort: 'oldest' })).toEqual(['exact1', 'exact2', 'exact3'])
  })
})

describe('paging', () => {
  it.each([1, 2, 3, 4, 7, 50])('pages of %i cover every read once, in order, through runs of equal times', (size) => {
    expect(collectPages({ plate: 'PAGE001' }, size)).toEqual(seeded.pagingNewestFirst)
    expect(collectPages({ plate: 'PAGE001', sort: 'oldest' }, size)).toEqual([...seeded.pagingNewestFirst].reverse())
  })

  it('pages of a camera search and of a filtered scan have no duplicates or gaps', () => {
    const all = search({ cameraIds: ['cam-a', 'cam-b'] }).rows.map((r) => r.id)
    expect(collectPages({ cameraIds: ['cam-a', 'cam-b'] }, 3)).toEqual(all)
    const scanned = search({ minConfidence: 0.9 }).rows.map((r) => r.id)
    expect(collectPages({ minConfidence: 0.9 }, 4)).toEqual(scanned)
  })

  it('a filtered scan that spends its budget answers the page so far and goes on from where it stopped', () => {
    // Chunks of 5 reads, 2 chunks a call: each call reads at most 10 rows.
    const small = new SearchRepository(seeded.db, { chunk: 5, chunksPerCall: 2 })
    const expected = search({ minConfidence: 0.9, pattern: '*C1?3' }).rows.map((r) => r.id)
    const seen: number[] = []
    let after = null
    let calls = 0
    do {
      const answer = small.search({ ...base, minConfidence: 0.9, pattern: '*C1?3', limit: 50, after })
      seen.push(...answer.rows.map((r) => r.id))
      after = answer.next
      calls++
    } while (after && calls < 100)
    expect(seen).toEqual(expected)
    expect(calls).toBeGreaterThan(2)
  })

  it('counts up to the cap and says when there are more', () => {
    expect(search({ plate: 'PAGE001', countCap: 10 })).toMatchObject({ count: 10, countCapped: true })
    expect(search({ plate: 'PAGE001', countCap: 23 })).toMatchObject({ count: 23, countCapped: false })
    expect(search({ plate: 'PAGE001' }).count).toBeNull()
  })
})

function collectPages(q: Partial<SearchQuery>, size: number): number[] {
  const ids: number[] = []
  let after: SearchQuery['after'] = null
  for (let i = 0; i < 1000; i++) {
    const answer = search({ ...q, limit: size, after })
    expect(answer.rows.length).toBeLessThanOrEqual(size)
    ids.push(...answer.rows.map((r) => r.id))
    if (!answer.next) return ids
    after = answer.next
  }
  throw new Error('paging did not end')
}
