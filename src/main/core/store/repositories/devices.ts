// Workstations known to this store and their approval. All device SQL lives here.
import type { Db } from '../database'
import type { DeviceInfo, DeviceStatus } from '../../../../shared/models'

export type DeviceRow = Omit<DeviceInfo, 'current'>

const SELECT = `SELECT id, name, status, registered_at AS registeredAt, decided_at AS decidedAt, decided_by AS decidedBy FROM devices`

export class DevicesRepository {
  constructor(private readonly db: Db) {}

  get(id: string): DeviceRow | null {
    return (this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as DeviceRow | undefined) ?? null
  }

  list(): DeviceRow[] {
    return this.db.prepare(`${SELECT} ORDER BY registered_at`).all() as DeviceRow[]
  }

  /** Registers a workstation as pending if it is new; returns its current record either way. */
  register(id: string, name: string, at: number): DeviceRow {
    this.db
      .prepare(`INSERT INTO devices (id, name, status, registered_at) VALUES (?, ?, 'pending', ?) ON CONFLICT (id) DO NOTHING`)
      .run(id, name, at)
    return this.get(id)!
  }

  decide(id: string, status: Exclude<DeviceStatus, 'pending'>, by: string, at: number): DeviceRow | null {
    this.db.prepare(`UPDATE devices SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?`).run(status, at, by, id)
    return this.get(id)
  }
}
