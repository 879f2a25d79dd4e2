// Shared set-up for the hit and live-feed tests: a core with a dispatcher (alerts.monitor), a supervisor (also
// alerts.covert) and an investigator (neither), each signed in at a window of their own; one camera; an open
// and a covert hot list; camera reads stored with real JPEG crops and scenes and matched as capture does.
import sharp from 'sharp'
import type { Lab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { type Administrator, type Person, type Send, allowed, createPerson, fromWindow, sender, setUpAdministrator, signIn } from '../../helpers/core'
import type { Core } from '../../../src/main/core/app/create-core'
import type { NewRead } from '../../../src/main/core/store/repositories/reads'
import { DAY } from '../../../src/main/core/clock'
import type { Store } from '../../../src/main/core/store'
import type { HotListSound } from '../../../src/shared/models'

export interface DispatchDesk {
  dataDir: string
  clock: TestClock
  core: Core
  admin: Administrator
  asDispatcher: Send
  asSupervisor: Send
  asInvestigator: Send
  /** The three people, to sign in again at their windows (`<key>-window`). */
  people: Record<'dispatcher' | 'supervisor' | 'investigator', Person>
  cameraId: string
}

export async function dispatchDesk(lab: Lab): Promise<DispatchDesk> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock, retention: false })
  const admin = await setUpAdministrator(core, clock)
  const people = {
    dispatcher: { username: 'ddisp', displayName: 'Dana Dispatcher', roles: ['dispatcher' as const] },
    supervisor: { username: 'ssup', displayName: 'Sam Supervisor', roles: ['supervisor' as const] },
    investigator: { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator' as const] },
  }
  const senders: Record<string, Send> = {}
  const created: Record<string, Person> = {}
  for (const [key, person] of Object.entries(people)) {
    created[key] = await createPerson(core, admin, clock, person)
    const call = fromWindow(`${key}-window`)
    allowed(await signIn(core, call, clock, created[key]!))
    senders[key] = sender(core, call)
  }
  const cameraId = 'cam-main-5th'
  await core.store.cameras.create({
    id: cameraId,
    name: 'Main St at 5th',
    kind: 'fixed',
    latitude: 34.0522,
    longitude: -118.2437,
    location: 'Main St at 5th, northbound',
    direction: 'N',
    sourceKind: 'rtsp',
    sourceUrl: 'rtsp://127.0.0.1:8554/main5th',
    fps: 5,
    roi: null,
    credentials: null,
    enabled: false,
    createdAt: clock.now(),
    createdBy: admin.id,
  })
  return {
    dataDir,
    clock,
    core,
    admin,
    asDispatcher: senders.dispatcher!,
    asSupervisor: senders.supervisor!,
    asInvestigator: senders.investigator!,
    people: created as DispatchDesk['people'],
    cameraId,
  }
}

/** A hot list and its entries, with the defaults of a file list; stored through the hot-lists repository. */
export interface ListSpec {
  id: string
  name: string
  kind?: 'file' | 'manual'
  priority?: 1 | 2 | 3
  covert?: boolean
  retentionDays?: number | null
  refreshedAt: number
  color?: string
  sound?: HotListSound
  entries: {
    plate: string
    state?: string | null
    reason?: string
    vehicle?: string
    sourceRef?: string
    enteredAt?: number | null
    expiresAt?: number | null
    createdAt?: number
  }[]
}

export async function seedList(store: Store, list: ListSpec, now: number): Promise<void> {
  const by = 'test-seed'
  await store.hotLists.replaceEntries(
    {
      newList: {
        id: list.id,
        name: list.name,
        kind: list.kind ?? 'file',
        source: 'test',
        priority: list.priority ?? 2,
        color: list.color ?? '#c62828',
        sound: list.sound ?? 'alarm',
        covert: list.covert ?? false,
        retentionDays: list.retentionDays ?? null,
        description: '',
        createdAt: now,
        createdBy: by,
      },
    },
    list.entries.map((e) => ({
      plate: e.plate,
      state: e.state ?? null,
      reason: e.reason ?? '',
      vehicle: e.vehicle ?? '',
      sourceRef: e.sourceRef ?? '',
      enteredAt: e.enteredAt ?? null,
      expiresAt: e.expiresAt ?? null,
      createdAt: e.createdAt ?? now,
      addedBy: by,
    })),
    list.refreshedAt,
    by,
  )
}

/** A small real JPEG of one colour. */
export const jpeg = (colour: string, width = 24, height = 8): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer()

export const dataUrl = (bytes: Buffer): string => `data:image/jpeg;base64,${bytes.toString('base64')}`

/** The open stolen-vehicle list (priority 1), a priority-3 local list and a covert list (priority 2). */
export async function seedLists(d: DispatchDesk): Promise<void> {
  const now = d.clock.now()
  await seedList(
    d.core.store,
    {
      id: 'svs',
      name: 'DOJ Stolen Vehicles',
      priority: 1,
      retentionDays: 7,
      refreshedAt: now - 2 * 3_600_000,
      color: '#b71c1c',
      sound: 'alarm',
      entries: [
        { plate: '7KMX349', state: 'CA', reason: 'Stolen vehicle', vehicle: 'Honda Civic, silver', sourceRef: 'SVS-2026-0117', enteredAt: now - 3 * DAY },
        { plate: '8BCD512', state: 'NV', reason: 'Stolen vehicle', vehicle: 'Ford F-150, white', sourceRef: 'SVS-2026-0203', enteredAt: now - DAY },
      ],
    },
    now,
  )
  await seedList(
    d.core.store,
    {
      id: 'local',
      name: 'Local BOLO',
      kind: 'manual',
      priority: 3,
      refreshedAt: now - DAY,
      color: '#f9a825',
      sound: 'chime',
      entries: [{ plate: '4TRU777', state: 'CA', reason: 'Missing person’s vehicle', expiresAt: now + 10 * DAY }],
    },
    now,
  )
  await seedList(
    d.core.store,
    {
      id: 'covert',
      name: 'Task force watch',
      priority: 2,
      covert: true,
      refreshedAt: now - DAY,
      entries: [{ plate: '9WXY246', state: 'CA', reason: 'Person of interest', sourceRef: 'TF-11' }],
    },
    now,
  )
}

export interface StoredCameraRead {
  readId: number
  hitIds: number[]
  crop: Buffer
  scene: Buffer
}

/** A camera read stored with its crop and scene, then matched: what capture does with every read. */
export async function cameraRead(d: DispatchDesk, plate: string, extra: Partial<NewRead> = {}): Promise<StoredCameraRead> {
  const now = d.clock.now()
  const crop = await jpeg('#dddddd')
  const scene = await jpeg('#335577', 64, 36)
  const [readId] = await d.core.store.reads.insert([
    {
      plate,
      state: 'CA',
      confidence: 0.91,
      chars: [...plate].map((char, i) => ({ char, confidence: i === 3 ? 0.62 : 0.95 })),
      readAt: now,
      cameraId: d.cameraId,
      latitude: 34.0522,
      longitude: -118.2437,
      source: 'camera',
      createdAt: now,
      crop,
      scene,
      ...extra,
    },
  ])
  const hitIds = await d.core.store.hits.recordMatches([readId!], now)
  return { readId: readId!, hitIds, crop, scene }
}
