// The camera registry: fixed and mobile cameras with their source. Stream credentials live in their own
// column and leave this repository only through captureSources(), joined back into the address for ffmpeg.
import type { Db } from '../database'
import type { CameraRecord, CameraSourceKind } from '../../../../shared/models'
import { decodeCredentials, encodeCredentials, type StreamCredentials, withCredentials } from '../../cameras/source'

/** A camera as the registry holds it, without credentials (the capture state is added by the handlers). */
export type CameraRow = Omit<CameraRecord, 'status'>

/** What capture needs to run one camera. */
export interface CaptureSource {
  cameraId: string
  name: string
  sourceKind: CameraSourceKind
  /** The full address with credentials re-inserted, for ffmpeg only: never log, show or return it. */
  url: string
  fps: number
  roi: [number, number, number, number] | null
  latitude: number | null
  longitude: number | null
  updatedAt: number | null
}

export interface CameraFields {
  name: string
  kind: 'fixed' | 'mobile'
  latitude: number | null
  longitude: number | null
  location: string
  direction: string | null
  sourceKind: CameraSourceKind
  sourceUrl: string
  fps: number
  roi: [number, number, number, number] | null
}

export interface NewCamera extends CameraFields {
  id: string
  credentials: StreamCredentials | null
  enabled: boolean
  createdAt: number
  createdBy: string
}

export interface CameraChange extends Partial<CameraFields> {
  /** Omitted: keep what is stored; null: clear; a value: replace. */
  credentials?: StreamCredentials | null
}

export type CameraWrite = 'ok' | 'not_found' | 'name_taken'

const SELECT = `SELECT c.id, c.name, c.kind, c.latitude, c.longitude, c.location, c.direction, c.source_kind AS sourceKind,
  c.source_url AS sourceUrl, c.source_credentials IS NOT NULL AS hasCredentials, c.fps, c.roi, c.enabled,
  c.created_at AS createdAt, c.created_by AS createdBy, c.updated_at AS updatedAt, c.updated_by AS updatedBy,
  (SELECT display_name FROM users u WHERE u.id = c.updated_by) AS updatedByName
  FROM cameras c`

type RawRow = Omit<CameraRow, 'hasCredentials' | 'enabled' | 'roi'> & { hasCredentials: number; enabled: number; roi: string | null }

const toRow = (r: RawRow): CameraRow => ({
  ...r,
  hasCredentials: r.hasCredentials === 1,
  enabled: r.enabled === 1,
  roi: r.roi ? (JSON.parse(r.roi) as [number, number, number, number]) : null,
})

const COLUMN: Record<keyof CameraFields, string> = {
  name: 'name',
  kind: 'kind',
  latitude: 'latitude',
  longitude: 'longitude',
  location: 'location',
  direction: 'direction',
  sourceKind: 'source_kind',
  sourceUrl: 'source_url',
  fps: 'fps',
  roi: 'roi',
}

export class CamerasRepository {
  constructor(private readonly db: Db) {}

  /** Every camera, by name; never the credentials. */
  list(): CameraRow[] {
    return (this.db.prepare(`${SELECT} ORDER BY c.name COLLATE NOCASE, c.id`).all() as RawRow[]).map(toRow)
  }

  get(id: string): CameraRow | null {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as RawRow | undefined
    return row ? toRow(row) : null
  }

  /** Enabled fixed and mobile cameras with a source, ready for ffmpeg. */
  captureSources(): CaptureSource[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, source_kind AS sourceKind, source_url AS sourceUrl, source_credentials AS credentials, fps, roi,
           latitude, longitude, updated_at AS updatedAt
         FROM cameras
         WHERE enabled = 1 AND kind IN ('fixed', 'mobile') AND source_kind IS NOT NULL AND source_url IS NOT NULL
         ORDER BY name COLLATE NOCASE, id`,
      )
      .all() as (Omit<CaptureSource, 'cameraId' | 'url' | 'roi'> & { id: string; sourceUrl: string; credentials: string | null; roi: string | null })[]
    return rows.map((r) => ({
      cameraId: r.id,
      name: r.name,
      sourceKind: r.sourceKind,
      url: withCredentials(r.sourceUrl, decodeCredentials(r.credentials)),
      fps: r.fps,
      roi: r.roi ? (JSON.parse(r.roi) as [number, number, number, number]) : null,
      latitude: r.latitude,
      longitude: r.longitude,
      updatedAt: r.updatedAt,
    }))
  }

  create(c: NewCamera): CameraWrite {
    if (this.nameTaken(c.name, null)) return 'name_taken'
    this.db
      .prepare(
        `INSERT INTO cameras (id, name, kind, latitude, longitude, location, direction, enabled, created_at, created_by,
           source_kind, source_url, source_credentials, fps, roi, updated_at, updated_by)
         VALUES (@id, @name, @kind, @latitude, @longitude, @location, @direction, @enabled, @createdAt, @createdBy,
           @sourceKind, @sourceUrl, @credentials, @fps, @roi, @createdAt, @createdBy)`,
      )
      .run({
        ...c,
        enabled: c.enabled ? 1 : 0,
        credentials: encodeCredentials(c.credentials),
        roi: c.roi ? JSON.stringify(c.roi) : null,
      })
    return 'ok'
  }

  /** Changes the fields given; credentials are kept unless replaced or cleared. */
  update(id: string, change: CameraChange, at: number, by: string): CameraWrite {
    return this.db.transaction((): CameraWrite => {
      if (!this.db.prepare('SELECT 1 FROM cameras WHERE id = ?').get(id)) return 'not_found'
      if (change.name !== undefined && this.nameTaken(change.name, id)) return 'name_taken'
      const sets = ['updated_at = @at', 'updated_by = @by']
      const params: Record<string, unknown> = { id, at, by }
      for (const key of Object.keys(COLUMN) as (keyof CameraFields)[]) {
        if (change[key] === undefined) continue
        sets.push(`${COLUMN[key]} = @${key}`)
        params[key] = key === 'roi' ? (change.roi ? JSON.stringify(change.roi) : null) : change[key]
      }
      if (change.credentials !== undefined) {
        sets.push('source_credentials = @credentials')
        params.credentials = encodeCredentials(change.credentials)
      }
      this.db.prepare(`UPDATE cameras SET ${sets.join(', ')} WHERE id = @id`).run(params)
      return 'ok'
    })()
  }

  setEnabled(id: string, enabled: boolean, at: number, by: string): boolean {
    return (
      this.db
        .prepare('UPDATE cameras SET enabled = ?, updated_at = ?, updated_by = ? WHERE id = ?')
        .run(enabled ? 1 : 0, at, by, id).changes === 1
    )
  }

  private nameTaken(name: string, exceptId: string | null): boolean {
    return !!this.db.prepare('SELECT 1 FROM cameras WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId)
  }
}
