// Sessions (DOMAIN.md "Signing in"): bound to one window, locked after 30 idle minutes until the same
// user re-enters password and a new code, ended 12 hours after sign-in whatever the activity, and on sign-out.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { START, TestClock } from '../../helpers/clock'
import { allowed, fromWindow, lastLogEntry, refused, sender, setUpAdministrator } from '../../helpers/core'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import { HOUR, MINUTE } from '../../../src/main/core/clock'
import type { SessionInfo, UserRecord } from '../../../src/shared/models'

const lab = useLab()
const SECOND = 1000

/** The first administrator, signed in at START in `admin-window`. */
async function world() {
  const clock = new TestClock()
  const dataDir = lab.tempDir()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  const send = sender(core, admin.call)
  const freshCode = async () => {
    clock.nextTotpStep()
    return totpCodeAt(admin.secret, clock.now())
  }
  return { clock, core, admin, send, freshCode, dataDir }
}

describe('the idle lock', () => {
  it('locks a session after 30 minutes without activity', async () => {
    const { clock, core, send } = await world()
    clock.advance(30 * MINUTE)

    refused(await send('users.list'), 'SESSION_LOCKED')

    expect(await lastLogEntry(core)).toMatchObject({ channel: 'users.list', outcome: 'refused', code: 'SESSION_LOCKED', username: 'aadmin' })
    expect(allowed<SessionInfo>(await send('auth.session'))).toMatchObject({ state: 'locked', startedAt: START })
  })

  it('keeps a session open while it is used at least every 30 minutes', async () => {
    const { clock, send } = await world()
    for (let i = 0; i < 4; i++) {
      clock.advance(30 * MINUTE - SECOND)
      allowed(await send('users.list'))
    }
    expect(allowed<SessionInfo>(await send('auth.session'))).toMatchObject({ state: 'active', locksAt: clock.now() + 30 * MINUTE })
  })

  it('counts the person’s keyboard and pointer activity (auth.activity) as use, and answers the new lock time', async () => {
    const { clock, send } = await world()
    clock.advance(29 * MINUTE)
    const info = allowed<SessionInfo>(await send('auth.activity'))
    expect(info).toMatchObject({ state: 'active', locksAt: clock.now() + 30 * MINUTE })
    clock.advance(29 * MINUTE)
    allowed(await send('users.list'))
  })

  it('refuses auth.activity on a locked session: input does not unlock it', async () => {
    const { clock, send } = await world()
    clock.advance(30 * MINUTE)
    refused(await send('auth.activity'), 'SESSION_LOCKED')
    refused(await send('users.list'), 'SESSION_LOCKED')
  })

  it('is lifted by the same user’s password and a new code, and the session carries on', async () => {
    const { clock, send, admin, freshCode } = await world()
    clock.advance(45 * MINUTE)
    refused(await send('users.list'), 'SESSION_LOCKED')

    const unlocked = allowed<SessionInfo>(await send('auth.unlock', { password: admin.password, code: await freshCode() }))

    expect(unlocked).toMatchObject({ state: 'active', startedAt: START, locksAt: clock.now() + 30 * MINUTE, endsAt: START + 12 * HOUR })
    allowed(await send('users.list'))
  })

  it('is not lifted by a wrong password, and stays locked', async () => {
    const { clock, send, freshCode } = await world()
    clock.advance(31 * MINUTE)
    refused(await send('auth.unlock', { password: 'not the right passphrase', code: await freshCode() }), 'INVALID_CREDENTIALS')
    refused(await send('users.list'), 'SESSION_LOCKED')
  })

  it('counts wrong unlock passwords toward the lockout, together with failed sign-ins, and ends the session on lockout', async () => {
    const { clock, core, send, admin, freshCode } = await world()
    clock.advance(31 * MINUTE)
    for (let i = 1; i <= 2; i++) {
      const elsewhere = fromWindow(`elsewhere-${i}`)
      const result = await core.dispatch(elsewhere, 'auth.signIn', { username: 'aadmin', password: 'a bad guess here', code: '111111', bannerAcknowledged: true })
      refused(result, 'INVALID_CREDENTIALS')
    }
    for (let i = 3; i <= 4; i++) refused(await send('auth.unlock', { password: 'still not right', code: await freshCode() }), 'INVALID_CREDENTIALS')

    refused(await send('auth.unlock', { password: 'still not right', code: await freshCode() }), 'ACCOUNT_LOCKED')

    expect(allowed(await send('auth.session'))).toBeNull()
    refused(await send('users.list'), 'NOT_AUTHENTICATED')
    const result = await core.dispatch(admin.call, 'auth.signIn', {
      username: 'aadmin',
      password: admin.password,
      code: await freshCode(),
      bannerAcknowledged: true,
    })
    refused(result, 'ACCOUNT_LOCKED')
  })

  it('does not count auth.session (a status poll) as activity', async () => {
    const { clock, send } = await world()
    clock.advance(20 * MINUTE)
    expect(allowed<SessionInfo>(await send('auth.session'))).toMatchObject({ state: 'active', locksAt: START + 30 * MINUTE })
    clock.advance(10 * MINUTE)
    refused(await send('users.list'), 'SESSION_LOCKED')
  })

  it('does not count system.status as activity either', async () => {
    const { clock, send } = await world()
    clock.advance(20 * MINUTE)
    allowed(await send('system.status'))
    clock.advance(10 * MINUTE)
    refused(await send('users.list'), 'SESSION_LOCKED')
  })
})

describe('the maximum session length', () => {
  it('ends a session 12 hours after sign-in even when it was used all along', async () => {
    const { clock, send } = await world()
    while (clock.now() < START + 12 * HOUR - 20 * MINUTE) {
      clock.advance(20 * MINUTE)
      allowed(await send('users.list'))
    }
    clock.set(START + 12 * HOUR - SECOND)
    allowed(await send('users.list'))
    clock.set(START + 12 * HOUR)

    refused(await send('users.list'), 'SESSION_EXPIRED')

    refused(await send('users.list'), 'NOT_AUTHENTICATED')
    expect(allowed(await send('auth.session'))).toBeNull()
  })

  it('cannot be stretched by unlocking: a session locked near its end expires on time', async () => {
    const { clock, send, admin, freshCode } = await world()
    clock.set(START + 11 * HOUR)
    refused(await send('users.list'), 'SESSION_LOCKED')
    allowed(await send('auth.unlock', { password: admin.password, code: await freshCode() }))
    clock.set(START + 12 * HOUR)
    refused(await send('auth.unlock', { password: admin.password, code: await freshCode() }), 'SESSION_EXPIRED')
    refused(await send('users.list'), 'NOT_AUTHENTICATED')
  })
})

describe('ending and separating sessions', () => {
  it('ends the session on sign-out', async () => {
    const { core, send } = await world()
    allowed(await send('auth.signOut'))
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'auth.signOut', outcome: 'allowed', username: 'aadmin' })
    refused(await send('users.list'), 'NOT_AUTHENTICATED')
    expect(allowed(await send('auth.session'))).toBeNull()
  })

  it('binds a session to its window: another window has none, and signing it out leaves the first alone', async () => {
    const { core, send } = await world()
    const other = sender(core, fromWindow('other-window'))
    refused(await other('users.list'), 'NOT_AUTHENTICATED')
    expect(allowed(await other('auth.session'))).toBeNull()
    allowed(await other('auth.signOut'))
    expect(allowed<UserRecord[]>(await send('users.list'))).toHaveLength(1)
  })

  it('does not let another window unlock a locked session', async () => {
    const { clock, core, admin, freshCode } = await world()
    clock.advance(31 * MINUTE)
    const other = sender(core, fromWindow('other-window'))
    refused(await other('auth.unlock', { password: admin.password, code: await freshCode() }), 'NOT_AUTHENTICATED')
  })

  it('drops the session of a window that went away', async () => {
    const { core, send, admin } = await world()
    core.forgetSender(admin.call.senderId)
    refused(await send('users.list'), 'NOT_AUTHENTICATED')
  })

  it('signs everyone out when the application restarts', async () => {
    const { core, clock, admin, dataDir } = await world()
    await core.close()
    const again = await lab.openCore({ dataDir, clock })
    refused(await sender(again, admin.call)('users.list'), 'NOT_AUTHENTICATED')
  })
})
