// End to end through the built renderer and the real core: an administrator adds an RTSP camera with stream
// credentials, sees it listed without them, changes its frame rate keeping the stored credentials, and
// disables it; the password appears nowhere on screen, in any answer's record, or in the access log.
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { useHarnessPage } from './support/harness-page'
import { completeSetup } from './support/flows'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const PASSWORD = 'Quartz-Heron-58'

async function openCameras(page: Page) {
  await page.getByRole('navigation').getByText('Administration', { exact: true }).click()
  await page.getByRole('tab', { name: 'Cameras' }).click()
}

describe('the camera registry in the browser', () => {
  it('adds an RTSP camera with credentials, edits its frame rate and disables it, never showing the password', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    mkdirSync(SHOTS, { recursive: true })
    await page.goto(harness.url)
    await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
    await openCameras(page)
    await expect.poll(() => page.getByText('No camera is registered yet. Add one to start live capture.').count()).toBe(1)

    // A refusal first: the address does not match the kind of source; the sentence says what to fix.
    await page.getByRole('button', { name: 'Add camera' }).click()
    const form = page.getByTestId('camera-form')
    await form.getByLabel('Name', { exact: true }).fill('Folsom Blvd eastbound')
    await form.getByLabel('Location').fill('Folsom Blvd at 65th St, signal pole NE')
    await form.getByLabel('Direction').fill('eastbound')
    await form.getByLabel('Latitude').fill('38.5556')
    await form.getByLabel('Longitude').fill('-121.4212')
    await form.getByLabel('Source', { exact: true }).fill('http://10.40.2.17:554/Streaming/Channels/101')
    await form.getByLabel('Region of interest').fill('0, 0.35, 1, 0.65')
    await form.getByRole('button', { name: 'Add camera' }).click()
    await expect.poll(() => form.getByRole('alert').getByText(/starts with rtsp:\/\//).count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${SHOTS}/cameras-refused.png`, fullPage: true })

    // The address with credentials embedded, as administrators often paste it.
    await form.getByLabel('Source', { exact: true }).fill(`rtsp://lprsvc:${PASSWORD}@10.40.2.17:554/Streaming/Channels/101`)
    await form.getByLabel('Frame rate').fill('6')
    await page.screenshot({ path: `${SHOTS}/cameras-form.png`, fullPage: true })
    await form.getByRole('button', { name: 'Add camera' }).click()
    await expect.poll(() => page.getByText('Folsom Blvd eastbound is added; capture starts now.').count()).toBe(1)

    const table = page.getByTestId('cameras-table')
    const row = table.getByRole('row', { name: /Folsom Blvd eastbound/ })
    await expect.poll(() => row.getByText('rtsp://10.40.2.17:554/Streaming/Channels/101', { exact: true }).count()).toBe(1)
    expect(await row.getByText('RTSP stream · credentials stored').count()).toBe(1)
    expect(await row.getByText('6 fps').count()).toBe(1)
    // Capture picked the camera up at once (the address leads nowhere, so it connects or retries).
    expect(await row.getByText(/^(Connecting|Retrying since \d\d:\d\d)$/).count()).toBe(1)
    expect(await row.getByText('100% × 65% at 0%, 35%').count()).toBe(1)
    expect(await row.getByText('38.55560, -121.42120').count()).toBe(1)
    expect(await page.content()).not.toContain(PASSWORD)
    expect(await page.content()).not.toContain('lprsvc')
    await page.screenshot({ path: `${SHOTS}/cameras-list.png`, fullPage: true })

    const [stored] = await core.store.cameras.list()
    expect(stored).toMatchObject({ name: 'Folsom Blvd eastbound', fps: 6, hasCredentials: true, sourceUrl: 'rtsp://10.40.2.17:554/Streaming/Channels/101' })

    // Editing: the form says credentials are stored, shows none, and blank fields keep them.
    await row.getByRole('button', { name: 'Edit Folsom Blvd eastbound' }).click()
    await expect.poll(() => form.getByTestId('credentials-stored').count()).toBe(1)
    expect(await form.getByLabel('Stream user name').inputValue()).toBe('')
    expect(await form.getByLabel('Stream password').inputValue()).toBe('')
    await form.getByLabel('Frame rate').fill('10')
    await page.screenshot({ path: `${SHOTS}/cameras-edit.png`, fullPage: true })
    await form.getByRole('button', { name: 'Save changes' }).click()
    await expect.poll(() => page.getByText('Folsom Blvd eastbound is saved.').count()).toBe(1)
    await expect.poll(() => row.getByText('10 fps').count()).toBe(1)
    const [source] = await core.store.cameras.captureSources()
    expect(source).toMatchObject({ fps: 10, url: `rtsp://lprsvc:${PASSWORD}@10.40.2.17:554/Streaming/Channels/101` })

    // Disabling, after a confirmation, takes it out of capture.
    await row.getByRole('button', { name: 'Disable Folsom Blvd eastbound' }).click()
    await page.getByRole('button', { name: 'Disable camera' }).click()
    await expect.poll(() => page.getByText('Folsom Blvd eastbound is disabled; capture stopped. Its reads are kept.').count()).toBe(1)
    await expect.poll(() => row.getByRole('button', { name: 'Enable Folsom Blvd eastbound' }).count()).toBe(1)
    expect(await core.store.cameras.captureSources()).toEqual([])
    expect(await row.getByText('Disabled', { exact: true }).count()).toBe(1)
    await page.screenshot({ path: `${SHOTS}/cameras-disabled.png`, fullPage: true })

    // The access log holds every change, and the password nowhere.
    const log = await core.store.accessLog.list(200)
    const changes = log.filter((e) => e.channel.startsWith('cameras.') && e.channel !== 'cameras.list').map((e) => [e.channel, e.outcome])
    expect(changes.reverse()).toEqual([
      ['cameras.create', 'refused'],
      ['cameras.create', 'allowed'],
      ['cameras.update', 'allowed'],
      ['cameras.setEnabled', 'allowed'],
    ])
    expect(JSON.stringify(log)).not.toContain(PASSWORD)
    expect(JSON.stringify(log)).not.toContain('lprsvc')
    expect(await page.content()).not.toContain(PASSWORD)
  })
})
