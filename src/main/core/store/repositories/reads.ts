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
  /** Confidence of each character, in order (JSON in char_confidences). */
  chars?: { char: string; confidence: number }[]
  /** The frame-by-frame readings that formed the read. */
  readings?: { ms: number; text: string; confidence: number }[]
  /** Which reader produced the text (recognition's reader name). */
  reader?: string | null
  /** Reads from footage: the job, the file's name and SHA-256, the case it was processed for, the position. */
  footageJobId?: string | null
  footageName?: string | null
  footageSha256?: string | null
  footageMs?: number | null
  caseNumber?: string | null
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

  /**
   * Inserts reads in one transaction (one read or a benchmark's batch of many); answers their ids in order.
   * `holdId` links every read to that hold in the same transaction, so a retention purge can never run
   * between a read's insert and its hold (footage reads are often older than the retention period).
   */
  insert(reads: NewRead[], options: { holdId?: string } = {}): number[] {
    const read = this.db.prepare(
      `INSERT INTO reads (plate, state, confidence, char_confidences, readings, reader, read_at, camera_id, latitude, longitude,
                          source, footage_job_id, footage_name, footage_sha256, footage_ms, case_number, created_at)
       VALUES (@plate, @state, @confidence, @chars, @readings, @reader, @readAt, @cameraId, @latitude, @longitude,
               @source, @footageJobId, @footageName, @footageSha256, @footageMs, @caseNumber, @createdAt)`,
    )
    const images = this.db.prepare('INSERT INTO read_images (read_id, crop, scene) VALUES (?, ?, ?)')
    const held = this.db.prepare('INSERT INTO hold_reads (hold_id, read_id) VALUES (?, ?)')
    return this.db.transaction(() => {
      if (options.holdId !== undefined) {
        const count = this.db
          .prepare('UPDATE holds SET read_count = read_count + ? WHERE id = ?')
          .run(reads.length, options.holdId).changes
        if (count !== 1) throw new Error('reads.insert: the hold named does not exist')
      }
      return reads.map((r) => {
        const id = Number(
          read.run({
            plate: r.plate, state: r.state, confidence: r.confidence, readAt: r.readAt, cameraId: r.cameraId,
            latitude: r.latitude, longitude: r.longitude, source: r.source, createdAt: r.createdAt,
            chars: JSON.stringify(r.chars ?? []),
            readings: JSON.stringify(r.readings ?? []),
            reader: r.reader ?? null,
            footageJobId: r.footageJobId ?? null,
            footageName: r.footageName ?? null,
            footageSha256: r.footageSha256 ?? null,
            footageMs: r.footageMs ?? null,
            caseNumber: r.caseNumber ?? null,
          }).lastInsertRowid,
        )
        if (r.crop || r.scene) images.run(id, r.crop ? Buffer.from(r.crop) : null, r.scene ? Buffer.from(r.scene) : null)
        if (options.holdId !== undefined) held.run(options.holdId, id)
        return id
      })
    })()
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
