// Signing in (DOMAIN.md "Signing in (CJIS)"): first-run setup, the banner, password plus a one-time
// authenticator code, the lockout and its release, the password rules and authenticator enrollment.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock, START } from '../../helpers/clock'
import {
  ADMIN,
  allowed,
  beginPerson,
  createPerson,
  fromWindow,
  type Person,
  refused,
  sender,
  setUpAdministrator,
  signIn,
} from '../../helpers/core'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import { HOUR, MINUTE } from '../../../src/main/core/clock'
import type { CallContext } from '../../../src/main/core/access/types'
import type { Core } from '../../../src/main/core/app/create-core'
import type { Enrollment, SessionInfo, SystemStatus, UserRecord } from '../../../src/shared/models'

const lab = useLab()
const SECOND = 1000

async function world() {
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
  const admin = await setUpAdministrator(core, clock)
  const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
  return { clock, core, admin, ivy, asAdmin: sender(core, admin.call) }
}

/** A sign-in attempt with exactly the given code (no waiting for the next step). */
const attempt = (core: Core, call: CallContext, fields: { username: string; password: string; code: string }) =>
  core.dispatch(call, 'auth.signIn', { ...fields, bannerAcknowledged: true })

const codeNow = (person: Person, clock: TestClock, offsetMs = 0) => totpCodeAt(person.secret, clock.now() + offsetMs)

async function userRecord(asAdmin: ReturnType<typeof sender>, username: string): Promise<UserRecord> {
  const list = allowed<UserRecord[]>(await asAdmin('users.list'))
  const user = list.find((u) => u.username === username)
  if (!user) expect.fail(`${username} is not in users.list`)
  return user
}

describe('first-run setup', () => {
  it('creates the first ALPR Administrator with a confirmed authenticator and approves this workstation', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const status = sender(core, fromWindow('kiosk'))
    expect(allowed<SystemStatus>(await status('system.status'))).toMatchObject({
      setupRequired: true,
      agencyName: null,
      device: { id: core.device.id, status: 'pending', current: true },
    })

    const admin = await setUpAdministrator(core, clock)

    expect(admin.session).toMatchObject({ state: 'active', startedAt: START, user: { username: 'aadmin', roles: ['administrator'] } })
    expect(allowed<SystemStatus>(await status('system.status'))).toMatchObject({
      setupRequired: false,
      agencyName: ADMIN.agencyName,
      device: { id: core.device.id, status: 'approved', decidedBy: admin.id, decidedAt: START },
    })
    const users = allowed<UserRecord[]>(await sender(core, admin.call)('users.list'))
    expect(users).toHaveLength(1)
    expect(users[0]).toMatchObject({ username: 'aadmin', displayName: 'Alice Admin', totpEnrolled: true, lockedAt: null, status: 'active' })
  })

  it('cannot run a second time (SETUP_ALREADY_DONE)', async () => {
    const { core, asAdmin } = await world()
    const result = await sender(core, fromWindow('intruder'))('setup.begin', {
      agencyName: 'Rogue Agency',
      username: 'rogue',
      displayName: 'Rogue Admin',
      agency: 'Rogue Agency',
      unit: 'None',
      password: 'another long passphrase',
      trainingCompletedOn: '2026-01-01',
    })
    refused(result, 'SETUP_ALREADY_DONE')
    expect(allowed<UserRecord[]>(await asAdmin('users.list')).map((u) => u.username)).toEqual(['aadmin', 'ivy'])
  })

  it('lets only one of two setups begun at the same time complete', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const second = sender(core, fromWindow('second-window'))
    const enrollment = allowed<Enrollment>(
      await second('setup.begin', { ...ADMIN, username: 'bsecond', trainingCompletedOn: '2026-01-05' }),
    )
    await setUpAdministrator(core, clock)

    const code = await totpCodeAt(enrollment.secret, clock.now())
    refused(await second('setup.complete', { code, bannerAcknowledged: true }), 'SETUP_ALREADY_DONE')
    refused(await second('users.list'), 'NOT_AUTHENTICATED')
  })

  it('needs a valid code from the new authenticator before anything is created', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const kiosk = sender(core, fromWindow('kiosk'))
    const enrollment = allowed<Enrollment>(await kiosk('setup.begin', { ...ADMIN, trainingCompletedOn: '2026-01-05' }))
    const stale = await totpCodeAt(enrollment.secret, clock.now() - 2 * MINUTE)

    refused(await kiosk('setup.complete', { code: stale, bannerAcknowledged: true }), 'INVALID_CREDENTIALS')

    expect(allowed<SystemStatus>(await kiosk('system.status')).setupRequired).toBe(true)
    expect(await core.store.users.count()).toBe(0)
  })
})

describe('signing in', () => {
  it('needs the use-of-system banner acknowledged', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    const code = await codeNow(ivy, clock)
    const call = fromWindow('ivy-window')

    const missing = refused(await core.dispatch(call, 'auth.signIn', { username: 'ivy', password: ivy.password, code }), 'INVALID_INPUT')
    const declined = refused(
      await core.dispatch(call, 'auth.signIn', { username: 'ivy', password: ivy.password, code, bannerAcknowledged: false }),
      'INVALID_INPUT',
    )

    expect(Object.keys(missing.details ?? {})).toEqual(['bannerAcknowledged'])
    expect(Object.keys(declined.details ?? {})).toEqual(['bannerAcknowledged'])
    expect(allowed(await core.dispatch(call, 'auth.session', {}))).toBeNull()
    // The code was not spent by the refused attempts.
    allowed(await attempt(core, call, { username: 'ivy', password: ivy.password, code }))
  })

  it('signs in with the right password and a current code, for 12 hours, locking after 30 idle minutes', async () => {
    const { core, clock, ivy } = await world()
    const session = allowed<SessionInfo>(await signIn(core, fromWindow('ivy-window'), clock, ivy))
    const now = clock.now()
    expect(session).toEqual({
      user: {
        id: ivy.id,
        username: 'ivy',
        displayName: 'Ivy Nguyen',
        agency: ADMIN.agency,
        unit: 'Investigations',
        roles: ['investigator'],
        permissions: ['reads.search', 'holds.manage', 'footage.review', 'reads.correct'],
      },
      state: 'active',
      startedAt: now,
      endsAt: now + 12 * HOUR,
      locksAt: now + 30 * MINUTE,
    })
  })

  it('takes the username in any letter case', async () => {
    const { core, clock, ivy } = await world()
    allowed(await signIn(core, fromWindow('ivy-window'), clock, { ...ivy, username: ' IVY ' }))
  })

  it('refuses a code already used, even for a new sign-in in the same 30-second step', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    const code = await codeNow(ivy, clock)
    const first = fromWindow('ivy-window')
    allowed(await attempt(core, first, { username: 'ivy', password: ivy.password, code }))
    allowed(await core.dispatch(first, 'auth.signOut', {}))

    clock.advance(10 * SECOND)
    refused(await attempt(core, first, { username: 'ivy', password: ivy.password, code }), 'CODE_ALREADY_USED')
    refused(await attempt(core, fromWindow('other-window'), { username: 'ivy', password: ivy.password, code }), 'CODE_ALREADY_USED')
  })

  it('refuses the previous step’s code once a newer code has been used', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    allowed(await attempt(core, fromWindow('a'), { username: 'ivy', password: ivy.password, code: await codeNow(ivy, clock) }))
    const previous = await codeNow(ivy, clock, -30 * SECOND)
    refused(await attempt(core, fromWindow('b'), { username: 'ivy', password: ivy.password, code: previous }), 'CODE_ALREADY_USED')
  })

  it('accepts the next step’s code, and then not the current one', async () => {
    const { core, clock, ivy } = await world()
    clock.advance(5 * MINUTE)
    allowed(await attempt(core, fromWindow('a'), { username: 'ivy', password: ivy.password, code: await codeNow(ivy, clock, 30 * SECOND) }))
    refused(await attempt(core, fromWindow('b'), { username: 'ivy', password: ivy.password, code: await codeNow(ivy, clock) }), 'CODE_ALREADY_USED')
  })

  describe.each([0, 15, 29])('with the clock %i seconds into a 30-second step', (seconds) => {
    const at = async () => {
      const w = await world()
      w.clock.advance(5 * MINUTE)
      w.clock.nextTotpStep()
      w.clock.advance(seconds * SECOND)
      return w
    }
    it.each([
      ['accepts a code one step old', -30, true],
      ['accepts a code one step new', 30, true],
      ['refuses a code two steps old', -60, false],
      ['refuses a code two steps new', 60, false],
    ] as const)('%s', async (_rule, offset, accepted) => {
      const { core, clock, ivy } = await at()
      const code = await codeNow(ivy, clock, offset * SECOND)
      const result = await attempt(core, fromWindow('ivy-window'), { username: 'ivy', password: ivy.password, code })
      if (accepted) allowed(result)
      else refused(result, 'INVALID_CREDENTIALS')
    })
  })

  it('answers an unknown username exactly as it answers a wrong password', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    const code = await codeNow(ivy, clock)
    const unknown = refused(await attempt(core, fromWindow('w'), { username: 'nobody', password: ivy.password, code }), 'INVALID_CREDENTIALS')
    const wrongPassword = refused(
      await attempt(core, fromWindow('w'), { username: 'ivy', password: 'not her password at all', code }),
      'INVALID_CREDENTIALS',
    )
    expect(unknown).toEqual(wrongPassword)
    expect(unknown.message).toBe('The username, password or authenticator code is not correct.')
  })

  it('answers a wrong code with the right password as INVALID_CREDENTIALS too', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    const wrong = (Number(await codeNow(ivy, clock)) + 1).toString().padStart(6, '0').slice(-6)
    refused(await attempt(core, fromWindow('w'), { username: 'ivy', password: ivy.password, code: wrong }), 'INVALID_CREDENTIALS')
  })
})

describe('lockout', () => {
  const wrong = (ivy: Person) => ({ username: 'ivy', password: `${ivy.password} typo`, code: '000000' })

  it('locks the account after 5 failed sign-ins within 15 minutes', async () => {
    const { core, clock, ivy, asAdmin } = await world()
    const call = fromWindow('ivy-window')
    for (let i = 1; i <= 4; i++) {
      refused(await attempt(core, call, wrong(ivy)), 'INVALID_CREDENTIALS')
      clock.advance(3 * MINUTE)
    }
    clock.advance(2 * MINUTE + 59 * SECOND) // the fifth failure comes 14 min 59 s after the first
    const locked = refused(await attempt(core, call, wrong(ivy)), 'ACCOUNT_LOCKED')

    expect(locked.message).toBe(
      'This account is now locked after 5 failed sign-ins within 15 minutes. An ALPR Administrator must release it.',
    )
    expect((await userRecord(asAdmin, 'ivy')).lockedAt).toBe(clock.now())
  })

  it('counts wrong codes with the right password as failures too', async () => {
    const { core, clock, ivy } = await world()
    clock.nextTotpStep()
    const stale = await codeNow(ivy, clock, -5 * MINUTE)
    for (let i = 1; i <= 4; i++) {
      refused(await attempt(core, fromWindow('w'), { username: 'ivy', password: ivy.password, code: stale }), 'INVALID_CREDENTIALS')
    }
    refused(await attempt(core, fromWindow('w'), { username: 'ivy', password: ivy.password, code: stale }), 'ACCOUNT_LOCKED')
  })

  it('does not lock when the failures are spread over more than 15 minutes', async () => {
    const { core, clock, ivy, asAdmin } = await world()
    for (let i = 1; i <= 5; i++) {
      refused(await attempt(core, fromWindow('w'), wrong(ivy)), 'INVALID_CREDENTIALS')
      clock.advance(4 * MINUTE) // failures at 0, 4, 8, 12 and 16 minutes
    }
    expect((await userRecord(asAdmin, 'ivy')).lockedAt).toBeNull()
    allowed(await signIn(core, fromWindow('w'), clock, ivy))
  })

  it('starts counting again after a successful sign-in', async () => {
    const { core, clock, ivy } = await world()
    for (let i = 1; i <= 4; i++) refused(await attempt(core, fromWindow('w'), wrong(ivy)), 'INVALID_CREDENTIALS')
    allowed(await signIn(core, fromWindow('w'), clock, ivy))
    for (let i = 1; i <= 4; i++) refused(await attempt(core, fromWindow('w'), wrong(ivy)), 'INVALID_CREDENTIALS')
  })

  it('keeps a locked account locked, even with the right password and code, until an administrator releases it', async () => {
    const { core, clock, ivy, admin, asAdmin } = await world()
    for (let i = 1; i <= 5; i++) await attempt(core, fromWindow('w'), wrong(ivy))

    clock.advance(3 * HOUR)
    refused(await signIn(core, fromWindow('w'), clock, ivy), 'ACCOUNT_LOCKED')

    allowed(await signIn(core, admin.call, clock, admin)) // the administrator's own session went idle meanwhile
    expect((await userRecord(asAdmin, 'ivy')).lockedAt).not.toBeNull()
    const released = allowed<UserRecord>(await asAdmin('users.releaseLockout', { userId: ivy.id }))
    expect(released.lockedAt).toBeNull()
    allowed(await signIn(core, fromWindow('w'), clock, ivy))
  })

  it('gives a release the next 4 failures before locking again', async () => {
    const { core, ivy, asAdmin } = await world()
    for (let i = 1; i <= 5; i++) await attempt(core, fromWindow('w'), wrong(ivy))
    allowed(await asAdmin('users.releaseLockout', { userId: ivy.id }))
    for (let i = 1; i <= 4; i++) refused(await attempt(core, fromWindow('w'), wrong(ivy)), 'INVALID_CREDENTIALS')
    refused(await attempt(core, fromWindow('w'), wrong(ivy)), 'ACCOUNT_LOCKED')
  })

  it('does not let someone without users.manage release a lockout', async () => {
    const { core, clock, admin, ivy } = await world()
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    for (let i = 1; i <= 5; i++) await attempt(core, fromWindow('w'), wrong(ivy))
    const asSam = fromWindow('sam-window')
    allowed(await signIn(core, asSam, clock, sam))
    refused(await core.dispatch(asSam, 'users.releaseLockout', { userId: ivy.id }), 'PERMISSION_DENIED')
    refused(await signIn(core, fromWindow('w'), clock, ivy), 'ACCOUNT_LOCKED')
  })

  it('ends the session of a user whose account gets locked from another window', async () => {
    const { core, clock, admin } = await world()
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const samWindow = fromWindow('sam-window')
    allowed(await signIn(core, samWindow, clock, sam))
    for (let i = 1; i <= 5; i++) {
      await attempt(core, fromWindow('elsewhere'), { username: 'sam', password: 'guessing at it', code: '123456' })
    }
    refused(await core.dispatch(samWindow, 'users.list', {}), 'ACCOUNT_LOCKED')
    refused(await core.dispatch(samWindow, 'users.list', {}), 'NOT_AUTHENTICATED')
  })
})

describe('password rules at account creation', () => {
  it.each([
    ['shorter than 12 characters', 'Tr0ub4dor&3!'.slice(0, 11), 'Use at least 12 characters.'],
    ['on the common-password list', 'Password1234', 'This password is on the list of common or breached passwords.'],
    ['common once digits and symbols are removed', 'letmein!!2024', 'This password is on the list of common or breached passwords.'],
    ['containing the person’s last name', 'orchard-smith-lantern', 'Do not include your name or username.'],
    ['containing the username', 'xx-jsmith-orchard-lantern', 'Do not include your name or username.'],
    ['made of one repeated character', 'zzzzzzzzzzzzzzzz', 'Do not use a repeated character or a simple sequence.'],
  ])('refuses a password %s with WEAK_PASSWORD and the reason', async (_rule, password, reason) => {
    const { asAdmin } = await world()
    const result = await asAdmin('users.create', {
      username: 'jsmith',
      displayName: 'Jordan Smith',
      agency: ADMIN.agency,
      unit: 'Patrol',
      roles: ['dispatcher'],
      password,
      trainingCompletedOn: '2026-01-10',
      classification: 'Police Officer', // authorized when the helpers created ivy
    })
    const error = refused(result, 'WEAK_PASSWORD')
    expect(error.details?.password).toContain(reason)
    expect(allowed<UserRecord[]>(await asAdmin('users.list')).map((u) => u.username)).toEqual(['aadmin', 'ivy'])
  })

  it('refuses a weak password for the first administrator too', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const error = refused(
      await sender(core, fromWindow('kiosk'))('setup.begin', { ...ADMIN, password: 'sheriff123', trainingCompletedOn: '2026-01-05' }),
      'WEAK_PASSWORD',
    )
    expect(error.details?.password).toBe(
      'Use at least 12 characters. This password is on the list of common or breached passwords.',
    )
  })

  it('accepts a long passphrase that breaks no rule', async () => {
    const { core, admin, clock } = await world()
    const person = await createPerson(core, admin, clock, {
      username: 'jsmith',
      displayName: 'Jordan Smith',
      roles: ['dispatcher'],
      password: 'granite kettle meadow 9',
    })
    allowed(await signIn(core, fromWindow('jordan'), clock, person))
  })
})

describe('authenticator enrollment', () => {
  it('does not let a new user sign in before the authenticator is confirmed (TOTP_NOT_ENROLLED)', async () => {
    const { core, clock, admin, asAdmin } = await world()
    const enrollment = await beginPerson(core, admin, clock, { username: 'newbie', displayName: 'Nora Newbie', roles: ['dispatcher'] })
    clock.nextTotpStep()
    const code = await totpCodeAt(enrollment.secret, clock.now())

    refused(await attempt(core, fromWindow('n'), { username: 'newbie', password: 'violet lantern orchard 42', code }), 'TOTP_NOT_ENROLLED')
    refused(await attempt(core, fromWindow('n'), { username: 'newbie', password: 'a wrong password here', code }), 'INVALID_CREDENTIALS')
    expect((await userRecord(asAdmin, 'newbie')).totpEnrolled).toBe(false)

    allowed(await asAdmin('users.confirmEnrollment', { userId: enrollment.userId, code }))
    expect((await userRecord(asAdmin, 'newbie')).totpEnrolled).toBe(true)
    allowed(await signIn(core, fromWindow('n'), clock, { username: 'newbie', password: 'violet lantern orchard 42', secret: enrollment.secret }))
  })

  it('does not confirm an enrollment with a code from some other authenticator', async () => {
    const { core, clock, admin, asAdmin, ivy } = await world()
    const enrollment = await beginPerson(core, admin, clock, { username: 'newbie', displayName: 'Nora Newbie', roles: ['dispatcher'] })
    refused(await asAdmin('users.confirmEnrollment', { userId: enrollment.userId, code: await codeNow(ivy, clock) }), 'INVALID_CREDENTIALS')
    expect((await userRecord(asAdmin, 'newbie')).totpEnrolled).toBe(false)
  })

  it('makes the old authenticator stop working and ends the user’s session when an administrator resets it', async () => {
    const { core, clock, ivy, asAdmin } = await world()
    const ivyWindow = fromWindow('ivy-window')
    allowed(await signIn(core, ivyWindow, clock, ivy))

    const enrollment = allowed<Enrollment>(await asAdmin('users.resetTotp', { userId: ivy.id }))

    expect(enrollment.secret).not.toBe(ivy.secret)
    expect(allowed(await core.dispatch(ivyWindow, 'auth.session', {}))).toBeNull()
    refused(await signIn(core, ivyWindow, clock, ivy), 'TOTP_NOT_ENROLLED')

    allowed(await asAdmin('users.confirmEnrollment', { userId: ivy.id, code: await codeNow({ ...ivy, secret: enrollment.secret }, clock) }))
    refused(await signIn(core, ivyWindow, clock, ivy), 'INVALID_CREDENTIALS')
    allowed(await signIn(core, ivyWindow, clock, { ...ivy, secret: enrollment.secret }))
  })

  it('does not let administrators reset their own authenticator, which would leave them unable to sign in', async () => {
    const { admin, asAdmin } = await world()
    refused(await asAdmin('users.resetTotp', { userId: admin.id }), 'CONFLICT')
    allowed(await asAdmin('users.list'))
  })
})
