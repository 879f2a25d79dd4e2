// End to end through the built renderer and the real core: the administrator's overview shows misuse flags,
// the access-log viewer filters and exports (into the exports ledger), an auditor assembles an audit and
// records findings, the auditor cannot approve it, and the administrator (a different person) approves it
// and downloads the signed report.
import { mkdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import type { Enrollment } from '../../src/shared/models'
import { pdfText } from '../helpers/pdf'
import { seed } from '../core/audits/seed-log'
import { useHarnessPage } from './support/harness-page'
import { ADMIN, acknowledgeBanner, completeSetup, signIn } from './support/flows'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const AUDITOR = { username: 'kpatel', displayName: 'Kiran Patel', password: 'quartz-meadow-signal-83' }
const DAY = 86_400_000

/** A full-page screenshot from the top, so the sticky top bar stays at the top of the picture. */
async function shot(page: Page, path: string) {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path, fullPage: true })
}

async function openTab(page: Page, name: string) {
  await page.getByRole('navigation').getByText('Administration', { exact: true }).click()
  await page.getByRole('tab', { name }).click()
}

/** Local time `daysAgo` days before now at `hour`:00. */
function daysAgoAt(now: number, daysAgo: number, hour: number): number {
  const d = new Date(now - daysAgo * DAY)
  d.setHours(hour, 0, 0, 0)
  return d.getTime()
}

describe('audits in the browser', () => {
  it('shows misuse flags, filters and exports the log, and takes an audit from evidence to a second person’s approval', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    await page.goto(harness.url)
    const adminSecret = await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)

    // The administrator creates the auditor's account through the same bridge the screens use, with an
    // authorized job classification.
    await page.evaluate(() =>
      (window as unknown as { alpr: { accounts: { setClassification(i: object): Promise<unknown> } } }).alpr.accounts.setClassification({
        name: 'Internal Affairs Auditor',
        authorized: true,
      }),
    )
    const enrollment = (await page.evaluate(
      (a) =>
        (window as unknown as { alpr: { users: { create(i: object): Promise<{ value: unknown }> } } }).alpr.users.create({
          ...a,
          agency: 'Sacramento County Sheriff’s Office',
          unit: 'Professional Standards',
          roles: ['auditor'],
          classification: 'Internal Affairs Auditor',
          trainingCompletedOn: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
        }),
      AUDITOR,
    )).value as Enrollment
    const code = await totpCodeAt(enrollment.secret, clock.now())
    await page.evaluate(
      ([userId, c]) => (window as unknown as { alpr: { users: { confirmEnrollment(i: object): Promise<unknown> } } }).alpr.users.confirmEnrollment({ userId, code: c }),
      [enrollment.userId!, code] as const,
    )

    // Searches by an investigator over the last weeks: one plate again and again, some at night, one refusal.
    const now = clock.now()
    const jdoe = { id: 'u-jdoe', username: 'jdoe' }
    const repeated: number[] = []
    for (let i = 0; i < 5; i++) repeated.push(await seed(core.store, core.device.id, { at: daysAgoAt(now, 10 - i, 14), user: jdoe, plate: '8KMN412', purpose: 'Case 26-004411' }))
    await seed(core.store, core.device.id, { at: daysAgoAt(now, 4, 2), user: jdoe, plate: '6TRX901', purpose: 'Suspect last name Ortega' })
    await seed(core.store, core.device.id, { at: daysAgoAt(now, 3, 11), user: jdoe, outcome: 'refused', code: 'PURPOSE_TOO_VAGUE', dataElements: { plate: '5ABC777' }, purpose: null })

    // The overview: flags of the last 30 days, and no audit approved yet.
    await openTab(page, 'Overview')
    const flags = page.getByTestId('overview-flags')
    await expect.poll(() => flags.getByText('jdoe queried plate 8KMN412 5 times within 7 days (threshold 5).').count()).toBe(1)
    await expect.poll(() => flags.getByText(/jdoe made 1 search outside working hours/).count()).toBe(1)
    await expect.poll(() => flags.getByText(/jdoe had 1 access refused for purpose or permission \(1 PURPOSE_TOO_VAGUE\)/).count()).toBe(1)
    expect(await page.getByTestId('figure-audit-due').textContent()).toContain('No audit has been approved yet')
    mkdirSync(SHOTS, { recursive: true })
    await shot(page, `${SHOTS}/admin-overview.png`)

    // A flag leads to its entries in the access log.
    await page.getByRole('button', { name: /^Show in the access log: jdoe queried plate 8KMN412/ }).click()
    await expect.poll(() => page.getByTestId('log-count').textContent()).toMatch(/5 entries shown · filtered/)
    expect(await page.getByLabel('Plate').inputValue()).toBe('8KMN412')
    expect(await page.getByLabel('User').inputValue()).toBe('jdoe')

    // The access log: the chain verified on opening, a filter on the plate, an export into the ledger.
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => page.getByTestId('log-count').textContent()).not.toMatch(/filtered/)
    await expect.poll(() => page.getByTestId('chain-result').textContent()).toMatch(/Chain intact/)
    await page.getByLabel('Plate').fill('8kmn 412')
    await page.getByRole('button', { name: 'Search the log' }).click()
    // The five searches, and the administrator's own look at the log for this plate a moment ago.
    await expect.poll(() => page.getByTestId('log-count').textContent()).toMatch(/6 entries shown · filtered/)
    expect(await page.getByTestId('access-log-table').getByText('accessLog.search').count()).toBe(1)
    await shot(page, `${SHOTS}/access-log-viewer.png`)
    // An export carries plates and purposes: without a case number it is refused, with one it is recorded under it.
    await page.getByRole('button', { name: 'Export CSV' }).click()
    await expect.poll(() => page.getByText(/Enter a case or incident number/).count()).toBeGreaterThan(0)
    await page.getByLabel('Case number for an export').fill('26-000777')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
    const csv = readFileSync((await download.path())!, 'utf8')
    // Header, the five searches, both log searches for the plate (the second one is logged before the export runs)
    // and the export refused a moment ago for want of a case number.
    expect(csv.trimEnd().split('\r\n')).toHaveLength(9)
    await expect.poll(() => page.getByTestId('log-export-result').textContent()).toMatch(/recorded in the exports ledger/)
    const ledger = (await core.store.exports.list()).filter((e) => e.kind === 'access-log')
    expect(ledger).toMatchObject([{ format: 'csv', itemCount: 8, description: 'Access log, 8 entries (plate 8KMN412)', purpose: 'Case 26-000777' }])
    expect(download.suggestedFilename()).toContain(ledger[0]!.id)

    // The auditor signs in, assembles the evidence for the last year and records findings.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, AUDITOR.username, AUDITOR.password, await totpCodeAt(enrollment.secret, clock.now()))
    await openTab(page, 'Audits')
    await page.getByRole('button', { name: 'New audit' }).click()
    await page.getByRole('button', { name: 'Assemble evidence' }).click()
    const panel = page.getByTestId('audit-panel')
    await expect.poll(() => panel.getByText('Awaiting approval').count()).toBe(0)
    await expect.poll(() => panel.getByText(/6 searches in the period, drawn at random/).count()).toBe(1)
    await expect.poll(() => page.getByTestId('audit-flags').getByText(/queried plate 8KMN412 5 times/).count()).toBe(1)
    await page.getByLabel(`Assessment of entry ${repeated[0]}`).selectOption('adequate')
    await page.getByLabel(`Assessment of entry ${repeated[4]}`).selectOption('questionable')
    await page.getByLabel('Findings', { exact: true }).fill('jdoe queried 8KMN412 five times in five days under one case; purposes otherwise name cases.')
    await page.getByLabel('Remedial actions').fill('Supervisor to confirm the case need with jdoe.')
    await page.getByRole('button', { name: 'Record findings' }).click()
    await expect.poll(() => panel.getByText('Findings recorded. A different person must now review and approve the audit.').count()).toBe(1)
    // An auditor performs audits but does not approve them: no approval here.
    expect(await page.getByRole('button', { name: 'Approve and sign report' }).count()).toBe(0)
    await shot(page, `${SHOTS}/audit-performed.png`)
    const [audit] = await core.store.audits.list()
    const auditor = (await core.store.users.getByUsername(AUDITOR.username))!
    expect(audit).toMatchObject({ status: 'performed', performedBy: auditor.id })

    // The administrator, a different person, approves it and downloads the signed report.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, ADMIN.username, ADMIN.password, await totpCodeAt(adminSecret, clock.now()))
    await openTab(page, 'Audits')
    await page.getByRole('button', { name: `Open audit ${audit!.id}` }).click()
    await page.getByLabel('Approval note').fill('Agreed; follow-up assigned.')
    await page.getByRole('button', { name: 'Approve and sign report' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and sign' }).click()
    await expect.poll(() => panel.getByText(/Audit approved. The signed report is kept until/).count()).toBe(1)
    const admin = (await core.store.users.getByUsername(ADMIN.username))!
    expect((await core.store.audits.get(audit!.id))!).toMatchObject({ status: 'approved', approvedBy: admin.id, performedBy: auditor.id })
    await shot(page, `${SHOTS}/audit-approved.png`)

    await page.getByLabel('Case number for the copy').fill('26-000777')
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download signed report (PDF)' }).click()])
    const text = pdfText(readFileSync((await report.path())!))
    for (const expected of ['ALPR system audit report', '2 of 6 assessed by the performer; 1 questionable.', `Audit ${audit!.id}`, 'Performed by kpatel', `Approved by ${ADMIN.displayName} (${ADMIN.username})`, 'Supervisor to confirm the case need with jdoe.', 'Signature (Ed25519)']) {
      expect(text).toContain(expected)
    }
    expect((await core.store.exports.list()).filter((e) => e.kind === 'audit-report')).toHaveLength(1)

    // An audit the administrator performs needs someone else's approval: the screen says so and offers none.
    await page.getByRole('button', { name: 'New audit' }).click()
    await page.getByRole('button', { name: 'Assemble evidence' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Record findings' }).count()).toBe(1)
    await page.getByLabel('Findings', { exact: true }).fill('Second look at the same year.')
    await page.getByRole('button', { name: 'Record findings' }).click()
    await expect.poll(() => page.getByTestId('approve-self-notice').count()).toBe(1)
    expect(await page.getByRole('button', { name: 'Approve and sign report' }).count()).toBe(0)

    // The overview now counts from the approved audit.
    await openTab(page, 'Overview')
    await expect.poll(() => page.getByTestId('figure-audit-due').textContent()).toMatch(/Last approved audit covered up to/)
    expect((await core.store.accessLog.verify()).ok).toBe(true)
  })
})
