// What a person does on the screens, step by step, shared by the end-to-end tests and the screenshot script.
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../../src/main/core/auth/totp'
import type { Clock } from '../../../src/main/core/clock'

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
