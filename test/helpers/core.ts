// Driving a real core the way the renderer does: calls from a window, first-run setup, accounts, sign-in.
// Codes come from the real TOTP algorithm at the test clock's time; nothing is stubbed.
import { expect } from 'vitest'
import type { Core } from '../../src/main/core/app/create-core'
import type { CallContext } from '../../src/main/core/access/types'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import type { AppErrorData, ErrorCode, Result } from '../../src/shared/errors'
import type { AccessLogEntry, Enrollment, SessionInfo, UserRecord } from '../../src/shared/models'
import type { Role } from '../../src/shared/roles'
import { DAY } from '../../src/main/core/clock'
import { APP_ORIGIN } from './lab'
import { isoDay, type TestClock } from './clock'

/** A call from the app's own main frame in window `senderId`. */
export const fromWindow = (senderId: string): CallContext => ({ senderId, origin: APP_ORIGIN, isMainFrame: true })

export type Send = (channel: string, input?: unknown) => Promise<Result<unknown>>
export const sender = (core: Core, call: CallContext): Send => (channel, input = {}) => core.dispatch(call, channel, input)

export function allowed<T>(result: Result<unknown>): T {
  if (!result.ok) expect.fail(`expected the call to be allowed, but it was refused: ${JSON.stringify(result.error)}`)
  return result.value as T
}

export function refused(result: Result<unknown>, code: ErrorCode): AppErrorData {
  if (result.ok) expect.fail(`expected ${code}, but the call was allowed: ${JSON.stringify(result.value)}`)
  expect(result.error.code).toBe(code)
  return result.error
}

export interface Person {
  id: string
  username: string
  displayName: string
  password: string
  /** The authenticator secret (base32). */
  secret: string
}

export interface Administrator extends Person {
  call: CallContext
  session: SessionInfo
}

export const ADMIN = {
  agencyName: 'Springfield Police Department',
  username: 'aadmin',
  displayName: 'Alice Admin',
  agency: 'Springfield Police Department',
  unit: 'Records',
  password: 'correct horse battery',
}

/**
 * First-run setup from window `admin-window`: setup.begin, then setup.complete with the code the new
 * authenticator shows now. Leaves the administrator signed in there.
 */
export async function setUpAdministrator(
  core: Core,
  clock: TestClock,
  overrides: Partial<typeof ADMIN & { trainingCompletedOn: string; senderId: string }> = {},
): Promise<Administrator> {
  const { senderId = 'admin-window', ...fields } = overrides
  const call = fromWindow(senderId)
  const send = sender(core, call)
  const input = { ...ADMIN, trainingCompletedOn: isoDay(clock.now() - 28 * DAY), ...fields }
  const enrollment = allowed<Enrollment>(await send('setup.begin', input))
  const code = await totpCodeAt(enrollment.secret, clock.now())
  const session = allowed<SessionInfo>(await send('setup.complete', { code, bannerAcknowledged: true }))
  return {
    id: session.user.id,
    username: input.username,
    displayName: input.displayName,
    password: input.password,
    secret: enrollment.secret,
    call,
    session,
  }
}

export interface NewPerson {
  username: string
  displayName: string
  roles: Role[]
  password?: string
  trainingCompletedOn?: string
  unit?: string
  /** Job classification; authorized through the real channel the first time a core sees it. */
  classification?: string
}

/** The job classification people created by the helpers hold unless a test names another. */
export const DEFAULT_CLASSIFICATION = 'Police Officer'

/** Classifications already put on each core's authorized list by the helpers. */
const authorizedByHelper = new WeakMap<Core, Set<string>>()

/** An administrator creates the account and the person confirms their authenticator with one code. */
export async function createPerson(core: Core, admin: Administrator, clock: TestClock, person: NewPerson): Promise<Person> {
  const enrollment = await beginPerson(core, admin, clock, person)
  const code = await totpCodeAt(enrollment.secret, clock.now())
  allowed<UserRecord>(await sender(core, admin.call)('users.confirmEnrollment', { userId: enrollment.userId, code }))
  return {
    id: enrollment.userId!,
    username: person.username,
    displayName: person.displayName,
    password: person.password ?? 'violet lantern orchard 42',
    secret: enrollment.secret,
  }
}

/** Creates the account only: its authenticator is not yet confirmed. */
export async function beginPerson(core: Core, admin: Administrator, clock: TestClock, person: NewPerson): Promise<Enrollment> {
  const classification = person.classification ?? DEFAULT_CLASSIFICATION
  const known = authorizedByHelper.get(core) ?? new Set<string>()
  authorizedByHelper.set(core, known)
  if (!known.has(classification)) {
    allowed(await sender(core, admin.call)('accounts.setClassification', { name: classification, authorized: true }))
    known.add(classification)
  }
  return allowed<Enrollment>(
    await sender(core, admin.call)('users.create', {
      username: person.username,
      displayName: person.displayName,
      agency: ADMIN.agency,
      unit: person.unit ?? 'Investigations',
      roles: person.roles,
      password: person.password ?? 'violet lantern orchard 42',
      trainingCompletedOn: person.trainingCompletedOn ?? isoDay(clock.now() - 28 * DAY),
      classification,
    }),
  )
}

/** Waits for the next authenticator step, then signs in with password and that step's code. */
export async function signIn(
  core: Core,
  call: CallContext,
  clock: TestClock,
  person: Pick<Person, 'username' | 'password' | 'secret'>,
): Promise<Result<unknown>> {
  clock.nextTotpStep()
  const code = await totpCodeAt(person.secret, clock.now())
  return core.dispatch(call, 'auth.signIn', { username: person.username, password: person.password, code, bannerAcknowledged: true })
}

/** The newest access-log entry, read straight from the store. */
export async function lastLogEntry(core: Core): Promise<AccessLogEntry> {
  const [entry] = await core.store.accessLog.list(1)
  if (!entry) expect.fail('the access log is empty')
  return entry
}
