// All repositories over one open database. The worker thread owns this object; the main thread sees
// it through the asynchronous Store interface (store/client.ts).
import type { Db } from '../database'
import { AccessLogRepository } from './access-log'
import { DevicesRepository } from './devices'
import { ExportsRepository } from './exports'
import { SettingsRepository } from './settings'
import { SetupRepository } from './setup'
import { SigningRepository } from './signing'
import { UsersRepository } from './users'

export function createRepositories(db: Db) {
  const users = new UsersRepository(db)
  const devices = new DevicesRepository(db)
  const settings = new SettingsRepository(db)
  return {
    users,
    devices,
    settings,
    accessLog: new AccessLogRepository(db),
    setup: new SetupRepository(db, users, devices, settings),
    exports: new ExportsRepository(db),
    signing: new SigningRepository(db),
  }
}

export type Repositories = ReturnType<typeof createRepositories>
