// Live capture's write (live/ingest.ts): a camera's reads and their hot-list hits are stored in one transaction,
// so a feed poll never shows a read without its hit, and a failure while recording hits leaves no read behind
// unmatched (it would never be matched again).
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed } from '../../helpers/core'
import { withDatabase } from '../retention/fixtures'
import { ingestLiveReads } from '../../../src/main/core/live/ingest'
import { LiveSignal } from '../../../src/main/core/live/signal'
import type { SessionRead } from '../../../src/main/core/capture/camera-session'
import type { LiveFeed } from '../../../src/shared/models'
import { dispatchDesk, seedLists } from '../hotlists/dispatch-desk'

const lab = useLab()

function sessionRead(text: string, readAt: number): SessionRead {
  const chars = [...text].map((char) => ({ char, confidence: 0.95 }))
  const best = { text, confidence: 0.93, confident: true, chars, box: [0, 0, 10, 4] as [number, number, number, number], rect: { cx: 5, cy: 2, w: 10, h: 4, angle: 0 }, format: null, reader: 'test-reader' }
  return {
    read: { trackId: 1, text, confidence: 0.93, confident: true, chars, firstMs: 0, lastMs: 400, frames: 3, best, bestMs: 200, bestFrame: null, readings: [{ ms: 200, text, confidence: 0.93 }], early: false },
    readAt,
    seenAt: 0,
    recognizedAt: 0,
  }
}

describe('ingesting live reads', () => {
  it('stores the reads with their hits and wakes the feed', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const live = new LiveSignal()
    const camera = { id: d.cameraId, latitude: 34.0522, longitude: -118.2437 }
    const stored = await ingestLiveReads({ store: d.core.store, clock: d.clock, live }, camera, [sessionRead('7KMX349', d.clock.now()), sessionRead('5ABC123', d.clock.now())])
    expect(stored.readIds).toHaveLength(2)
    expect(stored.hitIds).toHaveLength(1)
    expect(live.version).toBe(1)
    const feed = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    expect(feed.reads.map((r) => [r.plate, r.hitIds])).toEqual([
      ['5ABC123', []],
      ['7KMX349', stored.hitIds],
    ])
  })

  it('leaves no read behind when its hits cannot be recorded', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    await d.core.close()
    // A fault while recording hits, after the reads were written.
    withDatabase(d.dataDir, (db) => db.exec(`CREATE TRIGGER test_hits_fail BEFORE INSERT ON hits BEGIN SELECT RAISE(ABORT, 'hit store failed'); END`))
    const core = await lab.openCore({ dataDir: d.dataDir, clock: d.clock, retention: false })
    const live = new LiveSignal()
    const camera = { id: d.cameraId, latitude: null, longitude: null }
    await expect(ingestLiveReads({ store: core.store, clock: d.clock, live }, camera, [sessionRead('7KMX349', d.clock.now())])).rejects.toThrow('hit store failed')
    expect(live.version).toBe(0)
    expect(await core.store.reads.get(1)).toBeNull()
  })
})
