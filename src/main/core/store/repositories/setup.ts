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
      this.users.confirmTotp(admin.id, input.admin.totpPendingSecret, input.firstStep)
      if (!this.devices.decide(input.deviceId, 'approved', admin.id, input.at)) throw new AppError('NOT_FOUND')
      this.settings.set('agencyName', input.agencyName, admin.id, input.at)
      this.db.prepare(`INSERT INTO meta (key, value) VALUES ('setup_completed_at', ?)`).run(String(input.at))
      return this.users.getById(admin.id)!
    })()
  }
}
