// Handlers that work before anyone has signed in: system status with the banner, and first-run setup,
// which creates the first ALPR Administrator with a confirmed authenticator and approves this workstation.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { useBanner } from '../app/banner'
import { toDeviceInfo } from '../devices/records'
import { buildEnrollment, verifyTotp } from '../auth/totp'
import { enrollmentIssuer, prepareAccount } from '../users/new-account'
import type { NewUser } from '../store/repositories/users'
import { toSessionInfo } from '../users/records'
import { subjectOf } from '../access/guard'

type SetupHandlers = Pick<Handlers, 'system.status' | 'setup.begin' | 'setup.complete'>

interface PendingSetup {
  admin: NewUser
  agencyName: string
  startedAt: number
}

const PENDING_SETUP_MS = 15 * 60_000

export function setupHandlers(services: Services): SetupHandlers {
  const { store, sessions } = services
  /** Setups waiting for their first code, per sender; never written to disk. */
  const pending = new Map<string, PendingSetup>()

  return {
    'system.status': async (_input, ctx) => {
      const done = await store.setup.isComplete()
      return {
        setupRequired: !done,
        agencyName: done ? ctx.settings.agencyName : null,
        device: toDeviceInfo(ctx.device, ctx.device.id),
        banner: useBanner(done ? ctx.settings.agencyName : null),
      }
    },

    'setup.begin': async (input, ctx) => {
      ctx.identify({ userId: null, username: input.username, agency: input.agency, unit: input.unit })
      if (await store.setup.isComplete()) throw new AppError('SETUP_ALREADY_DONE')
      const prepared = await prepareAccount(input, ctx.settings, ctx.now)
      const admin: NewUser = {
        ...prepared,
        username: input.username,
        displayName: input.displayName,
        agency: input.agency,
        unit: input.unit,
        roles: ['administrator'],
        // The first administrator's job classification is the custodian's title; setup puts it on the
        // authorized list (DOMAIN.md: an account without an authorized classification has no access).
        classification: ctx.settings.administratorTitle,
        createdAt: ctx.now,
        approvedBy: null,
      }
      pending.set(ctx.call.senderId, { admin, agencyName: input.agencyName, startedAt: ctx.now })
      return buildEnrollment(admin.totpPendingSecret, {
        userId: null,
        username: admin.username,
        issuer: enrollmentIssuer({ ...ctx.settings, agencyName: input.agencyName }),
      })
    },

    'setup.complete': async ({ code }, ctx) => {
      const setup = pending.get(ctx.call.senderId)
      if (!setup || ctx.now - setup.startedAt > PENDING_SETUP_MS) {
        pending.delete(ctx.call.senderId)
        throw new AppError('ENROLLMENT_NOT_STARTED')
      }
      ctx.identify({ userId: null, username: setup.admin.username, agency: setup.admin.agency, unit: setup.admin.unit })
      const step = await verifyTotp(setup.admin.totpPendingSecret, code, ctx.now)
      if (step === null) {
        throw new AppError('INVALID_CREDENTIALS', 'That code does not match the new authenticator. Check the device’s clock and try the current code.')
      }
      const admin = await store.setup.complete({
        admin: setup.admin,
        firstStep: step,
        deviceId: ctx.device.id,
        agencyName: setup.agencyName,
        at: ctx.now,
      })
      pending.delete(ctx.call.senderId)
      ctx.identify(subjectOf(admin))
      const session = sessions.start(ctx.call.senderId, admin.id, ctx.now)
      return toSessionInfo(session, admin, { ...ctx.settings, agencyName: setup.agencyName })
    },
  }
}
