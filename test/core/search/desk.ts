// A real core and encrypted store for the search, detail, correction and export tests: an administrator, an
// investigator, a supervisor (who may see covert hits), a dispatcher and an auditor, each signed in at a window
// of their own; cameras, reads with images, hits (one covert) and a hold written into the store.
import { afterAll, beforeAll } from 'vitest'
import { APP_ORIGIN, type Lab } from '../../helpers/lab'
import { tempDirs } from '../../helpers/temp-dir'
import { createCore } from '../../../src/main/core/app/create-core'
import { TestClock } from '../../helpers/clock'
import { type Send, allowed, createPerson, fromWindow, sender, setUpAdministrator, signIn } from '../../helpers/core'
import type { Core } from '../../../src/main/core/app/create-core'
import { withDatabase } from '../retention/fixtures'
import type { NewRead } from '../../../src/main/core/store/repositories/reads'
import { DAY } from '../../../src/main/core/clock'

export const PURPOSE = { caseNumber: '24-012345', note: 'stolen grey sedan' }
export const PURPOSE_TEXT = 'Case 24-012345: stolen grey sedan'

export const JPEG_CROP = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9])
export const JPEG_SCENE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3, 0xff, 0xd9])

export interface SearchDesk {
  core: Core
  clock: TestClock
  dataDir: string
  asAdmin: Send
  asInvestigator: Send
  asSupervisor: Send
  asDispatcher: Send
  asAuditor: Send
  investigatorId: string
  /** Read ids by name. */
  reads: { plain: number; withHit: number; covertHit: number; footage: number; lowConfidence: number; held: number }
  holdId: string
}

/**
 * One desk for a whole test file (setting up five signed-in people takes a while): made before the first test,
 * closed after the last. For tests that only read, or whose changes the others do not depend on.
 */
export function sharedSearchDesk(): () => SearchDesk {
  const dirs = tempDirs()
  let desk: SearchDesk | null = null
  beforeAll(async () => {
    const dataDir = dirs.make()
    const clock = new TestClock()
    desk = await searchDesk({ dataDir, clock, core: await createCore({ appOrigin: APP_ORIGIN, dataDir, clock, retention: false }) })
  }, 120_000)
  afterAll(async () => {
    await desk?.core.close()
    dirs.removeAll()
  })
  return () => desk!
}

/** A desk of its own for one test. */
export async function ownSearchDesk(lab: Lab): Promise<SearchDesk> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  return searchDesk({ dataDir, clock, core: await lab.openCore({ dataDir, clock, retention: false }) })
}

async function searchDesk({ dataDir, clock, core }: { dataDir: string; clock: TestClock; core: Core }): Promise<SearchDesk> {
  const admin = await setUpAdministrator(core, clock)
  const people = {
    investigator: await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Investigator', roles: ['investigator'] }),
    supervisor: await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] }),
    dispatcher: await createPerson(core, admin, clock, { username: 'dan', displayName: 'Dan Dispatcher', roles: ['dispatcher'] }),
    auditor: await createPerson(core, admin, clock, { username: 'abe', displayName: 'Abe Auditor', roles: ['auditor'] }),
  }
  const windows: Record<keyof typeof people, Send> = {} as Record<keyof typeof people, Send>
  for (const [name, person] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    const call = fromWindow(`${name}-window`)
    allowed(await signIn(core, call, clock, person))
    windows[name] = sender(core, call)
  }

  withDatabase(dataDir, (db) => {
    const camera = db.prepare(
      `INSERT INTO cameras (id, name, kind, latitude, longitude, location, direction, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
    )
    camera.run('cam-a', 'Main St at 100 block', 'fixed', 34.05, -118.25, 'Main St, northbound', 'northbound')
    // A hostile location: a spreadsheet must never run it as a formula.
    camera.run('cam-b', 'Olympic Blvd at 900 block', 'fixed', 34.06, -118.26, '=HYPERLINK("http://x.example/","open")', 'westbound')
  })
  const at = (hoursAgo: number) => clock.now() - hoursAgo * 3_600_000
  const base = (plate: string, hoursAgo: number, extra: Partial<NewRead> = {}): NewRead => ({
    plate,
    state: 'CA',
    confidence: 0.96,
    readAt: at(hoursAgo),
    cameraId: 'cam-a',
    latitude: 34.05,
    longitude: -118.25,
    source: 'camera',
    createdAt: at(hoursAgo),
    ...extra,
  })
  const [plain, withHit, covertHit, footage, lowConfidence, held] = await core.store.reads.insert([
    base('7ABC123', 5, {
      chars: [...'7ABC123'].map((char, i) => ({ char, confidence: i === 3 ? 0.71 : 0.97 })),
      readings: [
        { ms: 0, text: '7ABC123', confidence: 0.93 },
        { ms: 200, text: '7A8C123', confidence: 0.61 },
      ],
      reader: 'onnx-plate-v1',
      crop: JPEG_CROP,
      scene: JPEG_SCENE,
    }),
    base('8XYZ999', 4, { cameraId: 'cam-b', latitude: 34.06, longitude: -118.26 }),
    base('5COV555', 3),
    base('4FTG444', 2, {
      source: 'footage',
      cameraId: null,
      latitude: null,
      longitude: null,
      footageJobId: 'job-1',
      footageName: 'dashcam.mp4',
      footageSha256: 'ab'.repeat(32),
      footageMs: 12_500,
      caseNumber: '24-012345',
    }),
    base('7ABC123', 1, { confidence: 0.5 }),
    base('6HLD666', 6),
  ])
  const holdId = 'hold-1'
  withDatabase(dataDir, (db) => {
    const hit = db.prepare(
      `INSERT INTO hits (read_id, list_id, list_name, entry_plate, entry_state, entry_reason, match, created_at, covert, priority)
       VALUES (?, ?, ?, ?, 'CA', ?, 'exact', ?, ?, ?)`,
    )
    hit.run(withHit, 'svs', 'SVS stolen vehicles', '8XYZ999', 'stolen vehicle', at(4), 0, 1)
    hit.run(covertHit, 'cov', 'Covert surveillance', '5COV555', 'covert interest', at(3), 1, 2)
    db.prepare(
      `INSERT INTO holds (id, case_number, reason, review_at, placed_by, placed_at, read_count) VALUES (?, '24-099999', 'evidence in a robbery', ?, ?, ?, 1)`,
    ).run(holdId, clock.now() + 30 * DAY, admin.id, clock.now())
    db.prepare('INSERT INTO hold_reads (hold_id, read_id) VALUES (?, ?)').run(holdId, held)
  })

  return {
    core,
    clock,
    dataDir,
    asAdmin: sender(core, admin.call),
    asInvestigator: windows.investigator,
    asSupervisor: windows.supervisor,
    asDispatcher: windows.dispatcher,
    asAuditor: windows.auditor,
    investigatorId: people.investigator.id,
    reads: { plain: plain!, withHit: withHit!, covertHit: covertHit!, footage: footage!, lowConfidence: lowConfidence!, held: held! },
    holdId,
  }
}
