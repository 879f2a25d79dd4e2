// Safeguards of the account lifecycle found in review: a job classification is required for access,
// inactivity follows the policy's "not used to access ALPR information", the agency always keeps an
// eligible administrator, departed usernames stay reserved, calendar dates are the workstation's, and
// nobody approves their own request.
import { afterEach, describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { START } from '../../helpers/clock'
import { ADMIN, allowed, createPerson, fromWindow, refused, signIn } from '../../helpers/core'
import { DAY, HOUR } from '../../../src/main/core/clock'
import { ineligibility, ineligibilityError } from '../../../src/main/core/access/eligibility'
import { resolveSettings } from '../../../src/main/core/settings/definitions'
import type { AccountOverview, AccountRequest, AccountsOverview, ReviewSession, UserRecord } from '../../../src/shared/models'
import { accountsWorld, userRow } from './world'

const lab = useLab()

const newAccount = (overrides: Record<string, unknown> = {}) => ({
  username: 'nora',
  displayName: 'Nora Newbie',
  agency: ADMIN.agency,
  unit: 'Patrol',
  roles: ['investigator'],
  password: 'violet lantern orchard 42',
  trainingCompletedOn: '2026-02-20',
  classification: 'Police Officer',
  ...overrides,
})

describe('job classification is required', () => {
  it('setup records the first administrator’s classification as the administrator title and authorizes it', async () => {
    const { core, admin, asAdmin } = await accountsWorld(lab)
    expect(await userRow(core, admin.id)).toMatchObject({ classification: 'ALPR Administrator', classificationAuthorized: true })
    const overview = allowed<AccountsOverview>(await asAdmin('accounts.overview'))
    expect(overview.classifications).toEqual([{ name: 'ALPR Administrator', authorized: true, changedAt: expect.any(Number) }])
  })

  it('users.create needs a classification on the authorized list', async () => {
    const { asAdmin } = await accountsWorld(lab)
    const { classification: _omitted, ...without } = newAccount()
    expect(refused(await asAdmin('users.create', without), 'INVALID_INPUT').details).toEqual({
      classification: 'Invalid input: expected string, received undefined',
    })
    const unknown = refused(await asAdmin('users.create', newAccount({ classification: 'Astronaut' })), 'CLASSIFICATION_NOT_AUTHORIZED')
    expect(unknown.message).toBe(
      '“Astronaut” is not on the list of job classifications authorized for ALPR access. Add it on the Access reviews tab first, or choose an authorized one.',
    )
    allowed(await asAdmin('accounts.setClassification', { name: 'Volunteer', authorized: false }))
    refused(await asAdmin('users.create', newAccount({ classification: 'Volunteer' })), 'CLASSIFICATION_NOT_AUTHORIZED')

    allowed(await asAdmin('accounts.setClassification', { name: 'Police Officer', authorized: true }))
    allowed(await asAdmin('users.create', newAccount()))
    const nora = allowed<UserRecord[]>(await asAdmin('users.list')).find((u) => u.username === 'nora')
    expect(nora).toBeDefined()
  })

  it('an account with no classification recorded is not eligible, and is told why', () => {
    const settings = resolveSettings({})
    const account = {
      roles: ['investigator' as const],
      status: 'active' as const,
      lockedAt: null,
      trainingCompletedAt: START - 10 * DAY,
      retrainingOrderedAt: null,
      reviewedAt: START - 10 * DAY,
      classificationAuthorized: true as boolean | null,
      lastAccessAt: START - DAY,
      lastUsedAt: START - DAY,
      reactivatedAt: null,
      approvedAt: START - 10 * DAY,
      createdAt: START - 10 * DAY,
    }
    expect(ineligibility(account, settings, START)).toBeNull()
    expect(ineligibility({ ...account, classificationAuthorized: null }, settings, START)).toBe('CLASSIFICATION_NOT_AUTHORIZED')
    expect(ineligibilityError({ classification: null }, 'CLASSIFICATION_NOT_AUTHORIZED').message).toBe(
      'No job classification is recorded for this account, so it has no ALPR access. Ask the ALPR Administrator to record an authorized classification.',
    )
  })
})

describe('inactivity follows “not used to access ALPR information”', () => {
  it('suspends a supervisor who only lists users for 100 days', async () => {
    const { clock, core, admin } = await accountsWorld(lab)
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const created = clock.now()
    for (let day = 20; day <= 80; day += 20) {
      clock.set(created + day * DAY)
      const call = fromWindow(`sam-day-${day}`)
      allowed(await signIn(core, call, clock, sam))
      allowed(await core.dispatch(call, 'users.list', {}))
      core.forgetSender(call.senderId)
    }
    expect(await userRow(core, sam.id)).toMatchObject({ lastAccessAt: null, lastUsedAt: expect.any(Number) })
    clock.set(created + 100 * DAY)
    refused(await signIn(core, fromWindow('sam-day-100'), clock, sam), 'ACCOUNT_SUSPENDED')
    expect(await userRow(core, sam.id)).toMatchObject({
      status: 'suspended',
      suspendedAt: created + 90 * DAY,
      suspensionReason: 'Account not used to access ALPR information for more than 90 days',
    })
  })

  it('measures an administrator-only account from its last use, and the review shows both dates', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const bob = await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await search(ivy))
    const searched = clock.now()
    clock.advance(DAY)
    const bobWindow = fromWindow('bob-window')
    allowed(await signIn(core, bobWindow, clock, bob))
    allowed(await core.dispatch(bobWindow, 'users.list', {}))
    const used = clock.now()
    const overview = allowed<AccountsOverview>(await asAdmin('accounts.overview'))
    expect(overview.accounts.find((a) => a.id === bob.id)).toMatchObject({ lastAccessAt: null, lastUsedAt: used, inactiveAfter: used + 90 * DAY })
    expect(overview.accounts.find((a) => a.id === ivy.id)).toMatchObject({ lastAccessAt: searched, lastUsedAt: searched, inactiveAfter: searched + 90 * DAY })
  })
})

describe('the agency keeps an eligible administrator', () => {
  it('refuses revoking the only administrator in a review, or moving them to an unauthorized classification', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    allowed(await asAdmin('accounts.setClassification', { name: 'Parking Enforcement', authorized: false }))
    // A supervisor reviews accounts (accounts.review) and could otherwise revoke the custodian.
    const samWindow = fromWindow('sam-window')
    allowed(await signIn(core, samWindow, clock, sam))
    const session = allowed<ReviewSession>(await core.dispatch(samWindow, 'accounts.startReview', {}))
    const revocation = refused(
      await core.dispatch(samWindow, 'accounts.review', { sessionId: session.id, userId: admin.id, decision: 'revoked', reason: 'Testing' }),
      'CONFLICT',
    )
    expect(revocation.message).toBe(
      'Refused: revoking this account’s access would leave the agency without an active, eligible ALPR Administrator, and no one could manage accounts or settings. Create or re-activate another administrator first.',
    )
    // The administrator moving themselves, or their whole classification, out of the authorized list.
    refused(await asAdmin('accounts.changeClassification', { userId: admin.id, classification: 'Parking Enforcement' }), 'CONFLICT')
    refused(await asAdmin('accounts.setClassification', { name: 'ALPR Administrator', authorized: false }), 'CONFLICT')
    expect(await userRow(core, admin.id)).toMatchObject({ status: 'active', classification: 'ALPR Administrator', classificationAuthorized: true })
  })

  it('counts only active, eligible administrators as the ones who would remain', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const bob = await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    const bobWindow = fromWindow('bob-window')
    allowed(await signIn(core, bobWindow, clock, bob))
    // Bob's classification loses authorization (he is suspended), so Alice is the only eligible one left.
    allowed(await asAdmin('accounts.setClassification', { name: 'Police Officer', authorized: false }))
    expect((await userRow(core, bob.id)).status).toBe('suspended')
    refused(await asAdmin('accounts.changeClassification', { userId: admin.id, classification: 'Police Officer' }), 'CONFLICT')
  })

  it('allows it when another active, eligible administrator remains', async () => {
    const { clock, core, admin } = await accountsWorld(lab)
    const bob = await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    const bobWindow = fromWindow('bob-window')
    allowed(await signIn(core, bobWindow, clock, bob))
    const suspended = allowed<AccountOverview>(await core.dispatch(bobWindow, 'accounts.suspend', { userId: admin.id, reason: 'On leave' }))
    expect(suspended.status).toBe('suspended')
  })
})

describe('departed usernames stay reserved', () => {
  it('refuses to create an account or request one with a departed person’s username', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const gone = allowed<AccountOverview>(await asAdmin('accounts.depart', { userId: ivy.id, reason: 'Retired' }))
    expect(gone.username).not.toBe('ivy')
    const reserved =
      'That username belonged to a departed account and stays reserved, so the audit trail never mixes two people. Choose another username.'
    expect(refused(await asAdmin('users.create', newAccount({ username: 'ivy' })), 'USERNAME_TAKEN').message).toBe(reserved)
    const request = {
      username: 'ivy',
      displayName: 'Ivy Two',
      agency: ADMIN.agency,
      unit: 'Patrol',
      roles: ['investigator'],
      classification: 'Police Officer',
      justification: 'New detective',
    }
    expect(refused(await asAdmin('accounts.request', request), 'USERNAME_TAKEN').message).toBe(reserved)
    // The reservation is not shown anywhere: the tombstone is all the review sees.
    const listed = allowed<AccountsOverview>(await asAdmin('accounts.overview')).accounts.find((a) => a.id === ivy.id)
    expect(JSON.stringify(listed)).not.toContain('"ivy"')
  })
})

describe('calendar dates are the workstation’s', () => {
  const zone = process.env.TZ
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  })

  it('in California, training dated today after a suspension this evening allows re-activation; tomorrow is the future', async () => {
    process.env.TZ = 'America/Los_Angeles'
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    // 17:00 on 2 March in California is already 3 March in UTC.
    clock.set(Date.UTC(2026, 2, 3, 1, 0))
    allowed(await asAdmin('accounts.suspend', { userId: ivy.id, reason: 'Misuse inquiry' }))
    clock.advance(HOUR)
    const tomorrow = refused(
      await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR use', completedOn: '2026-03-03', trainer: 'Sgt. Ruiz' }),
      'INVALID_INPUT',
    )
    expect(tomorrow.details).toEqual({ completedOn: 'The completion date cannot be in the future.' })
    allowed(await asAdmin('accounts.recordTraining', { userId: ivy.id, course: 'ALPR use', completedOn: '2026-03-02', trainer: 'Sgt. Ruiz' }))
    const back = allowed<AccountOverview>(await asAdmin('accounts.reactivate', { userId: ivy.id, reason: 'Inquiry closed' }))
    expect(back.status).toBe('active')
  })

  it('in California, a new account trained today is accepted early in the morning, before noon UTC', async () => {
    process.env.TZ = 'America/Los_Angeles'
    const { clock, asAdmin } = await accountsWorld(lab)
    allowed(await asAdmin('accounts.setClassification', { name: 'Police Officer', authorized: true }))
    clock.set(Date.UTC(2026, 2, 3, 11, 0)) // 03:00 on 3 March in California
    allowed(await asAdmin('users.create', newAccount({ trainingCompletedOn: '2026-03-03' })))
    refused(await asAdmin('users.create', newAccount({ username: 'nora2', trainingCompletedOn: '2026-03-04' })), 'INVALID_INPUT')
  })
})

describe('account requests', () => {
  it('refuses approval by the person who made the request', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const bob = await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    const request = allowed<AccountRequest>(
      await asAdmin('accounts.request', {
        username: 'dora',
        displayName: 'Dora Diaz',
        agency: ADMIN.agency,
        unit: 'Dispatch',
        roles: ['dispatcher'],
        classification: 'Police Officer',
        justification: 'Night shift dispatcher',
      }),
    )
    const approval = {
      requestId: request.id,
      password: 'violet lantern orchard 42',
      trainingCompletedOn: '2026-02-20',
      course: 'Dispatch ALPR',
      trainer: 'Sgt. Ruiz',
      reason: 'Approved',
    }
    const own = refused(await asAdmin('accounts.approveRequest', approval), 'CONFLICT')
    expect(own.message).toBe('A different person must approve this request: whoever requested an account cannot also approve it.')
    const bobWindow = fromWindow('bob-window')
    allowed(await signIn(core, bobWindow, clock, bob))
    allowed(await core.dispatch(bobWindow, 'accounts.approveRequest', approval))
  })
})
