// The exports ledger: every download, print or share of ALPR information with its destruction deadline,
// until a named person certifies that it was destroyed.
import type { Db } from '../database'
import type { ExportLedgerItem, ExportStatus } from '../../../../shared/models'

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

/** Writes one ledger entry; shared with repositories that record an export inside their own transaction. */
export function insertExport(db: Db, e: NewExportRecord): void {
  db.prepare(
    `INSERT INTO exports (id, kind, format, description, item_count, sha256, purpose, created_by, created_at, recipient, destroy_by)
     VALUES (@id, @kind, @format, @description, @itemCount, @sha256, @purpose, @createdBy, @createdAt, @recipient, @destroyBy)`,
  ).run(e)
}

export class ExportsRepository {
  constructor(private readonly db: Db) {}

  record(e: NewExportRecord): void {
    insertExport(this.db, e)
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

type LedgerRow = Omit<ExportLedgerItem, 'status'>

const LEDGER_COLUMNS = `e.id, e.kind, e.format, e.description, e.item_count AS itemCount, e.sha256, e.purpose,
  e.created_by AS createdBy, (SELECT display_name FROM users u WHERE u.id = e.created_by) AS createdByName,
  e.created_at AS createdAt, e.recipient, e.destroy_by AS destroyBy, e.destroyed_at AS destroyedAt,
  e.destroyed_by AS destroyedBy, (SELECT display_name FROM users u WHERE u.id = e.destroyed_by) AS destroyedByName,
  e.destruction_note AS destructionNote`

const LEDGER_FILTER: Record<ExportStatus | 'all', string> = {
  all: '1',
  open: 'e.destroyed_at IS NULL AND e.destroy_by >= @now',
  overdue: 'e.destroyed_at IS NULL AND e.destroy_by < @now',
  destroyed: 'e.destroyed_at IS NOT NULL',
}

/** The ledger as people read it: names instead of ids, and each item's status at `now`. */
export class ExportLedgerRepository {
  constructor(private readonly db: Db) {}

  /** Overdue first (oldest deadline first), then open by deadline, then destroyed, newest first. */
  list(now: number, status: ExportStatus | 'all', limit: number): ExportLedgerItem[] {
    const rows = this.db
      .prepare(
        `SELECT ${LEDGER_COLUMNS} FROM exports e WHERE ${LEDGER_FILTER[status]}
         ORDER BY e.destroyed_at IS NOT NULL, CASE WHEN e.destroyed_at IS NULL THEN e.destroy_by END, e.destroyed_at DESC, e.id
         LIMIT @limit`,
      )
      .all({ now, limit }) as LedgerRow[]
    return rows.map((r) => withStatus(r, now))
  }

  /** One person's items not yet certified destroyed, soonest deadline first (overdue ones lead). */
  openFor(userId: string, now: number): ExportLedgerItem[] {
    const rows = this.db
      .prepare(`SELECT ${LEDGER_COLUMNS} FROM exports e WHERE e.created_by = ? AND e.destroyed_at IS NULL ORDER BY e.destroy_by, e.id`)
      .all(userId) as LedgerRow[]
    return rows.map((r) => withStatus(r, now))
  }

  get(id: string, now: number): ExportLedgerItem | null {
    const row = this.db.prepare(`SELECT ${LEDGER_COLUMNS} FROM exports e WHERE e.id = ?`).get(id) as LedgerRow | undefined
    return row ? withStatus(row, now) : null
  }
}

const withStatus = (row: LedgerRow, now: number): ExportLedgerItem => ({
  ...row,
  status: row.destroyedAt !== null ? 'destroyed' : row.destroyBy < now ? 'overdue' : 'open',
})
