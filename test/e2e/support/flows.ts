// What a person does on the screens, step by step, shared by the end-to-end tests and the screenshot script.
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import { type Clock, DAY } from '../../../src/main/core/clock'
import type { Enrollment } from '../../../src/shared/models'
import type { Harness } from '../../../tools/dev-browser/server'
import type { ShiftableClock } from './clock'

export const ADMIN = {
  agencyName: 'Sacramento County Sheriff’s Office',
  username: 'jrivera',
  displayName: 'Jordan Rivera',
  agency: 'Sacramento County Sheriff’s Office',
  unit: 'Records and Technology',
  password: 'granite-lantern-orbit-47',
  trainingCompletedOn: '2026-09-15',
}

export async function acknowledgeBanner(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'I understand and agree' }).click()
}

/** Runs first-run setup through the screens; returns the enrolled authenticator secret. */
export async function completeSetup(page: Page, clock: Clock): Promise<string> {
  await acknowledgeBanner(page)
  await fillSetupForm(page)
  await page.getByRole('button', { name: 'Continue' }).click()
  return confirmEnrollment(page, clock, 'Finish setup')
}

/** Fills the first step of setup with the administrator above. */
export async function fillSetupForm(page: Page): Promise<void> {
  await page.getByLabel('Agency name').fill(ADMIN.agencyName)
  await page.getByLabel('Username').fill(ADMIN.username)
  await page.getByLabel('Display name').fill(ADMIN.displayName)
  await page.getByLabel('Agency', { exact: true }).fill(ADMIN.agency)
  await page.getByLabel('Unit').fill(ADMIN.unit)
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password)
  await page.getByLabel('Confirm password').fill(ADMIN.password)
  await page.getByLabel('Training completed on').fill(ADMIN.trainingCompletedOn)
}

/** On an enrollment screen: reads the shown secret, enters its current code, confirms; returns the secret. */
export async function confirmEnrollment(page: Page, clock: Clock, button: 'Finish setup' | 'Confirm enrollment'): Promise<string> {
  const secret = (await page.getByTestId('enrollment-secret').textContent())?.replace(/\s+/g, '') ?? ''
  await page.getByLabel('Authenticator code').fill(await totpCodeAt(secret, clock.now()))
  await page.getByRole('button', { name: button }).click()
  return secret
}

export async function signIn(page: Page, username: string, password: string, code: string): Promise<void> {
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByLabel('Authenticator code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

/**
 * An investigator's account (classification Detective), created and enrolled by the administrator through the
 * core from a window of their own, which is then signed out. Answers the new authenticator's secret.
 */
export async function createInvestigator(
  harness: Harness,
  clock: ShiftableClock,
  adminSecret: string,
  person: { username: string; displayName: string; password: string },
): Promise<string> {
  const seed = { senderId: 'seed-window', origin: harness.origin, isMainFrame: true }
  const send = async (channel: string, input: unknown) => {
    const result = await harness.core.dispatch(seed, channel, input)
    if (!result.ok) throw new Error(`${channel} refused: ${result.error.message}`)
    return result.value
  }
  clock.advance(31_000)
  await send('auth.signIn', { username: ADMIN.username, password: ADMIN.password, code: await totpCodeAt(adminSecret, clock.now()), bannerAcknowledged: true })
  await send('accounts.setClassification', { name: 'Detective', authorized: true })
  const enrollment = (await send('users.create', {
    ...person,
    agency: ADMIN.agency,
    unit: 'Investigations',
    roles: ['investigator'],
    classification: 'Detective',
    trainingCompletedOn: new Date(clock.now() - 20 * DAY).toISOString().slice(0, 10),
  })) as Enrollment
  await send('users.confirmEnrollment', { userId: enrollment.userId, code: await totpCodeAt(enrollment.secret, clock.now()) })
  await send('auth.signOut', {})
  return enrollment.secret
}
