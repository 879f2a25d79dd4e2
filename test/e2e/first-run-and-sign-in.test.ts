// End to end through the built renderer, the harness bridge and the real core: first-run setup with TOTP
// enrollment, the application shell, signing out and signing in again with a fresh code.
import { describe, expect, it } from 'vitest'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { useHarnessPage } from './support/harness-page'
import { ADMIN, acknowledgeBanner, completeSetup, signIn } from './support/flows'

const ctx = useHarnessPage()

describe('first run and sign-in in the browser', () => {
  it('shows the use-of-system banner before anything else', async () => {
    const { page, harness } = ctx
    await page.goto(harness.url)
    await expect.poll(() => page.getByText('Restricted law-enforcement system').count()).toBeGreaterThan(0)
    expect(await page.getByText(/monitored, recorded and audited/).count()).toBeGreaterThan(0)
    expect(await page.getByLabel('Username').count()).toBe(0)
  })

  it('sets up the first administrator with an enrolled authenticator, then signs out and back in', async () => {
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    const secret = await completeSetup(page, clock)
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/)

    // The shell with its navigation, showing who is signed in: the administrator's sections only (an
    // administrator does not watch live alerts or search reads unless also given those roles).
    const nav = page.getByRole('navigation')
    for (const section of ['Hot lists', 'Governance', 'Administration']) {
      await expect.poll(() => nav.getByText(section, { exact: true }).count()).toBeGreaterThan(0)
    }
    for (const section of ['Live', 'Search', 'Footage']) expect(await nav.getByText(section, { exact: true }).count()).toBe(0)
    expect(await page.getByText(ADMIN.displayName).count()).toBeGreaterThan(0)

    // This workstation was approved during setup.
    const device = (await harness.core.store.devices.get(harness.core.device.id))!
    expect(device.status).toBe('approved')

    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, ADMIN.username, ADMIN.password, await totpCodeAt(secret, clock.now()))
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)

    const log = await harness.core.store.accessLog.list(50)
    const signIns = log.filter((e) => e.channel === 'auth.signIn' && e.outcome === 'allowed')
    expect(signIns).toHaveLength(1)
    expect(signIns[0]!.username).toBe(ADMIN.username)
    expect(JSON.stringify(signIns[0]!.dataElements)).not.toContain(ADMIN.password)
    expect((await harness.core.store.accessLog.verify()).ok).toBe(true)
  })
})
