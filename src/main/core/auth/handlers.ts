// Handlers for signing in, unlocking, signing out and reading the current session.
// These channels are public: they run their own checks (device approval, credentials, eligibility).
import { AppError } from '../errors'
import type { Handlers, HandlerContext } from '../access/types'
import type { Services } from '../app/services'
import { enforceEligibility, ineligibilityError } from '../access/eligibility'
import { sessionLimits, subjectOf } from '../access/guard'
import { toSessionInfo } from '../users/records'
import { checkCredentials } from './credentials'
import { decoyHash, verifyPassword } from './password'

type AuthHandlers = Pick<Handlers, 'auth.session' | 'auth.signIn' | 'auth.unlock' | 'auth.activity' | 'auth.signOut'>

export function requireApprovedDevice(ctx: HandlerContext): void {
  if (ctx.device.status === 'revoked') throw new AppError('DEVICE_REVOKED')
  if (ctx.device.status !== 'approved') throw new AppError('DEVICE_NOT_APPROVED')
}

export function authHandlers(services: Services): AuthHandlers {
  const { store, sessions } = services

  return {
    'auth.session': async (_input, ctx) => {
      const looked = sessions.lookup(ctx.call.senderId, ctx.now, sessionLimits(ctx.settings))
      if (looked.kind !== 'active' && looked.kind !== 'locked') return null
      const user = await store.users.getById(looked.session.userId)
      if (!user) return null
      ctx.identify(subjectOf(user))
      return toSessionInfo(looked.session, user, ctx.settings)
    },

    'auth.signIn': async ({ username, password, code }, ctx) => {
      ctx.identify({ userId: null, username, agency: null, unit: null })
      requireApprovedDevice(ctx)
      const user = await store.users.getByUsername(username)
      if (!user || user.status === 'deleted') {
        await verifyPassword(password, await decoyHash())
        throw new AppError('INVALID_CREDENTIALS')
      }
      ctx.identify(subjectOf(user))
      await checkCredentials(services, user, password, code, ctx.now, ctx.settings)
      const ineligible = await enforceEligibility(store, user, ctx.settings, ctx.now)
      if (ineligible) throw ineligibilityError(user, ineligible)
      const session = sessions.start(ctx.call.senderId, user.id, ctx.now)
      return toSessionInfo(session, user, ctx.settings)
    },

    'auth.unlock': async ({ password, code }, ctx) => {
      const looked = sessions.lookup(ctx.call.senderId, ctx.now, sessionLimits(ctx.settings))
      if (looked.kind === 'none') throw new AppError('NOT_AUTHENTICATED')
      if (looked.kind === 'expired') throw new AppError('SESSION_EXPIRED')
      const user = await store.users.getById(looked.session.userId)
      if (!user) throw new AppError('NOT_AUTHENTICATED')
      ctx.identify(subjectOf(user))
      requireApprovedDevice(ctx)
      try {
        await checkCredentials(services, user, password, code, ctx.now, ctx.settings)
      } catch (error) {
        if (AppError.isAppError(error) && error.code === 'ACCOUNT_LOCKED') sessions.end(ctx.call.senderId)
        throw error
      }
      const ineligible = await enforceEligibility(store, user, ctx.settings, ctx.now)
      if (ineligible) {
        sessions.end(ctx.call.senderId)
        throw ineligibilityError(user, ineligible)
      }
      sessions.unlock(looked.session, ctx.now)
      return toSessionInfo(looked.session, user, ctx.settings)
    },

    // The guard has already refused a locked or expired session and touched an active one.
    'auth.activity': async (_input, ctx) => toSessionInfo(ctx.session!, ctx.user!, ctx.settings),

    'auth.signOut': async (_input, ctx) => {
      const looked = sessions.lookup(ctx.call.senderId, ctx.now, sessionLimits(ctx.settings))
      if (looked.kind !== 'none') {
        const user = await store.users.getById(looked.session.userId)
        if (user) ctx.identify(subjectOf(user))
      }
      sessions.end(ctx.call.senderId)
      return null
    },
  }
}
