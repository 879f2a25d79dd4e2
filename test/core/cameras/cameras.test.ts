// The camera registry through its real channels and encrypted store: administrators register fixed and mobile
// cameras; stream credentials are split from the address, kept apart and never answered or logged; capture
// gets the enabled cameras with their credentials put back.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { TestClock } from '../../helpers/clock'
import type { Desk } from '../retention/fixtures'
import type { CameraRecord } from '../../../src/shared/models'
import type { Result } from '../../../src/shared/errors'

const lab = useLab()

const PASSWORD = 'Harbor@Kite:93/x'
const USERNAME = 'gate-operator'

const northGate = {
  name: 'North gate',
  kind: 'fixed',
  latitude: 34.0522,
  longitude: -118.2437,
  location: 'Main St at 1st Ave, pole 4',
  direction: 'northbound',
  sourceKind: 'rtsp',
  source: `rtsp://${USERNAME}:${encodeURIComponent(PASSWORD)}@192.0.2.10:554/Streaming/Channels/101`,
  fps: 8,
  roi: [0.1, 0.4, 0.8, 0.5],
}

/**
 * A core with capture off (no ffmpeg tries the documentation addresses used here), unless a test asks for it
 * to see that capture follows the registry.
 */
async function desk(options: { capture?: boolean } = {}): Promise<Desk> {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock, retention: false, ...(options.capture ? {} : { capture: false as const }) })
  const admin = await setUpAdministrator(core, clock)
  return { dataDir, clock, core, admin, asAdmin: sender(core, admin.call) }
}

/** Everything the access log holds, as one text to search for secrets. */
async function wholeLog(d: Desk): Promise<string> {
  return JSON.stringify(await d.core.store.accessLog.list(1000))
}

function refusedField(result: Result<unknown>, code: 'INVALID_INPUT' | 'CONFLICT', field: string, sentence: RegExp): void {
  const error = refused(result, code)
  expect(error.details?.[field], JSON.stringify(error)).toMatch(sentence)
}

describe('the camera registry', () => {
  it('registers a camera, splitting credentials out of its address; no channel answers them and the log never holds them', async () => {
    const d = await desk()
    const created = allowed<CameraRecord>(await d.asAdmin('cameras.create', northGate))
    expect(created).toMatchObject({
      name: 'North gate',
      kind: 'fixed',
      latitude: 34.0522,
      longitude: -118.2437,
      location: 'Main St at 1st Ave, pole 4',
      direction: 'northbound',
      sourceKind: 'rtsp',
      sourceUrl: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
      hasCredentials: true,
      fps: 8,
      roi: [0.1, 0.4, 0.8, 0.5],
      enabled: true,
      createdBy: d.admin.id,
      updatedByName: 'Alice Admin',
      status: null,
    })
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'cameras.create', outcome: 'allowed', purpose: null })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({
      createdCameraId: created.id,
      source: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
      sourceAddress: 'rtsp://192.0.2.10:554/Streaming/Channels/101',
    })

    const listed = allowed<CameraRecord[]>(await d.asAdmin('cameras.list'))
    expect(listed).toEqual([created])
    for (const answer of [created, listed]) {
      const text = JSON.stringify(answer)
      expect(text).not.toContain(USERNAME)
      expect(text).not.toContain('Harbor')
    }
    const log = await wholeLog(d)
    expect(log).toContain('cameras.create')
    expect(log).not.toContain(USERNAME)
    expect(log).not.toContain('Harbor')

    // Capture alone gets the full address, credentials percent-encoded for ffmpeg.
    expect(await d.core.store.cameras.captureSources()).toEqual([
      {
        cameraId: created.id,
        name: 'North gate',
        sourceKind: 'rtsp',
        url: `rtsp://gate-operator:Harbor%40Kite%3A93%2Fx@192.0.2.10:554/Streaming/Channels/101`,
        fps: 8,
        roi: [0.1, 0.4, 0.8, 0.5],
        latitude: 34.0522,
        longitude: -118.2437,
        updatedAt: created.updatedAt,
      },
    ])
  })

  it('takes credentials from their own fields too, withholding them from the log', async () => {
    const d = await desk()
    const created = allowed<CameraRecord>(
      await d.asAdmin('cameras.create', {
        name: 'Patrol 12 front',
        kind: 'mobile',
        sourceKind: 'http',
        source: 'http://10.20.0.12/video.mjpg',
        streamUsername: 'unit 12',
        streamPassword: 'Sun Flower#7',
      }),
    )
    expect(created).toMatchObject({ sourceUrl: 'http://10.20.0.12/video.mjpg', hasCredentials: true, fps: 5, roi: null, latitude: null, direction: null })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ streamUsername: '[withheld]', streamPassword: '[withheld]' })
    expect(await wholeLog(d)).not.toContain('Sun Flower')
    const [source] = await d.core.store.cameras.captureSources()
    expect(source!.url).toBe('http://unit%2012:Sun%20Flower%237@10.20.0.12/video.mjpg')
  })

  it('refuses each invalid camera with a sentence saying what to fix', async () => {
    const d = await desk()
    const dir = lab.tempDir()
    const invalid = async (change: Record<string, unknown>, field: string, sentence: RegExp) => {
      const error = refused(await d.asAdmin('cameras.create', { ...northGate, ...change }), 'INVALID_INPUT')
      expect(error.details?.[field], JSON.stringify(error)).toMatch(sentence)
    }
    await invalid({ name: '  ' }, 'name', /Give the camera a name/)
    await invalid({ kind: 'footage' }, 'kind', /Choose fixed or mobile/)
    await invalid({ latitude: 91 }, 'latitude', /between -90 and 90/)
    await invalid({ longitude: -180.5 }, 'longitude', /between -180 and 180/)
    await invalid({ longitude: null }, 'longitude', /both latitude and longitude, or neither/)
    await invalid({ fps: 0.4 }, 'fps', /between 0.5 and 30/)
    await invalid({ fps: 31 }, 'fps', /between 0.5 and 30/)
    await invalid({ roi: [0.5, 0.5, 0.6, 0.2] }, 'roi', /inside the frame/)
    await invalid({ roi: [0.1, 0.1, 0, 0.2] }, 'roi', /width and height above zero/)
    await invalid({ roi: [0.1, 0.1, 1.2, 0.2] }, 'roi.2', /fractions of the frame/)
    await invalid({ sourceKind: 'smb' }, 'sourceKind', /Choose the kind of source/)
    await invalid({ source: 'http://192.0.2.10/stream' }, 'source', /starts with rtsp:\/\//)
    await invalid({ source: 'rtsp://cam.local:99999/live' }, 'source', /port must be between/)
    await invalid({ sourceKind: 'udp', source: 'udp://192.0.2.10' }, 'source', /needs a port/)
    await invalid({ sourceKind: 'device', source: '/dev/sda1' }, 'source', /\/dev\/videoN/)
    await invalid({ sourceKind: 'file', source: 'gate.mp4' }, 'source', /full path/)
    await invalid({ sourceKind: 'file', source: join(dir, 'missing.mp4') }, 'source', /No video file exists/)
    await invalid({ sourceKind: 'file', source: dir }, 'source', /not a regular file/)
    await invalid({ streamUsername: 'admin', streamPassword: 'x' }, 'source', /either in the address or in the user name and password fields/)
    await invalid({ source: 'rtsp://192.0.2.10/live', streamPassword: 'only-a-password' }, 'streamUsername', /user name that goes with the password/)
    await invalid({ sourceKind: 'device', source: '/dev/video0', streamUsername: 'a', streamPassword: 'b' }, 'streamUsername', /Only RTSP and HTTP/)
    await invalid({ owner: 'someone' }, 'owner', /Not a field of this request/)
    // Addresses typed without "scheme://" and credentials in the query string: refused, and not logged either.
    for (const source of ['gate-operator:Harbor-Kite-93@192.0.2.10:554/stream1', 'rtsp:/gate-operator:Harbor-Kite-93@192.0.2.10/live', 'rtsp//gate-operator:Harbor-Kite-93@192.0.2.10/live']) {
      await invalid({ source }, 'source', /starts with rtsp:\/\//)
      expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ source: expect.stringMatching(/^\[withheld\]@192\.0\.2\.10/) })
    }
    await invalid({ sourceKind: 'http', source: 'http://192.0.2.10/video.cgi?user=gate-operator&pwd=Harbor-Kite-93' }, 'source', /“user” parameter.*own fields/)
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ source: 'http://192.0.2.10/video.cgi?user=[withheld]&pwd=[withheld]' })
    // No refusal, in its answer or in the log, repeats the password typed.
    expect(await wholeLog(d)).not.toContain('Harbor')
    expect(await wholeLog(d)).not.toContain('only-a-password')
    expect(await wholeLog(d)).not.toContain('gate-operator')
    expect(allowed<CameraRecord[]>(await d.asAdmin('cameras.list'))).toEqual([])

    allowed(await d.asAdmin('cameras.create', northGate))
    const taken = refused(await d.asAdmin('cameras.create', { ...northGate, name: 'NORTH GATE' }), 'CONFLICT')
    expect(taken.message).toBe('A camera named “NORTH GATE” already exists. Choose another name.')
  })

  it('changes only what an update names, keeps credentials unless replaced or cleared, and refuses a taken name', async () => {
    const d = await desk()
    const camera = allowed<CameraRecord>(await d.asAdmin('cameras.create', northGate))
    allowed(await d.asAdmin('cameras.create', { ...northGate, name: 'South gate', source: 'rtsp://192.0.2.11/live' }))
    d.clock.advance(60_000)

    const faster = allowed<CameraRecord>(await d.asAdmin('cameras.update', { cameraId: camera.id, fps: 12, roi: null }))
    expect(faster).toMatchObject({ ...camera, fps: 12, roi: null, updatedAt: d.clock.now(), hasCredentials: true })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ changedCameraId: camera.id, changedFields: ['fps', 'roi'] })
    const source = async () => (await d.core.store.cameras.captureSources()).find((s) => s.cameraId === camera.id)!
    expect((await source()).url).toBe('rtsp://gate-operator:Harbor%40Kite%3A93%2Fx@192.0.2.10:554/Streaming/Channels/101')

    // A new address without credentials keeps the stored ones; typed ones replace them.
    allowed(await d.asAdmin('cameras.update', { cameraId: camera.id, source: 'rtsp://192.0.2.20/live' }))
    expect((await source()).url).toBe('rtsp://gate-operator:Harbor%40Kite%3A93%2Fx@192.0.2.20/live')
    allowed(await d.asAdmin('cameras.update', { cameraId: camera.id, streamUsername: 'night', streamPassword: 'Owl-Lamp-12' }))
    expect((await source()).url).toBe('rtsp://night:Owl-Lamp-12@192.0.2.20/live')
    expect(await wholeLog(d)).not.toContain('Owl-Lamp-12')

    refusedField(
      await d.asAdmin('cameras.update', { cameraId: camera.id, clearCredentials: true, streamUsername: 'x', streamPassword: 'y' }),
      'INVALID_INPUT',
      'clearCredentials',
      /Either clear the stored credentials or enter new ones/,
    )
    const cleared = allowed<CameraRecord>(await d.asAdmin('cameras.update', { cameraId: camera.id, clearCredentials: true }))
    expect(cleared.hasCredentials).toBe(false)
    expect((await source()).url).toBe('rtsp://192.0.2.20/live')

    // A switch of source kind needs the new source, and a file or device drops any credentials.
    refusedField(await d.asAdmin('cameras.update', { cameraId: camera.id, sourceKind: 'file' }), 'INVALID_INPUT', 'source', /Enter the source again/)
    allowed(await d.asAdmin('cameras.update', { cameraId: camera.id, streamUsername: 'night', streamPassword: 'Owl-Lamp-12' }))
    const video = join(lab.tempDir(), 'replay.mp4')
    writeFileSync(video, 'a regular file standing for a video')
    const replay = allowed<CameraRecord>(await d.asAdmin('cameras.update', { cameraId: camera.id, sourceKind: 'file', source: video }))
    expect(replay).toMatchObject({ sourceKind: 'file', sourceUrl: video, hasCredentials: false })
    expect((await source()).url).toBe(video)

    refusedField(await d.asAdmin('cameras.update', { cameraId: camera.id, name: 'south GATE' }), 'CONFLICT', 'name', /Another camera already has this name/)
    refusedField(await d.asAdmin('cameras.update', { cameraId: camera.id, latitude: 10 }), 'INVALID_INPUT', 'longitude', /both latitude and longitude/)
    refused(await d.asAdmin('cameras.update', { cameraId: 'no-such-camera', fps: 3 }), 'NOT_FOUND')
    expect(allowed<CameraRecord[]>(await d.asAdmin('cameras.list')).map((c) => c.name)).toEqual(['North gate', 'South gate'])
  })

  it('leaves disabled cameras out of capture, and brings them back when enabled again', async () => {
    const d = await desk()
    const north = allowed<CameraRecord>(await d.asAdmin('cameras.create', northGate))
    const south = allowed<CameraRecord>(await d.asAdmin('cameras.create', { ...northGate, name: 'South gate', source: 'rtsp://192.0.2.11/live', enabled: false }))
    expect((await d.core.store.cameras.captureSources()).map((s) => s.name)).toEqual(['North gate'])

    const retired = allowed<CameraRecord>(await d.asAdmin('cameras.setEnabled', { cameraId: north.id, enabled: false }))
    expect(retired.enabled).toBe(false)
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ changedCameraId: north.id, enabled: false })
    expect(await d.core.store.cameras.captureSources()).toEqual([])

    allowed(await d.asAdmin('cameras.setEnabled', { cameraId: south.id, enabled: true }))
    expect((await d.core.store.cameras.captureSources()).map((s) => s.cameraId)).toEqual([south.id])
    expect(allowed<CameraRecord[]>(await d.asAdmin('cameras.list')).map((c) => [c.name, c.enabled])).toEqual([
      ['North gate', false],
      ['South gate', true],
    ])
    refused(await d.asAdmin('cameras.setEnabled', { cameraId: 'no-such-camera', enabled: true }), 'NOT_FOUND')
  })

  it('has capture re-read the registry after every change, and lists each camera with its capture state', async () => {
    // Real capture; the cameras stay disabled, so no stream is opened, but capture must know each change.
    const d = await desk({ capture: true })
    const camera = allowed<CameraRecord>(await d.asAdmin('cameras.create', { ...northGate, enabled: false }))
    expect(camera.status).toMatchObject({ cameraId: camera.id, name: 'North gate', location: 'Main St at 1st Ave, pole 4', state: 'disabled' })

    const renamed = allowed<CameraRecord>(await d.asAdmin('cameras.update', { cameraId: camera.id, name: 'North gate (pole 5)', location: 'Main St at 1st Ave, pole 5' }))
    expect(renamed.status).toMatchObject({ name: 'North gate (pole 5)', location: 'Main St at 1st Ave, pole 5', state: 'disabled' })
    const [listed] = allowed<CameraRecord[]>(await d.asAdmin('cameras.list'))
    expect(listed!.status).toMatchObject({ cameraId: camera.id, name: 'North gate (pole 5)', state: 'disabled' })
    expect(d.core.capture.statuses().map((s) => s.name)).toEqual(['North gate (pole 5)'])
  })

  it('is for administrators only', async () => {
    const d = await desk()
    const person = await createPerson(d.core, d.admin, d.clock, { username: 'ssup', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const window = fromWindow('sup-window')
    allowed(await signIn(d.core, window, d.clock, person))
    const asSupervisor = sender(d.core, window)
    refused(await asSupervisor('cameras.list'), 'PERMISSION_DENIED')
    refused(await asSupervisor('cameras.create', northGate), 'PERMISSION_DENIED')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'cameras.create', outcome: 'refused', username: 'ssup' })
    // Even a refused call's log entry keeps the address without its credentials.
    expect(await wholeLog(d)).not.toContain('Harbor')
    expect(await d.core.store.cameras.list()).toEqual([])
  })
})
