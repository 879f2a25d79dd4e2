// The capture manager against the real store with one call made to fail: a refresh that failed must not stop
// later refreshes from bringing capture in line with the registry, and reads the store refused are kept and
// stored (once) when it answers again.
import { afterEach, describe, expect, it } from 'vitest'
import { CaptureManager } from '../../../src/main/core/capture/capture-manager'
import { LiveSignal } from '../../../src/main/core/live/signal'
import type { Store } from '../../../src/main/core/store'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { aCamera } from '../../helpers/cameras'
import { makePlateVideo, serveVideo, type VideoServer } from '../../helpers/plate-video'
import type { SessionRead } from '../../../src/main/core/capture/camera-session'

const lab = useLab()
const servers: VideoServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.kill()
})

describe('capture manager refresh', () => {
  it('recovers after one refresh failed', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock, retention: false, capture: false })
    expect(await core.store.cameras.create(aCamera(clock.now()))).toBe('ok')
    // The real store, with the camera list failing once (as when the database is briefly unavailable).
    let failures = 1
    const cameras = {
      captureSources: () => core.store.cameras.captureSources(),
      list: () => (failures-- > 0 ? Promise.reject(new Error('database is locked')) : core.store.cameras.list()),
    }
    const store = { ...core.store, cameras } as Store
    const manager = new CaptureManager({ store, clock, live: new LiveSignal(), recognition: {} })
    try {
      await expect(manager.refresh()).rejects.toThrow('database is locked')
      await manager.refresh()
      expect(manager.statuses().map((s) => [s.cameraId, s.state])).toEqual([['cam-east', 'disabled']])
    } finally {
      await manager.stop()
    }
  })
})

describe('capture manager storing reads', () => {
  it('keeps the reads the store refused and stores them once it answers again, saying meanwhile that they wait', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock, retention: false, capture: false })
    const video = await makePlateVideo({ plates: ['6TRX901'], format: 'ts', fps: 5, width: 640, height: 360 })
    const server = await serveVideo(video.path, { loop: true })
    servers.push(server)
    expect(
      await core.store.cameras.create({
        id: 'cam-north', name: 'North gate', kind: 'fixed', latitude: null, longitude: null, location: 'North gate',
        direction: null, sourceKind: 'http', sourceUrl: server.url, fps: 3, roi: null, credentials: null,
        enabled: true, createdAt: clock.now(), createdBy: 'test-admin',
      }),
    ).toBe('ok')
    // The real store, with storing reads failing twice (as when the database is briefly locked).
    let failures = 2
    let attempts = 0
    const hits = {
      hotListKeys: (now: number) => core.store.hits.hotListKeys(now),
      insertAndMatch: (...args: Parameters<Store['hits']['insertAndMatch']>) => {
        attempts++
        return failures-- > 0 ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : core.store.hits.insertAndMatch(...args)
      },
    }
    const cameras = { list: () => core.store.cameras.list(), captureSources: () => core.store.cameras.captureSources() }
    const store = { ...core.store, cameras, hits, reads: core.store.reads } as unknown as Store
    const reported: string[] = []
    const ingested: { reads: SessionRead[]; readIds: number[] }[] = []
    const reasons = new Set<string>()
    const manager = new CaptureManager(
      { store, clock, live: new LiveSignal(), recognition: {}, reportFailure: (what) => reported.push(what) },
      { storeRetry: { backoffMs: { first: 500, max: 500 } }, onIngested: (e) => ingested.push({ reads: e.reads, readIds: e.result.readIds }) },
    )
    try {
      await manager.refresh()
      const end = Date.now() + 40_000
      while (ingested.length === 0 && Date.now() < end) {
        const reason = manager.statuses()[0]?.reason
        if (reason) reasons.add(reason)
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(ingested[0]!.reads.map((r) => r.read.text)).toEqual(['6TRX901'])
      expect(attempts).toBe(3)
      expect(reported).toEqual(['capture.storeReads'])
      expect([...reasons]).toContain('1 read from this camera is waiting to be stored: the database did not accept them, and storing is being retried.')
      expect(manager.statuses()[0]?.reason).toBeNull()
      expect(await core.store.reads.get(ingested[0]!.readIds[0]!)).toMatchObject({ plate: '6TRX901', cameraId: 'cam-north' })
    } finally {
      await manager.stop()
    }
  }, 60_000)
})
