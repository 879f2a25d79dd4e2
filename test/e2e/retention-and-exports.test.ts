// End to end in the browser: an administrator places a hold on reads for a case, runs the retention purge
// (the held read survives, the others go), and certifies the destruction of an overdue export.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useHarnessPage } from './support/harness-page'
import { acknowledgeBanner, ADMIN, completeSetup, signIn } from './support/flows'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { DAY } from '../../src/main/core/clock'

const ctx = useHarnessPage()

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true })
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10)

async function openGovernanceTab(page: Page, tab: string) {
  await page.getByRole('navigation').getByText('Governance', { exact: true }).click()
  await page.getByRole('tab', { name: tab }).click()
}

describe('retention, holds and the exports ledger in the browser', () => {
  it('places a hold, runs the purge that spares the held read, and reviews the purge record', async () => {
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    await completeSetup(page, clock)
    const store = harness.core.store
    const old = clock.now() - 61 * DAY
    const read = (plate: string, readAt: number) => ({
      plate, state: 'CA', confidence: 0.96, readAt, cameraId: null, latitude: 38.58, longitude: -121.49, source: 'camera' as const, createdAt: readAt,
    })
    const [held, expired] = await store.reads.insert([read('7HLD123', old), read('5EXP456', old), read('6NEW789', clock.now() - DAY)])

    await openGovernanceTab(page, 'Retention and holds')
    await page.getByRole('button', { name: 'Place a hold' }).click()
    await page.getByLabel('Case number').fill('26-018842')
    await page.getByLabel('Review on').fill(isoDay(clock.now() + 45 * DAY))
    await page.getByLabel('Reason', { exact: true }).fill('Vehicle of interest in a homicide investigation')
    await page.getByLabel('Read ids').fill(String(held))
    await page.getByRole('button', { name: 'Place hold' }).click()
    await expect.poll(() => page.getByTestId('holds-message').textContent()).toMatch(/placed for case 26-018842 on 1 read/)
    await expect.poll(() => page.getByTestId('holds-table').getByText('26-018842').count()).toBe(1)

    await page.getByRole('button', { name: 'Run purge now' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Run purge' }).click()
    await expect.poll(() => page.getByTestId('purge-result').textContent()).toMatch(/Removed 1 read.*holds kept 1 expired read\./)
    expect(await store.reads.get(held!)).not.toBeNull()
    expect(await store.reads.get(expired!)).toBeNull()
    await expect.poll(() => page.getByTestId('retention-runs').getByText('By hand').count()).toBe(1)
    const key = await store.signing.publicKey()
    await expect.poll(() => page.getByTestId('signing-key').textContent()).toContain(`Key id ${key.keyId}.`)
    await shot(page, 'governance-retention')

    // A review extends the hold with a note.
    await page.getByRole('button', { name: 'Review hold for case 26-018842' }).click()
    await page.getByLabel('Next review on').fill(isoDay(clock.now() + 120 * DAY))
    await page.getByLabel('Note').fill('Suspect not yet charged; evidence still needed')
    await shot(page, 'governance-hold-review-dialog')
    await page.getByRole('dialog').getByRole('button', { name: 'Record review' }).click()
    await expect.poll(() => page.getByTestId('holds-message').textContent()).toMatch(/Review recorded; next review on/)
    await expect.poll(() => page.getByTestId('holds-table').getByText(/Suspect not yet charged/).count()).toBe(1)

    // A refusal is shown in the person's words: a read that does not exist.
    await page.getByRole('button', { name: 'Place a hold' }).click()
    await page.getByLabel('Case number').fill('26-018843')
    await page.getByLabel('Review on').fill(isoDay(clock.now() + 10 * DAY))
    await page.getByLabel('Reason', { exact: true }).fill('Second vehicle')
    await page.getByLabel('Read ids').fill(String(expired))
    await page.getByRole('button', { name: 'Place hold' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/One of the reads named does not exist/)
    await shot(page, 'governance-hold-refused')

    const log = await store.accessLog.list(20)
    expect(log.find((e) => e.channel === 'holds.place' && e.outcome === 'allowed')).toMatchObject({ purpose: 'Case 26-018842' })
    expect(log.find((e) => e.channel === 'system.retention')?.dataElements).toMatchObject({ readsDeleted: 1, heldReadsKept: 1 })
  })

  it('lists overdue exports first and certifies a destruction once', async () => {
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    await completeSetup(page, clock)
    const store = harness.core.store
    const [admin] = (await store.users.list()) as { id: string }[]
    const item = (id: string, description: string, createdAgo: number, destroyIn: number, format: 'csv' | 'pdf' | 'print') => ({
      id, kind: 'search-results', format, description, itemCount: 14, sha256: null, purpose: 'Case 26-018842',
      createdBy: admin!.id, createdAt: clock.now() - createdAgo * DAY, recipient: null, destroyBy: clock.now() + destroyIn * DAY,
    })
    await store.exports.record(item('EX-20261020-0A1B2C3D', 'Search results for plate 7HLD123, 30 days', 40, -10, 'csv'))
    await store.exports.record(item('EX-20261112-4E5F6A7B', 'Hit report, printed for the briefing', 12, 18, 'print'))
    await store.exports.record(item('EX-20261126-8C9D0E1F', 'Reads near the scene, 2 hours', 2, 28, 'pdf'))

    await openGovernanceTab(page, 'Exports ledger')
    await expect.poll(() => page.getByTestId('exports-overdue').textContent()).toMatch(/1 export is past the destruction deadline/)
    const rows = page.getByTestId('exports-table').locator('tbody tr')
    await expect.poll(() => rows.first().textContent()).toMatch(/EX-20261020-0A1B2C3D.*Overdue 10 d/)
    await shot(page, 'governance-exports-overdue')

    await page.getByRole('button', { name: 'Certify destruction of EX-20261020-0A1B2C3D' }).click()
    await page.getByLabel('How it was destroyed').fill('CSV deleted from the case share and the laptop; recycle bin emptied')
    await page.getByRole('dialog').getByRole('button', { name: 'Certify destruction' }).click()
    await expect.poll(() => page.getByTestId('exports-message').textContent()).toMatch(/Destruction of EX-20261020-0A1B2C3D certified by Jordan Rivera/)
    await expect.poll(() => page.getByTestId('exports-overdue').count()).toBe(0)
    await expect.poll(() => rows.last().textContent()).toMatch(/Destroyed.*Certified by Jordan Rivera.*recycle bin emptied/)
    expect(await page.getByRole('button', { name: 'Certify destruction of EX-20261020-0A1B2C3D' }).count()).toBe(0)
    await shot(page, 'governance-exports-certified')
    expect((await store.exportLedger.get('EX-20261020-0A1B2C3D', clock.now()))?.destroyedByName).toBe('Jordan Rivera')
  })

  it('reminds a person after sign-in of their own exports overdue or due within three days, until dismissed', async () => {
    const { page, harness, clock } = ctx
    await page.goto(harness.url)
    const secret = await completeSetup(page, clock)
    const store = harness.core.store
    const [admin] = (await store.users.list()) as { id: string }[]
    const item = (id: string, description: string, destroyIn: number) => ({
      id, kind: 'search-results', format: 'csv' as const, description, itemCount: 3, sha256: null, purpose: 'Case 26-018842',
      createdBy: admin!.id, createdAt: clock.now() - 20 * DAY, recipient: null, destroyBy: clock.now() + destroyIn * DAY,
    })
    await store.exports.record(item('EX-20261020-0A1B2C3D', 'Search results for plate 7HLD123, 30 days', -10))
    await store.exports.record(item('EX-20261126-8C9D0E1F', 'Reads near the scene, 2 hours', 2))
    await store.exports.record(item('EX-20261127-1A2B3C4D', 'Hit report for the briefing', 20))

    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, ADMIN.username, ADMIN.password, await totpCodeAt(secret, clock.now()))
    const reminder = page.getByTestId('export-reminder')
    await expect.poll(() => reminder.textContent()).toMatch(/You have exported files to destroy: 1 overdue for destruction, 1 due for destruction within 3 days\./)
    expect(await reminder.textContent()).toContain('EX-20261020-0A1B2C3D')
    expect(await reminder.textContent()).toContain('EX-20261126-8C9D0E1F')
    expect(await reminder.textContent()).not.toContain('EX-20261127-1A2B3C4D')
    await shot(page, 'shell-export-reminder')
    expect((await store.accessLog.list(5)).some((e) => e.channel === 'exports.mine' && e.outcome === 'allowed')).toBe(true)

    await reminder.getByRole('button', { name: 'Dismiss' }).click()
    await expect.poll(() => reminder.count()).toBe(0)
  })
})
