// End to end through the built renderer and the real core: an administrator runs an annual access review
// (approves one account, revokes another with a reason, exports the signed PDF), suspends and re-activates
// an account after recording new training, and changes a setting within the policy's range.
import { mkdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { useHarnessPage } from './support/harness-page'
import { completeSetup, confirmEnrollment } from './support/flows'
import { prepareAccount } from '../../src/main/core/users/new-account'
import { resolveSettings } from '../../src/main/core/settings/definitions'
import type { Core } from '../../src/main/core/app/create-core'
import { pdfText } from '../helpers/pdf'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'

/** Accounts the administrator created earlier (seeded straight into the store, approved by them). */
async function seedAccount(core: Core, adminId: string, now: number, person: { username: string; displayName: string; roles: ('investigator' | 'supervisor')[] }) {
  const prepared = await prepareAccount(
    { ...person, password: 'violet lantern orchard 42', trainingCompletedOn: new Date(now - 30 * 86_400_000).toISOString().slice(0, 10) },
    resolveSettings({}),
    now,
  )
  // Access needs an authorized job classification.
  await core.store.accounts.setClassification('Deputy Sheriff', true, adminId, now)
  return core.store.users.create({
    ...prepared,
    ...person,
    agency: 'Sacramento County Sheriff’s Office',
    unit: 'Investigations',
    classification: 'Deputy Sheriff',
    createdAt: now,
    approvedBy: adminId,
  })
}

async function openTab(page: Page, name: string) {
  await page.getByRole('navigation').getByText('Administration', { exact: true }).click()
  await page.getByRole('tab', { name }).click()
}

describe('account lifecycle in the browser', () => {
  it('runs an annual review, suspends and re-activates an account, and changes a setting', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    await page.goto(harness.url)
    await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
    const admin = (await core.store.users.getByUsername('jrivera'))!
    const ivy = await seedAccount(core, admin.id, clock.now(), { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const sam = await seedAccount(core, admin.id, clock.now(), { username: 'sam', displayName: 'Sam Ortiz', roles: ['supervisor'] })

    // The review screen; first the authorized classification list, and Sam's classification.
    await openTab(page, 'Access reviews')
    const table = page.getByTestId('review-table')
    await expect.poll(() => table.getByText('Ivy Nguyen').count()).toBe(1)
    await page.getByLabel('New authorized classification').fill('Sergeant')
    await page.getByRole('button', { name: 'Add classification' }).click()
    await expect.poll(() => page.getByTestId('classifications').getByText('Sergeant').count()).toBe(1)
    await page.getByRole('button', { name: 'Manage sam' }).click()
    await page.getByLabel('Job classification', { exact: true }).fill('Sergeant')
    await page.getByRole('button', { name: 'Save classification' }).click()
    await expect.poll(() => page.getByText('sam’s classification is “Sergeant”.').count()).toBe(1)
    await page.getByRole('button', { name: 'Close', exact: true }).click()

    // The review: start a session, approve Sam, revoke Ivy with a reason.
    await page.getByRole('button', { name: 'Start annual review' }).click()
    await expect.poll(() => page.getByTestId('review-session').count()).toBe(1)

    await page.getByRole('button', { name: 'Approve sam' }).click()
    await page.getByLabel('Reason', { exact: true }).fill('Supervises the auto theft unit')
    await page.getByRole('button', { name: 'Approve access' }).click()
    await expect.poll(() => page.getByText('sam: access approved.').count()).toBe(1)

    await page.getByRole('button', { name: 'Revoke ivy' }).click()
    await page.getByLabel('Reason', { exact: true }).fill('Transferred to patrol; no investigative need')
    await page.getByRole('button', { name: 'Revoke access' }).click()
    await expect.poll(() => page.getByText('ivy: access revoked; the account is suspended.').count()).toBe(1)
    expect((await core.store.users.getById(ivy.id))!).toMatchObject({
      status: 'suspended',
      suspensionReason: 'Access revoked in the annual access review: Transferred to patrol; no investigative need',
    })
    expect((await core.store.users.getById(sam.id))!.lastReviewDecision).toBe('approved')
    await expect.poll(() => page.getByTestId('review-session').getByText(/2 decisions recorded/).count()).toBe(1)

    // The whole review table fits beside the navigation (1280 px wide window): nothing hides off to the side.
    expect(await table.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBeLessThanOrEqual(0)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/access-review.png`, fullPage: true })

    // The signed report of the session.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export signed PDF', exact: true }).click()])
    const text = pdfText(readFileSync((await download.path())!))
    for (const expected of ['Annual ALPR access review', 'sam (Sam Ortiz)', 'Supervises the auto theft unit', 'ivy (Ivy Nguyen)', 'Revoked', 'Signature']) {
      expect(text).toContain(expected)
    }

    // Suspend Sam, then re-activate after recording new training.
    await page.getByRole('button', { name: 'Manage sam' }).click()
    const lifecycle = page.getByRole('form', { name: 'Suspend' })
    await lifecycle.getByLabel('Reason', { exact: true }).fill('Extended leave')
    await page.getByRole('button', { name: 'Suspend account' }).click()
    await expect.poll(() => page.getByText('sam is suspended and signed out.').count()).toBe(1)
    expect((await core.store.users.getById(sam.id))!.status).toBe('suspended')

    clock.advance(60_000)
    const reactivation = page.getByRole('form', { name: 'Re-activate' })
    await reactivation.getByLabel('Reason', { exact: true }).fill('Back from leave')
    await page.getByRole('button', { name: 'Re-activate account' }).click()
    await expect.poll(() => page.getByRole('alert').getByText(/training record completed after the suspension is required/).count()).toBe(1)

    await page.getByRole('form', { name: 'Record training' }).getByLabel('Trainer').fill('Sgt. Dana Cole')
    await page.getByRole('button', { name: 'Record training' }).click()
    await expect.poll(() => page.getByText('Training recorded for sam.').count()).toBe(1)
    clock.advance(60_000)
    await reactivation.getByLabel('Reason', { exact: true }).fill('Back from leave')
    await page.getByRole('button', { name: 'Re-activate account' }).click()
    await expect.poll(() => page.getByText('sam is active again.').count()).toBe(1)
    expect((await core.store.users.getById(sam.id))!.status).toBe('active')
    expect((await core.store.accounts.events(sam.id)).map((e) => e.kind)).toEqual(['classification', 'suspended', 'training', 'reactivated'])
    await page.screenshot({ path: `${SHOTS}/account-manage.png`, fullPage: true })

    // Settings: a value beyond the policy is refused with the reason; one within is saved and logged.
    await openTab(page, 'Settings')
    const inactivity = page.getByTestId('setting-inactivityDays')
    await expect.poll(() => inactivity.count()).toBe(1)
    await inactivity.getByLabel('Suspend after inactivity').fill('400')
    await inactivity.getByRole('button', { name: 'Save suspend after inactivity' }).click()
    await expect.poll(() => inactivity.getByText(/must be from 30 to 365 days; 400 is outside the range/).count()).toBe(1)
    await inactivity.getByLabel('Suspend after inactivity').fill('365')
    await inactivity.getByRole('button', { name: 'Save suspend after inactivity' }).click()
    await expect.poll(() => page.getByText(/Suspend after inactivity: 90 → 365/).count()).toBe(1)
    await expect.poll(() => page.getByTestId('inactivity-note').getByText(/meets the ALPR policy but not CJIS/).count()).toBe(1)
    const [entry] = await core.store.accessLog.list(1)
    expect(entry).toMatchObject({ channel: 'settings.change', outcome: 'allowed' })
    expect(entry!.dataElements).toMatchObject({ setting: 'inactivityDays', oldValue: 90, newValue: 365 })
    await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true })
  })

  it('an account is requested, then approved with its training, and the authenticator enrolled', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    await page.goto(harness.url)
    await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
    const admin = (await core.store.users.getByUsername('jrivera'))!
    await core.store.accounts.setClassification('Detective', true, admin.id, clock.now())

    await openTab(page, 'Users')
    await page.getByRole('button', { name: 'Request an account' }).click()
    const form = page.getByRole('form', { name: 'Request an account' })
    await form.getByLabel('Username').fill('dkim')
    await form.getByLabel('Display name').fill('Dana Kim')
    await form.getByLabel('Unit').fill('Auto Theft')
    await form.getByLabel('Job classification').fill('Detective')
    await form.getByLabel('Why they need ALPR access').fill('Auto theft investigations')
    await form.getByLabel('Investigator').check()
    await form.getByRole('button', { name: 'Submit request' }).click()
    await expect.poll(() => page.getByTestId('requests-table').getByText('Waiting').count()).toBe(1)

    /** Fills and submits the approval form for Dana Kim's request. */
    const approveDanaKim = async (form: Locator) => {
      await form.getByLabel('Initial password').fill('violet lantern orchard 42')
      await form.getByLabel('Training completed on').fill(new Date(clock.now() - 86_400_000).toISOString().slice(0, 10))
      await form.getByLabel('Trainer').fill('Sgt. Dana Cole')
      await form.getByLabel('Reason').fill('Joins the auto theft task force')
      await form.getByRole('button', { name: 'Approve and create account' }).click()
    }

    // Whoever requested an account cannot approve it: the administrator's own request is refused.
    await page.getByRole('button', { name: 'Approve request for dkim' }).click()
    const own = page.getByRole('form', { name: 'Approve Dana Kim (dkim)' })
    await approveDanaKim(own)
    await expect.poll(() => page.getByText('A different person must approve this request: whoever requested an account cannot also approve it.').count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/request-own-approval-refused.png`, fullPage: true })
    await page.getByRole('button', { name: 'Cancel' }).click()

    // A supervisor's request for Dana (made through the core, as from their workstation) is approved here.
    const sam = await seedAccount(core, admin.id, clock.now(), { username: 'sam', displayName: 'Sam Ortiz', roles: ['supervisor'] })
    await core.store.accounts.rejectRequest((await core.store.accounts.requests())[0]!.id, admin.id, clock.now(), 'Requested again by the unit supervisor')
    await core.store.accounts.createRequest({
      id: 'request-by-sam',
      username: 'dkim',
      displayName: 'Dana Kim',
      agency: 'Sacramento County Sheriff’s Office',
      unit: 'Auto Theft',
      roles: ['investigator'],
      classification: 'Detective',
      justification: 'Auto theft investigations',
      requestedBy: sam.id,
      requestedAt: clock.now(),
    })
    await openTab(page, 'Overview')
    await openTab(page, 'Users')
    await page.getByRole('button', { name: 'Approve request for dkim' }).click()
    const approve = page.getByRole('form', { name: 'Approve Dana Kim (dkim)' })
    await approveDanaKim(approve)
    await expect.poll(() => page.getByTestId('enrollment-secret').count()).toBe(1)
    await confirmEnrollment(page, clock, 'Confirm enrollment')
    await expect.poll(() => page.getByText(/Dana Kim’s authenticator is enrolled/).count()).toBe(1)
    await expect.poll(() => page.getByTestId('requests-table').getByText('Approved').count()).toBe(1)

    const dana = (await core.store.users.getByUsername('dkim'))!
    expect(dana).toMatchObject({ approvedBy: admin.id, classification: 'Detective', roles: ['investigator'] })
    expect(dana.totpSecret).not.toBeNull()

    // Creating a user directly: the job classification is chosen from the authorized list, and required.
    await page.getByRole('button', { name: 'Create user' }).first().click()
    await page.getByLabel('Username').fill('tlee')
    await page.getByLabel('Display name').fill('Terry Lee')
    await page.getByLabel('Unit').fill('Auto Theft')
    await page.getByLabel('Investigator').check()
    await page.getByLabel('Initial password').fill('copper meadow signal 93')
    await page.getByLabel('Training completed on').fill(new Date(clock.now() - 86_400_000).toISOString().slice(0, 10))
    const classification = page.getByLabel('Job classification')
    await expect.poll(() => classification.locator('option').allTextContents()).toEqual(['Choose a classification', 'ALPR Administrator', 'Deputy Sheriff', 'Detective'])
    await page.getByRole('button', { name: 'Create user' }).last().click()
    await expect.poll(() => page.getByText('Choose the person’s job classification.').count()).toBeGreaterThan(0)
    await classification.selectOption('Detective')
    await page.screenshot({ path: `${SHOTS}/create-user-classification.png`, fullPage: true })
    await page.getByRole('button', { name: 'Create user' }).last().click()
    await expect.poll(() => page.getByTestId('enrollment-secret').count()).toBe(1)
    expect((await core.store.users.getByUsername('tlee'))!).toMatchObject({ classification: 'Detective', classificationAuthorized: true })
    expect((await core.store.accounts.requests())[0]).toMatchObject({ status: 'approved', decidedBy: admin.id, userId: dana.id, decisionReason: 'Joins the auto theft task force' })
    const users = page.getByTestId('users-table')
    expect(await users.evaluate((el) => el.parentElement!.scrollWidth - el.parentElement!.clientWidth)).toBeLessThanOrEqual(0)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: `${SHOTS}/account-requests.png`, fullPage: true })
  })
})
