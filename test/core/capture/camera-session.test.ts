// One camera session against a real ffmpeg and a served stream, with a stand-in for the recognition worker:
// a camera that keeps dropping after a few frames keeps backing off, each new attempt is announced, and
// recognition that keeps failing does not make the session hold ever more frames.
import { afterEach, describe, expect, it } from 'vitest'
import { CameraSession, type FrameRecognizer, type SessionOptions } from '../../../src/main/core/capture/camera-session'
import type { CameraState } from '../../../src/shared/models'
import { freePort, makePlateVideo, serveVideo, type VideoServer } from '../../helpers/plate-video'
import { TestClock } from '../../helpers/clock'

const servers: VideoServer[] = []
const sessions: CameraSession[] = []
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.stop()
  for (const s of servers.splice(0)) await s.kill()
})

const noPlates: FrameRecognizer = { recognize: async (image) => ({ width: image.width, height: image.height, plates: [], ms: 0 }) }

function open(url: string, recognizer: FrameRecognizer, options: SessionOptions) {
  const clock = new TestClock()
  const states: { state: CameraState; wait: number | null }[] = []
  const session: CameraSession = new CameraSession(
    'cam-test',
    { kind: 'http', url, fps: 10, roi: null },
    recognizer,
    clock,
    {
      onState: () => states.push({ state: session.state, wait: session.nextAttemptAt === null ? null : session.nextAttemptAt - clock.now() }),
      onReads: () => {},
      wantsEarly: () => false,
    },
    options,
  )
  sessions.push(session)
  return { session, states }
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('a camera session', () => {
  it('keeps backing off a camera that drops after a few frames, and announces each new attempt', async () => {
    // A three-second clip served without looping: each connection gives a few seconds of video, then the stream ends.
    const video = await makePlateVideo({ plates: [], gapSeconds: 3, format: 'ts', fps: 10, width: 160, height: 90 })
    const server = await serveVideo(video.path)
    servers.push(server)
    const { states } = open(server.url, noPlates, { backoffMs: { first: 200, max: 800 } })
    const waits = () => states.filter((s) => s.state === 'retrying' && s.wait !== null).map((s) => s.wait)
    await until('three drops', () => waits().length >= 3, 40_000)
    expect(states.filter((s) => s.state === 'live').length, JSON.stringify(states)).toBeGreaterThanOrEqual(3) // video arrived each time
    expect(waits().slice(0, 3)).toEqual([200, 400, 800])
    // Each attempt after a wait is reported: no "next attempt at" left showing a time already past.
    expect(states.filter((s) => s.state === 'retrying' && s.wait === null).length).toBeGreaterThanOrEqual(2)
  }, 60_000)

  it('reports the start of each attempt at a camera that cannot be reached', async () => {
    const port = await freePort() // nothing listens there
    const { states } = open(`http://127.0.0.1:${port}/`, noPlates, { backoffMs: { first: 100, max: 100 } })
    await until('two retries', () => states.filter((s) => s.state === 'retrying' && s.wait !== null).length >= 2, 20_000)
    const retrying = states.filter((s) => s.state === 'retrying')
    expect(retrying.slice(0, 3).map((s) => s.wait)).toEqual([100, null, 100])
  }, 30_000)

  it('holds a bounded number of frames while recognition keeps failing', async () => {
    const video = await makePlateVideo({ plates: [], gapSeconds: 2, format: 'ts', fps: 10, width: 160, height: 90 })
    const server = await serveVideo(video.path, { loop: true })
    servers.push(server)
    const failing: FrameRecognizer = { recognize: () => Promise.reject(new Error('the recognition worker failed')) }
    const { session } = open(server.url, failing, { frameMemoryMs: 1000 })
    await until('three seconds of frames', () => session.counters.framesFailed >= 30, 30_000)
    expect(session.counters.framesRecognized).toBe(0)
    // About a second of frames at 10 a second, not every frame since the start.
    expect(session.framesHeld).toBeLessThanOrEqual(12)
  }, 40_000)
})
