// The media route of the browser harness: a footage video served by its token with byte ranges (how a video
// element seeks), refused without a valid token, and refused once the session that asked has ended.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { FootageJob, FootageMedia, Enrollment, SessionInfo } from '../../../src/shared/models'
import { parseRange } from '../../../src/main/core/footage/range'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import { startHarness, type Harness } from '../../../tools/dev-browser/server'
import { TestClock, isoDay } from '../../helpers/clock'
import { DAY } from '../../../src/main/core/clock'
import { ADMIN, allowed, createPerson, sender, signIn } from '../../helpers/core'
import { tempDirs } from '../../helpers/temp-dir'

const dirs = tempDirs()
let harness: Harness | null = null
afterEach(async () => {
  await harness?.close()
  harness = null
  dirs.removeAll()
})

describe('byte ranges', () => {
  it('reads the forms browsers send and refuses ranges past the end', () => {
    expect(parseRange(undefined, 1000)).toEqual({ kind: 'whole' })
    expect(parseRange('bytes=0-', 1000)).toEqual({ kind: 'partial', start: 0, end: 999 })
    expect(parseRange('bytes=100-199', 1000)).toEqual({ kind: 'partial', start: 100, end: 199 })
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=-100', 1000)).toEqual({ kind: 'partial', start: 900, end: 999 })
    expect(parseRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=200-100', 1000)).toEqual({ kind: 'unsatisfiable' })
    expect(parseRange('bytes=0-1,5-9', 1000)).toEqual({ kind: 'whole' })
  })
})

describe('the harness media route', () => {
  it('serves the job’s file by its token with ranges, and nothing once the session ends', async () => {
    const rendererDir = dirs.make()
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>')
    const clock = new TestClock()
    harness = await startHarness({ rendererDir, clock, dataDir: dirs.make() })
    const core = harness.core
    const windowOf = (senderId: string) => ({ senderId, origin: harness!.origin, isMainFrame: true })

    // First-run setup from the harness's own origin, then an investigator signed in from another window.
    const adminCall = windowOf('admin')
    const enrollment = allowed<Enrollment>(await sender(core, adminCall)('setup.begin', { ...ADMIN, trainingCompletedOn: isoDay(clock.now() - 28 * DAY) }))
    const session = allowed<SessionInfo>(await sender(core, adminCall)('setup.complete', { code: await totpCodeAt(enrollment.secret, clock.now()), bannerAcknowledged: true }))
    const admin = { id: session.user.id, username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password, secret: enrollment.secret, call: adminCall, session }
    const person = await createPerson(core, admin, clock, { username: 'dkim', displayName: 'Dana Kim', roles: ['investigator'] })
    const call = windowOf('investigator')
    allowed(await signIn(core, call, clock, person))
    const send = sender(core, call)

    const folder = dirs.make()
    const path = join(folder, 'clip.webm')
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251))
    writeFileSync(path, bytes)
    const [job] = allowed<FootageJob[]>(await send('footage.start', { purpose: { caseNumber: '26-004417' }, path }))
    const media = allowed<FootageMedia>(await send('footage.media', { purpose: { caseNumber: '26-004417' }, jobId: job!.id }))
    const url = harness.origin + media.url

    const whole = await fetch(url)
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('video/webm')
    expect(whole.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await whole.arrayBuffer()).equals(readFileSync(path))).toBe(true)

    const part = await fetch(url, { headers: { range: 'bytes=1000-1099' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 1000-1099/5000')
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 1100))).toBe(true)
    expect((await fetch(url, { headers: { range: 'bytes=6000-' } })).status).toBe(416)

    expect((await fetch(harness.origin + '/media/' + 'A'.repeat(43))).status).toBe(404)
    expect((await fetch(url, { method: 'POST' })).status).toBe(405)
    allowed(await send('auth.signOut', {}))
    expect((await fetch(url)).status).toBe(404)
  }, 60_000)
})
