// The append-only access log. Appends compute the next link of the hash chain inside one transaction,
// and record the chain's head so that entries cut from the end are detected too.
import type { Db } from '../database'
import type { AccessLogEntry, AccessOutcome, ChainVerification } from '../../../../shared/models'
import { type ChainedFields, type CheckpointStatement, GENESIS_HASH, checkLink, checkpointBytes, entryHash } from '../../audit/chain'
import { SigningRepository } from './signing'
import { addMonths } from '../../clock'
import { MIN_RECORD_RETENTION_YEARS } from './retention'
import { type AccessLogFilter, ENTRY_COLUMNS, type RawEntry, filterWhere, toEntry } from './access-log-filter'

/** An entry as the guard hands it over; the id and the chain's hashes are assigned on append. */
export type NewAccessLogEntry = Omit<AccessLogEntry, 'id' | 'deviceName'>

type StoredRow = ChainedFields & { hash: string }

const COLUMNS = `id, at, user_id AS userId, username, agency, unit, device_id AS deviceId, channel,
  data_elements AS dataElements, purpose, outcome, code, message, prev_hash AS prevHash, hash`

const HEAD_KEY = 'access_log_head'

/** Clocks are corrected by small steps now and then; a checkpoint this little ahead of the next entry is not a wrong clock. */
const CLOCK_STEP_TOLERANCE_MS = 60_000

export class AccessLogRepository {
  constructor(private readonly db: Db) {}

  append(entry: NewAccessLogEntry): number {
    return this.db.transaction(() => {
      const last = this.db.prepare('SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1').get() as
        | { id: number; hash: string }
        | undefined
      const fields: ChainedFields = {
        id: (last?.id ?? 0) + 1,
        at: entry.at,
        userId: entry.userId,
        username: entry.username,
        agency: entry.agency,
        unit: entry.unit,
        deviceId: entry.deviceId,
        channel: entry.channel,
        dataElements: JSON.stringify(entry.dataElements),
        purpose: entry.purpose,
        outcome: entry.outcome,
        code: entry.code,
        message: entry.message,
        prevHash: last?.hash ?? GENESIS_HASH,
      }
      const hash = entryHash(fields)
      this.db
        .prepare(
          `INSERT INTO access_log (id, at, user_id, username, agency, unit, device_id, channel, data_elements, purpose,
                                   outcome, code, message, prev_hash, hash)
           VALUES (@id, @at, @userId, @username, @agency, @unit, @deviceId, @channel, @dataElements, @purpose,
                   @outcome, @code, @message, @prevHash, @hash)`,
        )
        .run({ ...fields, hash })
      this.db
        .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
        .run(HEAD_KEY, JSON.stringify({ id: fields.id, hash }))
      return fields.id
    })()
  }

  list(limit: number, beforeId?: number): AccessLogEntry[] {
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS}, (SELECT name FROM devices d WHERE d.id = access_log.device_id) AS deviceName
         FROM access_log WHERE id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as (StoredRow & { deviceName: string | null })[]
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.userId,
      username: r.username,
      agency: r.agency,
      unit: r.unit,
      deviceId: r.deviceId,
      deviceName: r.deviceName,
      channel: r.channel,
      dataElements: JSON.parse(r.dataElements) as Record<string, unknown>,
      purpose: r.purpose,
      outcome: r.outcome as AccessOutcome,
      code: r.code,
      message: r.message,
    }))
  }

  /** Entries matching the filter, newest first, `limit` at a time below `beforeId`; `hasMore` when older ones match. */
  search(filter: AccessLogFilter, limit: number, beforeId?: number): { entries: AccessLogEntry[]; hasMore: boolean } {
    // A time range becomes id bounds first (one pass over the covering time index, exact even when the clock
    // went backwards), so each page walks the primary key backwards from `beforeId` and stops after `limit`
    // rows instead of sorting the whole range by id: the plan is "SEARCH access_log USING INTEGER PRIMARY
    // KEY (rowid>? AND rowid<?)" with no "USE TEMP B-TREE FOR ORDER BY" (test/core/audit/access-log-search.test.ts).
    const timed = filter.from !== undefined || filter.to !== undefined
    let lowId = 0
    let highId = Number.MAX_SAFE_INTEGER
    if (timed) {
      const bounds = this.idBounds(filter.from, filter.to)
      if (!bounds) return { entries: [], hasMore: false }
      ;[lowId, highId] = bounds
    }
    const where = filterWhere(filter, { pageByIdBounds: timed })
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM access_log WHERE ${where.sql} AND id >= @lowId AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
      )
      .all({ ...where.params, lowId, beforeId: Math.min(beforeId ?? Number.MAX_SAFE_INTEGER, highId + 1), limit: limit + 1 }) as RawEntry[]
    return { entries: rows.slice(0, limit).map(toEntry), hasMore: rows.length > limit }
  }

  /** The lowest and highest ids of entries in [from, to); null when none. */
  private idBounds(from: number | undefined, to: number | undefined): [number, number] | null {
    const row = this.db
      .prepare('SELECT min(id) AS lo, max(id) AS hi FROM access_log WHERE at >= @from AND at < @to')
      .get({ from: from ?? 0, to: to ?? Number.MAX_SAFE_INTEGER }) as { lo: number | null; hi: number | null }
    return row.lo === null || row.hi === null ? null : [row.lo, row.hi]
  }

  /** The query plan of a search page, for tests that keep the log viewer fast. */
  searchPlan(filter: AccessLogFilter): string[] {
    const timed = filter.from !== undefined || filter.to !== undefined
    const where = filterWhere(filter, { pageByIdBounds: timed })
    return (
      this.db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT ${ENTRY_COLUMNS} FROM access_log WHERE ${where.sql} AND id >= @lowId AND id < @beforeId ORDER BY id DESC LIMIT @limit`,
        )
        .all({ ...where.params, lowId: 0, beforeId: 1, limit: 1 }) as { detail: string }[]
    ).map((r) => r.detail)
  }

  /** How many entries match the filter (an export checks its size before it is made). */
  countMatching(filter: AccessLogFilter): number {
    const where = filterWhere(filter)
    return (this.db.prepare(`SELECT count(*) AS n FROM access_log WHERE ${where.sql}`).get(where.params) as { n: number }).n
  }

  /**
   * Walks the chain in id order and reports the first entry whose link does not hold. Entries removed by a
   * retention purge are vouched for by signed checkpoints: every checkpoint's signature is checked, that it
   * removed only entries at least three years older than itself, and that the entry written after it is
   * not older than it (a purge made with the clock set ahead); the walk starts after the newest one, from
   * the hash it recorded.
   *
   * Limit: the signing key is kept in this same database, so someone holding the database key can sign a
   * checkpoint that passes. Only the key id recorded outside the system (printed on signed reports, shown
   * in the retention tab) tells the agency's key from a substituted one.
   */
  verify(): ChainVerification {
    const checkpoints = this.db
      .prepare(
        `SELECT id, created_at AS createdAt, cutoff, last_removed_id AS lastRemovedId, last_removed_at AS lastRemovedAt,
                last_removed_hash AS lastRemovedHash, removed_count AS removedCount, head_id AS headId,
                key_id AS keyId, signature FROM access_log_checkpoints ORDER BY id`,
      )
      .all() as (CheckpointStatement & { keyId: string; signature: string })[]
    const signing = new SigningRepository(this.db)
    let start: { id: number; hash: string } | null = null
    for (const [i, c] of checkpoints.entries()) {
      const broken = (reason: string): ChainVerification => ({
        ok: false,
        entries: 0,
        firstBroken: { id: c.lastRemovedId + 1, reason: `retention checkpoint ${c.id} ${reason}` },
      })
      if (c.id !== i + 1) return broken(`follows checkpoint ${i}: a checkpoint was removed`)
      if (start && c.lastRemovedId <= start.id) return broken('goes backwards: it names entries an earlier checkpoint already removed')
      const signed = signing.verify(checkpointBytes(c).toString('base64'), { algorithm: 'Ed25519', keyId: c.keyId, signature: c.signature })
      if (!signed) return broken('does not carry a valid signature of the agency key: it was forged or altered')
      if (c.cutoff > addMonths(c.createdAt, -12 * MIN_RECORD_RETENTION_YEARS) || c.lastRemovedAt >= c.cutoff) {
        return broken('removed entries less than three years old: they were not past record retention')
      }
      start = { id: c.lastRemovedId, hash: c.lastRemovedHash }
    }

    let expectedPrev = start?.hash ?? GENESIS_HASH
    let expectedId = (start?.id ?? 0) + 1
    let entries = 0
    let last: { id: number; hash: string } | null = start
    // Every entry written after a checkpoint (past its head) must not be older than it: the latest such checkpoint so far.
    const byHead = [...checkpoints].sort((a, b) => a.headId - b.headId)
    let passed = 0
    let latest: (typeof checkpoints)[number] | null = null
    for (const row of this.db.prepare(`SELECT ${COLUMNS} FROM access_log ORDER BY id`).iterate() as Iterable<StoredRow>) {
      for (; passed < byHead.length && byHead[passed]!.headId < row.id; passed++) {
        if (!latest || byHead[passed]!.createdAt > latest.createdAt) latest = byHead[passed]!
      }
      const reason =
        row.id < expectedId
          ? `it should have been removed by retention checkpoint ${checkpoints.length}, which vouches for entries up to ${expectedId - 1}`
          : (checkLink(row, expectedPrev, expectedId) ??
            (latest && row.at < latest.createdAt - CLOCK_STEP_TOLERANCE_MS
              ? `retention checkpoint ${latest.id} is dated after this entry, written after it: the clock was set ahead when it was made`
              : null))
      if (reason) return { ok: false, entries, firstBroken: { id: row.id, reason } }
      entries += 1
      expectedPrev = row.hash
      expectedId = row.id + 1
      last = row
    }
    const headText = (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined)
      ?.value
    const head = headText ? (JSON.parse(headText) as { id: number; hash: string }) : null
    if (head && (last === null || head.id !== last.id || head.hash !== last.hash)) {
      return {
        ok: false,
        entries,
        firstBroken: {
          id: (last?.id ?? 0) + 1,
          reason: `the log ends at entry ${last?.id ?? 0} but entry ${head.id} was written: entries were removed from the end`,
        },
      }
    }
    return { ok: true, entries, firstBroken: null }
  }
}
