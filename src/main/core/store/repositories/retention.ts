// Retention purges, in small steps the main thread calls one after another so other store queries run
// between them (the worker serves one message at a time). Each step is its own transaction; each adds its
// counts to the run's row, so a run cut short by a crash still says what it removed.
import type { Db } from '../database'
import type { RetentionRun, RetentionRunKind, RetentionRunOutcome } from '../../../../shared/models'
import { checkpointBytes } from '../../audit/chain'
import { SigningRepository } from './signing'

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

const HELD = `SELECT 1 FROM hold_reads hr JOIN holds h ON h.id = hr.hold_id WHERE hr.read_id = r.id AND h.released_at IS NULL`

export class RetentionRepository {
  private readonly signing: SigningRepository

  constructor(private readonly db: Db) {
    this.signing = new SigningRepository(db)
  }

  /** Starts a run's record. A run still marked running belongs to a process that stopped mid-run. */
  beginRun(run: { kind: RetentionRunKind; requestedBy: string | null; startedAt: number; readCutoff: number; logCutoff: number }): number {
    this.db
      .prepare(`UPDATE retention_runs SET outcome = 'failed', error = 'The application stopped during this run.' WHERE outcome = 'running'`)
      .run()
    return Number(
      this.db
        .prepare(
          `INSERT INTO retention_runs (kind, requested_by, started_at, read_cutoff, log_cutoff, outcome)
           VALUES (@kind, @requestedBy, @startedAt, @readCutoff, @logCutoff, 'running')`,
        )
        .run(run).lastInsertRowid,
    )
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
      this.db
        .prepare(
          `UPDATE retention_runs SET reads_deleted = reads_deleted + @reads, images_deleted = images_deleted + @images,
             corrections_deleted = corrections_deleted + @corrections, hits_deleted = hits_deleted + @hits WHERE id = @runId`,
        )
        .run({ reads, images, corrections, hits, runId })
      const last = rows.at(-1)
      return {
        reads,
        images,
        corrections,
        hits,
        held: rows.length - reads,
        done: rows.length < limit,
        cursor: last ? { readAt: last.readAt, id: last.id } : after,
      }
    })()
  }

  /**
   * Hot-list entries past their own expiry, entries of manual lists older than the manual period, and whole
   * lists not refreshed within their retention (the list's own period, else the manual period).
   */
  purgeHotLists(runId: number, now: number, manualRetentionDays: number): { lists: number; entries: number } {
    const DAY = 86_400_000
    return this.db.transaction(() => {
      const expiredLists = this.db
        .prepare(`SELECT id FROM hot_lists WHERE refreshed_at + coalesce(retention_days, ?) * ? < ?`)
        .all(manualRetentionDays, DAY, now) as { id: string }[]
      const listIds = JSON.stringify(expiredLists.map((l) => l.id))
      let entries = this.db
        .prepare('DELETE FROM hot_list_entries WHERE list_id IN (SELECT value FROM json_each(?))')
        .run(listIds).changes
      const lists = this.db.prepare('DELETE FROM hot_lists WHERE id IN (SELECT value FROM json_each(?))').run(listIds).changes
      entries += this.db.prepare('DELETE FROM hot_list_entries WHERE expires_at IS NOT NULL AND expires_at < ?').run(now).changes
      entries += this.db
        .prepare(
          `DELETE FROM hot_list_entries WHERE created_at < ?
             AND list_id IN (SELECT id FROM hot_lists WHERE kind = 'manual' AND retention_days IS NULL)`,
        )
        .run(now - manualRetentionDays * DAY).changes
      this.db
        .prepare(
          `UPDATE retention_runs SET hot_lists_deleted = hot_lists_deleted + ?, hot_list_entries_deleted = hot_list_entries_deleted + ?
           WHERE id = ?`,
        )
        .run(lists, entries, runId)
      return { lists, entries }
    })()
  }

  /**
   * Removes up to `limit` of the oldest access-log entries written before `cutoff` (never the newest entry,
   * which carries the chain on), after writing a checkpoint signed with the agency key that names the last
   * one removed and its hash. The log's delete trigger allows exactly this, inside this transaction.
   */
  purgeAccessLog(runId: number, cutoff: number, now: number, limit: number): { removed: number; done: boolean } {
    return this.db.transaction(() => {
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
      if (!last) return { removed: 0, done: true }
      const id = ((this.db.prepare('SELECT max(id) AS id FROM access_log_checkpoints').get() as { id: number | null }).id ?? 0) + 1
      const statement = { id, createdAt: now, lastRemovedId: last.id, lastRemovedHash: last.hash, removedCount: prefix.length }
      const signature = this.signing.sign(checkpointBytes(statement).toString('base64'))
      this.db
        .prepare(
          `INSERT INTO access_log_checkpoints (id, created_at, last_removed_id, last_removed_hash, removed_count, key_id, signature)
           VALUES (@id, @createdAt, @lastRemovedId, @lastRemovedHash, @removedCount, @keyId, @signature)`,
        )
        .run({ ...statement, keyId: signature.keyId, signature: signature.signature })
      this.db.prepare('INSERT INTO access_log_purge_permit (id, through_id) VALUES (1, ?)').run(last.id)
      const removed = this.db.prepare('DELETE FROM access_log WHERE id <= ?').run(last.id).changes
      this.db.prepare('DELETE FROM access_log_purge_permit').run()
      this.db.prepare('UPDATE retention_runs SET access_log_deleted = access_log_deleted + ? WHERE id = ?').run(removed, runId)
      return { removed, done: prefix.length < limit || rows.length <= limit }
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
    const [row] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[]
    return { busy: row?.busy === 1, framesLeft: row ? row.log - row.checkpointed : 0 }
  }

  finishRun(runId: number, finishedAt: number, outcome: Exclude<RetentionRunOutcome, 'running'>, error: string | null): RetentionRun {
    const run = this.get(runId)
    if (!run) throw new Error(`retention run ${runId} does not exist`)
    // Reads still older than the cutoff after the purge are those holds kept.
    const kept = (this.db.prepare('SELECT count(*) AS n FROM reads WHERE read_at < ?').get(run.readCutoff) as { n: number }).n
    this.db
      .prepare('UPDATE retention_runs SET finished_at = ?, outcome = ?, error = ?, held_reads_kept = ? WHERE id = ?')
      .run(finishedAt, outcome, error, kept, runId)
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
