// The guard every IPC call passes through, in DESIGN.md's order: sender → session → device → account and
// permission → purpose → schema → handler → access log. It answers a Result; refusals are typed codes.
// A call whose log entry cannot be written is answered as a failure, so nothing is returned unlogged.
import type { Result } from '../../../shared/errors'
import { MONITORING_PURPOSE } from '../../../shared/contract/define'
import { rolesGrant } from '../../../shared/roles'
import type { Clock } from '../clock'
import { AppError } from '../errors'
import type { SessionManager } from '../auth/sessions'
import type { Store } from '../store'
import { resolveSettings } from '../settings/definitions'
import type { UserRow } from '../store/repositories/users'
import { dataElementsOf } from './data-elements'
import { enforceEligibility, ineligibilityError } from './eligibility'
import { validatePurpose } from './purpose'
import type { AnyContract, CallContext, Handler, HandlerContext, LogSubject } from './types'

export interface GuardDeps {
  store: Store
  clock: Clock
  sessions: SessionManager
  /** This workstation's device id. */
  deviceId: string
  /** The only origin whose main frame may call (app://alpr, or the harness's origin). */
  appOrigin: string
  /** Where unexpected failures are reported for operators (never includes the call's input). */
  reportFailure?: (channel: string, error: unknown) => void
}

export type Dispatch = (call: CallContext, channel: string, input: unknown) => Promise<Result<unknown>>

const END_SESSION_CODES = new Set(['ACCOUNT_INACTIVE', 'CLASSIFICATION_NOT_AUTHORIZED', 'ACCOUNT_SUSPENDED', 'ACCOUNT_LOCKED', 'DEVICE_NOT_APPROVED', 'DEVICE_REVOKED'])

export function createDispatcher<C extends AnyContract>(
  contract: C,
  handlers: { [K in keyof C]: Handler<never, unknown> },
  deps: GuardDeps,
): Dispatch {
  const { store, clock, sessions } = deps

  return async function dispatch(call, channel, rawInput) {
    const now = clock.now()
    let subject: LogSubject | null = null
    let purpose: string | null = null
    const notes: Record<string, unknown> = {}
    let result: Result<unknown>
    let failure: unknown = null
    let logMessage: string | null = null

    try {
      // 1. Sender: only the app's own main frame.
      if (!call.isMainFrame || call.origin !== deps.appOrigin) throw new AppError('BAD_SENDER')
      if (!Object.prototype.hasOwnProperty.call(contract, channel)) throw new AppError('UNKNOWN_CHANNEL')
      const def = contract[channel]!
      const settings = resolveSettings(await store.settings.all())
      const device = await store.devices.get(deps.deviceId)
      if (!device) throw new AppError('DEVICE_NOT_APPROVED')

      let user: UserRow | null = null
      const looked = def.access === 'public' ? null : sessions.lookup(call.senderId, now, sessionLimits(settings))
      if (looked) {
        // 2. Session bound to this sender.
        if (looked.kind === 'none') throw new AppError('NOT_AUTHENTICATED')
        user = await store.users.getById(looked.session.userId)
        if (user) subject = subjectOf(user)
        if (looked.kind === 'expired') throw new AppError('SESSION_EXPIRED')
        if (looked.kind === 'locked') throw new AppError('SESSION_LOCKED')
        if (!user) {
          sessions.end(call.senderId)
          throw new AppError('NOT_AUTHENTICATED')
        }
        try {
          // 3. Device approved as agency-issued.
          if (device.status !== 'approved') throw new AppError(device.status === 'revoked' ? 'DEVICE_REVOKED' : 'DEVICE_NOT_APPROVED')
          // 4. Account eligible, and its roles grant the channel's permission.
          const ineligible = await enforceEligibility(store, user, settings, now)
          if (ineligible) throw ineligibilityError(user, ineligible)
        } catch (error) {
          if (AppError.isAppError(error) && END_SESSION_CODES.has(error.code)) sessions.end(call.senderId)
          throw error
        }
        if (def.access !== 'public' && def.access !== 'session' && !rolesGrant(user.roles, def.access)) throw new AppError('PERMISSION_DENIED')
      }

      // 5. Purpose, for every access to ALPR information.
      const validPurpose = def.alprAccess ? validatePurpose(purposeOf(rawInput), settings) : null
      purpose = validPurpose?.text ?? (def.monitoring ? MONITORING_PURPOSE : null)

      // 6. Schema: unknown fields and bad values are refused with the field that failed.
      const parsed = def.input.safeParse(rawInput ?? {})
      if (!parsed.success) {
        const details: Record<string, string> = {}
        for (const issue of parsed.error.issues) {
          const at = issue.path.join('.')
          if (issue.code === 'unrecognized_keys') {
            for (const key of issue.keys) details[at ? `${at}.${key}` : key] ??= 'Not a field of this request.'
          } else {
            details[at || '(input)'] ??= issue.message
          }
        }
        throw new AppError('INVALID_INPUT', undefined, details)
      }

      // 7. The handler. A call that passed every check is the person's activity (status reads are not).
      if (looked?.kind === 'active' && def.touchesSession) sessions.touch(looked.session, now)
      const ctx: HandlerContext = {
        call,
        now,
        settings,
        device,
        session: looked?.kind === 'active' ? looked.session : null,
        user,
        purpose,
        identify: (s) => (subject = s),
        note: (elements) => Object.assign(notes, elements),
      }
      const value = await (handlers[channel] as Handler<unknown, unknown>)(parsed.data, ctx)
      // For the inactivity rule: an access to ALPR information is recorded as such (it is what counts for
      // accounts holding ALPR permissions, per the policy), and any permitted action as use of the account
      // (what counts for administrator- or auditor-only accounts, so the custodian is not suspended for
      // doing administration). Sign-in, status polls and activity pings are neither.
      if (user && def.access !== 'public' && def.access !== 'session') {
        if (def.alprAccess || def.monitoring) await store.users.recordAlprAccess(user.id, now)
        else await store.users.recordUse(user.id, now)
      }
      result = { ok: true, value }
    } catch (error) {
      if (AppError.isAppError(error)) {
        result = { ok: false, error: error.toData() }
        logMessage = error.logMessage ?? error.message
      } else {
        failure = error
        result = { ok: false, error: new AppError('INTERNAL').toData() }
      }
    }

    // 8. The access log: every call, allowed or refused.
    try {
      await store.accessLog.append({
        at: now,
        userId: subject?.userId ?? null,
        username: subject?.username ?? null,
        agency: subject?.agency ?? null,
        unit: subject?.unit ?? null,
        deviceId: deps.deviceId,
        channel: channel.slice(0, 100),
        dataElements: { ...dataElementsOf(rawInput), ...notes },
        purpose,
        outcome: result.ok ? 'allowed' : failure ? 'failed' : 'refused',
        code: result.ok ? null : result.error.code,
        message: result.ok ? null : failure ? String((failure as Error)?.message ?? failure).slice(0, 500) : logMessage,
      })
    } catch (error) {
      deps.reportFailure?.('access-log', error)
      return { ok: false, error: new AppError('INTERNAL', 'The access could not be recorded, so it was not carried out.').toData() }
    }
    if (failure) deps.reportFailure?.(channel, failure)
    return result
  }
}

export const subjectOf = (user: UserRow): LogSubject => ({
  userId: user.id,
  username: user.username,
  agency: user.agency,
  unit: user.unit,
})

export const sessionLimits = (settings: { sessionIdleMinutes: number; sessionMaxHours: number }) => ({
  idleMs: settings.sessionIdleMinutes * 60_000,
  maxAgeMs: settings.sessionMaxHours * 3_600_000,
})

const purposeOf = (input: unknown): unknown =>
  input !== null && typeof input === 'object' ? (input as { purpose?: unknown }).purpose : undefined
