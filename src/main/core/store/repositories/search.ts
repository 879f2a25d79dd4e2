// Plate search over millions of reads (issue 5). Each search picks the index that bounds its work, answers one
// page after a keyset position (never OFFSET), and counts matches only up to a cap:
// - exact plate → reads_plate_time (in time order, no sort);
// - similar plate → the distinct plates sharing its confusion key (plates_key), then their reads, ranked by
//   differing positions;
// - a pattern → its matching distinct plates first (a range on `plates` for a literal prefix, the trigram index
//   for a literal run of ≥ 3), then their reads; a pattern matching too many plates, or with no usable literal,
//   is a filter on a scan in time order;
// - cameras → reads_camera_read_at, one ordered scan per camera, merged;
// - reads with hits → the hits table;
// - anything else → reads_read_at in time order.
// A scan whose filters are selective stops after a budget of rows and answers the page so far with the
// position it reached, so one call never runs for long and the next page goes on from there.
import type { ReadSummary } from '../../../../shared/models'
import type { Db } from '../database'
import { confusionDifferences, plateKey } from '../../plates/confusions'
import { planPattern, prefixUpperBound, trigramQuery } from '../../search/pattern'

export interface SearchPosition {
  readAt: number
  id: number
  /** For the similarity order: the differing positions of the last read returned. */
  differences?: number
}

export interface SearchQuery {
  plate?: string
  pattern?: string
  similar?: string
  from?: number
  to?: number
  cameraIds?: string[]
  near?: { latitude: number; longitude: number; radiusM: number }
  minConfidence?: number
  hits: 'any' | 'with' | 'without'
  /** Whether the viewer may see hits on covert lists (others never learn one happened). */
  covert: boolean
  sort: 'newest' | 'oldest' | 'similarity'
  limit: number
  after?: SearchPosition | null
  /** Count the matches (up to countCap); done for a first page only. */
  countCap?: number
}

/** A result as the search screen shows it, with the crop still as JPEG bytes (the handler makes it a data: URL). */
export type SearchRow = Omit<ReadSummary, 'crop'> & { crop: Uint8Array | null }

export interface SearchAnswer {
  rows: SearchRow[]
  /** Where the next page starts; null when there is nothing after this page. */
  next: SearchPosition | null
  /** Matches up to the cap, or null when not counted (later pages, or a count that would need a long scan). */
  count: number | null
  countCapped: boolean
  /** Which way in the search took (for tests and the benchmark). */
  strategy: string
}

export interface SearchCameraRow {
  id: string
  name: string
  kind: 'fixed' | 'mobile' | 'footage'
  location: string
  latitude: number | null
  longitude: number | null
  enabled: boolean
}

/** Most distinct plates a pattern may match before its reads are found by a scan in time order instead. */
export const MAX_PATTERN_PLATES = 2000
/** Rows of reads_read_at read per step of a filtered scan, and steps per call before answering what was found. */
export const SCAN_CHUNK = 20_000
export const SCAN_CHUNKS_PER_CALL = 10

const EARTH_RADIUS_M = 6_371_008.8

interface Candidate {
  id: number
  readAt: number
  differences?: number
}

type Params = Record<string, string | number | null>

export interface ScanBudget {
  /** Rows of reads_read_at per step of a filtered scan. */
  chunk: number
  /** Steps per call before the page so far is answered. */
  chunksPerCall: number
}

export class SearchRepository {
  constructor(
    private readonly db: Db,
    private readonly budget: ScanBudget = { chunk: SCAN_CHUNK, chunksPerCall: SCAN_CHUNKS_PER_CALL },
  ) {
    // Deterministic helpers for the search SQL: great-circle distance and differing positions of two plates.
    db.function('alpr_distance_m', { deterministic: true }, (lat1, lon1, lat2, lon2) => {
      if (lat1 === null || lon1 === null) return null
      return distanceM(Number(lat1), Number(lon1), Number(lat2), Number(lon2))
    })
    db.function('alpr_plate_differences', { deterministic: true }, (a, b) => confusionDifferences(String(a), String(b)))
  }

  cameras(): SearchCameraRow[] {
    const rows = this.db
      .prepare(
        `SELECT id, name, kind, location, latitude, longitude, enabled FROM cameras
         ORDER BY enabled DESC, name COLLATE NOCASE`,
      )
      .all() as (Omit<SearchCameraRow, 'enabled'> & { enabled: number })[]
    return rows.map((r) => ({ ...r, enabled: r.enabled === 1 }))
  }

  search(q: SearchQuery): SearchAnswer {
    const plan = this.plan(q)
    const { candidates, next } = plan.run()
    const count = q.countCap !== undefined && plan.count ? plan.count(q.countCap) : null
    return {
      rows: this.rows(candidates, q.covert, q.similar ?? null),
      next,
      count: count === null ? null : Math.min(count, q.countCap!),
      countCapped: count !== null && count > q.countCap!,
      strategy: plan.strategy,
    }
  }

  /** The SQL plan SQLite would use for the search's first query (tests and tuning). */
  explain(q: SearchQuery): string {
    return this.plan(q).explain()
  }

  private plan(q: SearchQuery): Strategy {
    const desc = q.sort !== 'oldest'
    if (q.plate !== undefined) return this.indexed(q, 'exact', 'r.plate = @plate', { plate: q.plate }, desc)
    if (q.similar !== undefined) {
      const plates = (this.db.prepare('SELECT plate FROM plates WHERE plate_key = ?').all(plateKey(q.similar)) as { plate: string }[]).map((r) => r.plate)
      if (plates.length === 0) return emptyStrategy('similar-no-plates')
      return q.sort === 'similarity' || q.sort === undefined
        ? this.similar(q, plates)
        : this.indexed(q, `similar-by-time(${plates.length})`, 'r.plate IN (SELECT value FROM json_each(@plates))', { plates: JSON.stringify(plates) }, desc)
    }
    let glob: string | null = null
    if (q.pattern !== undefined) {
      const pattern = planPattern(q.pattern)
      if (pattern.exact) return this.indexed(q, 'exact', 'r.plate = @plate', { plate: pattern.glob }, desc)
      if (!pattern.matchesAll) {
        const plates = this.patternPlates(pattern)
        if (plates !== null && plates.length === 0) return emptyStrategy('pattern-no-plates')
        if (plates !== null) {
          return this.indexed(q, `pattern-plates(${plates.length})`, 'r.plate IN (SELECT value FROM json_each(@plates))', { plates: JSON.stringify(plates) }, desc)
        }
        glob = pattern.glob
      }
    }
    if (q.hits === 'with') {
      return this.indexed(q, 'hits', 'r.id IN (SELECT h.read_id FROM hits h WHERE h.covert = 0 OR @covert = 1)', {}, desc, glob)
    }
    if (q.cameraIds && q.cameraIds.length > 0) return this.byCamera(q, desc, glob)
    return this.timeScan(q, desc, glob)
  }

  /** The distinct plates a pattern matches, or null when they are too many (or there is no way to find them fast). */
  private patternPlates(pattern: ReturnType<typeof planPattern>): string[] | null {
    const limit = MAX_PATTERN_PLATES + 1
    let rows: { plate: string }[]
    if (pattern.prefix.length > 0) {
      rows = this.db
        .prepare('SELECT plate FROM plates WHERE plate >= @lo AND plate < @hi AND plate GLOB @glob LIMIT @limit')
        .all({ lo: pattern.prefix, hi: prefixUpperBound(pattern.prefix), glob: pattern.glob, limit }) as { plate: string }[]
    } else {
      const match = trigramQuery(pattern)
      if (match === null) return null
      rows = this.db
        .prepare(
          `SELECT p.plate FROM plates_trigram t JOIN plates p ON p.id = t.rowid
           WHERE plates_trigram MATCH @match AND p.plate GLOB @glob LIMIT @limit`,
        )
        .all({ match, glob: pattern.glob, limit }) as { plate: string }[]
    }
    return rows.length > MAX_PATTERN_PLATES ? null : rows.map((r) => r.plate)
  }

  /** One ordered query over an index that already bounds the work (a plate, plates, hits, a key). */
  private indexed(q: SearchQuery, strategy: string, driving: string, params: Params, desc: boolean, glob: string | null = null): Strategy {
    const where = [driving, ...filters(q, glob)]
    const all = { ...params, ...filterParams(q, glob) }
    const sql = (keyset: boolean) =>
      `SELECT r.id, r.read_at AS readAt FROM reads r
       WHERE ${[...where, ...(keyset ? [timeKeyset(desc)] : [])].join(' AND ')}
       ORDER BY r.read_at ${desc ? 'DESC' : 'ASC'}, r.id ${desc ? 'DESC' : 'ASC'} LIMIT @limit`
    return {
      strategy,
      run: () => {
        const rows = this.db.prepare(sql(!!q.after)).all({ ...all, ...positionParams(q.after), limit: q.limit + 1 }) as Candidate[]
        return page(rows, q.limit)
      },
      count: (cap) => this.count(where, all, cap),
      explain: () => explainOf(this.db, sql(!!q.after), { ...all, ...positionParams(q.after), limit: q.limit + 1 }),
    }
  }

  /** Reads of the plates sharing the confusion key, ranked by differing positions, then newest first. */
  private similar(q: SearchQuery, plates: string[]): Strategy {
    const diff = 'alpr_plate_differences(r.plate, @similar)'
    const where = ['r.plate IN (SELECT value FROM json_each(@plates))', ...filters(q, null)]
    const all = { plates: JSON.stringify(plates), similar: q.similar!, ...filterParams(q, null) }
    const keyset = `(${diff} > @atDiff OR (${diff} = @atDiff AND (r.read_at < @atReadAt OR (r.read_at = @atReadAt AND r.id < @atId))))`
    const sql = (withKeyset: boolean) =>
      `SELECT r.id, r.read_at AS readAt, ${diff} AS differences FROM reads r
       WHERE ${[...where, ...(withKeyset ? [keyset] : [])].join(' AND ')}
       ORDER BY differences ASC, r.read_at DESC, r.id DESC LIMIT @limit`
    const position = { ...positionParams(q.after), atDiff: q.after?.differences ?? 0 }
    return {
      strategy: `similar(${plates.length})`,
      run: () => page(this.db.prepare(sql(!!q.after)).all({ ...all, ...position, limit: q.limit + 1 }) as Candidate[], q.limit),
      count: (cap) => this.count(where, all, cap),
      explain: () => explainOf(this.db, sql(!!q.after), { ...all, ...position, limit: q.limit + 1 }),
    }
  }

  /** Cameras: each camera's reads in time order from reads_camera_read_at, merged. */
  private byCamera(q: SearchQuery, desc: boolean, glob: string | null): Strategy {
    const cameras = [...new Set(q.cameraIds)]
    const where = ['r.camera_id = @camera', ...filters({ ...q, cameraIds: undefined }, glob)]
    const all = filterParams({ ...q, cameraIds: undefined }, glob)
    const sql = (keyset: boolean) =>
      `SELECT r.id, r.read_at AS readAt FROM reads r INDEXED BY reads_camera_read_at
       WHERE ${[...where, ...(keyset ? [timeKeyset(desc)] : [])].join(' AND ')}
       ORDER BY r.read_at ${desc ? 'DESC' : 'ASC'}, r.id ${desc ? 'DESC' : 'ASC'} LIMIT @limit`
    return {
      strategy: `cameras(${cameras.length})`,
      run: () => {
        const statement = this.db.prepare(sql(!!q.after))
        const merged: Candidate[] = []
        for (const camera of cameras) {
          merged.push(...(statement.all({ ...all, ...positionParams(q.after), camera, limit: q.limit + 1 }) as Candidate[]))
        }
        merged.sort((a, b) => (desc ? b.readAt - a.readAt || b.id - a.id : a.readAt - b.readAt || a.id - b.id))
        return page(merged, q.limit)
      },
      count: (cap) =>
        this.count(['r.camera_id IN (SELECT value FROM json_each(@cameras))', ...where.slice(1)], { ...all, cameras: JSON.stringify(cameras) }, cap),
      explain: () => explainOf(this.db, sql(!!q.after), { ...all, ...positionParams(q.after), camera: cameras[0]!, limit: q.limit + 1 }),
    }
  }

  /**
   * Every read in time order (reads_read_at). Without other filters the index answers the page directly; with
   * them, the scan goes chunk by chunk and stops after a budget, answering the page so far.
   */
  private timeScan(q: SearchQuery, desc: boolean, glob: string | null): Strategy {
    const post = filters({ ...q, from: undefined, to: undefined }, glob)
    const all = filterParams(q, glob)
    const bounds = timeBounds(q)
    const order = `${desc ? 'DESC' : 'ASC'}`
    if (post.length === 0) {
      return this.indexed(q, 'time', bounds.length ? bounds.join(' AND ') : '1', {}, desc)
    }
    const chunkSql = (keyset: boolean) =>
      `SELECT r.id, r.read_at FROM reads r INDEXED BY reads_read_at
       WHERE ${[...bounds, ...(keyset ? [timeKeyset(desc)] : []), '1'].join(' AND ')}
       ORDER BY r.read_at ${order}, r.id ${order} LIMIT @chunk`
    const pageSql = (keyset: boolean) =>
      `WITH chunk AS MATERIALIZED (${chunkSql(keyset)})
       SELECT c.id, c.read_at AS readAt FROM chunk c JOIN reads r ON r.id = c.id
       WHERE ${post.join(' AND ')}
       ORDER BY c.read_at ${order}, c.id ${order} LIMIT @limit`
    const edgeSql = (keyset: boolean) =>
      `WITH chunk AS MATERIALIZED (${chunkSql(keyset)})
       SELECT id, read_at AS readAt, (SELECT count(*) FROM chunk) AS n FROM chunk
       ORDER BY read_at ${desc ? 'ASC' : 'DESC'}, id ${desc ? 'ASC' : 'DESC'} LIMIT 1`
    return {
      strategy: 'time-scan',
      run: () => {
        const found: Candidate[] = []
        let at: SearchPosition | null | undefined = q.after
        for (let step = 0; step < this.budget.chunksPerCall; step++) {
          const params = { ...all, ...positionParams(at), chunk: this.budget.chunk, limit: q.limit + 1 - found.length }
          found.push(...(this.db.prepare(pageSql(!!at)).all(params) as Candidate[]))
          if (found.length > q.limit) return page(found, q.limit)
          const edge = this.db.prepare(edgeSql(!!at)).get(params) as { id: number; readAt: number; n: number } | undefined
          if (!edge || edge.n < this.budget.chunk) return { candidates: found, next: null }
          at = { readAt: edge.readAt, id: edge.id }
        }
        // The budget is spent: the page so far, and the scan's position for the next call.
        return { candidates: found, next: at ?? null }
      },
      // Counting would need the whole scan; the screen shows "more" instead.
      count: null,
      explain: () => explainOf(this.db, pageSql(!!q.after), { ...all, ...positionParams(q.after), chunk: this.budget.chunk, limit: q.limit + 1 }),
    }
  }

  private count(where: string[], params: Params, cap: number): number {
    const row = this.db
      .prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM reads r WHERE ${where.join(' AND ')} LIMIT @cap)`)
      .get({ ...params, cap: cap + 1 }) as { n: number }
    return row.n
  }

  /** The rows of a page, in the candidates' order. */
  private rows(candidates: Candidate[], covert: boolean, similar: string | null): SearchRow[] {
    if (candidates.length === 0) return []
    const rows = this.db
      .prepare(
        `SELECT r.id, r.plate, r.state, r.confidence, r.read_at AS readAt, r.camera_id AS cameraId, c.name AS cameraName,
                r.latitude, r.longitude, r.source, r.footage_name AS footageName,
                EXISTS (SELECT 1 FROM hits h WHERE h.read_id = r.id AND (h.covert = 0 OR @covert = 1)) AS hasHits,
                EXISTS (SELECT 1 FROM read_corrections k WHERE k.read_id = r.id) AS corrected,
                (SELECT i.crop FROM read_images i WHERE i.read_id = r.id) AS crop
         FROM reads r LEFT JOIN cameras c ON c.id = r.camera_id
         WHERE r.id IN (SELECT value FROM json_each(@ids))`,
      )
      .all({ ids: JSON.stringify(candidates.map((c) => c.id)), covert: covert ? 1 : 0 }) as (Omit<SearchRow, 'hasHits' | 'corrected' | 'differences'> & {
      hasHits: number
      corrected: number
    })[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    return candidates.flatMap((c) => {
      const r = byId.get(c.id)
      if (!r) return []
      const differences = similar === null ? null : (c.differences ?? confusionDifferences(r.plate, similar))
      return [{ ...r, hasHits: r.hasHits === 1, corrected: r.corrected === 1, differences }]
    })
  }
}

interface Strategy {
  strategy: string
  run(): { candidates: Candidate[]; next: SearchPosition | null }
  count: ((cap: number) => number) | null
  explain(): string
}

const emptyStrategy = (strategy: string): Strategy => ({
  strategy,
  run: () => ({ candidates: [], next: null }),
  count: () => 0,
  explain: () => '(no plate matches)',
})

/** One more row than the page was asked for says there is a next page, starting after the page's last row. */
function page(rows: Candidate[], limit: number): { candidates: Candidate[]; next: SearchPosition | null } {
  if (rows.length <= limit) return { candidates: rows, next: null }
  const candidates = rows.slice(0, limit)
  const last = candidates[candidates.length - 1]!
  return { candidates, next: { readAt: last.readAt, id: last.id, ...(last.differences !== undefined ? { differences: last.differences } : {}) } }
}

function timeBounds(q: Pick<SearchQuery, 'from' | 'to'>): string[] {
  return [...(q.from !== undefined ? ['r.read_at >= @from'] : []), ...(q.to !== undefined ? ['r.read_at < @to'] : [])]
}

/** The filters beyond the driving index, as SQL over `r` (values are always bound parameters). */
function filters(q: SearchQuery, glob: string | null): string[] {
  const out = timeBounds(q)
  if (q.cameraIds && q.cameraIds.length > 0) out.push('r.camera_id IN (SELECT value FROM json_each(@cameras))')
  if (q.minConfidence !== undefined) out.push('r.confidence >= @minConfidence')
  if (q.near) {
    out.push(
      'r.latitude BETWEEN @latLo AND @latHi',
      'r.longitude BETWEEN @lonLo AND @lonHi',
      'alpr_distance_m(r.latitude, r.longitude, @nearLat, @nearLon) <= @radiusM',
    )
  }
  if (q.hits === 'without') out.push('NOT EXISTS (SELECT 1 FROM hits h WHERE h.read_id = r.id AND (h.covert = 0 OR @covert = 1))')
  if (q.hits === 'with') out.push('EXISTS (SELECT 1 FROM hits h WHERE h.read_id = r.id AND (h.covert = 0 OR @covert = 1))')
  if (glob !== null) out.push('r.plate GLOB @glob')
  return out
}

function filterParams(q: SearchQuery, glob: string | null): Params {
  const p: Params = { covert: q.covert ? 1 : 0 }
  if (q.from !== undefined) p.from = q.from
  if (q.to !== undefined) p.to = q.to
  if (q.cameraIds && q.cameraIds.length > 0) p.cameras = JSON.stringify(q.cameraIds)
  if (q.minConfidence !== undefined) p.minConfidence = q.minConfidence
  if (q.near) Object.assign(p, nearParams(q.near))
  if (glob !== null) p.glob = glob
  return p
}

/** A bounding box around the circle (cheap to test first) and the circle itself. */
function nearParams(near: { latitude: number; longitude: number; radiusM: number }): Params {
  const dLat = (near.radiusM / EARTH_RADIUS_M) * (180 / Math.PI)
  const cos = Math.cos((near.latitude * Math.PI) / 180)
  // Near a pole the longitude span covers everything.
  const dLon = cos < 1e-6 ? 180 : Math.min(180, dLat / cos)
  return {
    nearLat: near.latitude,
    nearLon: near.longitude,
    radiusM: near.radiusM,
    latLo: near.latitude - dLat,
    latHi: near.latitude + dLat,
    lonLo: near.longitude - dLon,
    lonHi: near.longitude + dLon,
  }
}

/** After the position, in the page's time order. */
function timeKeyset(desc: boolean): string {
  // The first term is a plain range, so the index on read_at seeks straight to the position.
  return desc
    ? 'r.read_at <= @atReadAt AND (r.read_at < @atReadAt OR r.id < @atId)'
    : 'r.read_at >= @atReadAt AND (r.read_at > @atReadAt OR r.id > @atId)'
}

function positionParams(at: SearchPosition | null | undefined): Params {
  return at ? { atReadAt: at.readAt, atId: at.id } : {}
}

export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

function explainOf(db: Db, sql: string, params: Params): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n')
}
