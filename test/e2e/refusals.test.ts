// End to end: calls without a session are refused and logged, five failed sign-ins lock the account,
// and a workstation that is not approved cannot be used to sign in.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { useHarnessPage } from './support/harness-page'
import { ADMIN, acknowledgeBanner, completeSetup, signIn } from './support/flows'

const ctx = useHarnessPage()

describe('refusals in the browser', () => {
  it('refuses a call made without a session and records the refusal', async () => {
    const { page, harness } = ctx
    await page.goto(harness.url)
    await expect.poll(() => page.getByRole('button', { name: 'I understand and agree' }).count()).toBe(1)
    const result = await page.evaluate(() => (window as unknown as { alpr: { users: { list(i: object): Promise<unknown> } } }).alpr.users.list({}))
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_AUTHENTICATED' } })

    const refusal = (await harness.core.store.accessLog.list(20)).find((e) => e.channel === 'users.list')
    expect(refusal).toMatchObject({ outcome: 'refused', code: 'NOT_AUTHENTICATED', deviceId: harness.core.device.id })
  })

  it('refuses a bridge connection without the token', async () => {
    const { page, harness } = ctx
    await page.goto(harness.url)
    const opened = await page.evaluate(
      (host) =>
        new Promise<boolean>((resolve) => {
          const ws = new WebSocket(`ws://${host}/bridge?token=wrong`)
          ws.onopen = () => resolve(true)
          ws.onerror = () => resolve(false)
        }),
      new URL(harness.origin).host,
    )
    expect(opened).toBe(false)
  })

  it('locks the account after 5 failed sign-ins and keeps it locked for the right password', async () => {
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    const secret = await completeSetup(page, clock)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)

    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, ADMIN.username, `wrong-password-${attempt}-xx`, await totpCodeAt(secret, clock.now()))
      const expected = attempt < 5 ? /not correct/ : /locked/
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(expected)
      clock.advance(1_000)
    }
    clock.advance(31_000)
    await signIn(page, ADMIN.username, ADMIN.password, await totpCodeAt(secret, clock.now()))
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/locked/)

    const admin = (await harness.core.store.users.getByUsername(ADMIN.username))!
    expect(admin.lockedAt).not.toBeNull()
    const codes = (await harness.core.store.accessLog.list(20)).filter((e) => e.channel === 'auth.signIn').map((e) => e.code)
    expect(codes.slice(0, 2)).toEqual(['ACCOUNT_LOCKED', 'ACCOUNT_LOCKED'])
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(4)
  })

  it('refuses sign-in on a workstation that is not approved, and says so', async () => {
    await ctx.page.goto(ctx.harness.url)
    const secret = await completeSetup(ctx.page, ctx.clock)
    // The same store opened from another machine, which registers itself as pending.
    await ctx.reopen({ dataDir: ctx.harness.dataDir, device: { id: randomUUID(), name: 'patrol-laptop-17' } })
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    await expect.poll(() => page.getByText(/not approved/i).count()).toBeGreaterThan(0)
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, ADMIN.username, ADMIN.password, await totpCodeAt(secret, clock.now()))
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not approved as an agency-issued machine/)
    const last = (await harness.core.store.accessLog.list(1))[0]!
    expect(last).toMatchObject({ channel: 'auth.signIn', outcome: 'refused', code: 'DEVICE_NOT_APPROVED' })
  })
})
