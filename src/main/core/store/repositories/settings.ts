// Stored setting values (JSON). Defaults and bounds live in core/settings; this only reads and writes.
import type { Db } from '../database'

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  all(): Record<string, unknown> {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]))
  }

  /** When each stored setting was last changed, and by whom. */
  changes(): Record<string, { at: number; by: string | null }> {
    const rows = this.db.prepare('SELECT key, changed_at AS at, changed_by AS by FROM settings').all() as {
      key: string
      at: number
      by: string | null
    }[]
    return Object.fromEntries(rows.map((r) => [r.key, { at: r.at, by: r.by }]))
  }

  set(key: string, value: unknown, by: string | null, at: number): void {
    this.db
      .prepare(
        `INSERT INTO settings (key, value, changed_at, changed_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
      )
      .run(key, JSON.stringify(value), at, by)
  }
}
