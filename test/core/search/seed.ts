// A small store whose every read is known, for the search tests: cameras at known places, plates chosen for
// wildcard and confusion cases, reads at known times (some sharing a time, to test the keyset's tie-break),
// hits (one covert), a hold and images. Opened directly with a key, the way the store worker opens it.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { type Db, openDatabase } from '../../../src/main/core/store/database'
import { type NewRead, ReadsRepository } from '../../../src/main/core/store/repositories/reads'

export const T0 = Date.UTC(2026, 9, 1, 12, 0, 0)
export const MIN = 60_000

export const CAMERAS = [
  { id: 'cam-a', name: 'Main St at 100 block', kind: 'fixed', latitude: 34.0, longitude: -118.0, location: 'Main St, northbound' },
  { id: 'cam-b', name: 'Olympic Blvd at 900 block', kind: 'fixed', latitude: 34.1, longitude: -118.1, location: 'Olympic Blvd, westbound' },
  { id: 'cam-m', name: 'Patrol unit 7', kind: 'mobile', latitude: null, longitude: null, location: 'Patrol vehicle' },
] as const

/** A tiny JPEG-looking payload: the search only carries the bytes. */
export const CROP = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])

export function read(plate: string, minute: number, extra: Partial<NewRead> = {}): NewRead {
  const camera = CAMERAS.find((c) => c.id === (extra.cameraId ?? 'cam-a'))!
  return {
    plate,
    state: 'CA',
    confidence: 0.95,
    readAt: T0 + minute * MIN,
    cameraId: camera.id,
    latitude: camera.latitude,
    longitude: camera.longitude,
    source: 'camera',
    createdAt: T0 + minute * MIN,
    ...extra,
  }
}

/** The reads of the seeded store, by name, in insertion order (ids 1…). */
export const READS = {
  exact1: read('7ABC123', 10, { crop: CROP }),
  exact2: read('7ABC123', 20, { cameraId: 'cam-b' }),
  exact3: read('7ABC123', 30, { confidence: 0.6 }),
  near128: read('7ABC128', 15),
  conf8: read('7A8C123', 16), // B→8: one position
  confZ: read('7ABC1Z3', 17), // 2→Z: one position
  conf2: read('7A8C1Z3', 18), // two positions
  confI: read('7ABCI23', 19, { cameraId: 'cam-b' }), // 1→I: one position
  other: read('8XBC199', 21),
  infix: read('9QBC100', 22),
  short: read('ABC', 23),
  mobile: read('5SAM555', 24, { cameraId: 'cam-m', latitude: 34.2, longitude: -118.2 }),
  // 1.1 km north of cam-a (0.01° of latitude ≈ 1,112 m).
  north: read('6NRT001', 25, { latitude: 34.01, longitude: -118.0, cameraId: 'cam-m' }),
  footage: read('4FTG444', 26, { source: 'footage', cameraId: null, latitude: null, longitude: null, footageName: 'dashcam.mp4', footageSha256: 'ab'.repeat(32), caseNumber: '24-012345' }),
} satisfies Record<string, NewRead>

export type ReadName = keyof typeof READS

export interface Seeded {
  db: Db
  ids: Record<ReadName, number>
  /** Ids of the paging reads, in the order a newest-first search returns them. */
  pagingNewestFirst: number[]
}

/**
 * Opens a fresh encrypted store in `dir` and fills it. 23 reads of PAGE001 fall on 8 distinct times, so pages
 * of any size cut through runs of equal times.
 */
export function seedStore(dir: string): Seeded {
  const db = openDatabase({ file: join(dir, 'search.db'), key: randomBytes(32) })
  const insert = db.prepare(
    `INSERT INTO cameras (id, name, kind, latitude, longitude, location, created_at) VALUES (@id, @name, @kind, @latitude, @longitude, @location, 0)`,
  )
  for (const c of CAMERAS) insert.run(c)
  const reads = new ReadsRepository(db)
  const names = Object.keys(READS) as ReadName[]
  const inserted = reads.insert(names.map((n) => READS[n]))
  const ids = Object.fromEntries(names.map((n, i) => [n, inserted[i]!])) as Record<ReadName, number>
  const paging = reads.insert(Array.from({ length: 23 }, (_, i) => read('PAGE001', 100 + Math.floor(i / 3), { cameraId: i % 2 ? 'cam-a' : 'cam-b' })))
  const pagingNewestFirst = [...paging].sort((a, b) => {
    const ta = Math.floor((a - paging[0]!) / 3)
    const tb = Math.floor((b - paging[0]!) / 3)
    return tb - ta || b - a
  })
  const hit = db.prepare(
    `INSERT INTO hits (read_id, list_name, entry_plate, entry_reason, match, created_at, covert, priority)
     VALUES (?, ?, ?, 'stolen vehicle', 'exact', ?, ?, 1)`,
  )
  hit.run(ids.exact1, 'SVS stolen vehicles', '7ABC123', T0, 0)
  hit.run(ids.other, 'Covert surveillance', '8XBC199', T0, 1)
  return { db, ids, pagingNewestFirst }
}
