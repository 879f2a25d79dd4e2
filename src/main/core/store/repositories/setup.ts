// First-run setup as one transaction: the first administrator, the approval of this workstation, the agency name.
import type { Db } from '../database'
import { AppError } from '../../errors'
import type { DevicesRepository } from './devices'
import type { SettingsRepository } from './settings'
import type { NewUser, UserRow, UsersRepository } from './users'

export class SetupRepository {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly devices: DevicesRepository,
    private readonly settings: SettingsRepository,
  ) {}

  isComplete(): boolean {
    return this.db.prepare(`SELECT 1 FROM meta WHERE key = 'setup_completed_at'`).get() !== undefined
  }

  complete(input: { admin: NewUser; firstStep: number; deviceId: string; agencyName: string; at: number }): UserRow {
    return this.db.transaction(() => {
      if (this.isComplete() || this.users.count() > 0) throw new AppError('SETUP_ALREADY_DONE')
      const admin = this.users.create(input.admin)
      if (input.admin.classification) {
        // The first administrator's classification starts the authorized list.
        this.db
          .prepare(
            `INSERT INTO job_classifications (name, authorized, changed_at, changed_by) VALUES (?, 1, ?, ?)
             ON CONFLICT (name) DO UPDATE SET authorized = 1, changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
          )
          .run(input.admin.classification, input.at, admin.id)
      }
      this.users.confirmTotp(admin.id, input.admin.totpPendingSecret, input.firstStep)
      if (!this.devices.decide(input.deviceId, 'approved', admin.id, input.at)) throw new AppError('NOT_FOUND')
      this.settings.set('agencyName', input.agencyName, admin.id, input.at)
      this.db.prepare(`INSERT INTO meta (key, value) VALUES ('setup_completed_at', ?)`).run(String(input.at))
      return this.users.getById(admin.id)!
    })()
  }
}
