// The account lifecycle of DOMAIN.md ("People and roles") on a controllable clock: inactivity suspension,
// training expiry, re-training orders, job classifications, re-activation and departures.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { isoDay, START } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, signIn } from '../../helpers/core'
import { addMonths, DAY, MINUTE } from '../../../src/main/core/clock'
import type { AccountOverview, AccountRequest, AccountsOverview, Enrollment, JobClassification } from '../../../src/shared/models'
import { accountsWorld, userRow } from './world'

const lab = useLab()
const SECOND = 1000

describe('inactivity', () => {
  it('suspends an account unused for 90 days on day 91, recording the suspension with its reason and time', async () => {
    const { clock, core, admin, search, account } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    clock.advance(2 * DAY)
    allowed(await search(ivy))
    const lastAccess = clock.now()
    expect((await userRow(core, ivy.id)).lastAccessAt).toBe(lastAccess)
    const deadline = lastAccess + 90 * DAY
    expect((await account(ivy.id)).inactiveAfter).toBe(deadline)

    // Day 90: still allowed.
    clock.set(deadline - MINUTE)
    const ivyWindow = fromWindow('ivy-window')
    allowed(await signIn(core, ivyWindow, clock, ivy))
    clock.set(deadline)
    allowed(await core.dispatch(ivyWindow, 'auth.activity', {}))
    expect((await userRow(core, ivy.id)).status).toBe('active')

    // A second later the 90 days have passed: refused, and the suspension is on record.
    clock.set(deadline + SECOND)
    refused(await core.dispatch(ivyWindow, 'auth.activity', {}), 'ACCOUNT_SUSPENDED')
    const row = await userRow(core, ivy.id)
    expect(row).toMatchObject({ status: 'suspended', suspendedAt: deadline, suspensionReason: 'Account not used to access ALPR information for more than 90 days' })
    const events = await core.store.accounts.events(ivy.id)
    expect(events.at(-1)).toMatchObject({ kind: 'suspended', at: deadline, byUser: null, reason: row.suspensionReason })

    // On day 91 the search desk and sign-in refuse too.
    clock.set(lastAccess + 91 * DAY)
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')
    refused(await signIn(core, fromWindow('ivy-again'), clock, ivy), 'ACCOUNT_SUSPENDED')
  })

  it('counts administration as use of an administrator-only account: a custodian who never searches plates is not suspended, and sign-in alone is not use', async () => {
    const { clock, core, admin } = await accountsWorld(lab)
    for (let month = 1; month <= 4; month++) {
      clock.advance(30 * DAY)
      const call = fromWindow(`admin-month-${month}`)
      allowed(await signIn(core, call, clock, admin))
      allowed(await core.dispatch(call, 'users.list', {}))
      core.forgetSender(call.senderId)
    }
    expect((await userRow(core, admin.id)).status).toBe('active')

    // Signing in and polling without doing anything for 91 days does not keep the account in use.
    clock.advance(60 * DAY)
    const idle = fromWindow('admin-idle')
    allowed(await signIn(core, idle, clock, admin))
    allowed(await core.dispatch(idle, 'auth.session', {}))
    clock.advance(31 * DAY)
    refused(await signIn(core, fromWindow('admin-late'), clock, admin), 'ACCOUNT_SUSPENDED')
  })

  it('counts the period from the latest use of the account, and follows the inactivityDays setting', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    clock.advance(80 * DAY)
    allowed(await search(ivy))
    clock.advance(80 * DAY) // 160 days after creation, 80 after the last search
    allowed(await search(ivy))

    allowed(await asAdmin('settings.change', { key: 'inactivityDays', value: 30 }))
    clock.advance(30 * DAY + SECOND)
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')
    expect((await userRow(core, ivy.id)).suspensionReason).toBe('Account not used to access ALPR information for more than 30 days')
  })

  it('records due suspensions when the review list is opened, even if the person never tries again', async () => {
    const { clock, core, admin, account } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    await core.store.users.recordUse(admin.id, START + 90 * DAY) // the administrator keeps working
    clock.set(START + 91 * DAY)
    const seen = await account(ivy.id)
    expect(seen.status).toBe('suspended')
    expect(seen.suspendedAt).toBe(START + 90 * DAY)
    expect(seen.due[0]).toMatchObject({ item: 'reactivation' })
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ suspendedForInactivity: 2 })
  })
})

describe('re-activation', () => {
  it('requires a training record completed after the suspension', async () => {
    const { clock, core, admin, asAdmin, search, account } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    await core.store.users.recordUse(admin.id, START + 100 * DAY)
    clock.set(START + 100 * DAY)
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')
    const suspendedAt = (await userRow(core, ivy.id)).suspendedAt!
    expect(suspendedAt).toBe(START + 90 * DAY)

    refused(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back from leave' }), 'TRAINING_REQUIRED')
    // Training dated before the suspension does not count, even when entered now.
    allowed(
      await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR use', completedOn: isoDay(suspendedAt - 5 * DAY), trainer: 'Sgt. Ruiz' }),
    )
    refused(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back from leave' }), 'TRAINING_REQUIRED')

    const trained = allowed<AccountOverview>(
      await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR refresher', completedOn: isoDay(clock.now()), trainer: 'Sgt. Ruiz' }),
    )
    expect(trained.training[0]).toMatchObject({ course: 'ALPR refresher', trainer: 'Sgt. Ruiz' })
    const back = allowed<AccountOverview>(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back from leave' }))
    expect(back).toMatchObject({ status: 'active', suspendedAt: null, approvedBy: admin.id, approvedAt: clock.now() })
    // The re-activation approves access afresh and gives a new inactivity period.
    expect(back.reviewExpiresAt).toBe(addMonths(clock.now(), 12))
    expect(back.inactiveAfter).toBe(clock.now() + 90 * DAY)
    allowed(await search(ivy))
    expect((await account(ivy.id)).lastAccessAt).toBe(clock.now())
    expect((await core.store.accounts.events(ivy.id)).map((e) => e.kind)).toEqual(['suspended', 'training', 'training', 'reactivated'])
  })

  it('refuses to re-activate an account that is not suspended, or your own', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    expect(refused(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'No reason' }), 'CONFLICT').message).toBe('That account is not suspended.')
    expect(refused(await asAdmin('accounts.reactivate', { userId: admin.id, reason: 'Myself' }), 'CONFLICT').message).toBe(
      'Another administrator or supervisor must re-activate your own account.',
    )
  })

  it('refuses to suspend, delete or record training for your own account', async () => {
    const { core, admin, asAdmin } = await accountsWorld(lab)
    expect(refused(await asAdmin('accounts.suspend', { userId: admin.id, reason: 'Testing' }), 'CONFLICT').message).toBe(
      'Another administrator or supervisor must suspend your own account.',
    )
    expect(refused(await asAdmin('accounts.depart', { userId: admin.id, reason: 'Leaving' }), 'CONFLICT').message).toBe(
      'Another administrator or supervisor must delete your own account.',
    )
    const training = { userId: admin.id, course: 'ALPR use', completedOn: '2026-03-01', trainer: 'Myself' }
    expect(refused(await asAdmin('accounts.recordTraining', training), 'CONFLICT').message).toBe(
      'Another administrator or supervisor must record training for your own account.',
    )
    expect(await core.store.accounts.training(admin.id)).toHaveLength(1)
    expect(await userRow(core, admin.id)).toMatchObject({ status: 'active' })
  })
})

describe('training', () => {
  it('expires after the training period, which follows the trainingValidityMonths setting', async () => {
    const { clock, core, admin, asAdmin, search, account } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, {
      username: 'ivy',
      displayName: 'Ivy Nguyen',
      roles: ['investigator'],
      trainingCompletedOn: '2025-05-01',
    })
    expect((await account(ivy.id)).trainingExpiresAt).toBe(addMonths(Date.UTC(2025, 4, 1, 12), 24))
    allowed(await search(ivy))
    allowed(await asAdmin('settings.change', { key: 'trainingValidityMonths', value: 12 }))
    const expiry = Date.UTC(2026, 4, 1, 12) // 60 days after the search: inactivity is not what refuses
    expect((await account(ivy.id)).trainingExpiresAt).toBe(expiry)
    clock.set(expiry - SECOND)
    allowed(await search(ivy))
    clock.set(expiry)
    refused(await search(ivy), 'TRAINING_EXPIRED')
    expect((await account(ivy.id)).due.find((d) => d.item === 'training')?.text).toBe('Training expired 2026-05-01')
  })

  it('re-train everyone: all training completed before the order stops counting at once, with the reason kept', async () => {
    const { clock, core, admin, asAdmin, search, account } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await search(ivy))
    clock.advance(10 * DAY)
    const reason = 'AB 1234 changes the sharing rules from 1 January'
    const overview = allowed<AccountsOverview>(
      await asAdmin('accounts.retrainEveryone', { reason, course: 'ALPR law update 2026', trainer: 'Legal Affairs' }),
    )
    expect(overview.retrainingOrders[0]).toMatchObject({ orderedAt: clock.now(), orderedBy: admin.id, reason })
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ retrainingOrderId: overview.retrainingOrders[0]!.id })

    // Ivy's training now counts only until the order; the administrator recorded their own with it.
    const ivyNow = overview.accounts.find((a) => a.id === ivy.id)!
    expect(ivyNow).toMatchObject({ trainingValid: false, trainingExpiresAt: clock.now() })
    expect(overview.accounts.find((a) => a.id === admin.id)).toMatchObject({ trainingValid: true })
    refused(await search(ivy), 'TRAINING_EXPIRED')

    clock.advance(DAY)
    allowed(await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR law update 2026', completedOn: isoDay(clock.now()), trainer: 'Legal Affairs' }))
    allowed(await search(ivy))
    expect((await account(ivy.id)).trainingValid).toBe(true)
  })

  it('refuses a training date in the future', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const error = refused(
      await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR use', completedOn: isoDay(clock.now() + 2 * DAY), trainer: 'Sgt. Ruiz' }),
      'INVALID_INPUT',
    )
    expect(error.details).toEqual({ completedOn: 'The completion date cannot be in the future.' })
  })
})

describe('job classification', () => {
  it('a change to an unauthorized classification ends access at once; coming back needs an authorized one and re-training', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await asAdmin('accounts.setClassification', { name: 'Detective', authorized: true }))
    const list = allowed<JobClassification[]>(await asAdmin('accounts.setClassification', { name: 'Parking Enforcement', authorized: false }))
    // Setup authorized the first administrator's title; the helpers authorized the people's classification.
    expect(list.map((c) => [c.name, c.authorized])).toEqual([
      ['ALPR Administrator', true],
      ['Detective', true],
      ['Parking Enforcement', false],
      ['Police Officer', true],
    ])
    allowed(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Detective' }))
    const ivyWindow = fromWindow('ivy-window')
    allowed(await signIn(core, ivyWindow, clock, ivy))

    const moved = allowed<AccountOverview>(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Parking Enforcement' }))
    expect(moved).toMatchObject({ status: 'suspended', classification: 'Parking Enforcement', classificationAuthorized: false })
    expect(moved.suspensionReason).toContain('Parking Enforcement')
    refused(await core.dispatch(ivyWindow, 'auth.activity', {}), 'NOT_AUTHENTICATED') // her session ended
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')

    refused(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back to detectives' }), 'CLASSIFICATION_NOT_AUTHORIZED')
    allowed(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Detective' }))
    refused(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back to detectives' }), 'TRAINING_REQUIRED')
    clock.advance(DAY)
    allowed(await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR use', completedOn: isoDay(clock.now()), trainer: 'Sgt. Ruiz' }))
    allowed(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Back to detectives' }))
    allowed(await search(ivy))
  })

  it('taking authorization away from a classification suspends everyone holding it', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await asAdmin('accounts.setClassification', { name: 'Crime Analyst', authorized: true }))
    allowed(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Crime Analyst' }))
    allowed(await search(ivy))
    allowed(await asAdmin('accounts.setClassification', { name: 'Crime Analyst', authorized: false }))
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ classification: 'Crime Analyst', authorized: false, suspendedUserIds: [ivy.id] })
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')
  })

  it('refuses a classification that is not on the list', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const error = refused(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Astronaut' }), 'NOT_FOUND')
    expect(error.message).toBe('That job classification is not on the list. Add it first.')
  })
})

describe('requests and approval', () => {
  it('a supervisor requests an account; the administrator approves it with training, and who approved and when is kept', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    allowed(await asAdmin('accounts.setClassification', { name: 'Public Safety Dispatcher', authorized: true }))
    const samWindow = fromWindow('sam-window')
    allowed(await signIn(core, samWindow, clock, sam))
    const request = allowed<AccountRequest>(
      await core.dispatch(samWindow, 'accounts.request', {
        username: 'dora',
        displayName: 'Dora Diaz',
        agency: 'Springfield Police Department',
        unit: 'Dispatch',
        roles: ['dispatcher'],
        classification: 'Public Safety Dispatcher',
        justification: 'Monitors hot-list alerts on the night shift',
      }),
    )
    expect(request).toMatchObject({ status: 'pending', requestedBy: sam.id, requestedAt: clock.now() })
    refused(
      await core.dispatch(samWindow, 'accounts.approveRequest', {
        requestId: request.id,
        password: 'violet lantern orchard 42',
        trainingCompletedOn: isoDay(clock.now()),
        course: 'Dispatch ALPR',
        trainer: 'Sgt. Ruiz',
        reason: 'Approved',
      }),
      'PERMISSION_DENIED',
    )

    clock.advance(DAY)
    const enrollment = allowed<Enrollment>(
      await asAdmin('accounts.approveRequest', {
        requestId: request.id,
        password: 'violet lantern orchard 42',
        trainingCompletedOn: isoDay(clock.now()),
        course: 'Dispatch ALPR',
        trainer: 'Sgt. Ruiz',
        reason: 'Night shift needs a second dispatcher',
      }),
    )
    const approval = await lastLogEntry(core)
    expect(approval.dataElements).toMatchObject({ requestId: request.id, createdUserId: enrollment.userId, password: '[withheld]' })
    expect(JSON.stringify(approval.dataElements)).not.toContain('violet lantern orchard 42')
    const dora = await userRow(core, enrollment.userId!)
    expect(dora).toMatchObject({ username: 'dora', approvedBy: admin.id, approvedAt: clock.now(), classification: 'Public Safety Dispatcher', roles: ['dispatcher'] })
    const decided = allowed<AccountRequest[]>(await asAdmin('accounts.requests'))[0]
    expect(decided).toMatchObject({ status: 'approved', decidedBy: admin.id, decidedAt: clock.now(), userId: dora.id })
    expect((await core.store.accounts.training(dora.id))[0]).toMatchObject({ course: 'Dispatch ALPR', trainer: 'Sgt. Ruiz' })
    refused(await asAdmin('accounts.rejectRequest', { requestId: request.id, reason: 'Too late' }), 'CONFLICT')
  })

  it('refuses a request for an unauthorized classification', async () => {
    const { asAdmin } = await accountsWorld(lab)
    allowed(await asAdmin('accounts.setClassification', { name: 'Volunteer', authorized: false }))
    refused(
      await asAdmin('accounts.request', {
        username: 'vic',
        displayName: 'Vic Volunteer',
        agency: 'Springfield Police Department',
        unit: 'Citizens on Patrol',
        roles: ['investigator'],
        classification: 'Volunteer',
        justification: 'Wants to help',
      }),
      'CLASSIFICATION_NOT_AUTHORIZED',
    )
  })
})

describe('departures', () => {
  it('deletes the account of someone who left: credentials and personal fields wiped, a tombstone id, the log rows kept', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await search(ivy, '7ABC123'))
    allowed(await search(ivy, '8XYZ999'))
    const before = (await core.store.accessLog.list(500)).filter((e) => e.userId === ivy.id)
    expect(before.length).toBeGreaterThanOrEqual(2)

    const gone = allowed<AccountOverview>(await asAdmin('accounts.depart', { userId: ivy.id, reason: 'Retired 2026-03-31' }))
    expect(gone.username).toMatch(/^departed-[0-9a-f]{8}$/)
    expect(gone).toMatchObject({ id: ivy.id, status: 'deleted', displayName: 'Departed user', roles: [], totpEnrolled: false, departedAt: clock.now() })
    const row = await userRow(core, ivy.id)
    expect(row).toMatchObject({ passwordHash: '', totpSecret: null, totpPendingSecret: null })
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ userId: ivy.id, tombstone: gone.username })

    // The audit trail stays, linked to the tombstone through the same account id, and the chain still holds.
    const after = (await core.store.accessLog.list(500)).filter((e) => e.userId === ivy.id)
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id))
    expect((await core.store.accessLog.verify()).ok).toBe(true)
    expect((await core.store.accounts.events(ivy.id)).at(-1)).toMatchObject({ kind: 'departed', reason: 'Retired 2026-03-31' })

    refused(await signIn(core, fromWindow('ivy-again'), clock, ivy), 'INVALID_CREDENTIALS')
    refused(await signIn(core, fromWindow('ivy-again'), clock, { ...ivy, username: gone.username }), 'INVALID_CREDENTIALS')
    refused(await search(ivy), 'ACCOUNT_INACTIVE')
    // Departed accounts leave the everyday list but stay in the review's list, marked.
    expect((await core.store.users.list()).some((u) => u.id === ivy.id)).toBe(false)
    refused(await asAdmin('accounts.depart', { userId: ivy.id, reason: 'Again' }), 'NOT_FOUND')
  })
})
