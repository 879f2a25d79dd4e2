// Footage review on generated videos through the real core: reads stored with the file's name and SHA-256,
// the case and the position; progress and cancel; folders; refusals that never repeat the path; and the
// short-lived media address bound to the session that asked for it.
import { createHash } from 'node:crypto'
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/main/core/app/create-core'
import type { FootageJob, FootageMedia, FootageTimeline, HoldRecord, RetentionRun } from '../../../src/shared/models'
import { DAY, HOUR } from '../../../src/main/core/clock'
import { localDate } from '../../../src/main/core/local-time'
import { FILE_CHANGED } from '../../../src/main/core/footage/runner'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { type Administrator, type Person, allowed, createPerson, fromWindow, lastLogEntry, refused, sender, setUpAdministrator, signIn, type Send } from '../../helpers/core'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import { makePlateVideo, type PlateVideo } from '../../helpers/plate-video'

const lab = useLab()
const PURPOSE = { caseNumber: '26-004417' }
const MODIFIED_AT = Date.UTC(2026, 1, 14, 9, 30, 0)

let twoPlates: PlateVideo
let onePlate: PlateVideo
let manyPlates: PlateVideo

beforeAll(async () => {
  twoPlates = await makePlateVideo({ plates: ['7ABC123', '4XYZ987'] })
  onePlate = await makePlateVideo({ plates: ['5KLM246'] })
  manyPlates = await makePlateVideo({ plates: ['6DEF111', '6DEF222', '6DEF333', '6DEF444', '6DEF555', '6DEF666', '6DEF777', '6DEF888'] })
}, 120_000)

interface World {
  core: Core
  admin: Administrator
  clock: TestClock
  send: Send
  folder: string
  person: Person
}

async function world(): Promise<World> {
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
  const admin = await setUpAdministrator(core, clock)
  const person = await createPerson(core, admin, clock, { username: 'dkim', displayName: 'Dana Kim', roles: ['investigator'] })
  const call = fromWindow('investigator-window')
  allowed(await signIn(core, call, clock, person))
  return { core, admin, clock, person, send: sender(core, call), folder: lab.tempDir() }
}

/** Copies a generated video into the test's folder with a known modification time. */
function place(folder: string, video: PlateVideo, name: string): string {
  const path = join(folder, name)
  copyFileSync(video.path, path)
  utimesSync(path, MODIFIED_AT / 1000, MODIFIED_AT / 1000)
  return path
}

async function finished(send: Send, ids: string[], timeoutMs = 120_000): Promise<FootageJob[]> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const jobs = allowed<FootageJob[]>(await send('footage.progress', { jobIds: ids }))
    if (jobs.every((j) => !['queued', 'running'].includes(j.status))) return jobs
    if (Date.now() > until) throw new Error(`footage jobs still running: ${JSON.stringify(jobs)}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('processing footage', () => {
  it('stores each pass as a read with the file name, SHA-256, case and position; a folder gives one job per file', async () => {
    const { send, folder, core } = await world()
    const first = place(folder, twoPlates, 'dashcam-0412.mp4')
    place(folder, onePlate, 'dashcam-0413.mp4')
    writeFileSync(join(folder, 'notes.txt'), 'not a video')
    mkdirSync(join(folder, 'older'))
    place(join(folder, 'older'), onePlate, 'ignored.mp4')

    const jobs = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path: folder, state: 'CA' }))
    expect(jobs.map((j) => j.fileName)).toEqual(['dashcam-0412.mp4', 'dashcam-0413.mp4'])
    expect(jobs.every((j) => j.caseNumber === '26-004417' && j.status !== 'failed')).toBe(true)
    const log = await lastLogEntry(core)
    expect(log).toMatchObject({ channel: 'footage.start', outcome: 'allowed', purpose: expect.stringContaining('26-004417') })
    expect(log.dataElements).toMatchObject({ footageJobIds: jobs.map((j) => j.id), files: ['dashcam-0412.mp4', 'dashcam-0413.mp4'] })
    // One hold per job, named in the log entry, for the case.
    const holdIds = (log.dataElements as { holdIds: string[] }).holdIds
    expect(holdIds).toHaveLength(2)
    expect(holdIds.every((id) => /^HOLD-\d{8}-[0-9A-F]{8}$/.test(id))).toBe(true)
    expect(jobs.every((j) => j.timeEstimated)).toBe(true)

    const done = await finished(send, jobs.map((j) => j.id))
    expect(done.map((j) => j.status)).toEqual(['done', 'done'])
    const [a, b] = done as [FootageJob, FootageJob]
    expect(a.sha256).toBe(sha256(first))
    expect(a.durationMs).toBeGreaterThan(twoPlates.durationMs - 400)
    expect(a.durationMs).toBeLessThan(twoPlates.durationMs + 400)
    expect(a.framesDone).toBe(a.framesTotal)
    expect(a.framesDone).toBeGreaterThan(20)
    expect(a.readsFound).toBe(2)
    expect(a.timeEstimated).toBe(true)
    expect(b.readsFound).toBe(1)

    const timeline = allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: a.id }))
    expect(timeline.reads.map((r) => r.plate)).toEqual(['7ABC123', '4XYZ987'])
    for (const [i, read] of timeline.reads.entries()) {
      const pass = twoPlates.passes[i]!
      // The position is a frame of the pass (sampled at 4 fps, so within one sample of it).
      expect(read.footageMs).toBeGreaterThanOrEqual(pass.fromMs - 250)
      expect(read.footageMs).toBeLessThanOrEqual(pass.toMs + 250)
      // The modification time marks the end of the recording: the start is estimated as that less the duration.
      expect(read.readAt).toBe(MODIFIED_AT - a.durationMs! + read.footageMs)
      expect(read.state).toBe('CA')
      expect(read.crop).toMatch(/^data:image\/jpeg;base64,\/9j\//)
      expect(read.chars.map((c) => c.char).join('')).toBe(read.plate)
    }
    expect(await lastLogEntry(core)).toMatchObject({
      channel: 'footage.reads',
      dataElements: expect.objectContaining({ footageJobId: a.id, readIds: timeline.reads.map((r) => r.id) }),
    })

    // The reads themselves carry their source, as search and read detail will see them.
    const stored = await core.store.reads.get(timeline.reads[0]!.id)
    expect(stored).toMatchObject({ source: 'footage', plate: '7ABC123', hasImages: true, cameraId: null })

    // The jobs list shows counts only: no plate anywhere in it.
    const listed = allowed<FootageJob[]>(await send('footage.jobs', {}))
    expect(listed.map((j) => j.id).sort()).toEqual([a.id, b.id].sort())
    expect(JSON.stringify(listed)).not.toContain('7ABC123')
  }, 240_000)

  it('uses the recording start, when given, for the read times', async () => {
    const { send, folder } = await world()
    const path = place(folder, onePlate, 'interview-room.mp4')
    const recordedAt = Date.UTC(2026, 0, 5, 22, 15, 0)
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path, recordedAt }))
    const [done] = await finished(send, [job!.id])
    expect(done).toMatchObject({ status: 'done', readsFound: 1, caseNumber: '26-004417', timeEstimated: false })
    const { reads } = allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: job!.id }))
    expect(reads[0]!.readAt).toBe(recordedAt + reads[0]!.footageMs)
  }, 120_000)

  it('keeps reads of old footage under a hold for the case, past the retention purge, until the hold is released', async () => {
    const { send, folder, core, clock, admin, person } = await world()
    const path = place(folder, twoPlates, 'atm-camera.mp4')
    const recordedAt = clock.now() - 200 * DAY
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path, recordedAt, state: 'CA' }))
    const { holdIds } = (await lastLogEntry(core)).dataElements as { holdIds: string[] }
    const [done] = await finished(send, [job!.id])
    expect(done).toMatchObject({ status: 'done', readsFound: 2 })

    const holds = allowed<HoldRecord[]>(await send('holds.list', {}))
    expect(holds).toHaveLength(1)
    const hold = holds[0]!
    const settings = allowed<{ key: string; value: unknown }[]>(await sender(core, admin.call)('settings.list', {}))
    const days = settings.find((s) => s.key === 'readRetentionDays')!.value as number
    expect(hold).toMatchObject({
      id: holdIds[0],
      caseNumber: '26-004417',
      reason: 'Footage atm-camera.mp4 processed for case 26-004417',
      placedBy: person.id,
      readCount: 2,
      heldReads: 2,
      releasedAt: null,
    })
    // Reviewed on the local day the reads would otherwise have expired, at its end.
    expect(localDate(hold.reviewAt)).toBe(localDate(clock.now() + days * DAY))
    expect(localDate(hold.reviewAt + 1)).not.toBe(localDate(hold.reviewAt))

    const purge = async () => allowed<RetentionRun>(await sender(core, admin.call)('retention.runNow', {}))
    const kept = await purge()
    expect(kept).toMatchObject({ readsDeleted: 0, heldReadsKept: 2 })
    const { reads } = allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: job!.id }))
    expect(reads.map((r) => r.plate)).toEqual(['7ABC123', '4XYZ987'])

    allowed(await send('holds.release', { holdId: hold.id, reason: 'Case 26-004417 closed; footage reads no longer needed.' }))
    expect(await purge()).toMatchObject({ readsDeleted: 2 })
    expect(allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: job!.id })).reads).toEqual([])
  }, 120_000)

  it('refuses a purpose without a case number: footage is processed for a case', async () => {
    const { send, folder, core } = await world()
    const path = place(folder, onePlate, 'interview-room.mp4')
    const error = refused(await send('footage.start', { purpose: { lastName: 'Okafor' }, path }), 'PURPOSE_TOO_VAGUE')
    expect(error.message).toMatch(/^Footage is processed for a case: enter its case or incident number \(for example .+\)\. A last name alone is not enough/)
    expect(allowed<FootageJob[]>(await send('footage.jobs', {}))).toEqual([])
    expect(await core.store.holds.list(Date.now(), true)).toEqual([])
  })

  it('fails a job whose file changes while it is processed, removing its reads, and will not play the changed file', async () => {
    const { send, folder, core } = await world()
    const path = place(folder, manyPlates, 'changing.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path, state: 'CA' }))
    const until = Date.now() + 60_000
    while (((await core.store.footage.get(job!.id))?.framesDone ?? 0) === 0) {
      if (Date.now() > until) throw new Error('no progress in time')
      await new Promise((r) => setTimeout(r, 20))
    }
    appendFileSync(path, Buffer.alloc(4096, 1))
    const [done] = await finished(send, [job!.id])
    expect(done).toMatchObject({ status: 'failed', readsFound: 0, error: FILE_CHANGED })
    expect(FILE_CHANGED).toBe('The file changed while it was processed; its reads were removed.')
    expect(allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: job!.id })).reads).toEqual([])
    expect(await core.store.footage.reads(job!.id)).toEqual([])
    const [hold] = allowed<HoldRecord[]>(await send('holds.list', {}))
    expect(hold).toMatchObject({ readCount: 0, heldReads: 0 })

    // The media route serves only the file the job recorded (size, modification time, inode).
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    expect(await core.resolveMedia(media.url)).toBeNull()
  }, 120_000)

  it('cancels a running job mid-way and keeps the reads it had stored', async () => {
    const { send, folder } = await world()
    const path = place(folder, manyPlates, 'long.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path, state: 'CA' }))
    let progress: FootageJob
    const until = Date.now() + 120_000
    do {
      await new Promise((r) => setTimeout(r, 150))
      ;[progress] = allowed<FootageJob[]>(await send('footage.progress', { jobIds: [job!.id] })) as [FootageJob]
      if (Date.now() > until) throw new Error('no read was found in time')
    } while (progress.readsFound < 2)
    expect(progress.status).toBe('running')
    expect(progress.framesTotal).toBeGreaterThan(progress.framesDone)
    expect(progress.etaMs).toBeGreaterThan(0)

    const cancelled = allowed<FootageJob>(await send('footage.cancel', { jobId: job!.id }))
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.framesDone).toBeLessThan(cancelled.framesTotal!)
    expect(cancelled.readsFound).toBeGreaterThanOrEqual(2)
    expect(cancelled.readsFound).toBeLessThan(8)
    expect(cancelled.error).toMatch(/^Cancelled after \d+ of \d+ frames; the \d+ reads found before were kept\.$/)
    const { reads } = allowed<FootageTimeline>(await send('footage.reads', { purpose: PURPOSE, jobId: job!.id }))
    expect(reads).toHaveLength(cancelled.readsFound)
    expect(reads.map((r) => r.plate)).toEqual(['6DEF111', '6DEF222', '6DEF333', '6DEF444', '6DEF555', '6DEF666', '6DEF777'].slice(0, reads.length))

    // Nothing more is stored after the cancel, and an ended job cannot be cancelled again.
    await new Promise((r) => setTimeout(r, 1000))
    const [after] = allowed<FootageJob[]>(await send('footage.progress', { jobIds: [job!.id] }))
    expect(after).toMatchObject({ status: 'cancelled', readsFound: cancelled.readsFound, framesDone: cancelled.framesDone })
    refused(await send('footage.cancel', { jobId: job!.id }), 'CONFLICT')
  }, 180_000)

  it('ends a running job when the core closes, saying so', async () => {
    const clock = new TestClock()
    const dataDir = lab.tempDir()
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock)
    const person = await createPerson(core, admin, clock, { username: 'dkim', displayName: 'Dana Kim', roles: ['investigator'] })
    const call = fromWindow('investigator-window')
    allowed(await signIn(core, call, clock, person))
    const path = place(lab.tempDir(), manyPlates, 'long.mp4')
    const [job] = allowed<FootageJob[]>(await sender(core, call)('footage.start', { purpose: PURPOSE, path }))
    const until = Date.now() + 60_000
    while ((await core.store.footage.get(job!.id))?.framesDone === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100))
    await core.close()

    const again = await lab.openCore({ dataDir, clock })
    const row = await again.store.footage.get(job!.id)
    expect(row?.status).toBe('cancelled')
    expect(row?.error).toMatch(/^The application closed while this file was being processed after \d+ of \d+ frames; /)
  }, 120_000)
})

describe('what footage.start refuses', () => {
  it('refuses missing paths, files that are not video and empty folders, never repeating the path', async () => {
    const { send, folder, core } = await world()
    const secretDir = join(folder, 'Case 26-004417 Jane Doe')
    mkdirSync(secretDir)
    writeFileSync(join(secretDir, 'statement.pdf'), 'not a video')
    const cases: [string, RegExp][] = [
      [join(secretDir, 'missing.mp4'), /^Nothing was found at that path/],
      [join(secretDir, 'statement.pdf'), /^“statement\.pdf” is not a video file/],
      [secretDir, /^That folder holds no video files/],
      ['relative/clip.mp4', /^Enter the full path/],
    ]
    for (const [path, sentence] of cases) {
      const error = refused(await send('footage.start', { purpose: PURPOSE, path }), 'INVALID_INPUT')
      expect(error.message).toMatch(sentence)
      expect(error.details?.path).toBe(error.message)
      expect(JSON.stringify(error)).not.toContain('Jane Doe')
      const log = await lastLogEntry(core)
      expect(log.outcome).toBe('refused')
      expect(log.message ?? '').not.toContain('Jane Doe')
    }
  })

  it('fails a corrupt video with a sentence naming the file but not its folder', async () => {
    const { send, folder } = await world()
    const dir = join(folder, 'Witness Jane Doe')
    mkdirSync(dir)
    const path = join(dir, 'broken.mp4')
    writeFileSync(path, Buffer.alloc(64 * 1024, 7))
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    const [done] = await finished(send, [job!.id])
    expect(done).toMatchObject({ status: 'failed', readsFound: 0, sha256: sha256(path) })
    expect(done!.error).toMatch(/^The video “broken\.mp4” could not be read \(.+\)\.$/)
    expect(done!.error).not.toContain('Jane Doe')
    expect(done!.error).not.toContain(dir)
  }, 60_000)

  it('requires a purpose, and the role that reviews footage', async () => {
    const { send, folder, admin, core } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    refused(await send('footage.start', { path }), 'PURPOSE_REQUIRED')
    refused(await send('footage.start', { purpose: { caseNumber: 'investigation' }, path }), 'PURPOSE_TOO_VAGUE')
    expect(allowed<FootageJob[]>(await send('footage.jobs', {}))).toEqual([])

    refused(await sender(core, admin.call)('footage.start', { purpose: PURPOSE, path }), 'PERMISSION_DENIED')
  })
})

describe('playing footage', () => {
  it('answers a media address bound to the session that asked for it', async () => {
    const { send, folder, core, clock, admin } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    await finished(send, [job!.id])

    refused(await send('footage.media', { jobId: job!.id }), 'PURPOSE_REQUIRED')
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    expect(media.url).toMatch(/^\/media\/[A-Za-z0-9_-]{43}$/)
    expect(media.mime).toBe('video/mp4')
    expect(await core.resolveMedia(media.url)).toEqual({ path, mime: 'video/mp4', size: readFileSync(path).length })
    expect(await core.resolveMedia('/media/' + 'A'.repeat(43))).toBeNull()
    expect(await core.resolveMedia(media.url + 'x')).toBeNull()

    // Another person cannot ask for this job's video (nor learn that the job exists).
    const other = await createPerson(core, admin, clock, {
      username: 'pmoss', displayName: 'Pat Moss', roles: ['investigator'],
    })
    const otherCall = fromWindow('other-window')
    allowed(await signIn(core, otherCall, clock, other))
    refused(await sender(core, otherCall)('footage.media', { purpose: PURPOSE, jobId: job!.id }), 'NOT_FOUND')
    refused(await sender(core, otherCall)('footage.reads', { purpose: PURPOSE, jobId: job!.id }), 'NOT_FOUND')
    expect(allowed<FootageJob[]>(await sender(core, otherCall)('footage.progress', { jobIds: [job!.id] }))).toEqual([])

    // The token stops working when its session ends, even if another session starts in the same window.
    allowed(await send('auth.signOut', {}))
    expect(await core.resolveMedia(media.url)).toBeNull()
  }, 120_000)

  it('lets a token lapse after ten minutes without use', async () => {
    const { send, folder, core, clock } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    allowed(await send('footage.cancel', { jobId: job!.id }))
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    clock.advance(9 * 60_000)
    expect(await core.resolveMedia(media.url)).not.toBeNull()
    clock.advance(9 * 60_000) // used a moment ago: still alive
    expect(await core.resolveMedia(media.url)).not.toBeNull()
    clock.advance(10 * 60_000 + 1)
    expect(await core.resolveMedia(media.url)).toBeNull()
  })

  it('plays nothing once the file differs from the one processed', async () => {
    const { send, folder, core } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    await finished(send, [job!.id])
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    expect(await core.resolveMedia(media.url)).not.toBeNull()
    appendFileSync(path, Buffer.alloc(16, 0))
    expect(await core.resolveMedia(media.url)).toBeNull()
  }, 120_000)

  it('plays nothing once the session is idle past the lock, before any other call notices', async () => {
    const { send, folder, core, clock } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    allowed(await send('footage.cancel', { jobId: job!.id }))
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000)
      expect(await core.resolveMedia(media.url)).not.toBeNull()
    }
    clock.advance(4 * 60_000)
    expect(await core.resolveMedia(media.url)).toBeNull()
    refused(await send('footage.jobs', {}), 'SESSION_LOCKED')
  })

  it('plays nothing once the session is past its maximum age, however active', async () => {
    const { send, folder, core, clock } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    allowed(await send('footage.cancel', { jobId: job!.id }))
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    const started = clock.now()
    while (clock.now() + 9 * 60_000 < started + 12 * HOUR - 60_000) {
      clock.advance(9 * 60_000)
      allowed(await send('footage.jobs', {}))
      expect(await core.resolveMedia(media.url)).not.toBeNull()
    }
    clock.advance(9 * 60_000)
    expect(await core.resolveMedia(media.url)).toBeNull()
    refused(await send('footage.jobs', {}), 'SESSION_EXPIRED')
  }, 60_000)

  it('plays nothing while the session is locked, and plays again once it is unlocked', async () => {
    const { send, folder, core, clock, person } = await world()
    const path = place(folder, onePlate, 'clip.mp4')
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: PURPOSE, path }))
    allowed(await send('footage.cancel', { jobId: job!.id }))
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: PURPOSE, jobId: job!.id }))
    // A video playing on screen keeps its token alive past the idle lock's 30 minutes.
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * 60_000)
      expect(await core.resolveMedia(media.url)).not.toBeNull()
    }
    clock.advance(4 * 60_000)
    refused(await send('footage.jobs', {}), 'SESSION_LOCKED')
    expect(await core.resolveMedia(media.url)).toBeNull()
    clock.nextTotpStep()
    allowed(await send('auth.unlock', { password: person.password, code: await totpCodeAt(person.secret, clock.now()) }))
    expect(await core.resolveMedia(media.url)).not.toBeNull()
  })
})
