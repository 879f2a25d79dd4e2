// End to end through the built renderer, the harness bridge and the real core: an administrator is refused
// when registering a federal agency, registers a county agency, records a share that a second administrator
// approves, produces the file into the exports ledger and keeps the e-mail message; records a vendor contract;
// publishes the public policy; and sees the compliance dashboard. Screenshots of each tab are saved.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { DAY } from '../../src/main/core/clock'
import type { Harness } from '../../tools/dev-browser/server'
import type { Enrollment } from '../../src/shared/models'
import type { ShiftableClock } from './support/clock'
import { useHarnessPage } from './support/harness-page'
import { ADMIN, completeSetup } from './support/flows'
import { addCamera, addRead, withDatabase } from '../core/sharing/seed'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** A second administrator, created through the core by the first and signed in from another window. */
async function secondAdministrator(harness: Harness, clock: ShiftableClock, adminSecret: string) {
  const windowOf = (senderId: string) => ({ senderId, origin: harness.origin, isMainFrame: true })
  const seed = windowOf('seed-window')
  const send = async (call: ReturnType<typeof windowOf>, channel: string, input: unknown) => {
    const result = await harness.core.dispatch(call, channel, input)
    if (!result.ok) throw new Error(`${channel} refused: ${result.error.message}`)
    return result.value
  }
  clock.advance(31_000)
  await send(seed, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password, code: await totpCodeAt(adminSecret, clock.now()), bannerAcknowledged: true })
  const password = 'quartz-meadow-harbor-92'
  await send(seed, 'accounts.setClassification', { name: 'Records Supervisor', authorized: true })
  const enrollment = (await send(seed, 'users.create', {
    username: 'mchen',
    displayName: 'Morgan Chen',
    agency: ADMIN.agency,
    unit: 'Records',
    roles: ['administrator'],
    classification: 'Records Supervisor',
    password,
    trainingCompletedOn: day(clock.now() - 20 * DAY),
  })) as Enrollment
  await send(seed, 'users.confirmEnrollment', { userId: enrollment.userId, code: await totpCodeAt(enrollment.secret, clock.now()) })
  clock.advance(31_000)
  const call = windowOf('approver-window')
  await send(call, 'auth.signIn', { username: 'mchen', password, code: await totpCodeAt(enrollment.secret, clock.now()), bannerAcknowledged: true })
  return { call, send: (channel: string, input: unknown) => send(call, channel, input) }
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click()
}

describe('governance in the browser', () => {
  it('refuses a federal agency, records a share with a county agency, and publishes the policy', async () => {
    const { page, harness, clock } = ctx
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(harness.url)
    const secret = await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Governance').count()).toBeGreaterThan(0)
    const approver = await secondAdministrator(harness, clock, secret)
    // 10:00 UTC two days ago, so the read an hour later falls on the same day whatever the time of the run.
    const readDay = Math.floor((clock.now() - 2 * DAY) / DAY) * DAY + 10 * 3_600_000
    const otherRead = withDatabase(harness.dataDir, (db) => {
      addCamera(db, { id: 'cam-main', name: 'Main St northbound', createdAt: readDay - 30 * DAY })
      addRead(db, { plate: '7ABC123', readAt: readDay, cameraId: 'cam-main' })
      addRead(db, { plate: '7ABC123', readAt: readDay + 3_600_000, cameraId: 'cam-main' })
      return addRead(db, { plate: '6XYZ987', readAt: readDay, cameraId: 'cam-main' })
    })

    await page.getByRole('navigation').getByText('Governance').click()
    await openTab(page, 'Sharing')

    // A federal agency is refused, with the statute named.
    await page.getByRole('button', { name: 'Register an agency' }).click()
    await page.getByLabel('Agency name').fill('Federal Bureau of Investigation, Sacramento Field Office')
    await page.getByLabel('Kind of agency').selectOption('federal_agency')
    await page.getByRole('button', { name: 'Register agency' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/federal agency is not a California public agency.*1798\.90\.55\(b\)/)
    await page.screenshot({ path: `${SHOTS}/governance-sharing-refused.png`, fullPage: true })
    expect(await harness.core.store.sharing.agencies()).toEqual([])

    // A county agency is admitted.
    await page.getByLabel('Agency name').fill('Placer County Sheriff’s Office')
    await page.getByLabel('Kind of agency').selectOption('county_agency')
    await page.getByLabel('Known phone number').fill('530-889-7800')
    await page.getByRole('button', { name: 'Register agency' }).click()
    await expect.poll(() => page.getByTestId('agencies-table').textContent()).toContain('Placer County Sheriff’s Office')

    // The share request.
    await page.getByRole('button', { name: 'Record a share request' }).click()
    await page.getByLabel('Requester’s name').fill('Dana Ortiz')
    await page.getByLabel('Requester’s title').fill('Detective')
    await page.getByLabel('Stated purpose and need').fill('Vehicle seen leaving a burglary in Roseville; needs its recent locations.')
    await page.getByLabel('How the request was verified').fill('Called the Sheriff’s records desk at its known number; confirmed the detective and the case.')
    await page.getByLabel('Plate', { exact: true }).fill('7ABC123')
    await page.getByLabel('From', { exact: true }).fill(day(readDay))
    await page.getByLabel('To', { exact: true }).fill(day(readDay))
    await page.getByLabel('Case or incident number').fill('26-004512')
    await page.getByRole('button', { name: 'Record request' }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/Another administrator must approve it/))
    const [share] = await harness.core.store.sharing.shares()
    expect(share).toMatchObject({ agencyName: 'Placer County Sheriff’s Office', requester: 'Dana Ortiz', status: 'pending', itemCount: 2, transfer: 'email' })
    await expect.poll(() => page.getByText('Another administrator decides').count()).toBe(1)

    // The second administrator approves it from their own window.
    await approver.send('sharing.decide', { shareId: share!.id, approve: true, note: 'Need verified by call-back; approved.' })
    await openTab(page, 'Vendors')
    await openTab(page, 'Sharing')
    await page.getByRole('button', { name: 'Produce file' }).click()
    await page.getByLabel('Case or incident number').fill('26-004512')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Produce and save file' }).click()])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^EX-\\d{8}-[0-9A-F]{8}-share-${share!.id}\\.csv$`))
    const [ledger] = await harness.core.store.exports.list()
    expect(ledger).toMatchObject({ kind: 'share', recipient: 'Placer County Sheriff’s Office', itemCount: 2 })

    // The e-mail that carried it is kept.
    await page.getByRole('button', { name: 'Keep e-mail' }).click()
    const eml = Buffer.from('From: records@sacsheriff.example\r\nTo: dortiz@placer.example\r\nSubject: ALPR reads, case 26-004512\r\n\r\nAttached.\r\n')
    await page.getByLabel('Message file (.eml)').setInputFiles({ name: 'ALPR share.eml', mimeType: 'message/rfc822', buffer: eml })
    await page.getByRole('button', { name: 'Keep message' }).click()
    await expect.poll(async () => (await harness.core.store.sharing.share(share!.id))?.emails.length).toBe(1)
    await expect.poll(() => page.getByTestId('shares-table').textContent()).toMatch(/Message kept until/)
    await page.screenshot({ path: `${SHOTS}/governance-sharing.png`, fullPage: true })

    // A request entered by the second administrator: the first looks at the reads it names, then approves it.
    const [agency] = await harness.core.store.sharing.agencies()
    const entered = (await approver.send('sharing.request', {
      purpose: { caseNumber: '26-004513' },
      agencyId: agency!.id,
      requester: 'Dana Ortiz',
      requesterTitle: 'Detective',
      need: 'A second vehicle seen at the same burglary.',
      verification: 'Same call-back as the first request.',
      transfer: 'portal',
      selection: { readIds: [otherRead] },
    })) as { id: string }
    await openTab(page, 'Vendors')
    await openTab(page, 'Sharing')
    await page.getByRole('button', { name: 'Approve or decline' }).click()
    expect(await page.getByRole('button', { name: 'Approve', exact: true }).isDisabled()).toBe(true)
    await page.getByLabel('Case or incident number').fill('26-004513')
    await page.getByRole('button', { name: 'Show the reads' }).click()
    await expect.poll(() => page.getByTestId('share-reads-table').textContent()).toMatch(/6XYZ987/)
    expect(await page.getByTestId('share-reads-table').textContent()).not.toMatch(/7ABC123/)
    await page.screenshot({ path: `${SHOTS}/governance-share-decide.png`, fullPage: true })
    await page.getByLabel('Reason for the decision').fill('Read checked against the stated need; approved.')
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await expect.poll(async () => (await harness.core.store.sharing.share(entered.id))?.status).toBe('approved')

    // A vendor contract lacking an item.
    await openTab(page, 'Vendors')
    await page.getByRole('button', { name: 'Record a contract' }).click()
    await page.getByLabel('Vendor', { exact: true }).fill('CloudPlates Inc.')
    await page.getByLabel('Service', { exact: true }).fill('Off-site encrypted backup of reads')
    await page.getByLabel('Signed on').fill('2026-01-05')
    await page.getByLabel('Expires on').fill('2028-01-04')
    await page.getByLabel('Where the data is stored').selectOption('us')
    await page.getByLabel('The contract states the agency owns its data').check()
    await page.getByLabel('Vendor staff with access must be trained').check()
    await page.getByLabel('The vendor must audit its service periodically').check()
    await page.getByLabel('Vendor’s last audit').fill('2026-06-30')
    await page.getByLabel('The contract includes a data-breach policy').check()
    await page.getByRole('button', { name: 'Save contract' }).click()
    await expect.poll(() => page.getByTestId('vendor-contracts').textContent()).toMatch(/1 item missing/)
    await page.screenshot({ path: `${SHOTS}/governance-vendors.png`, fullPage: true })

    // The policy: not yet published, then published.
    await openTab(page, 'Public policy')
    await expect.poll(() => page.getByTestId('policy-status').textContent()).toMatch(/Not published yet/)
    await page.getByRole('button', { name: 'Record publication' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Record publication' }).click()
    await expect.poll(() => page.getByTestId('policy-status').textContent()).toMatch(/matches the current settings/)
    const published = await harness.core.store.policy.latest()
    expect(published).toMatchObject({ version: 1, publishedByName: ADMIN.displayName })
    await page.screenshot({ path: `${SHOTS}/governance-policy.png`, fullPage: true })

    // The dashboard shows what is still missing and no longer asks for the policy.
    await openTab(page, 'Compliance')
    await expect.poll(() => page.getByTestId('compliance-duties').textContent()).toMatch(/CloudPlates Inc\.: vendor staff with access are background-checked/)
    const text = (await page.getByTestId('compliance-duties').textContent()) ?? ''
    expect(text).not.toMatch(/never been published/)
    expect(text).toMatch(/No audit has been approved yet/)
    await page.screenshot({ path: `${SHOTS}/governance-compliance.png`, fullPage: true })
  })
})
