// Footage jobs (table footage_jobs, migration 007) and the reads a job stored. The job row keeps the file's
// path for the runner and the media route; nothing here hands the path to the renderer.
import type { Db } from '../database'
import type { FootageJobStatus } from '../../../../shared/models'
import { HoldsRepository } from './holds'

export interface NewFootageJob {
  id: string
  fileName: string
  path: string
  sizeBytes: number
  /** The file's modification time when it was listed (ms, rounded). */
  fileMtimeMs: number
  caseNumber: string
  purpose: string
  startedBy: string
  startedAt: number
  /** Read times come from the file's modification time, not a known recording start. */
  timeEstimated: boolean
  /** The hold the job's reads are kept under (placed with the job, with no reads yet). */
  hold: { id: string; reason: string; reviewAt: number }
}

/** What identifies a file's bytes without reading them: if any of these change, the bytes may have. */
export interface FileIdentity {
  size: number
  mtimeMs: number
  ino: string
}

/** A job as stored (the runner adds the time-left estimate). */
export interface FootageJobRow {
  id: string
  fileName: string
  path: string
  sizeBytes: number | null
  durationMs: number | null
  sha256: string | null
  caseNumber: string | null
  purpose: string
  status: FootageJobStatus
  framesTotal: number | null
  framesDone: number
  readsFound: number
  error: string | null
  startedBy: string
  startedAt: number
  finishedAt: number | null
  holdId: string | null
  fileMtimeMs: number | null
  fileIno: string | null
  timeEstimated: boolean
}

export interface FootageReadRow {
  id: number
  plate: string
  state: string | null
  confidence: number
  chars: { char: string; confidence: number }[]
  footageMs: number
  readAt: number
  crop: Uint8Array | null
}

const COLUMNS = `id, file_name AS fileName, path, size_bytes AS sizeBytes, duration_ms AS durationMs, sha256,
  case_number AS caseNumber, purpose, status, frames_total AS framesTotal, frames_done AS framesDone,
  reads_found AS readsFound, error, started_by AS startedBy, started_at AS startedAt, finished_at AS finishedAt,
  hold_id AS holdId, file_mtime_ms AS fileMtimeMs, file_ino AS fileIno, time_estimated AS timeEstimated`

const toRow = (r: Omit<FootageJobRow, 'timeEstimated'> & { timeEstimated: number }): FootageJobRow => ({ ...r, timeEstimated: r.timeEstimated === 1 })

export class FootageRepository {
  constructor(private readonly db: Db) {}

  /** Creates the jobs and the hold of each, together: no job without the hold its reads go under. */
  create(jobs: NewFootageJob[]): void {
    const insert = this.db.prepare(
      `INSERT INTO footage_jobs (id, file_name, path, size_bytes, file_mtime_ms, case_number, purpose, status, started_by,
                                 started_at, hold_id, time_estimated)
       VALUES (@id, @fileName, @path, @sizeBytes, @fileMtimeMs, @caseNumber, @purpose, 'queued', @startedBy, @startedAt,
               @holdId, @timeEstimated)`,
    )
    const holds = new HoldsRepository(this.db)
    this.db.transaction(() =>
      jobs.forEach(({ hold, timeEstimated, ...job }) => {
        holds.place({ ...hold, caseNumber: job.caseNumber, placedBy: job.startedBy, placedAt: job.startedAt, readIds: [] })
        insert.run({ ...job, holdId: hold.id, timeEstimated: timeEstimated ? 1 : 0 })
      }),
    )()
  }

  get(id: string): FootageJobRow | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM footage_jobs WHERE id = ?`).get(id) as Parameters<typeof toRow>[0] | undefined
    return row ? toRow(row) : null
  }

  getMany(ids: string[]): FootageJobRow[] {
    return (this.db
      .prepare(`SELECT ${COLUMNS} FROM footage_jobs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY started_at, rowid`)
      .all(JSON.stringify(ids)) as Parameters<typeof toRow>[0][])
      .map(toRow)
  }

  listByUser(userId: string, limit: number): FootageJobRow[] {
    return (this.db
      .prepare(`SELECT ${COLUMNS} FROM footage_jobs WHERE started_by = ? ORDER BY started_at DESC, rowid DESC LIMIT ?`)
      .all(userId, limit) as Parameters<typeof toRow>[0][])
      .map(toRow)
  }

  /** Jobs left queued or running (by a core that stopped before finishing them). */
  unfinished(): FootageJobRow[] {
    return (this.db
      .prepare(`SELECT ${COLUMNS} FROM footage_jobs WHERE status IN ('queued', 'running') ORDER BY started_at, rowid`)
      .all() as Parameters<typeof toRow>[0][])
      .map(toRow)
  }

  markRunning(id: string): void {
    this.db.prepare(`UPDATE footage_jobs SET status = 'running' WHERE id = ? AND status = 'queued'`).run(id)
  }

  /** The identity of the file whose bytes the job hashes and reads (taken just before hashing). */
  identify(id: string, file: FileIdentity): void {
    this.db
      .prepare('UPDATE footage_jobs SET size_bytes = @size, file_mtime_ms = @mtimeMs, file_ino = @ino WHERE id = @id')
      .run({ id, ...file })
  }

  /**
   * Removes the reads a job stored (its file changed while it was processed, so the SHA-256 they carry does
   * not describe the bytes they came from), with their images and hold links; answers how many.
   */
  removeReads(jobId: string): number {
    return this.db.transaction(() => {
      const ids = JSON.stringify(
        (this.db.prepare('SELECT id FROM reads WHERE footage_job_id = ?').all(jobId) as { id: number }[]).map((r) => r.id),
      )
      const inIds = 'IN (SELECT value FROM json_each(?))'
      this.db.prepare(`DELETE FROM read_images WHERE read_id ${inIds}`).run(ids)
      this.db.prepare(`DELETE FROM read_corrections WHERE read_id ${inIds}`).run(ids)
      this.db.prepare(`DELETE FROM hold_reads WHERE read_id ${inIds}`).run(ids)
      const removed = this.db.prepare(`DELETE FROM reads WHERE id ${inIds}`).run(ids).changes
      this.db
        .prepare('UPDATE holds SET read_count = max(0, read_count - ?) WHERE id = (SELECT hold_id FROM footage_jobs WHERE id = ?)')
        .run(removed, jobId)
      this.db.prepare('UPDATE footage_jobs SET reads_found = 0 WHERE id = ?').run(jobId)
      return removed
    })()
  }

  describe(id: string, facts: { sha256: string; durationMs: number | null; framesTotal: number | null }): void {
    this.db
      .prepare('UPDATE footage_jobs SET sha256 = @sha256, duration_ms = @durationMs, frames_total = @framesTotal WHERE id = @id')
      .run({ id, ...facts })
  }

  progress(id: string, framesDone: number, readsFound: number): void {
    this.db.prepare('UPDATE footage_jobs SET frames_done = ?, reads_found = ? WHERE id = ?').run(framesDone, readsFound, id)
  }

  /** Ends a job; a job already ended keeps its first ending. */
  finish(id: string, status: 'done' | 'cancelled' | 'failed', error: string | null, at: number): void {
    this.db
      .prepare(`UPDATE footage_jobs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN ('queued', 'running')`)
      .run(status, error, at, id)
  }

  /** The job's reads in video order, with their crops. */
  reads(jobId: string): FootageReadRow[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.plate, r.state, r.confidence, r.char_confidences AS chars, r.footage_ms AS footageMs,
                r.read_at AS readAt, i.crop
         FROM reads r LEFT JOIN read_images i ON i.read_id = r.id
         WHERE r.footage_job_id = ? ORDER BY r.footage_ms, r.id`,
      )
      .all(jobId) as (Omit<FootageReadRow, 'chars' | 'crop'> & { chars: string; crop: Buffer | null })[]
    return rows.map((r) => ({ ...r, chars: JSON.parse(r.chars) as FootageReadRow['chars'], crop: r.crop ? new Uint8Array(r.crop) : null }))
  }
}
