// Writes ALPR data (cameras, reads, hits, holds, retention runs) straight into a test store's encrypted
// database, for the parts of the product that only read them (sharing, reports, the dashboard). A second
// connection beside the core's worker: WAL lets both work on the file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import { type Db, openDatabase } from '../../../src/main/core/store/database'

export function withDatabase<T>(dataDir: string, work: (db: Db) => T): T {
  const key = Buffer.from(readFileSync(join(dataDir, 'store.key'), 'utf8').trim(), 'hex')
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key })
  try {
    return work(db)
  } finally {
    db.close()
  }
}

export function addCamera(db: Db, c: { id: string; name: string; kind?: 'fixed' | 'mobile' | 'footage'; enabled?: boolean; createdAt: number }): void {
  db.prepare(`INSERT INTO cameras (id, name, kind, location, enabled, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    c.id,
    c.name,
    c.kind ?? 'fixed',
    `${c.name} location`,
    c.enabled === false ? 0 : 1,
    c.createdAt,
  )
}

export function addRead(db: Db, r: { plate: string; readAt: number; cameraId: string; state?: string; source?: 'camera' | 'footage' }): number {
  return Number(
    db
      .prepare(
        `INSERT INTO reads (plate, state, confidence, read_at, camera_id, latitude, longitude, source, created_at)
         VALUES (?, ?, 0.97, ?, ?, 38.58, -121.49, ?, ?)`,
      )
      .run(r.plate, r.state ?? 'CA', r.readAt, r.cameraId, r.source ?? 'camera', r.readAt).lastInsertRowid,
  )
}

export function addHit(db: Db, h: { readId: number; plate: string; match?: 'exact' | 'possible'; createdAt: number; disposition?: string | null }): void {
  // A disposed hit was verified first (the database refuses "confirmed" without the three checks).
  const checked = h.disposition ? 1 : null
  db.prepare(
    `INSERT INTO hits (read_id, list_name, entry_plate, match, created_at, disposition, disposed_at, visual_match, state_match, clets_checked)
     VALUES (?, 'DOJ stolen vehicles', ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(h.readId, h.plate, h.match ?? 'exact', h.createdAt, h.disposition ?? null, h.disposition ? h.createdAt : null, checked, checked, checked)
}
