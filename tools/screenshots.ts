// `npm run screenshots`: walks every screen in headless Chromium through the browser harness (real core,
// fresh encrypted store) and writes a PNG of each to screenshots/, for people to look at.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { startHarness } from './dev-browser/server'
import { launchChromium } from '../test/e2e/support/browser'
import { ShiftableClock } from '../test/e2e/support/clock'
import { ADMIN, acknowledgeBanner, confirmEnrollment, fillSetupForm, signIn } from '../test/e2e/support/flows'
import { totpCodeAt } from '../src/main/core/auth/totp'

const OUT = fileURLToPath(new URL('../screenshots/', import.meta.url))
mkdirSync(OUT, { recursive: true })

const clock = new ShiftableClock()
let harness = await startHarness({ clock })
const browser = await launchChromium()
let page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
const shots: string[] = []

async function shot(name: string, p: Page = page): Promise<void> {
  await p.waitForTimeout(150)
  const file = join(OUT, `${name}.png`)
  await p.screenshot({ path: file, fullPage: true })
  shots.push(file)
}

try {
  await page.goto(harness.url)
  await page.getByRole('button', { name: 'I understand and agree' }).waitFor()
  await shot('01-banner')

  // First-run setup, filled in, then the enrollment step.
  await acknowledgeBanner(page)
  await fillSetupForm(page)
  await shot('02-setup-form')
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByTestId('enrollment-secret').waitFor()
  await shot('03-setup-enrollment')
  const secret = await confirmEnrollment(page, clock, 'Finish setup')
  await page.getByRole('navigation').waitFor()
  await shot('04-shell-live')

  // Enrollment step of a new user, from the administration screen.
  await page.getByRole('navigation').getByText('Administration', { exact: true }).click()
  await page.getByRole('tab', { name: 'Users' }).click()
  await page.getByText('jrivera').first().waitFor()
  await shot('05-admin-users')
  // The new dispatcher's job classification must be on the authorized list (setup authorized only the administrator's).
  await page.evaluate(() =>
    (window as unknown as { alpr: { accounts: { setClassification(i: object): Promise<unknown> } } }).alpr.accounts.setClassification({
      name: 'Public Safety Dispatcher',
      authorized: true,
    }),
  )
  await page.getByRole('button', { name: 'Create user' }).first().click()
  await page.getByLabel('Username').fill('mchen')
  await page.getByLabel('Display name').fill('Morgan Chen')
  await page.getByLabel('Agency', { exact: true }).fill(ADMIN.agency)
  await page.getByLabel('Unit').fill('Dispatch')
  await page.getByLabel('Dispatcher').check()
  await page.getByLabel('Initial password').fill('copper-meadow-signal-93')
  await page.getByLabel('Training completed on').fill('2026-10-01')
  await page.getByLabel('Job classification').selectOption('Public Safety Dispatcher')
  await shot('06-create-user-form')
  await page.getByRole('button', { name: 'Create user' }).last().click()
  await page.getByTestId('enrollment-secret').waitFor()
  await shot('07-create-user-enrollment')
  await confirmEnrollment(page, clock, 'Confirm enrollment')
  await page.waitForTimeout(300)
  await shot('08-admin-users-after-create')

  await page.getByRole('tab', { name: 'Workstations' }).click()
  await shot('09-admin-workstations')
  await page.getByRole('tab', { name: 'Access log' }).click()
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await page.waitForTimeout(300)
  await shot('10-admin-access-log')

  // The idle lock: 31 minutes without activity.
  clock.advance(31 * 60_000)
  await page.getByRole('navigation').getByText('Search', { exact: true }).click()
  await page.getByRole('button', { name: 'Unlock' }).waitFor({ timeout: 40_000 })
  await shot('11-locked-session')

  // Sign-in, and a refused sign-in.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await acknowledgeBanner(page)
  await shot('12-sign-in')
  clock.advance(31_000)
  await signIn(page, ADMIN.username, 'not-the-password-123', await totpCodeAt(secret, clock.now()))
  await page.getByRole('alert').waitFor()
  await shot('13-sign-in-refused')

  // Another workstation, not yet approved.
  await page.close()
  const dataDir = harness.dataDir
  await harness.close()
  harness = await startHarness({ dataDir, clock, device: { id: randomUUID(), name: 'patrol-laptop-17' } })
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.goto(harness.url)
  await page.getByRole('button', { name: 'I understand and agree' }).waitFor()
  await acknowledgeBanner(page)
  await shot('14-unapproved-workstation')
} finally {
  await browser.close()
  await harness.close()
}
console.log(shots.join('\n'))
