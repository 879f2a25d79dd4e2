// The append-only access log. Appends compute the next link of the hash chain inside one transaction,
// and record the chain's head so that entries cut from the end are detected too.
import type { Db } from '../database'
import type { AccessLogEntry, AccessOutcome, ChainVerification } from '../../../../shared/models'
import { type ChainedFields, type CheckpointStatement, GENESIS_HASH, checkLink, checkpointBytes, entryHash } from '../../audit/chain'
import { SigningRepository } from './signing'
import { type AccessLogFilter, ENTRY_COLUMNS, type RawEntry, filterWhere, toEntry } from './access-log-filter'

/** An entry as the guard hands it over; the id and the chain's hashes are assigned on append. */
export type NewAccessLogEntry = Omit<AccessLogEntry, 'id' | 'deviceName'>

type StoredRow = ChainedFields & { hash: string }

const COLUMNS = `id, at, user_id AS userId, username, agency, unit, device_id AS deviceId, channel,
  data_elements AS dataElements, purpose, outcome, code, message, prev_hash AS prevHash, hash`

const HEAD_KEY = 'access_log_head'

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
    const where = filterWhere(filter)
    const rows = this.db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM access_log WHERE ${where.sql} AND id < @beforeId ORDER BY id DESC LIMIT @limit`)
      .all({ ...where.params, beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 }) as RawEntry[]
    return { entries: rows.slice(0, limit).map(toEntry), hasMore: rows.length > limit }
  }

  /** How many entries match the filter (an export checks its size before it is made). */
  countMatching(filter: AccessLogFilter): number {
    const where = filterWhere(filter)
    return (this.db.prepare(`SELECT count(*) AS n FROM access_log WHERE ${where.sql}`).get(where.params) as { n: number }).n
  }

  /**
   * Walks the chain in id order and reports the first entry whose link does not hold. Entries removed by a
   * retention purge are vouched for by signed checkpoints: every checkpoint's signature is checked, and the
   * walk starts after the newest one, from the hash it recorded.
   */
  verify(): ChainVerification {
    const checkpoints = this.db
      .prepare(
        `SELECT id, created_at AS createdAt, last_removed_id AS lastRemovedId, last_removed_hash AS lastRemovedHash,
                removed_count AS removedCount, key_id AS keyId, signature FROM access_log_checkpoints ORDER BY id`,
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
      start = { id: c.lastRemovedId, hash: c.lastRemovedHash }
    }

    let expectedPrev = start?.hash ?? GENESIS_HASH
    let expectedId = (start?.id ?? 0) + 1
    let entries = 0
    let last: { id: number; hash: string } | null = start
    for (const row of this.db.prepare(`SELECT ${COLUMNS} FROM access_log ORDER BY id`).iterate() as Iterable<StoredRow>) {
      const reason =
        row.id < expectedId
          ? `it should have been removed by retention checkpoint ${checkpoints.length}, which vouches for entries up to ${expectedId - 1}`
          : checkLink(row, expectedPrev, expectedId)
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
