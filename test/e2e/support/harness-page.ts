// One browser for a test file, and for each test a fresh harness (new encrypted store) with a clock the
// test can move forward, and a new page. Everything is closed after each test.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { startHarness, type Harness, type HarnessOptions } from '../../../tools/dev-browser/server'
import { launchChromium } from './browser'
import { ShiftableClock } from './clock'

export interface HarnessPage {
  browser: Browser
  harness: Harness
  page: Page
  clock: ShiftableClock
  /** Closes the current harness and page, and opens the same store as another workstation would. */
  reopen(options: HarnessOptions): Promise<void>
}

export function useHarnessPage(): HarnessPage {
  const ctx = {} as HarnessPage
  beforeAll(async () => {
    ctx.browser = await launchChromium()
  })
  afterAll(async () => {
    await ctx.browser?.close()
  })
  beforeEach(async () => {
    ctx.clock = new ShiftableClock()
    ctx.harness = await startHarness({ clock: ctx.clock })
    ctx.page = await ctx.browser.newPage()
  })
  afterEach(async () => {
    await ctx.page?.close()
    await ctx.harness?.close()
  })
  ctx.reopen = async (options) => {
    await ctx.page.close()
    await ctx.harness.close()
    ctx.harness = await startHarness({ clock: ctx.clock, ...options })
    ctx.page = await ctx.browser.newPage()
  }
  return ctx
}
