// Shared set-up for the retention, holds and ledger tests: a core with its administrator, reads written
// through the reads repository, and direct access to the database file the way a key holder would have.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Lab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { type Administrator, type Send, allowed, createPerson, fromWindow, sender, setUpAdministrator, signIn } from '../../helpers/core'
import type { Core } from '../../../src/main/core/app/create-core'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import { type Db, openDatabase } from '../../../src/main/core/store/database'
import type { NewRead } from '../../../src/main/core/store/repositories/reads'
import { DAY } from '../../../src/main/core/clock'

export interface Desk {
  dataDir: string
  clock: TestClock
  core: Core
  admin: Administrator
  asAdmin: Send
}

/** A core whose purge runs only when asked (no timer), with its administrator signed in. */
export async function desk(lab: Lab): Promise<Desk> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock, retention: false })
  const admin = await setUpAdministrator(core, clock)
  return { dataDir, clock, core, admin, asAdmin: sender(core, admin.call) }
}

/** An auditor and an investigator, each signed in at a window of their own: for the tests of who sees what. */
export async function auditorAndInvestigator(d: Desk): Promise<{ asAuditor: Send; asInvestigator: Send }> {
  const auditor = await createPerson(d.core, d.admin, d.clock, { username: 'aaud', displayName: 'Abe Auditor', roles: ['auditor'] })
  const investigator = await createPerson(d.core, d.admin, d.clock, { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator'] })
  const auditorWindow = fromWindow('aud-window')
  const investigatorWindow = fromWindow('inv-window')
  allowed(await signIn(d.core, auditorWindow, d.clock, auditor))
  allowed(await signIn(d.core, investigatorWindow, d.clock, investigator))
  return { asAuditor: sender(d.core, auditorWindow), asInvestigator: sender(d.core, investigatorWindow) }
}

export const aRead = (plate: string, readAt: number, extra: Partial<NewRead> = {}): NewRead => ({
  plate,
  state: 'CA',
  confidence: 0.97,
  readAt,
  cameraId: null,
  latitude: 34.05,
  longitude: -118.25,
  source: 'camera',
  createdAt: readAt,
  ...extra,
})

/** Default retention is 60 days: these are a day past it and a day short of it. */
export const expiredAt = (clock: TestClock) => clock.now() - 61 * DAY
export const keptAt = (clock: TestClock) => clock.now() - 59 * DAY

export const storeKey = (dataDir: string): Buffer => Buffer.from(readFileSync(join(dataDir, 'store.key'), 'utf8').trim(), 'hex')

/** Opens the closed store's database directly with its key, as someone outside the application could. */
export function withDatabase<T>(dataDir: string, use: (db: Db) => T): T {
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key: storeKey(dataDir) })
  try {
    return use(db)
  } finally {
    db.close()
  }
}
