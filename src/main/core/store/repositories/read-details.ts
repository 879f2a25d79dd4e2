// One read in full (images, characters, readings, camera, footage source, hits, holds, corrections), the
// correction of a misread, and the rows of an export of selected reads. Search pages live in search.ts.
import type { Db } from '../database'
import type { HitDisposition, HitMatch, ReadCorrection, ReadHitHistory, ReadHoldInfo } from '../../../../shared/models'

export interface ReadDetailRecord {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  cameraName: string | null
  cameraKind: 'fixed' | 'mobile' | 'footage' | null
  cameraLocation: string | null
  cameraDirection: string | null
  cameraLatitude: number | null
  cameraLongitude: number | null
  latitude: number | null
  longitude: number | null
  source: 'camera' | 'footage'
  footageJobId: string | null
  footageName: string | null
  footageSha256: string | null
  footageMs: number | null
  caseNumber: string | null
  chars: { char: string; confidence: number }[]
  readings: { ms: number; text: string; confidence: number }[]
  reader: string | null
  crop: Uint8Array | null
  scene: Uint8Array | null
  hits: ReadHitHistory[]
  holds: ReadHoldInfo[]
  corrections: ReadCorrection[]
}

/** A read as an export lists it (no images). */
export interface ExportReadRow {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  cameraName: string | null
  location: string | null
  latitude: number | null
  longitude: number | null
  source: 'camera' | 'footage'
  footageName: string | null
  footageSha256: string | null
  /** Plate and state as read, when the read was corrected since. */
  originalPlate: string | null
  originalState: string | null
  /** Hits the viewer may see: "list name (exact|possible)". */
  hits: string[]
}

export interface NewCorrection {
  readId: number
  /** The corrected characters, or undefined to keep them. */
  plate?: string
  /** The corrected state (null: not known), or undefined to keep it. */
  state?: string | null
  reason: string
  by: string
  at: number
}

export type CorrectionOutcome =
  | { kind: 'corrected'; correctionId: number; original: { plate: string; state: string | null }; corrected: { plate: string; state: string | null } }
  | { kind: 'missing' }
  | { kind: 'unchanged' }

const HIT_COVERT = '(h.covert = 0 OR @covert = 1)'

export class ReadDetailsRepository {
  constructor(private readonly db: Db) {}

  get(id: number, covert: boolean): ReadDetailRecord | null {
    const row = this.db
      .prepare(
        `SELECT r.id, r.plate, r.state, r.confidence, r.read_at AS readAt, r.camera_id AS cameraId,
                c.name AS cameraName, c.kind AS cameraKind, c.location AS cameraLocation, c.direction AS cameraDirection,
                c.latitude AS cameraLatitude, c.longitude AS cameraLongitude,
                r.latitude, r.longitude, r.source, r.footage_job_id AS footageJobId, r.footage_name AS footageName,
                r.footage_sha256 AS footageSha256, r.footage_ms AS footageMs, r.case_number AS caseNumber,
                r.char_confidences AS chars, r.readings, r.reader, i.crop, i.scene
         FROM reads r LEFT JOIN cameras c ON c.id = r.camera_id LEFT JOIN read_images i ON i.read_id = r.id
         WHERE r.id = ?`,
      )
      .get(id) as (Omit<ReadDetailRecord, 'chars' | 'readings' | 'hits' | 'holds' | 'corrections'> & { chars: string; readings: string }) | undefined
    if (!row) return null
    return {
      ...row,
      chars: parseJsonArray(row.chars),
      readings: parseJsonArray(row.readings),
      hits: this.hits(id, covert),
      holds: this.holds(id),
      corrections: this.corrections(id),
    }
  }

  /** Hits of the read the viewer may see, oldest first. */
  private hits(readId: number, covert: boolean): ReadHitHistory[] {
    const rows = this.db
      .prepare(
        `SELECT h.id, h.list_name AS listName, h.entry_plate AS entryPlate, h.entry_state AS entryState, h.entry_reason AS entryReason,
                h.match, h.differences, h.priority, h.covert, h.created_at AS createdAt, h.disposition, h.disposed_at AS disposedAt
         FROM hits h WHERE h.read_id = @readId AND ${HIT_COVERT} ORDER BY h.created_at, h.id`,
      )
      .all({ readId, covert: covert ? 1 : 0 }) as (Omit<ReadHitHistory, 'covert'> & { covert: number; match: HitMatch; disposition: HitDisposition | null })[]
    return rows.map((r) => ({ ...r, covert: r.covert === 1 }))
  }

  private holds(readId: number): ReadHoldInfo[] {
    return this.db
      .prepare(
        `SELECT h.id, h.case_number AS caseNumber, h.reason, h.review_at AS reviewAt, h.placed_at AS placedAt, h.released_at AS releasedAt
         FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = ? ORDER BY h.placed_at, h.id`,
      )
      .all(readId) as ReadHoldInfo[]
  }

  private corrections(readId: number): ReadCorrection[] {
    return this.db
      .prepare(
        `SELECT k.id, k.original_plate AS originalPlate, k.original_state AS originalState, k.corrected_plate AS correctedPlate,
                k.corrected_state AS correctedState, k.reason, k.corrected_by AS correctedBy,
                (SELECT display_name FROM users u WHERE u.id = k.corrected_by) AS correctedByName, k.corrected_at AS correctedAt
         FROM read_corrections k WHERE k.read_id = ? ORDER BY k.corrected_at, k.id`,
      )
      .all(readId) as ReadCorrection[]
  }

  /**
   * Records the correction beside the original and makes the read carry the corrected values, so searches find
   * it by them (the `plates` triggers keep the distinct plates and their trigram index right).
   */
  correct(c: NewCorrection): CorrectionOutcome {
    return this.db.transaction((): CorrectionOutcome => {
      const read = this.db.prepare('SELECT plate, state FROM reads WHERE id = ?').get(c.readId) as { plate: string; state: string | null } | undefined
      if (!read) return { kind: 'missing' }
      const corrected = { plate: c.plate ?? read.plate, state: c.state === undefined ? read.state : c.state }
      if (corrected.plate === read.plate && corrected.state === read.state) return { kind: 'unchanged' }
      const correctionId = Number(
        this.db
          .prepare(
            `INSERT INTO read_corrections (read_id, original_plate, original_state, corrected_plate, corrected_state, reason, corrected_by, corrected_at)
             VALUES (@readId, @originalPlate, @originalState, @correctedPlate, @correctedState, @reason, @by, @at)`,
          )
          .run({
            readId: c.readId,
            originalPlate: read.plate,
            originalState: read.state,
            correctedPlate: corrected.plate,
            correctedState: corrected.state,
            reason: c.reason,
            by: c.by,
            at: c.at,
          }).lastInsertRowid,
      )
      this.db.prepare('UPDATE reads SET plate = @plate, state = @state WHERE id = @id').run({ ...corrected, id: c.readId })
      return { kind: 'corrected', correctionId, original: read, corrected }
    })()
  }

  /** The reads named, in the order given; ids that name no read are left out (the caller compares counts). */
  forExport(ids: number[], covert: boolean): ExportReadRow[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.plate, r.state, r.confidence, r.read_at AS readAt, r.camera_id AS cameraId, c.name AS cameraName,
                c.location, r.latitude, r.longitude, r.source, r.footage_name AS footageName, r.footage_sha256 AS footageSha256,
                (SELECT k.original_plate FROM read_corrections k WHERE k.read_id = r.id ORDER BY k.corrected_at, k.id LIMIT 1) AS originalPlate,
                (SELECT k.original_state FROM read_corrections k WHERE k.read_id = r.id ORDER BY k.corrected_at, k.id LIMIT 1) AS originalState,
                (SELECT json_group_array(h.list_name || ' (' || h.match || ')') FROM hits h WHERE h.read_id = r.id AND ${HIT_COVERT}) AS hits
         FROM reads r LEFT JOIN cameras c ON c.id = r.camera_id
         WHERE r.id IN (SELECT value FROM json_each(@ids))`,
      )
      .all({ ids: JSON.stringify(ids), covert: covert ? 1 : 0 }) as (Omit<ExportReadRow, 'hits'> & { hits: string })[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids.flatMap((id) => {
      const r = byId.get(id)
      return r ? [{ ...r, hits: parseJsonArray<string>(r.hits) }] : []
    })
  }
}

function parseJsonArray<T>(text: string | null): T[] {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? (value as T[]) : []
  } catch {
    return []
  }
}
