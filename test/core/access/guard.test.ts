// The guard every call passes (DESIGN.md "Security model"): sender → channel → session → device → account
// and permission → purpose → schema → handler, each refusal a typed code, every call in the access log.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { START, TestClock } from '../../helpers/clock'
import {
  ADMIN,
  allowed,
  createPerson,
  fromWindow,
  lastLogEntry,
  refused,
  sender,
  setUpAdministrator,
  signIn,
} from '../../helpers/core'
import { searchDesk } from '../../helpers/alpr-channel'
import { addMonths, MINUTE } from '../../../src/main/core/clock'
import type { Core } from '../../../src/main/core/app/create-core'
import type { AccessLogEntry, DeviceInfo, SystemStatus, UserRecord } from '../../../src/shared/models'
import type { ErrorCode } from '../../../src/shared/errors'

const lab = useLab()
const SECOND = 1000

async function world() {
  const clock = new TestClock()
  const dataDir = lab.tempDir()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  return { clock, dataDir, core, admin, asAdmin: sender(core, admin.call) }
}

/** The newest log entry is this refusal, on this workstation, with no secret in its data elements. */
async function expectRefusalLogged(
  core: Core,
  expected: { channel: string; code: ErrorCode; username: string | null; deviceId?: string },
): Promise<AccessLogEntry> {
  const entry = await lastLogEntry(core)
  expect(entry).toMatchObject({
    channel: expected.channel,
    outcome: 'refused',
    code: expected.code,
    username: expected.username,
    deviceId: expected.deviceId ?? core.device.id,
    purpose: null,
  })
  expectNoSecrets(entry)
  return entry
}

function expectNoSecrets(entry: AccessLogEntry): void {
  const elements = entry.dataElements
  for (const key of ['password', 'code', 'secret']) if (key in elements) expect(elements[key]).toBe('[withheld]')
  const text = JSON.stringify(elements)
  for (const secret of [ADMIN.password, 'violet lantern orchard 42', 'a wrong passphrase']) expect(text).not.toContain(secret)
}

describe('the sender check', () => {
  it('refuses a call from another origin with BAD_SENDER, even from a window with a session', async () => {
    const { core, admin } = await world()
    const foreign = { ...admin.call, origin: 'https://evil.example' }
    refused(await core.dispatch(foreign, 'users.list', {}), 'BAD_SENDER')
    await expectRefusalLogged(core, { channel: 'users.list', code: 'BAD_SENDER', username: null })
  })

  it('refuses a call from a subframe of the application with BAD_SENDER', async () => {
    const { core, admin } = await world()
    refused(await core.dispatch({ ...admin.call, isMainFrame: false }, 'users.list', {}), 'BAD_SENDER')
    await expectRefusalLogged(core, { channel: 'users.list', code: 'BAD_SENDER', username: null })
  })

  it('checks the sender before the channel', async () => {
    const { core, admin } = await world()
    refused(await core.dispatch({ ...admin.call, origin: 'file://' }, 'users.drop', {}), 'BAD_SENDER')
  })
})

describe('the channel check', () => {
  it.each(['users.drop', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses %s, which is not in the contract, with UNKNOWN_CHANNEL',
    async (channel) => {
      const { core, admin } = await world()
      refused(await core.dispatch(admin.call, channel, {}), 'UNKNOWN_CHANNEL')
      await expectRefusalLogged(core, { channel, code: 'UNKNOWN_CHANNEL', username: null })
    },
  )

  it('checks the channel before the session', async () => {
    const { core } = await world()
    refused(await core.dispatch(fromWindow('nobody'), 'users.drop', {}), 'UNKNOWN_CHANNEL')
  })
})

describe('the session check', () => {
  it('refuses a guarded channel without a session with NOT_AUTHENTICATED, before looking at the input', async () => {
    const { core } = await world()
    refused(await core.dispatch(fromWindow('nobody'), 'users.create', { nonsense: true, password: 'p' }), 'NOT_AUTHENTICATED')
    await expectRefusalLogged(core, { channel: 'users.create', code: 'NOT_AUTHENTICATED', username: null })
  })
})

describe('the workstation check', () => {
  it('refuses sign-in on a workstation not yet approved, until an administrator approves it from an approved one', async () => {
    const { clock, dataDir, core: first, admin } = await world()
    const firstId = first.device.id
    await first.close()

    const otherId = randomUUID()
    const other = await lab.openCore({ dataDir, clock, device: { id: otherId, name: 'other' } })
    expect(allowed<SystemStatus>(await sender(other, admin.call)('system.status')).device).toMatchObject({
      id: otherId,
      name: 'other',
      status: 'pending',
    })
    refused(await signIn(other, admin.call, clock, admin), 'DEVICE_NOT_APPROVED')
    await expectRefusalLogged(other, { channel: 'auth.signIn', code: 'DEVICE_NOT_APPROVED', username: 'aadmin', deviceId: otherId })
    await other.close()

    const again = await lab.openCore({ dataDir, clock })
    expect(again.device.id).toBe(firstId)
    allowed(await signIn(again, admin.call, clock, admin))
    const asAdmin = sender(again, admin.call)
    const pending = allowed<DeviceInfo[]>(await asAdmin('devices.list')).find((d) => d.id === otherId)
    expect(pending).toMatchObject({ status: 'pending', current: false, decidedBy: null })
    const approved = allowed<DeviceInfo>(await asAdmin('devices.approve', { deviceId: otherId }))
    expect(approved).toMatchObject({ id: otherId, status: 'approved', decidedBy: admin.id, decidedAt: clock.now() })
    await again.close()

    const approvedNow = await lab.openCore({ dataDir, clock, device: { id: otherId, name: 'other' } })
    allowed(await signIn(approvedNow, admin.call, clock, admin))
    allowed(await sender(approvedNow, admin.call)('users.list'))
  })

  it('refuses, with DEVICE_REVOKED, the next call of a session on a workstation whose approval is revoked', async () => {
    const { clock, dataDir, admin, asAdmin } = await world()
    const otherId = randomUUID()
    const other = await lab.openCore({ dataDir, clock, device: { id: otherId, name: 'other' } })
    allowed(await asAdmin('devices.approve', { deviceId: otherId }))
    const there = fromWindow('there')
    allowed(await signIn(other, there, clock, admin))
    allowed(await other.dispatch(there, 'users.list', {}))

    allowed(await asAdmin('devices.revoke', { deviceId: otherId }))

    refused(await other.dispatch(there, 'users.list', {}), 'DEVICE_REVOKED')
    await expectRefusalLogged(other, { channel: 'users.list', code: 'DEVICE_REVOKED', username: 'aadmin', deviceId: otherId })
    refused(await other.dispatch(there, 'users.list', {}), 'NOT_AUTHENTICATED')
    refused(await signIn(other, there, clock, admin), 'DEVICE_REVOKED')
  })

  it('does not let an administrator revoke the workstation they are using', async () => {
    const { core, asAdmin } = await world()
    refused(await asAdmin('devices.revoke', { deviceId: core.device.id }), 'CONFLICT')
  })
})

describe('the account and permission check', () => {
  it('refuses a dispatcher calling users.list with PERMISSION_DENIED, before looking at the input', async () => {
    const { core, clock, admin } = await world()
    const dana = await createPerson(core, admin, clock, { username: 'dana', displayName: 'Dana Dispatch', roles: ['dispatcher'] })
    const danaWindow = fromWindow('dana-window')
    allowed(await signIn(core, danaWindow, clock, dana))

    refused(await core.dispatch(danaWindow, 'users.list', {}), 'PERMISSION_DENIED')
    await expectRefusalLogged(core, { channel: 'users.list', code: 'PERMISSION_DENIED', username: 'dana' })
    refused(await core.dispatch(danaWindow, 'users.create', { junk: 1 }), 'PERMISSION_DENIED')
  })

  it('refuses with TRAINING_EXPIRED once 24 months have passed since the training date', async () => {
    const { core, clock, admin, asAdmin } = await world()
    const sam = await createPerson(core, admin, clock, {
      username: 'sam',
      displayName: 'Sam Supervisor',
      roles: ['supervisor'],
      trainingCompletedOn: '2024-04-01',
    })
    const expiry = Date.UTC(2026, 3, 1, 12, 0, 0) // the training date, 24 months on
    expect(allowed<UserRecord[]>(await asAdmin('users.list')).find((u) => u.username === 'sam')?.trainingExpiresAt).toBe(expiry)
    const samWindow = fromWindow('sam-window')

    clock.set(expiry - 15 * MINUTE)
    allowed(await signIn(core, samWindow, clock, sam))
    clock.set(expiry - SECOND)
    allowed(await core.dispatch(samWindow, 'users.list', {}))
    clock.set(expiry)

    refused(await core.dispatch(samWindow, 'users.list', {}), 'TRAINING_EXPIRED')
    await expectRefusalLogged(core, { channel: 'users.list', code: 'TRAINING_EXPIRED', username: 'sam' })
    refused(await signIn(core, fromWindow('sam-again'), clock, sam), 'TRAINING_EXPIRED')
  })

  it('refuses with REVIEW_EXPIRED 12 months after the last access review', async () => {
    const { core, clock, admin, asAdmin } = await world()
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const expiry = addMonths(START, 12) // the approval at creation is the first review
    expect(expiry).toBe(Date.UTC(2027, 2, 2, 16, 0, 0))
    expect(allowed<UserRecord[]>(await asAdmin('users.list')).find((u) => u.username === 'sam')?.reviewExpiresAt).toBe(expiry)
    const samWindow = fromWindow('sam-window')
    // Sam used ALPR information the day before, so the inactivity rule (90 days) is not what refuses.
    await core.store.users.recordAlprAccess(sam.id, expiry - 24 * 60 * MINUTE)

    clock.set(expiry - 15 * MINUTE)
    allowed(await signIn(core, samWindow, clock, sam))
    clock.set(expiry - SECOND)
    allowed(await core.dispatch(samWindow, 'users.list', {}))
    clock.set(expiry)

    refused(await core.dispatch(samWindow, 'users.list', {}), 'REVIEW_EXPIRED')
    await expectRefusalLogged(core, { channel: 'users.list', code: 'REVIEW_EXPIRED', username: 'sam' })
  })
})

describe('the schema check', () => {
  it('refuses unknown fields with INVALID_INPUT and names them', async () => {
    const { core, asAdmin } = await world()
    const input = {
      username: 'newbie',
      displayName: 'Nora Newbie',
      agency: ADMIN.agency,
      unit: 'Patrol',
      roles: ['dispatcher'],
      password: 'violet lantern orchard 42',
      trainingCompletedOn: '2026-01-10',
      classification: 'Police Officer',
      isAdmin: true,
    }
    const error = refused(await asAdmin('users.create', input), 'INVALID_INPUT')
    expect(error.details).toEqual({ isAdmin: 'Not a field of this request.' })
    const entry = await expectRefusalLogged(core, { channel: 'users.create', code: 'INVALID_INPUT', username: 'aadmin' })
    expect(entry.dataElements).toMatchObject({ username: 'newbie', isAdmin: true, password: '[withheld]' })
  })

  it('refuses bad values with INVALID_INPUT and the field that failed', async () => {
    const { asAdmin } = await world()
    const error = refused(
      await asAdmin('users.create', {
        username: '9lives',
        displayName: 'Nora Newbie',
        agency: ADMIN.agency,
        unit: 'Patrol',
        roles: ['chief'],
        password: 'violet lantern orchard 42',
        trainingCompletedOn: '10/01/2026',
        classification: 'Police Officer',
      }),
      'INVALID_INPUT',
    )
    expect(Object.keys(error.details ?? {}).sort()).toEqual(['roles.0', 'trainingCompletedOn', 'username'])
  })
})

describe('the access log of calls', () => {
  it('logs an allowed call with who, where, when and what', async () => {
    const { core, clock, admin, asAdmin } = await world()
    clock.advance(MINUTE)
    allowed(await asAdmin('users.list'))
    expect(await lastLogEntry(core)).toMatchObject({
      at: clock.now(),
      channel: 'users.list',
      outcome: 'allowed',
      code: null,
      message: null,
      userId: admin.id,
      username: 'aadmin',
      agency: ADMIN.agency,
      unit: ADMIN.unit,
      deviceId: core.device.id,
      dataElements: {},
    })
  })

  it('logs every sign-in attempt with the username tried and never the password or code', async () => {
    const { core, clock, admin } = await world()
    const w = fromWindow('w')
    clock.nextTotpStep()
    refused(await core.dispatch(w, 'auth.signIn', { username: 'aadmin', password: 'a wrong passphrase', code: '123456', bannerAcknowledged: true }), 'INVALID_CREDENTIALS')
    await expectRefusalLogged(core, { channel: 'auth.signIn', code: 'INVALID_CREDENTIALS', username: 'aadmin' })
    refused(await core.dispatch(w, 'auth.signIn', { username: 'ghost', password: 'a wrong passphrase', code: '123456', bannerAcknowledged: true }), 'INVALID_CREDENTIALS')
    await expectRefusalLogged(core, { channel: 'auth.signIn', code: 'INVALID_CREDENTIALS', username: 'ghost' })
    allowed(await signIn(core, w, clock, admin))

    const entries = await core.store.accessLog.list(100)
    const withCredentials = entries.filter((e) => 'password' in e.dataElements || 'code' in e.dataElements)
    expect(withCredentials.map((e) => e.channel)).toEqual(['auth.signIn', 'auth.signIn', 'auth.signIn', 'setup.complete', 'setup.begin'])
    for (const entry of entries) expectNoSecrets(entry)
  })
})

describe('the purpose check, on a channel that accesses ALPR information', () => {
  async function desk() {
    const w = await world()
    const ivy = await createPerson(w.core, w.admin, w.clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const { dispatch, sessions } = searchDesk(w.core, w.clock)
    sessions.start('ivy-window', ivy.id, w.clock.now())
    sessions.start('admin-window', w.admin.id, w.clock.now())
    const search = (input: unknown, senderId = 'ivy-window') => dispatch(fromWindow(senderId), 'reads.search', input)
    return { ...w, ivy, search }
  }

  it('refuses a search without a purpose with PURPOSE_REQUIRED', async () => {
    const { core, search } = await desk()
    refused(await search({ plate: '7ABC123' }), 'PURPOSE_REQUIRED')
    await expectRefusalLogged(core, { channel: 'reads.search', code: 'PURPOSE_REQUIRED', username: 'ivy' })
  })

  it('refuses a purpose that is not in the purpose form with PURPOSE_REQUIRED', async () => {
    const { search } = await desk()
    const error = refused(await search({ plate: '7ABC123', purpose: 'case 24-012345' }), 'PURPOSE_REQUIRED')
    expect(error.message).toBe('The purpose is not in the expected form.')
  })

  it('refuses a purpose that names no investigation with PURPOSE_TOO_VAGUE', async () => {
    const { core, search } = await desk()
    const error = refused(await search({ plate: '7ABC123', purpose: { note: 'investigation' } }), 'PURPOSE_TOO_VAGUE')
    expect(error.message).toContain('“investigation” does not name a specific investigation')
    await expectRefusalLogged(core, { channel: 'reads.search', code: 'PURPOSE_TOO_VAGUE', username: 'ivy' })
  })

  it('refuses a purpose carrying a date of birth with PURPOSE_FORBIDDEN_CONTENT, and does not log the purpose', async () => {
    const { core, search } = await desk()
    const error = refused(
      await search({ plate: '7ABC123', purpose: { caseNumber: '24-012345', note: 'DOB 01/02/1980' } }),
      'PURPOSE_FORBIDDEN_CONTENT',
    )
    expect(error.message).toContain('a date of birth')
    await expectRefusalLogged(core, { channel: 'reads.search', code: 'PURPOSE_FORBIDDEN_CONTENT', username: 'ivy' })
  })

  it('tells the user which identifiers were refused but keeps them out of the access log', async () => {
    const { core, search } = await desk()
    const error = refused(
      await search({ plate: '7ABC123', purpose: { caseNumber: '24-012345', note: 'victim 123-45-6789, DOB 01/02/1980' } }),
      'PURPOSE_FORBIDDEN_CONTENT',
    )
    expect(error.message).toContain('a Social Security number (“123-45-6789”)')

    const entry = await expectRefusalLogged(core, { channel: 'reads.search', code: 'PURPOSE_FORBIDDEN_CONTENT', username: 'ivy' })
    expect(entry.message).toBe('Refused: the purpose contains a Social Security number; a date of birth.')
    expect(JSON.stringify(entry)).not.toMatch(/123-45-6789|01\/02\/1980/)
  })

  it('keeps a refused full name out of the access log', async () => {
    const { core, search } = await desk()
    const error = refused(await search({ plate: '7ABC123', purpose: { lastName: 'John Paul De Smith' } }), 'PURPOSE_FORBIDDEN_CONTENT')
    expect(error.message).toContain('“John Paul De Smith” is not a last name')
    const entry = await lastLogEntry(core)
    expect(JSON.stringify(entry)).not.toContain('John Paul')
  })

  it('keeps a refused case-number text out of the access log', async () => {
    const { core, search } = await desk()
    const error = refused(await search({ plate: '7ABC123', purpose: { caseNumber: 'Doe Jane' } }), 'PURPOSE_TOO_VAGUE')
    expect(error.message).toContain('“DOE JANE” is not a case or incident number')
    expect(JSON.stringify(await lastLogEntry(core))).not.toMatch(/doe jane/i)
  })

  it('writes the accepted purpose to the purpose column, the query to the data elements, and counts the access', async () => {
    const { core, clock, ivy, search } = await desk()
    clock.advance(MINUTE)
    const result = allowed<{ plate: string; purpose: string }>(
      await search({ plate: '7ABC123', purpose: { caseNumber: ' 24-012345 ', note: 'stolen vehicle report' } }),
    )
    expect(result.purpose).toBe('Case 24-012345: stolen vehicle report')
    expect(await lastLogEntry(core)).toMatchObject({
      channel: 'reads.search',
      outcome: 'allowed',
      username: 'ivy',
      purpose: 'Case 24-012345: stolen vehicle report',
      dataElements: { plate: '7ABC123' },
    })
    expect((await core.store.users.getById(ivy.id))?.lastAccessAt).toBe(clock.now())
  })

  it('does not count a refused search as an access to ALPR information', async () => {
    const { core, ivy, search } = await desk()
    refused(await search({ plate: '7ABC123', purpose: { note: 'follow-up' } }), 'PURPOSE_TOO_VAGUE')
    expect((await core.store.users.getById(ivy.id))?.lastAccessAt).toBeNull()
  })

  it('checks the permission before the purpose, and the purpose before the rest of the input', async () => {
    const { search } = await desk()
    refused(await search({ plate: '7ABC123' }, 'admin-window'), 'PERMISSION_DENIED')
    refused(await search({ plate: '7ABC123', limit: 'all' }), 'PURPOSE_REQUIRED')
    const error = refused(await search({ plate: '7ABC123', limit: 'all', purpose: { lastName: 'Smith' } }), 'INVALID_INPUT')
    expect(error.details).toEqual({ limit: 'Not a field of this request.' })
  })
})
