// End to end through the built renderer, the harness bridge and the real core: an investigator enters a
// purpose, processes a generated video, follows its progress, sees the reads on the timeline, and choosing
// a read moves the video to that moment. Screenshots of the screen are saved.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { bundledFfmpegPath } from '../../src/main/core/capture/ffmpeg-frames'
import { makePlateVideo, type PlateVideo } from '../helpers/plate-video'
import { useHarnessPage } from './support/harness-page'
import { acknowledgeBanner, completeSetup, createInvestigator, signIn } from './support/flows'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const INVESTIGATOR = { username: 'dkim', displayName: 'Dana Kim', password: 'quartz-meadow-harbor-92' }

let dir: string
let video: PlateVideo
let webm: string

beforeAll(async () => {
  video = await makePlateVideo({ plates: ['7ABC123', '4XYZ987', '5KLM246'] })
  dir = mkdtempSync(join(tmpdir(), 'alpr-footage-e2e-'))
  // VP8 in WebM: every Chromium build plays it (H.264 needs proprietary codecs some builds lack).
  webm = join(dir, 'dashcam-0412.webm')
  execFileSync(bundledFfmpegPath(), ['-loglevel', 'error', '-y', '-i', video.path, '-c:v', 'libvpx', '-b:v', '1M', '-deadline', 'realtime', '-cpu-used', '8', webm])
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function shot(page: Page, name: string): Promise<void> {
  // From the top: a full-page capture of a scrolled page draws the sticky top bar halfway down.
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('footage review in the browser', () => {
  it('processes a video under a purpose, shows progress and the timeline, and seeks the video to a read', async () => {
    const { page, harness, clock } = ctx
    await page.setViewportSize({ width: 1400, height: 900 })
    mkdirSync(SHOTS, { recursive: true })
    await page.goto(harness.url)
    const adminSecret = await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
    const secret = await createInvestigator(harness, clock, adminSecret, INVESTIGATOR)

    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, INVESTIGATOR.username, INVESTIGATOR.password, await totpCodeAt(secret, clock.now()))
    await page.getByRole('navigation').getByText('Footage', { exact: true }).click()

    // Nothing of footage review before a purpose; a vague one is refused.
    await expect.poll(() => page.getByRole('heading', { name: 'Purpose of this access' }).count()).toBe(1)
    expect(await page.getByLabel('Video file or folder').count()).toBe(0)
    await page.getByLabel('Case or incident number').fill('investigation')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByText(/does not name a specific investigation/).count()).toBeGreaterThan(0)
    await page.getByLabel('Case or incident number').fill('26-004417')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByTestId('purpose-in-force').textContent()).toContain('26-004417')

    // A path that is not there is refused beside the field, without repeating it.
    await page.getByLabel('Video file or folder').fill(join(dir, 'Jane Doe', 'missing.mp4'))
    await page.getByRole('button', { name: 'Process' }).click()
    await expect.poll(() => page.getByText('Nothing was found at that path. Check the folder and file name.').count()).toBeGreaterThan(0)
    expect(await page.getByText(/Jane Doe/).count()).toBe(0)

    await page.getByLabel('Video file or folder').fill(webm)
    await page.getByLabel('Plate state (optional)').fill('CA')
    await page.getByRole('button', { name: 'Process' }).click()
    const job = page.getByTestId('footage-job').first()
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 15_000 }).toBe('running')
    // Mid-way: frames counted against the total, the first read found, an estimate of the time left.
    await expect
      .poll(() => page.getByTestId('footage-progress-text').textContent(), { timeout: 60_000, interval: 200 })
      .toMatch(/^\d+ of \d+ frames \(\d+%\) · [1-9] reads? found · (about \d+ s|under 5 s) left$/)
    await shot(page, 'footage-progress')

    await expect.poll(() => job.getAttribute('data-status'), { timeout: 120_000, interval: 500 }).toBe('done')
    expect(await job.textContent()).toContain('3 reads found')
    const reads = page.getByTestId('footage-read')
    await expect.poll(() => reads.count()).toBe(3)
    expect(await page.getByTestId('footage-reads').textContent()).toMatch(/7ABC123[\s\S]*4XYZ987[\s\S]*5KLM246/)
    expect(await page.getByTestId('footage-marker').count()).toBe(3)
    // No recording start was given: the job row and the review say the read times are estimated.
    expect(await job.getByTestId('footage-times-estimated').textContent()).toMatch(/^Read times are estimated from the file’s modification time less its length/)
    expect(await page.getByTestId('footage-review-estimated').textContent()).toMatch(/^Times are estimated/)

    // The video plays from the media address; choosing the second read moves it there and marks it.
    const videoEl = page.getByTestId('footage-video')
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1)
    const second = reads.nth(1)
    const ms = Number(await second.getAttribute('data-ms'))
    expect(ms).toBeGreaterThanOrEqual(video.passes[1]!.fromMs - 250)
    expect(ms).toBeLessThanOrEqual(video.passes[1]!.toMs + 250)
    await second.click()
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(ms / 1000, 1)
    expect(await second.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByTestId('footage-marker').nth(1).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.seeking)).toBe(false)
    await shot(page, 'footage-timeline')

    // A marker on the timeline does the same for the third read.
    await page.getByTestId('footage-marker').nth(2).click()
    const third = Number(await reads.nth(2).getAttribute('data-ms'))
    await expect.poll(() => videoEl.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(third / 1000, 1)

    // Every step was logged under the purpose.
    const log = await harness.core.store.accessLog.list(100)
    for (const channel of ['footage.start', 'footage.reads', 'footage.media']) {
      const entry = log.find((e) => e.channel === channel && e.outcome === 'allowed')
      expect(entry?.purpose).toContain('26-004417')
      expect(entry?.username).toBe(INVESTIGATOR.username)
    }
  }, 240_000)
})
