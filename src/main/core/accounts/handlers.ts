// Handlers of the account lifecycle and the annual access review (DOMAIN.md, "People and roles").
// Every rule about when an account may be used lives in access/eligibility.ts; these record the decisions.
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { Handlers, HandlerContext } from '../access/types'
import type { Services } from '../app/services'
import type { AccountsOverview, ReviewSession } from '../../../shared/models'
import { ineligibility, suspendInactiveAccounts, trainingExpiresAt } from '../access/eligibility'
import { buildEnrollment } from '../auth/totp'
import { enrollmentIssuer, prepareAccount, requireAuthorizedClassification } from '../users/new-account'
import { renderSignedPdf } from '../documents/signed-pdf'
import { plainDocument } from '../exports/ledger'
import { addMonths } from '../clock'
import { localDate, localNoon } from '../local-time'
import type { UserRow } from '../store/repositories/users'
import type { ReviewSessionRow } from '../store/repositories/accounts'
import { toAccountOverview } from './overview'
import { reviewReportSpec } from './review-report'

type AccountHandlers = Pick<
  Handlers,
  | 'accounts.overview'
  | 'accounts.setClassification'
  | 'accounts.changeClassification'
  | 'accounts.recordTraining'
  | 'accounts.retrainEveryone'
  | 'accounts.suspend'
  | 'accounts.reactivate'
  | 'accounts.depart'
  | 'accounts.request'
  | 'accounts.requests'
  | 'accounts.approveRequest'
  | 'accounts.rejectRequest'
  | 'accounts.startReview'
  | 'accounts.review'
  | 'accounts.exportReview'
>


export function accountHandlers({ store, sessions }: Services): AccountHandlers {
  const requireAccount = async (id: string): Promise<UserRow> => {
    const user = await store.users.getById(id)
    if (!user || user.status === 'deleted') throw new AppError('NOT_FOUND', 'No account with that id exists.')
    return user
  }

  const notYourself = (ctx: HandlerContext, userId: string, what: string): void => {
    if (userId === ctx.user!.id) throw new AppError('CONFLICT', `Another administrator or supervisor must ${what} your own account.`)
  }

  /**
   * Refuses a change that would take away the last active, eligible administrator's access: the agency
   * would be locked out of its own system, with no one left to re-activate anyone.
   */
  const keepsAnAdministrator = async (ctx: HandlerContext, losing: string[], what: string): Promise<void> => {
    const gone = new Set(losing)
    const admins = (await store.users.list()).filter((u) => u.status === 'active' && u.roles.includes('administrator'))
    if (!admins.some((u) => gone.has(u.id))) return
    if (admins.some((u) => !gone.has(u.id) && ineligibility(u, ctx.settings, ctx.now) === null)) return
    throw new AppError(
      'CONFLICT',
      `Refused: ${what} would leave the agency without an active, eligible ALPR Administrator, and no one could manage accounts or settings. Create or re-activate another administrator first.`,
    )
  }

  /** The authorized-classification list as the screens show it. */
  const classificationList = async () =>
    (await store.accounts.classifications()).map((c) => ({ name: c.name, authorized: c.authorized, changedAt: c.changedAt }))

  const overviewOf = async (userId: string, ctx: HandlerContext) => {
    const user = (await store.users.getById(userId))!
    return toAccountOverview(user, await store.accounts.training(userId), ctx.settings, ctx.now)
  }

  const sessionOf = async (row: ReviewSessionRow): Promise<ReviewSession> => {
    const reviews = await store.accounts.reviewsInSession(row.id)
    const names = new Map<string, string>()
    for (const r of reviews) names.set(r.userId, (await store.users.getById(r.userId))?.username ?? r.userId)
    return {
      id: row.id,
      startedAt: row.startedAt,
      startedBy: (await store.users.getById(row.startedBy))?.username ?? row.startedBy,
      decisions: reviews.map((r) => ({
        userId: r.userId,
        username: names.get(r.userId)!,
        decision: r.decision,
        reason: r.reason,
        reviewedAt: r.reviewedAt,
      })),
    }
  }

  const overview = async (ctx: HandlerContext): Promise<AccountsOverview> => {
    // Inactivity suspensions that came due since the last call are recorded first, so the list shows them.
    const suspended = await suspendInactiveAccounts(store, ctx.settings, ctx.now)
    if (suspended > 0) ctx.note({ suspendedForInactivity: suspended })
    const users = await store.users.listAll()
    const accounts = []
    for (const u of users) accounts.push(toAccountOverview(u, await store.accounts.training(u.id), ctx.settings, ctx.now))
    const sessionRows = (await store.accounts.reviewSessions()).slice(0, 20)
    const reviewSessions = []
    for (const row of sessionRows) reviewSessions.push(await sessionOf(row))
    return {
      accounts,
      classifications: await classificationList(),
      retrainingOrders: await store.accounts.retrainingOrders(),
      sessions: reviewSessions,
    }
  }

  return {
    'accounts.overview': async (_input, ctx) => overview(ctx),

    'accounts.setClassification': async ({ name, authorized }, ctx) => {
      if (!authorized) {
        const holders = (await store.users.list()).filter((u) => u.classification === name).map((u) => u.id)
        await keepsAnAdministrator(ctx, holders, `taking authorization away from “${name}”`)
      }
      const suspended = await store.accounts.setClassification(name, authorized, ctx.user!.id, ctx.now)
      for (const id of suspended) sessions.endForUser(id)
      ctx.note({ classification: name, authorized, suspendedUserIds: suspended })
      return classificationList()
    },

    'accounts.changeClassification': async ({ userId, classification }, ctx) => {
      await requireAccount(userId)
      const target = (await store.accounts.classifications()).find((c) => c.name === classification)
      if (target && !target.authorized) await keepsAnAdministrator(ctx, [userId], 'this classification change')
      const { suspended } = await store.accounts.changeClassification(userId, classification, ctx.user!.id, ctx.now)
      if (suspended) sessions.endForUser(userId)
      ctx.note({ userId, classification, suspended })
      return overviewOf(userId, ctx)
    },

    'accounts.recordTraining': async ({ userId, course, completedOn, trainer }, ctx) => {
      notYourself(ctx, userId, 'record training for')
      await requireAccount(userId)
      // Calendar dates in the workstation's time zone, as the form shows them.
      if (completedOn > localDate(ctx.now)) {
        throw new AppError('INVALID_INPUT', undefined, { completedOn: 'The completion date cannot be in the future.' })
      }
      const trainingId = await store.accounts.addTraining({
        userId,
        course,
        completedAt: Math.min(localNoon(completedOn), ctx.now),
        trainer,
        recordedBy: ctx.user!.id,
        recordedAt: ctx.now,
      })
      ctx.note({ userId, trainingId })
      return overviewOf(userId, ctx)
    },

    'accounts.retrainEveryone': async ({ reason, course, trainer }, ctx) => {
      const orderId = await store.accounts.orderRetraining(ctx.user!.id, ctx.now, reason, { course, trainer })
      ctx.note({ retrainingOrderId: orderId })
      return overview(ctx)
    },

    'accounts.suspend': async ({ userId, reason }, ctx) => {
      notYourself(ctx, userId, 'suspend')
      await requireAccount(userId)
      await keepsAnAdministrator(ctx, [userId], 'suspending this account')
      if (!(await store.accounts.suspend(userId, ctx.now, reason, ctx.user!.id))) {
        throw new AppError('CONFLICT', 'That account is already suspended.')
      }
      sessions.endForUser(userId)
      ctx.note({ userId })
      return overviewOf(userId, ctx)
    },

    'accounts.reactivate': async ({ userId, reason }, ctx) => {
      notYourself(ctx, userId, 're-activate')
      const user = await requireAccount(userId)
      if (user.status !== 'suspended' || user.suspendedAt === null) throw new AppError('CONFLICT', 'That account is not suspended.')
      if (user.classificationAuthorized !== true) {
        throw new AppError(
          'CLASSIFICATION_NOT_AUTHORIZED',
          user.classification === null
            ? 'No job classification is recorded for this account; record an authorized one first.'
            : `“${user.classification}” is not an authorized job classification; change it first.`,
        )
      }
      // Training must have been entered after the suspension and be dated no earlier than its (local) day.
      const training = await store.accounts.training(userId)
      const fresh = training.find((t) => t.recordedAt > user.suspendedAt! && localDate(t.completedAt) >= localDate(user.suspendedAt!))
      if (!fresh) throw new AppError('TRAINING_REQUIRED')
      const expires = trainingExpiresAt({ ...user, trainingCompletedAt: fresh.completedAt }, ctx.settings)
      if (expires === null || expires <= ctx.now) throw new AppError('TRAINING_EXPIRED', 'The training recorded after the suspension no longer counts.')
      if (!(await store.accounts.reactivate(userId, ctx.now, ctx.user!.id, reason))) throw new AppError('CONFLICT')
      ctx.note({ userId, trainingId: fresh.id })
      return overviewOf(userId, ctx)
    },

    'accounts.depart': async ({ userId, reason }, ctx) => {
      notYourself(ctx, userId, 'delete')
      const user = await requireAccount(userId)
      await keepsAnAdministrator(ctx, [userId], 'this departure')
      const base = `departed-${user.id.replace(/[^a-z0-9]/gi, '').toLowerCase()}`
      let tombstone = base.slice(0, 17)
      for (let n = 18; (await store.accounts.usernameExists(tombstone)) && n <= base.length; n++) tombstone = base.slice(0, n)
      await store.accounts.depart(user.id, tombstone, ctx.now, ctx.user!.id, reason)
      sessions.endForUser(user.id)
      ctx.note({ userId: user.id, tombstone })
      return overviewOf(user.id, ctx)
    },

    'accounts.request': async (input, ctx) => {
      await requireAuthorizedClassification(store, input.classification)
      const request = await store.accounts.createRequest({
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        agency: input.agency,
        unit: input.unit,
        roles: input.roles,
        classification: input.classification,
        justification: input.justification,
        requestedBy: ctx.user!.id,
        requestedAt: ctx.now,
      })
      ctx.note({ requestId: request.id })
      return request
    },

    'accounts.requests': async () => store.accounts.requests(),

    'accounts.approveRequest': async ({ requestId, password, trainingCompletedOn, course, trainer, reason }, ctx) => {
      const request = await store.accounts.getRequest(requestId)
      if (!request || request.status !== 'pending') throw new AppError('CONFLICT', 'That request is not waiting for a decision.')
      if (request.requestedBy === ctx.user!.id) {
        throw new AppError('CONFLICT', 'A different person must approve this request: whoever requested an account cannot also approve it.')
      }
      await requireAuthorizedClassification(store, request.classification)
      const prepared = await prepareAccount(
        { username: request.username, displayName: request.displayName, password, trainingCompletedOn },
        ctx.settings,
        ctx.now,
      )
      const user = await store.accounts.approveRequest(
        requestId,
        {
          ...prepared,
          trainingCourse: course,
          trainer,
          username: request.username,
          displayName: request.displayName,
          agency: request.agency,
          unit: request.unit,
          roles: request.roles,
          classification: request.classification,
          createdAt: ctx.now,
          approvedBy: ctx.user!.id,
        },
        reason,
      )
      ctx.note({ requestId, createdUserId: user.id })
      return buildEnrollment(prepared.totpPendingSecret, { userId: user.id, username: user.username, issuer: enrollmentIssuer(ctx.settings) })
    },

    'accounts.rejectRequest': async ({ requestId, reason }, ctx) => {
      ctx.note({ requestId })
      return store.accounts.rejectRequest(requestId, ctx.user!.id, ctx.now, reason)
    },

    'accounts.startReview': async (_input, ctx) => {
      const row = await store.accounts.startReviewSession(`AR-${new Date(ctx.now).toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 6).toUpperCase()}`, ctx.user!.id, ctx.now)
      ctx.note({ sessionId: row.id })
      return sessionOf(row)
    },

    'accounts.review': async ({ sessionId, userId, decision, reason }, ctx) => {
      notYourself(ctx, userId, 'review')
      if (!(await store.accounts.reviewSession(sessionId))) throw new AppError('NOT_FOUND', 'No review session with that id exists.')
      const user = await requireAccount(userId)
      if (decision === 'approved' && ineligibility(user, ctx.settings, ctx.now) === 'ACCOUNT_SUSPENDED') {
        // Approving in a review does not lift a suspension; re-activation has its own rule (re-training).
        throw new AppError('ACCOUNT_SUSPENDED', 'That account is suspended: re-activate it (after re-training) rather than approving it in the review.')
      }
      if (decision === 'revoked') await keepsAnAdministrator(ctx, [userId], 'revoking this account’s access')
      const review = await store.accounts.recordReview({ sessionId, userId, decision, reason, by: ctx.user!.id, at: ctx.now })
      if (decision === 'revoked') sessions.endForUser(userId)
      ctx.note({ sessionId, userId, decision, reviewId: review.id })
      return overviewOf(userId, ctx)
    },

    'accounts.exportReview': async ({ sessionId }, ctx) => {
      const session = await store.accounts.reviewSession(sessionId)
      if (!session) throw new AppError('NOT_FOUND', 'No review session with that id exists.')
      const reviews = await store.accounts.reviewsInSession(sessionId)
      const users = await store.users.listAll()
      const accounts = []
      for (const u of users) accounts.push(toAccountOverview(u, [], ctx.settings, ctx.now))
      const reviewers = new Map(users.map((u) => [u.id, u.username]))
      const spec = reviewReportSpec({
        agencyName: ctx.settings.agencyName,
        session,
        startedBy: reviewers.get(session.startedBy) ?? session.startedBy,
        producedBy: `${ctx.user!.displayName} (${ctx.user!.username})`,
        producedAt: ctx.now,
        reviews,
        accounts,
        reviewers,
      })
      const signed = await renderSignedPdf(store, spec, {
        name: `${ctx.user!.displayName} (${ctx.user!.username})`,
        statement: `Produced by the ALPR workstation from the review records of session ${session.id}; signed with the agency key. The next review of each approved account is due within ${ctx.settings.reviewValidityMonths} months (by ${new Date(addMonths(ctx.now, ctx.settings.reviewValidityMonths)).toISOString().slice(0, 10)}).`,
      })
      // No plate, read or image is in this report, so it is not an export of ALPR information for the
      // exports ledger (no destruction deadline); it is an audit document, and this call is in the access log.
      const file = plainDocument(`access-review-${session.id}.pdf`, 'pdf', signed.pdf)
      ctx.note({ sessionId, sha256: file.sha256, contentSha256: signed.contentSha256, keyId: signed.signature.keyId })
      return file
    },
  }
}
