// Matching reads against hot lists (DOMAIN.md "Hot lists and hits"): exact hits, "possible" hits that differ
// only by an OCR confusion, entries out of force and footage reads that never alert, and the alert order.
// Matching runs in the real encrypted store; hot-list rows come from the hits repository's test seeding.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { DAY } from '../../../src/main/core/clock'
import { CONFUSIONS } from '../../../src/main/core/plates/confusions'
import { classifyMatch, compareAlerts, type RankedAlert } from '../../../src/main/core/hotlists/matcher'
import type { NewRead } from '../../../src/main/core/store/repositories/reads'
import type { Store } from '../../../src/main/core/store'
import { seedList } from './dispatch-desk'

const lab = useLab()

const read = (plate: string, at: number, extra: Partial<NewRead> = {}): NewRead => ({
  plate,
  state: 'CA',
  confidence: 0.93,
  readAt: at,
  cameraId: null,
  latitude: null,
  longitude: null,
  source: 'camera',
  createdAt: at,
  ...extra,
})

/** Each confusion group: its representative and every character that folds onto it. */
const GROUPS = Object.entries(
  Object.entries(CONFUSIONS).reduce<Record<string, string[]>>((groups, [from, to]) => {
    ;(groups[to] ??= [to]).push(from)
    return groups
  }, {}),
)

async function openedStore(): Promise<{ store: Store; clock: TestClock }> {
  return { store: await lab.openStore({ dataDir: lab.tempDir() }), clock: new TestClock() }
}

describe('classifyMatch', () => {
  it('calls equal texts exact, confusion-only differences possible, and anything else no match', () => {
    expect(classifyMatch('7KMX349', '7KMX349')).toEqual({ match: 'exact', differences: 0 })
    expect(classifyMatch('7KM0349', '7KMO349')).toEqual({ match: 'possible', differences: 1 })
    expect(classifyMatch('8KM0349', 'BKMD349')).toEqual({ match: 'possible', differences: 2 })
    expect(classifyMatch('7KM0349', '7KM0348')).toBeNull()
    expect(classifyMatch('7KM0349', '7KM034')).toBeNull()
  })
})

describe('compareAlerts', () => {
  it('puts open alerts first, then exact before possible, then priority 1 first, then the newest', () => {
    const a = (id: number, over: Partial<RankedAlert>): RankedAlert => ({ id, match: 'exact', priority: 2, createdAt: 1000, disposition: null, ...over })
    const alerts = [
      a(1, { disposition: 'dismissed', priority: 1 }),
      a(2, { match: 'possible', priority: 1 }),
      a(3, { priority: 3 }),
      a(4, { priority: 1, createdAt: 900 }),
      a(5, { priority: 1, createdAt: 1100 }),
      a(6, { match: 'possible', priority: 2 }),
    ]
    expect(alerts.sort(compareAlerts).map((x) => x.id)).toEqual([5, 4, 3, 2, 6, 1])
  })
})

describe('matching new reads against the hot lists in force', () => {
  it('records an exact hit with a copy of the hot-list record, once per read and entry, whatever the state', async () => {
    const { store, clock } = await openedStore()
    const now = clock.now()
    await seedList(
      store,
      {
        id: 'svs',
        name: 'DOJ Stolen Vehicles',
        priority: 1,
        retentionDays: 7,
        refreshedAt: now - DAY,
        color: '#b71c1c',
        sound: 'alarm',
        entries: [
          { plate: '7KMX349', state: 'NV', reason: 'Stolen vehicle', vehicle: 'Honda Civic, silver', sourceRef: 'SVS-2026-0117', enteredAt: now - 3 * DAY },
        ],
      },
      now,
    )
    const [readId] = await store.reads.insert([read('7KMX349', now)])
    const created = await store.hits.recordMatches([readId!], now)
    expect(created).toHaveLength(1)
    expect(await store.hits.alert(created[0]!, false)).toMatchObject({
      readId,
      match: 'exact',
      differences: 0,
      readPlate: '7KMX349',
      // The read says CA, the list NV: still a hit, and both states are there for the dispatcher to compare.
      readState: 'CA',
      entryState: 'NV',
      listId: 'svs',
      listName: 'DOJ Stolen Vehicles',
      priority: 1,
      color: '#b71c1c',
      sound: 'alarm',
      covert: false,
      entryPlate: '7KMX349',
      entryReason: 'Stolen vehicle',
      entryVehicle: 'Honda Civic, silver',
      listRefreshedAt: now - DAY,
      createdAt: now,
      disposition: null,
      visualMatch: null,
    })
    expect(await store.hits.detail(created[0]!, false)).toMatchObject({ entrySourceRef: 'SVS-2026-0117', entryEnteredAt: now - 3 * DAY })
    // Matching the same read again adds nothing.
    expect(await store.hits.recordMatches([readId!, readId!], now)).toEqual([])
  })

  it('records a possible hit for every OCR confusion group, with the number of characters that differ', async () => {
    const { store, clock } = await openedStore()
    const now = clock.now()
    // One entry per character of each group, each group behind its own prefix.
    const prefixes = ['7KM', '7KN', '7KP', '7KR', '7KT', '7KU']
    expect(GROUPS).toHaveLength(prefixes.length)
    await seedList(
      store,
      {
        id: 'bolo',
        name: 'Local BOLO',
        kind: 'manual',
        refreshedAt: now,
        entries: GROUPS.flatMap(([, chars], g) => chars.map((c) => ({ plate: `${prefixes[g]}${c}349`, expiresAt: now + DAY }))),
      },
      now,
    )
    for (const [g, [, chars]] of GROUPS.entries()) {
      for (const c of chars) {
        const plate = `${prefixes[g]}${c}349`
        const [readId] = await store.reads.insert([read(plate, now)])
        const created = await store.hits.recordMatches([readId!], now)
        const hits = await Promise.all(created.map((id) => store.hits.alert(id, false)))
        expect(hits.map((h) => [h!.entryPlate, h!.match, h!.differences]).sort()).toEqual(
          chars.map((other) => [`${prefixes[g]}${other}349`, other === c ? 'exact' : 'possible', other === c ? 0 : 1]).sort(),
        )
      }
    }
  })

  it('ignores expired entries, expired lists, footage reads and other plates', async () => {
    const { store, clock } = await openedStore()
    const now = clock.now()
    await seedList(
      store,
      {
        id: 'fresh',
        name: 'Fresh list',
        retentionDays: 7,
        refreshedAt: now - DAY,
        entries: [
          { plate: '7EXPIRE', expiresAt: now - 1 },
          { plate: '7OLDENT', createdAt: now - 8 * DAY },
          { plate: '7KMX349', expiresAt: now + DAY },
        ],
      },
      now,
    )
    await seedList(
      store,
      { id: 'stale', name: 'Stale list', retentionDays: 7, refreshedAt: now - 8 * DAY, entries: [{ plate: '7STALE1', createdAt: now - 8 * DAY }] },
      now,
    )
    // A list without its own period uses the hot-list retention setting (30 days by default).
    await seedList(
      store,
      { id: 'manual', name: 'Old manual list', kind: 'manual', refreshedAt: now - 31 * DAY, entries: [{ plate: '7MANUAL' }] },
      now,
    )
    const ids = await store.reads.insert([
      read('7EXPIRE', now),
      read('7OLDENT', now),
      read('7STALE1', now),
      read('7MANUAL', now),
      read('7KMX349', now, { source: 'footage', footageName: 'dashcam.mp4' }),
      read('7KMX348', now),
      read('7KMX34', now),
    ])
    expect(await store.hits.recordMatches(ids, now)).toEqual([])
    expect((await store.hits.hotListKeys(now)).sort()).toEqual(['7KMX349'])

    // The same entry matches a camera read while it is in force, and not a moment after its expiry.
    const [live] = await store.reads.insert([read('7KMX349', now)])
    expect(await store.hits.recordMatches([live!], now)).toHaveLength(1)
    const [later] = await store.reads.insert([read('7KMX349', now + DAY + 1)])
    expect(await store.hits.recordMatches([later!], now + DAY + 1)).toEqual([])
    expect(await store.hits.hotListKeys(now + DAY + 1)).toEqual([])
  })

  it('gives the confusion keys of the entries in force, reused between calls but never past a change to the lists', async () => {
    const { store, clock } = await openedStore()
    const now = clock.now()
    await seedList(store, { id: 'l', name: 'L', refreshedAt: now, entries: [{ plate: '8OBZ512' }, { plate: '8OBZ512' }] }, now)
    expect(await store.hits.hotListKeys(now)).toEqual(['8082512'])
    // The keys are reused between calls, but never past a change to the lists.
    const m = { id: 'm', name: 'M', kind: 'manual' as const, retentionDays: 10, refreshedAt: now, entries: [{ plate: '7KMX349', expiresAt: now + 2 * DAY }] }
    await seedList(store, m, now)
    expect((await store.hits.hotListKeys(now)).sort()).toEqual(['7KMX349', '8082512'])
    expect((await store.hits.hotListKeys(now + DAY + 1)).sort()).toEqual(['7KMX349', '8082512'])
    // A shorter default period puts list l (without its own) out of force at once.
    await store.settings.set('hotListRetentionDays', 1, null, now)
    expect(await store.hits.hotListKeys(now + DAY + 1)).toEqual(['7KMX349'])
  })
})
