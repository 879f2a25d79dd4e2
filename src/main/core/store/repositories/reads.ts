// Plate reads: the minimal writing and lookup that retention, holds and their tests need. Live capture and
// search (later issues) build on this repository rather than writing their own SQL for the same table.
import type { Db } from '../database'

export interface NewRead {
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  latitude: number | null
  longitude: number | null
  source: 'camera' | 'footage'
  createdAt: number
  /** Plate crop and scene images (JPEG bytes), kept in the encrypted database. */
  crop?: Uint8Array | null
  scene?: Uint8Array | null
}

export interface StoredRead {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  source: 'camera' | 'footage'
  hasImages: boolean
}

export class ReadsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts reads in one transaction (one read or a benchmark's batch of many); answers their ids in order. */
  insert(reads: NewRead[]): number[] {
    const read = this.db.prepare(
      `INSERT INTO reads (plate, state, confidence, read_at, camera_id, latitude, longitude, source, created_at)
       VALUES (@plate, @state, @confidence, @readAt, @cameraId, @latitude, @longitude, @source, @createdAt)`,
    )
    const images = this.db.prepare('INSERT INTO read_images (read_id, crop, scene) VALUES (?, ?, ?)')
    return this.db.transaction(() =>
      reads.map((r) => {
        const id = Number(read.run(r).lastInsertRowid)
        if (r.crop || r.scene) images.run(id, r.crop ? Buffer.from(r.crop) : null, r.scene ? Buffer.from(r.scene) : null)
        return id
      }),
    )()
  }

  get(id: number): StoredRead | null {
    const row = this.db
      .prepare(
        `SELECT id, plate, state, confidence, read_at AS readAt, camera_id AS cameraId, source,
                EXISTS (SELECT 1 FROM read_images i WHERE i.read_id = reads.id) AS hasImages
         FROM reads WHERE id = ?`,
      )
      .get(id) as (Omit<StoredRead, 'hasImages'> & { hasImages: number }) | undefined
    return row ? { ...row, hasImages: row.hasImages === 1 } : null
  }
}
