// The live feed (live.feed): newest camera reads after a cursor with their crops and visible hits, the alert
// panel in its order, camera states and the hot lists in force; covert hits only for alerts.covert; a long
// poll that wakes when something changes and times out otherwise; every read and hit delivered is in the log.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, fromWindow, lastLogEntry, refused, signIn } from '../../helpers/core'
import { MONITORING_PURPOSE } from '../../../src/shared/contract/define'
import type { HitAlert, LiveFeed } from '../../../src/shared/models'
import { cameraRead, dataUrl, dispatchDesk, seedList, seedLists } from '../hotlists/dispatch-desk'
import { withDatabase } from '../retention/fixtures'

const lab = useLab()

describe('the live feed', () => {
  it('answers the newest camera reads after the cursor with crop, camera and hits, and the lists in force', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const plain = await cameraRead(d, '5ABC123')
    const hit = await cameraRead(d, '7KMX349')
    await cameraRead(d, '7KMX349', { source: 'footage', footageName: 'dashcam.mp4', cameraId: null })
    d.clock.advance(1000)
    const newest = await cameraRead(d, '4TRU777')

    const feed = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    expect(feed.reads.map((r) => r.id)).toEqual([newest.readId, hit.readId, plain.readId])
    expect(feed.reads[1]).toEqual({
      id: hit.readId,
      plate: '7KMX349',
      state: 'CA',
      confidence: 0.91,
      readAt: d.clock.now() - 1000,
      cameraId: d.cameraId,
      cameraName: 'Main St at 5th',
      crop: dataUrl(hit.crop),
      hitIds: hit.hitIds,
    })
    expect(feed.reads[2]!.hitIds).toEqual([])
    expect(feed.lastReadId).toBe(newest.readId)
    expect(feed.cameras).toEqual([])
    expect(feed.lists).toEqual([
      { id: 'svs', name: 'DOJ Stolen Vehicles', refreshedAt: d.clock.now() - 1000 - 2 * 3_600_000, priority: 1, entries: 2 },
      { id: 'local', name: 'Local BOLO', refreshedAt: d.clock.now() - 1000 - 86_400_000, priority: 3, entries: 1 },
    ])
    // Scenes only come with hits.get: the feed stays small.
    expect(JSON.stringify(feed)).not.toContain(hit.scene.toString('base64'))
    const entry = await lastLogEntry(d.core)
    expect(entry).toMatchObject({ channel: 'live.feed', username: 'ddisp', purpose: MONITORING_PURPOSE, outcome: 'allowed' })
    expect(entry.dataElements).toMatchObject({
      readIds: [newest.readId, hit.readId, plain.readId],
      hitIds: [...hit.hitIds, ...newest.hitIds],
    })

    // From the cursor on, only newer reads; more than a page of them arrive in pages, the oldest first, none skipped.
    expect(allowed<LiveFeed>(await d.asDispatcher('live.feed', { afterReadId: feed.lastReadId })).reads).toEqual([])
    const later: number[] = []
    for (const plate of ['6NEW001', '6NEW002', '6NEW003', '6NEW004', '6NEW005']) later.push((await cameraRead(d, plate)).readId)
    let cursor = feed.lastReadId
    const pages: string[][] = []
    for (let poll = 0; poll < 3; poll++) {
      const page = allowed<LiveFeed>(await d.asDispatcher('live.feed', { afterReadId: cursor, limit: 2 }))
      pages.push(page.reads.map((r) => r.plate))
      expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ readIds: page.reads.map((r) => r.id) })
      cursor = page.lastReadId
    }
    expect(pages).toEqual([['6NEW002', '6NEW001'], ['6NEW004', '6NEW003'], ['6NEW005']])
    expect(cursor).toBe(later[4])
    // A screen just opened (cursor 0) starts with the newest page.
    expect(allowed<LiveFeed>(await d.asDispatcher('live.feed', { limit: 2 })).reads.map((r) => r.plate)).toEqual(['6NEW005', '6NEW004'])

    refused(await d.asInvestigator('live.feed', {}), 'PERMISSION_DENIED')
  })

  it('counts each camera’s reads today and its latest read from the store, not from what capture saw since start-up', async () => {
    const d = await dispatchDesk(lab)
    await d.core.capture.refresh()
    await cameraRead(d, '5ABC123', { readAt: d.clock.now() - 3 * 86_400_000 })
    await cameraRead(d, '6DEF456')
    d.clock.advance(1000)
    await cameraRead(d, '7GHJ789')
    const feed = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    expect(feed.cameras).toHaveLength(1)
    expect(feed.cameras[0]).toMatchObject({ cameraId: d.cameraId, state: 'disabled', readsToday: 2, lastReadAt: d.clock.now() })
  })

  it('orders alerts open first, exact before possible, priority 1 first, newest first, and drops disposed ones after 15 minutes', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const local = await cameraRead(d, '4TRU777') // exact, priority 3
    d.clock.advance(1000)
    const older = await cameraRead(d, '7KMX349') // exact, priority 1
    d.clock.advance(1000)
    const newer = await cameraRead(d, '7KMX349') // the same plate again, newer
    d.clock.advance(1000)
    const near = await cameraRead(d, '8BCD5I2') // 1 read as I: possible, priority 1
    d.clock.advance(1000)
    const dismissed = await cameraRead(d, '7KMX349')
    allowed(await d.asDispatcher('hits.dispose', { hitId: dismissed.hitIds[0], disposition: 'dismissed' }))

    const alerts = allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).alerts
    expect(alerts.map((a) => [a.id, a.match, a.priority])).toEqual([
      [newer.hitIds[0], 'exact', 1],
      [older.hitIds[0], 'exact', 1],
      [local.hitIds[0], 'exact', 3],
      [near.hitIds[0], 'possible', 1],
      [dismissed.hitIds[0], 'exact', 1],
    ])
    expect(alerts.find((a) => a.id === near.hitIds[0])).toMatchObject({ differences: 1, readPlate: '8BCD5I2', entryPlate: '8BCD512' })
    expect(alerts.at(-1)).toMatchObject({ disposition: 'dismissed', disposedBy: 'Dana Dispatcher' })

    d.clock.advance(15 * 60_000 - 1)
    expect(allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).alerts.map((a) => a.id)).toContain(dismissed.hitIds[0])
    d.clock.advance(1)
    const later = allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).alerts.map((a) => a.id)
    expect(later).toEqual([newer.hitIds[0], older.hitIds[0], local.hitIds[0], near.hitIds[0]])
  })

  it('shows covert hits and lists only to roles holding alerts.covert', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const covert = await cameraRead(d, '9WXY246')
    expect(covert.hitIds).toHaveLength(1)

    const dispatcher = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    expect(dispatcher.reads).toMatchObject([{ id: covert.readId, plate: '9WXY246', hitIds: [] }])
    expect(dispatcher.alerts).toEqual([])
    expect(dispatcher.lists.map((l) => l.id)).not.toContain('covert')
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ readIds: [covert.readId], hitIds: [] })

    const supervisor = allowed<LiveFeed>(await d.asSupervisor('live.feed', {}))
    expect(supervisor.reads).toMatchObject([{ id: covert.readId, hitIds: covert.hitIds }])
    expect(supervisor.alerts).toMatchObject([{ id: covert.hitIds[0], covert: true, listName: 'Task force watch' }])
    expect(supervisor.lists.map((l) => l.id)).toContain('covert')
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ hitIds: covert.hitIds })
  })

  it('waits for a change: wakes within about 100 ms of one, and answers after waitMs otherwise', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const read = await cameraRead(d, '7KMX349')
    const first = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))

    // Nothing happens: the answer comes after the wait, with nothing new.
    let started = performance.now()
    const quiet = allowed<LiveFeed>(await d.asDispatcher('live.feed', { afterReadId: first.lastReadId, waitMs: 400 }))
    const quietMs = performance.now() - started
    expect(quietMs).toBeGreaterThanOrEqual(390)
    expect(quietMs).toBeLessThan(1000)
    expect(quiet.reads).toEqual([])

    // Another desk acknowledges the hit: the waiting feed answers at once with the change.
    started = performance.now()
    const waiting = d.asDispatcher('live.feed', { afterReadId: first.lastReadId, waitMs: 5000 }).then((r) => ({ r, at: performance.now() }))
    await new Promise((resolve) => setTimeout(resolve, 150))
    const acknowledgedAt = performance.now()
    allowed<HitAlert>(await d.asSupervisor('hits.acknowledge', { hitId: read.hitIds[0] }))
    const { r, at } = await waiting
    expect(at - acknowledgedAt).toBeLessThan(150)
    expect(at - started).toBeGreaterThanOrEqual(150)
    expect(allowed<LiveFeed>(r).alerts).toMatchObject([{ id: read.hitIds[0], acknowledgedBy: 'Sam Supervisor' }])

    // A change between two polls is answered at once, without waiting.
    allowed(await d.asSupervisor('hits.check', { hitId: read.hitIds[0], check: 'visual', passed: true }))
    started = performance.now()
    const next = allowed<LiveFeed>(await d.asDispatcher('live.feed', { afterReadId: first.lastReadId, waitMs: 5000 }))
    expect(performance.now() - started).toBeLessThan(500)
    expect(next.alerts).toMatchObject([{ visualMatch: true }])
  })

  it('shows a change to a list’s entries at once, though the list summaries are reused between polls', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const entriesOf = async () => Object.fromEntries(allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).lists.map((l) => [l.id, l.entries]))
    expect(await entriesOf()).toEqual({ svs: 2, local: 1 })
    const [entry] = (await d.core.store.hotLists.entries('local', '', 10, 0)).entries
    allowed(await d.asSupervisor('hotlists.removeEntry', { listId: 'local', entryId: entry!.id }))
    expect(await entriesOf()).toEqual({ svs: 2, local: 0 })
    const [svsEntry] = (await d.core.store.hotLists.entries('svs', '', 10, 0)).entries
    expect(await d.core.store.hotLists.removeEntry('svs', svsEntry!.id)).toBe(true)
    expect(await entriesOf()).toEqual({ svs: 1, local: 0 })

    // A list's replacement marks the change once, not once per entry (250,000 entries in a state extract).
    const version = () => withDatabase(d.dataDir, (db) => db.prepare('SELECT version FROM hot_list_version').pluck().get() as number)
    await d.core.close()
    const before = version()
    const core = await lab.openCore({ dataDir: d.dataDir, clock: d.clock, retention: false })
    const plates = Array.from({ length: 500 }, (_, i) => ({ plate: `5RPL${String(i).padStart(3, '0')}` }))
    await seedList(core.store, { id: 'big', name: 'Big', refreshedAt: d.clock.now(), entries: plates }, d.clock.now())
    await core.store.hotLists.replaceEntries({ listId: 'big' }, plates.map((p) => ({ ...p, state: null, reason: '', enteredAt: null, vehicle: '', sourceRef: '', expiresAt: null, createdAt: d.clock.now(), addedBy: 'test' })), d.clock.now(), 'test')
    await core.close()
    expect(version() - before).toBeLessThan(10)
  })

  it('delivers nothing to a waiting poll whose caller signed out, locked or was replaced at the window meanwhile', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const read = await cameraRead(d, '7KMX349')
    const first = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
    const refusedFeed = async () =>
      (await d.core.store.accessLog.list(10)).find((e) => e.channel === 'live.feed' && e.username === 'ddisp' && e.outcome !== 'allowed')

    // Signed out during the wait; a read arrives and another desk's change wakes the poll.
    const waiting = d.asDispatcher('live.feed', { afterReadId: first.lastReadId, waitMs: 5000 })
    await pause(150)
    allowed(await d.asDispatcher('auth.signOut', {}))
    const arrived = await cameraRead(d, '5ABC123')
    allowed(await d.asSupervisor('hits.acknowledge', { hitId: read.hitIds[0] }))
    refused(await waiting, 'NOT_AUTHENTICATED')
    const entry = await refusedFeed()
    expect(entry).toMatchObject({ outcome: 'refused' })
    expect(entry?.dataElements ?? {}).not.toHaveProperty('readIds')

    // Signed in again, then idle past the lock while waiting.
    allowed(await signIn(d.core, fromWindow('dispatcher-window'), d.clock, d.people.dispatcher))
    allowed(await d.asDispatcher('live.feed', { afterReadId: arrived.readId }))
    const locking = d.asDispatcher('live.feed', { afterReadId: arrived.readId, waitMs: 300 })
    await pause(100)
    d.clock.advance(31 * 60_000)
    refused(await locking, 'SESSION_LOCKED')

    // Someone else signs in at the dispatcher's window while the dispatcher's poll waits.
    allowed(await signIn(d.core, fromWindow('dispatcher-window'), d.clock, d.people.dispatcher))
    allowed(await d.asDispatcher('live.feed', { afterReadId: arrived.readId }))
    const replaced = d.asDispatcher('live.feed', { afterReadId: arrived.readId, waitMs: 2000 })
    await pause(100)
    allowed(await signIn(d.core, fromWindow('dispatcher-window'), d.clock, d.people.supervisor))
    refused(await replaced, 'NOT_AUTHENTICATED')
  })
})

