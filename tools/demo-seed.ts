// Demo and training data (issue 5): a new encrypted store filled through the product's own channels and
// repositories — an administrator and one person for each role (credentials printed once), cameras, hot
// lists (a CSV import and a manual list), reads with images over recent days, and the hits they raise.
// Usage: npm run demo:seed -- --data-dir DIR [--reads N] [--days D] [--images K] [--seed S]
// Open it with: npm run dev:browser -- --data-dir DIR
import { randomInt } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createCore } from '../src/main/core/app/create-core'
import type { CallContext } from '../src/main/core/access/types'
import { totpCodeAt } from '../src/main/core/auth/totp'
import { type Clock, DAY, systemClock } from '../src/main/core/clock'
import { localDate } from '../src/main/core/local-time'
import { plateKey } from '../src/main/core/plates/confusions'
import type { Result } from '../src/shared/errors'
import type { CameraRecord, Enrollment, HotListImportReport, HotListRecord, SessionInfo } from '../src/shared/models'
import type { Role } from '../src/shared/roles'
import { readImages } from './synthetic/plate-images'
import { seededRandom } from '../src/main/core/audits/sample'
import { syntheticCameras, syntheticReads } from './synthetic/reads'

export interface DemoSeedOptions {
  dataDir: string
  reads?: number
  /** Reads fall within this many days before now (kept inside the 60-day retention default). */
  days?: number
  /** Reads that get a crop and scene image (the newest-looking share of them, and every hot-list match). */
  images?: number
  seed?: number
  /** The store's clock (tests); the system clock by default. */
  clock?: Clock
  log?: (line: string) => void
}

export interface DemoCredential {
  role: Role | 'administrator'
  username: string
  password: string
  /** The authenticator secret (base32) to add to an authenticator app. */
  secret: string
}

export interface DemoSeedResult {
  credentials: DemoCredential[]
  cameras: number
  reads: number
  hotLists: number
  hits: number
}

const ORIGIN = 'app://alpr'
const AGENCY = 'Demo City Police Department'
const PEOPLE: { role: Role; username: string; displayName: string; unit: string; classification: string }[] = [
  { role: 'dispatcher', username: 'dispatch.demo', displayName: 'Dana Dispatch', unit: 'Communications', classification: 'Public Safety Dispatcher' },
  { role: 'investigator', username: 'detective.demo', displayName: 'Ivan Investigator', unit: 'Investigations', classification: 'Detective' },
  { role: 'supervisor', username: 'sergeant.demo', displayName: 'Sam Supervisor', unit: 'Patrol', classification: 'Police Sergeant' },
  { role: 'auditor', username: 'auditor.demo', displayName: 'Audrey Auditor', unit: 'Professional Standards', classification: 'Management Analyst' },
]

export async function seedDemoStore(o: DemoSeedOptions): Promise<DemoSeedResult> {
  const log = o.log ?? (() => {})
  const readCount = o.reads ?? 20_000
  const days = o.days ?? 30
  const imageCount = Math.min(o.images ?? 300, readCount)
  if (existsSync(o.dataDir) && readdirSync(o.dataDir).length > 0) {
    throw new Error(`${o.dataDir} is not empty: the demo store is created in a new or empty folder, never over existing data.`)
  }
  const clock = o.clock ?? systemClock
  const core = await createCore({ dataDir: o.dataDir, appOrigin: ORIGIN, retention: false, clock })
  try {
    const call: CallContext = { senderId: 'demo-seed', origin: ORIGIN, isMainFrame: true }
    const send = async <T>(channel: string, input: unknown): Promise<T> => {
      const result: Result<unknown> = await core.dispatch(call, channel, input)
      if (!result.ok) throw new Error(`${channel} was refused: ${result.error.code}: ${result.error.message}`)
      return result.value as T
    }
    const now = clock.now()
    const trainedOn = localDate(now - 14 * DAY)

    const admin = { username: 'admin.demo', password: passphrase(), displayName: 'Alex Administrator' }
    const enrollment = await send<Enrollment>('setup.begin', {
      agencyName: AGENCY, username: admin.username, displayName: admin.displayName, agency: AGENCY, unit: 'ALPR Program',
      password: admin.password, trainingCompletedOn: trainedOn,
    })
    await send<SessionInfo>('setup.complete', { code: await totpCodeAt(enrollment.secret, now), bannerAcknowledged: true })
    const credentials: DemoCredential[] = [{ role: 'administrator', username: admin.username, password: admin.password, secret: enrollment.secret }]
    for (const person of PEOPLE) {
      await send('accounts.setClassification', { name: person.classification, authorized: true })
      const password = passphrase()
      const e = await send<Enrollment>('users.create', {
        username: person.username, displayName: person.displayName, agency: AGENCY, unit: person.unit, roles: [person.role],
        password, trainingCompletedOn: trainedOn, classification: person.classification,
      })
      await send('users.confirmEnrollment', { userId: e.userId, code: await totpCodeAt(e.secret, now) })
      credentials.push({ role: person.role, username: person.username, password, secret: e.secret })
    }
    log(`accounts: ${credentials.length}`)

    // Cameras are registered disabled: their addresses are placeholders, so capture never tries to reach them.
    const synthetic = syntheticCameras(12)
    const cameras = []
    for (const [i, c] of synthetic.entries()) {
      const record = await send<CameraRecord>('cameras.create', {
        name: c.name, kind: c.kind, latitude: c.latitude, longitude: c.longitude, location: c.location, direction: c.direction,
        sourceKind: 'rtsp', source: `rtsp://demo-camera-${i + 1}.invalid/stream`, fps: 5, enabled: false,
      })
      cameras.push({ ...c, id: record.id })
    }
    log(`cameras: ${cameras.length}`)

    // Hot lists from plates the synthetic fleet really drives, so the demo has hits: a stolen-vehicle file
    // (exact plates) and a manual list holding one plate spelt with an OCR confusion (a "possible" hit).
    const rand = seededRandom((o.seed ?? 1) + 99)
    const fleetSample: { plate: string; state: string }[] = []
    for (const batch of syntheticReads({ count: 2_000, cameras, from: now - DAY, to: now, seed: o.seed ?? 1, vehicles: Math.ceil(readCount / 4) })) {
      for (const r of batch) if (r.state && rand() < 0.01 && !fleetSample.some((s) => s.plate === r.plate)) fleetSample.push({ plate: r.plate, state: r.state })
    }
    const stolen = fleetSample.slice(0, 8)
    const csv = [
      'plate,state,reason,entry date,make,model,color,source reference',
      ...stolen.map((s, i) => `${s.plate},${s.state},Stolen vehicle,${localDate(now - (i + 2) * DAY)},Honda,Civic,Silver,SVS-${100200 + i}`),
    ].join('\r\n')
    const fileBase64 = Buffer.from(csv).toString('base64')
    const report = await send<HotListImportReport>('hotlists.validateImport', { fileName: 'svs-extract.csv', fileBase64 })
    await send('hotlists.import', {
      fileName: 'svs-extract.csv', fileBase64, sha256: report.sha256,
      newList: { name: 'CA DOJ stolen vehicles', source: 'CA DOJ SVS extract', priority: 1, color: '#c62828', sound: 'alarm', covert: false, retentionDays: null, description: 'Daily extract (demo data).' },
    })
    const manual = await send<HotListRecord>('hotlists.create', {
      name: 'Patrol watch list', source: 'Patrol briefing', priority: 2, color: '#ef6c00', sound: 'chime', covert: false, retentionDays: 30, description: 'Vehicles named at briefing (demo data).',
    })
    for (const [i, s] of fleetSample.slice(8, 11).entries()) {
      // The first manual entry is listed with a confusable character swapped, as a misheard plate would be.
      const plate = i === 0 ? confuse(s.plate) : s.plate
      await send('hotlists.addEntry', {
        listId: manual.id, plate, state: s.state, reason: i === 0 ? 'Vehicle seen leaving a burglary' : 'Wanted for questioning', vehicle: 'Dark sedan',
        sourceRef: `BRIEF-${i + 1}`, expiresOn: localDate(now + 20 * DAY),
      })
    }
    log('hot lists: 2')

    // Reads: the synthetic fleet over the last `days` days; images on a sample and on every listed plate.
    const listedKeys = new Set((await core.store.hits.hotListKeys(now)) as string[])
    const imageEvery = Math.max(1, Math.floor(readCount / Math.max(1, imageCount)))
    let inserted = 0
    const matching: number[] = []
    for (const batch of syntheticReads({ count: readCount, cameras, from: now - days * DAY, to: now - 60_000, seed: o.seed ?? 1, batchSize: 2_000 })) {
      for (const [j, r] of batch.entries()) {
        if (listedKeys.has(plateKey(r.plate)) || (inserted + j) % imageEvery === 0) Object.assign(r, await readImages(r.plate, inserted + j))
      }
      const ids = await core.store.reads.insert(batch)
      batch.forEach((r, j) => {
        if (listedKeys.has(plateKey(r.plate)) && r.readAt > now - 2 * DAY) matching.push(ids[j]!)
      })
      inserted += batch.length
    }
    log(`reads: ${inserted}`)
    const hits = matching.length ? ((await core.store.hits.recordMatches(matching, now)) as number[]).length : 0
    log(`hits: ${hits}`)
    await send('auth.signOut', {})
    return { credentials, cameras: cameras.length, reads: inserted, hotLists: 2, hits }
  } finally {
    await core.close()
  }
}

/** Four random words and a number: a password that passes the policy and can be typed in a class (training only). */
function passphrase(): string {
  const words = [
    'amber', 'harbor', 'lantern', 'meadow', 'orchard', 'quartz', 'saddle', 'timber', 'violet', 'willow', 'cobalt', 'juniper',
    'canyon', 'falcon', 'granite', 'island', 'marble', 'nectar', 'pepper', 'raven', 'summit', 'thistle', 'walnut', 'zephyr',
  ]
  const word = () => words[randomInt(words.length)]
  return `${word()} ${word()} ${word()} ${word()} ${randomInt(10, 100)}`
}

/** The plate with its first confusable character swapped for another of its group (8 ↔ B, 0 ↔ O, …). */
function confuse(plate: string): string {
  const swaps: Record<string, string> = { '0': 'O', O: '0', '1': 'I', I: '1', '8': 'B', B: '8', '5': 'S', S: '5', '2': 'Z', Z: '2', '6': 'G', G: '6' }
  const i = [...plate].findIndex((c) => swaps[c])
  return i < 0 ? plate : plate.slice(0, i) + swaps[plate[i]!] + plate.slice(i + 1)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      reads: { type: 'string', default: '20000' },
      days: { type: 'string', default: '30' },
      images: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
    },
  })
  if (!values['data-dir']) throw new Error('Usage: npm run demo:seed -- --data-dir DIR [--reads N] [--days D] [--images K] [--seed S]')
  const reads = Number(values.reads)
  const days = Number(values.days)
  if (!Number.isInteger(reads) || reads < 100) throw new Error('--reads must be a whole number of at least 100')
  if (!(days >= 1 && days <= 59)) throw new Error('--days must be between 1 and 59 (reads older than the 60-day retention would be purged at start-up)')
  const dataDir = resolve(values['data-dir'])
  const result = await seedDemoStore({ dataDir, reads, days, images: Number(values.images), seed: Number(values.seed), log: (l) => console.error(l) })
  console.log(`Demo store created in ${dataDir}: ${result.reads} reads, ${result.cameras} cameras, ${result.hotLists} hot lists, ${result.hits} hits.`)
  console.log('Training credentials (shown once; the store keeps only password hashes). Add each secret to an authenticator app:')
  for (const c of result.credentials) console.log(`  ${c.role.padEnd(13)} ${c.username.padEnd(16)} password "${c.password}"  authenticator secret ${c.secret}`)
  console.log(`Open it with: npm run dev:browser -- --data-dir ${dataDir}`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}
