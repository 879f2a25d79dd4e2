// Handlers of user administration in the foundation: accounts with roles, enrollment, TOTP reset, lockout release.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { buildEnrollment, newTotpSecret, verifyTotp } from '../auth/totp'
import { enrollmentIssuer, prepareAccount, requireAuthorizedClassification } from './new-account'
import { toUserRecord } from './records'

type UserHandlers = Pick<
  Handlers,
  'users.list' | 'users.create' | 'users.confirmEnrollment' | 'users.resetTotp' | 'users.releaseLockout'
>

export function userHandlers({ store, sessions }: Services): UserHandlers {
  const requireUser = async (id: string) => {
    const user = await store.users.getById(id)
    if (!user || user.status === 'deleted') throw new AppError('NOT_FOUND', 'No account with that id exists.')
    return user
  }

  return {
    'users.list': async (_input, ctx) => (await store.users.list()).map((u) => toUserRecord(u, ctx.settings)),

    'users.create': async (input, ctx) => {
      await requireAuthorizedClassification(store, input.classification)
      const prepared = await prepareAccount(input, ctx.settings, ctx.now)
      const user = await store.users.create({
        ...prepared,
        username: input.username,
        displayName: input.displayName,
        agency: input.agency,
        unit: input.unit,
        roles: input.roles,
        classification: input.classification,
        createdAt: ctx.now,
        approvedBy: ctx.user!.id,
      })
      ctx.note({ createdUserId: user.id })
      return buildEnrollment(prepared.totpPendingSecret, {
        userId: user.id,
        username: user.username,
        issuer: enrollmentIssuer(ctx.settings),
      })
    },

    'users.confirmEnrollment': async ({ userId, code }, ctx) => {
      const user = await requireUser(userId)
      if (!user.totpPendingSecret) throw new AppError('ENROLLMENT_NOT_STARTED')
      const step = await verifyTotp(user.totpPendingSecret, code, ctx.now)
      if (step === null) throw new AppError('INVALID_CREDENTIALS', 'That code does not match the new authenticator.')
      if (!(await store.users.confirmTotp(user.id, user.totpPendingSecret, step))) throw new AppError('CONFLICT')
      return toUserRecord((await store.users.getById(user.id))!, ctx.settings)
    },

    'users.resetTotp': async ({ userId }, ctx) => {
      if (userId === ctx.user!.id) {
        // Resetting your own would sign you out with no authenticator left to sign back in.
        throw new AppError('CONFLICT', 'Another administrator must reset your own authenticator.')
      }
      const user = await requireUser(userId)
      const secret = newTotpSecret()
      await store.users.resetTotp(user.id, secret)
      sessions.endForUser(user.id)
      return buildEnrollment(secret, { userId: user.id, username: user.username, issuer: enrollmentIssuer(ctx.settings) })
    },

    'users.releaseLockout': async ({ userId }, ctx) => {
      const user = await requireUser(userId)
      await store.users.releaseLockout(user.id)
      return toUserRecord((await store.users.getById(user.id))!, ctx.settings)
    },
  }
}
