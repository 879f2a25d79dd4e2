// Retention purges, in small steps the main thread calls one after another so other store queries run
// between them (the worker serves one message at a time). Each step is its own transaction; each adds its
// counts to the run's row, so a run cut short by a crash still says what it removed.
import type { Db } from '../database'
import type { RetentionRun, RetentionRunKind, RetentionRunOutcome } from '../../../../shared/models'
import { checkpointBytes } from '../../audit/chain'
import { addMonths, DAY } from '../../clock'
import { SigningRepository } from './signing'
import { bumpHotListVersion } from './hot-lists'

/** How long a truncating checkpoint keeps trying while another checkpoint holds the lock. */
const CHECKPOINT_PATIENCE_MS = 10_000
/** Something to wait on between tries (this runs on the store's worker thread, where blocking is the point). */
const PAUSE = new Int32Array(new SharedArrayBuffer(4))

/** Where a read purge continues: the last (read_at, id) it looked at. */
export interface ReadCursor {
  readAt: number
  id: number
}

export interface ReadBatchResult {
  reads: number
  images: number
  corrections: number
  hits: number
  /** Expired reads skipped because an unreleased hold names them. */
  held: number
  done: boolean
  cursor: ReadCursor | null
}

const RUN_COLUMNS = `id, kind, requested_by AS requestedBy, started_at AS startedAt, finished_at AS finishedAt,
  read_cutoff AS readCutoff, log_cutoff AS logCutoff, reads_deleted AS readsDeleted, images_deleted AS imagesDeleted,
  corrections_deleted AS correctionsDeleted, hits_deleted AS hitsDeleted, held_reads_kept AS heldReadsKept,
  hot_lists_deleted AS hotListsDeleted, hot_list_entries_deleted AS hotListEntriesDeleted,
  access_log_deleted AS accessLogDeleted, pages_freed AS pagesFreed, outcome, error`

/** The statute's minimum for access-log records; a lower stored value (or none) never shortens it. */
export const MIN_RECORD_RETENTION_YEARS = 3

/** Access-log entries written before this time are past record retention at `now`. */
export function accessLogCutoff(now: number, recordRetentionYears: unknown): number {
  const years = typeof recordRetentionYears === 'number' && Number.isInteger(recordRetentionYears) ? recordRetentionYears : 0
  return addMonths(now, -12 * Math.max(MIN_RECORD_RETENTION_YEARS, years))
}

/**
 * The log is not purged when the clock reads more than this past the newest entry a person caused: a
 * clock set ahead would otherwise make recent entries look years old.
 */
export const MAX_CLOCK_LEAD_MS = DAY

/**
 * The one rule for when a hot-list entry is past retention, shared by the purge and the audit's evidence:
 * past its own expiry, or older than its list's period (the default period for lists without one).
 * Expects the entry as `e`, its list as `l`, and the parameters @now, @defaultDays and @day.
 */
export const hotListEntryExpiredSql = `((e.expires_at IS NOT NULL AND e.expires_at < @now)
  OR e.created_at < @now - coalesce(l.retention_days, @defaultDays) * @day)`

/** A whole list not refreshed within its period (same aliases and parameters). */
export const hotListExpiredSql = `(l.refreshed_at + coalesce(l.retention_days, @defaultDays) * @day < @now)`

export interface HotListBatchResult {
  lists: number
  entries: number
  done: boolean
  /** The last entry id looked at. */
  cursor: number
}

const HELD = `SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = r.id AND h.released_at IS NULL`

export class RetentionRepository {
  private readonly signing: SigningRepository

  constructor(private readonly db: Db) {
    this.signing = new SigningRepository(db)
  }

  /**
   * Starts a run's record. A run still marked running belongs to a process that stopped mid-run: it is
   * marked failed and answered in `orphaned` (with what it had removed), so the caller logs it.
   */
  beginRun(run: { kind: RetentionRunKind; requestedBy: string | null; startedAt: number; readCutoff: number; logCutoff: number }): {
    runId: number
    orphaned: RetentionRun[]
  } {
    return this.db.transaction(() => {
      const orphanIds = (this.db.prepare(`SELECT id FROM retention_runs WHERE outcome = 'running' ORDER BY id`).all() as { id: number }[]).map(
        (r) => r.id,
      )
      this.db
        .prepare(`UPDATE retention_runs SET outcome = 'failed', error = 'The application stopped during this run.' WHERE outcome = 'running'`)
        .run()
      const runId = Number(
        this.db
          .prepare(
            `INSERT INTO retention_runs (kind, requested_by, started_at, read_cutoff, log_cutoff, outcome)
             VALUES (@kind, @requestedBy, @startedAt, @readCutoff, @logCutoff, 'running')`,
          )
          .run(run).lastInsertRowid,
      )
      return { runId, orphaned: orphanIds.map((id) => this.get(id)!) }
    })()
  }

  /**
   * Deletes up to `limit` reads taken before `cutoff` that no unreleased hold names, oldest first, with
   * their images, corrections and hits (cascades) and their links to released holds.
   */
  purgeReads(runId: number, cutoff: number, after: ReadCursor | null, limit: number): ReadBatchResult {
    return this.db.transaction((): ReadBatchResult => {
      const rows = this.db
        .prepare(
          `SELECT r.id, r.read_at AS readAt, EXISTS (${HELD}) AS held FROM reads r
           WHERE r.read_at < @cutoff AND r.read_at >= @afterAt AND (r.read_at > @afterAt OR (r.read_at = @afterAt AND r.id > @afterId))
           ORDER BY r.read_at, r.id LIMIT @limit`,
        )
        .all({ cutoff, afterAt: after?.readAt ?? Number.MIN_SAFE_INTEGER, afterId: after?.id ?? 0, limit }) as {
        id: number
        readAt: number
        held: number
      }[]
      const ids = JSON.stringify(rows.filter((r) => r.held === 0).map((r) => r.id))
      const count = (sql: string) => (this.db.prepare(sql).get(ids) as { n: number }).n
      const images = count('SELECT count(*) AS n FROM read_images WHERE read_id IN (SELECT value FROM json_each(?))')
      const corrections = count('SELECT count(*) AS n FROM read_corrections WHERE read_id IN (SELECT value FROM json_each(?))')
      const hits = count('SELECT count(*) AS n FROM hits WHERE read_id IN (SELECT value FROM json_each(?))')
      // Links to released holds go first: hold_reads has no cascade, so a linked read cannot be deleted.
      this.db.prepare('DELETE FROM hold_reads WHERE read_id IN (SELECT value FROM json_each(?))').run(ids)
      const reads = this.db.prepare('DELETE FROM reads WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes
      const held = rows.length - reads
      this.db
        .prepare(
          `UPDATE retention_runs SET reads_deleted = reads_deleted + @reads, images_deleted = images_deleted + @images,
             corrections_deleted = corrections_deleted + @corrections, hits_deleted = hits_deleted + @hits,
             held_reads_kept = held_reads_kept + @held WHERE id = @runId`,
        )
        .run({ reads, images, corrections, hits, held, runId })
      const last = rows.at(-1)
      return {
        reads,
        images,
        corrections,
        hits,
        held,
        done: rows.length < limit,
        cursor: last ? { readAt: last.readAt, id: last.id } : after,
      }
    })()
  }

  /**
   * Looks at up to `limit` hot-list entries after `after` (by id) and deletes those past retention
   * (hotListEntryExpiredSql) or in a list not refreshed within its period; the last step then deletes
   * those lists. Small steps, like the read purge, so other queries wait for one step at most.
   */
  purgeHotLists(runId: number, now: number, defaultDays: number, after: number, limit: number): HotListBatchResult {
    return this.db.transaction((): HotListBatchResult => {
      const params = { now, defaultDays, day: DAY }
      const rows = this.db
        .prepare(
          `SELECT e.id, (${hotListEntryExpiredSql} OR ${hotListExpiredSql}) AS gone
           FROM hot_list_entries e JOIN hot_lists l ON l.id = e.list_id
           WHERE e.id > @after ORDER BY e.id LIMIT @limit`,
        )
        .all({ ...params, after, limit }) as { id: number; gone: number }[]
      const ids = JSON.stringify(rows.filter((r) => r.gone === 1).map((r) => r.id))
      const entries = this.db.prepare('DELETE FROM hot_list_entries WHERE id IN (SELECT value FROM json_each(?))').run(ids).changes
      if (entries > 0) bumpHotListVersion(this.db)
      const done = rows.length < limit
      const lists = done ? this.db.prepare(`DELETE FROM hot_lists AS l WHERE ${hotListExpiredSql}`).run(params).changes : 0
      this.db
        .prepare(
          `UPDATE retention_runs SET hot_lists_deleted = hot_lists_deleted + ?, hot_list_entries_deleted = hot_list_entries_deleted + ?
           WHERE id = ?`,
        )
        .run(lists, entries, runId)
      return { lists, entries, done, cursor: rows.at(-1)?.id ?? after }
    })()
  }

  /**
   * Removes up to `limit` of the oldest access-log entries past the record-retention period (computed
   * here from the stored setting, never under three years; never the newest entry, which carries the
   * chain on), after writing a checkpoint signed with the agency key that names the cutoff, the last
   * one removed, its time and hash. The log's delete trigger allows exactly this, inside this transaction.
   * Throws, removing nothing, when `now` is far past the newest entry a person caused: the clock may be wrong.
   */
  purgeAccessLog(runId: number, now: number, limit: number): { removed: number; done: boolean; cutoff: number } {
    return this.db.transaction(() => {
      const stored = this.db.prepare(`SELECT value FROM settings WHERE key = 'recordRetentionYears'`).get() as { value: string } | undefined
      const cutoff = accessLogCutoff(now, stored ? (JSON.parse(stored.value) as unknown) : undefined)
      const rows = this.db.prepare('SELECT id, at, hash FROM access_log ORDER BY id LIMIT ?').all(limit + 1) as {
        id: number
        at: number
        hash: string
      }[]
      const newest = (this.db.prepare('SELECT max(id) AS id FROM access_log').get() as { id: number | null }).id
      const prefix: typeof rows = []
      for (const row of rows.slice(0, limit)) {
        if (row.at >= cutoff || row.id === newest) break
        prefix.push(row)
      }
      const last = prefix.at(-1)
      if (!last || newest === null) return { removed: 0, done: true, cutoff }
      // The purge's own entries do not count: they would let a run with a wrong clock vouch for the next one.
      const newestAt =
        (
          this.db.prepare(`SELECT at FROM access_log WHERE channel <> 'system.retention' ORDER BY id DESC LIMIT 1`).get() as
            | { at: number }
            | undefined
        )?.at ?? null
      if (newestAt !== null && now - newestAt > MAX_CLOCK_LEAD_MS) {
        const days = Math.floor((now - newestAt) / DAY)
        throw new Error(
          `The access log was not purged: this workstation’s clock reads ${days} day${days === 1 ? '' : 's'} past the newest entry in the log, so the clock may be wrong. It is purged on a later run once the log has recent activity.`,
        )
      }
      const id = ((this.db.prepare('SELECT max(id) AS id FROM access_log_checkpoints').get() as { id: number | null }).id ?? 0) + 1
      const statement = {
        id,
        createdAt: now,
        cutoff,
        lastRemovedId: last.id,
        lastRemovedAt: last.at,
        lastRemovedHash: last.hash,
        removedCount: prefix.length,
        headId: newest,
      }
      const signature = this.signing.sign(checkpointBytes(statement).toString('base64'))
      this.db
        .prepare(
          `INSERT INTO access_log_checkpoints (id, created_at, cutoff, last_removed_id, last_removed_at, last_removed_hash, removed_count,
                                              head_id, key_id, signature)
           VALUES (@id, @createdAt, @cutoff, @lastRemovedId, @lastRemovedAt, @lastRemovedHash, @removedCount, @headId, @keyId, @signature)`,
        )
        .run({ ...statement, keyId: signature.keyId, signature: signature.signature })
      this.db.prepare('INSERT INTO access_log_purge_permit (id, through_id, cutoff) VALUES (1, ?, ?)').run(last.id, cutoff)
      const removed = this.db.prepare('DELETE FROM access_log WHERE id <= ?').run(last.id).changes
      this.db.prepare('DELETE FROM access_log_purge_permit').run()
      this.db.prepare('UPDATE retention_runs SET access_log_deleted = access_log_deleted + ? WHERE id = ?').run(removed, runId)
      return { removed, done: prefix.length < limit || rows.length <= limit, cutoff }
    })()
  }

  /** Returns up to `maxPages` free pages to the file system; answers how many were freed and how many remain. */
  reclaimSpace(runId: number, maxPages: number): { freed: number; remaining: number } {
    const before = this.db.pragma('freelist_count', { simple: true }) as number
    if (before > 0) this.db.pragma(`incremental_vacuum(${Math.max(1, Math.floor(maxPages))})`)
    const after = this.db.pragma('freelist_count', { simple: true }) as number
    this.db.prepare('UPDATE retention_runs SET pages_freed = pages_freed + ? WHERE id = ?').run(before - after, runId)
    return { freed: before - after, remaining: after }
  }

  /** Folds the WAL into the database and truncates it, so purged pages do not survive in the -wal file. */
  checkpointWal(): { busy: boolean; framesLeft: number } {
    // The checkpointer thread (store/wal-checkpointer.ts) may be copying frames at this moment, which makes this
    // checkpoint answer "busy" at once (SQLite does not wait for another checkpoint): try again until it is done.
    const deadline = Date.now() + CHECKPOINT_PATIENCE_MS
    for (;;) {
      const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[]
      const busy = row?.busy === 1
      if (!busy || Date.now() >= deadline) return { busy, framesLeft: row ? row.log - row.checkpointed : 0 }
      Atomics.wait(PAUSE, 0, 0, 20)
    }
  }

  finishRun(runId: number, finishedAt: number, outcome: Exclude<RetentionRunOutcome, 'running'>, error: string | null): RetentionRun {
    if (!this.get(runId)) throw new Error(`retention run ${runId} does not exist`)
    // held_reads_kept is the sum of the steps' held reads: expired reads left for any other reason
    // (a run stopped early) are not counted as kept by a hold.
    this.db.prepare('UPDATE retention_runs SET finished_at = ?, outcome = ?, error = ? WHERE id = ?').run(finishedAt, outcome, error, runId)
    return this.get(runId)!
  }

  get(id: number): RetentionRun | null {
    return (this.db.prepare(`SELECT ${RUN_COLUMNS} FROM retention_runs WHERE id = ?`).get(id) as RetentionRun | undefined) ?? null
  }

  /** Newest first. */
  runs(limit: number): RetentionRun[] {
    return this.db.prepare(`SELECT ${RUN_COLUMNS} FROM retention_runs ORDER BY id DESC LIMIT ?`).all(limit) as RetentionRun[]
  }

  /** The database file's pages, for the benchmark and for tests that show purged pages leave the file. */
  fileStats(): { pageSize: number; pageCount: number; freePages: number; autoVacuum: number } {
    return {
      pageSize: this.db.pragma('page_size', { simple: true }) as number,
      pageCount: this.db.pragma('page_count', { simple: true }) as number,
      freePages: this.db.pragma('freelist_count', { simple: true }) as number,
      autoVacuum: this.db.pragma('auto_vacuum', { simple: true }) as number,
    }
  }

  /** A trivial query: the benchmark times it during a purge to show how long any other query waits. */
  ping(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM retention_runs').get() as { n: number }).n
  }
}
