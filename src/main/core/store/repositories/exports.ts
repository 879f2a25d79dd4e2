// The exports ledger: every download, print or share of ALPR information with its destruction deadline,
// until a named person certifies that it was destroyed.
import type { Db } from '../database'

export interface ExportRecord {
  id: string
  kind: string
  format: 'csv' | 'pdf' | 'html' | 'print' | 'email' | 'media'
  description: string
  itemCount: number
  sha256: string | null
  purpose: string | null
  createdBy: string
  createdAt: number
  recipient: string | null
  destroyBy: number
  destroyedAt: number | null
  destroyedBy: string | null
  destructionNote: string | null
}

export type NewExportRecord = Omit<ExportRecord, 'destroyedAt' | 'destroyedBy' | 'destructionNote'>

const COLUMNS = `id, kind, format, description, item_count AS itemCount, sha256, purpose, created_by AS createdBy,
  created_at AS createdAt, recipient, destroy_by AS destroyBy, destroyed_at AS destroyedAt,
  destroyed_by AS destroyedBy, destruction_note AS destructionNote`

export class ExportsRepository {
  constructor(private readonly db: Db) {}

  record(e: NewExportRecord): void {
    this.db
      .prepare(
        `INSERT INTO exports (id, kind, format, description, item_count, sha256, purpose, created_by, created_at, recipient, destroy_by)
         VALUES (@id, @kind, @format, @description, @itemCount, @sha256, @purpose, @createdBy, @createdAt, @recipient, @destroyBy)`,
      )
      .run(e)
  }

  get(id: string): ExportRecord | null {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM exports WHERE id = ?`).get(id) as ExportRecord | undefined) ?? null
  }

  /** Newest first; `open` keeps only those not yet certified destroyed. */
  list(options: { open?: boolean; limit?: number } = {}): ExportRecord[] {
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM exports ${options.open ? 'WHERE destroyed_at IS NULL' : ''} ORDER BY created_at DESC, id LIMIT ?`,
      )
      .all(options.limit ?? 500) as ExportRecord[]
  }

  /** Open items whose deadline has passed at `now`, oldest deadline first. */
  overdue(now: number): ExportRecord[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM exports WHERE destroyed_at IS NULL AND destroy_by < ? ORDER BY destroy_by`)
      .all(now) as ExportRecord[]
  }

  /** Answers false when the item is unknown or already certified. */
  certifyDestruction(id: string, by: string, at: number, note: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE exports SET destroyed_at = ?, destroyed_by = ?, destruction_note = ? WHERE id = ? AND destroyed_at IS NULL`,
        )
        .run(at, by, note, id).changes === 1
    )
  }
}
