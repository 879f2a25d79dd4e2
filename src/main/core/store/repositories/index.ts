// All repositories over one open database. The writer's worker thread owns this object (searches are also served
// by a reader connection, see store-worker.ts); the main thread sees it through the asynchronous Store interface
// (store/index.ts).
import type { Db } from '../database'
import { AccessLogRepository } from './access-log'
import { AccountsRepository } from './accounts'
import { AuditsRepository } from './audits'
import { CamerasRepository } from './cameras'
import { DevicesRepository } from './devices'
import { ExportLedgerRepository, ExportsRepository } from './exports'
import { HoldsRepository } from './holds'
import { ReadsRepository } from './reads'
import { SearchRepository } from './search'
import { ReadDetailsRepository } from './read-details'
import { RetentionRepository } from './retention'
import { SettingsRepository } from './settings'
import { SetupRepository } from './setup'
import { SigningRepository } from './signing'
import { UsersRepository } from './users'
import { SharingRepository } from './sharing'
import { VendorsRepository } from './vendors'
import { PolicyRepository } from './policy'
import { ReportsRepository } from './reports'
import { HotListsRepository } from './hot-lists'
import { HitsRepository } from './hits'
import { LiveRepository } from './live'
import { FootageRepository } from './footage'

export function createRepositories(db: Db) {
  const users = new UsersRepository(db)
  const devices = new DevicesRepository(db)
  const settings = new SettingsRepository(db)
  return {
    users,
    devices,
    settings,
    accessLog: new AccessLogRepository(db),
    audits: new AuditsRepository(db),
    setup: new SetupRepository(db, users, devices, settings),
    exports: new ExportsRepository(db),
    exportLedger: new ExportLedgerRepository(db),
    reads: new ReadsRepository(db),
    search: new SearchRepository(db),
    readDetails: new ReadDetailsRepository(db),
    cameras: new CamerasRepository(db),
    holds: new HoldsRepository(db),
    retention: new RetentionRepository(db),
    signing: new SigningRepository(db),
    sharing: new SharingRepository(db),
    vendors: new VendorsRepository(db),
    policy: new PolicyRepository(db),
    reports: new ReportsRepository(db),
    hotLists: new HotListsRepository(db),
    hits: new HitsRepository(db),
    live: new LiveRepository(db),
    footage: new FootageRepository(db),
    accounts: new AccountsRepository(db, users),
  }
}

export type Repositories = ReturnType<typeof createRepositories>
