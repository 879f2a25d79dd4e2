// End to end through the built renderer, the harness bridge and the real core: a dispatcher watches the Live
// screen; a camera read of a hot-listed plate becomes an exact alert, a read differing by an OCR confusion a
// POSSIBLE one. The dispatcher reaches the newest alert from the keyboard, verifies the exact hit (crop, scene,
// per-character confidence beside the hot-list record; three checks one by one; the core refuses a CLETS
// re-check without its answer), confirms it, and records the possible one as a misread. Every step is in the
// access log; nothing shows "confirmed" before the disposition is.
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import type { Core } from '../../src/main/core/app/create-core'
import type { Enrollment } from '../../src/shared/models'
import { MONITORING_PURPOSE } from '../../src/shared/contract/define'
import { useHarnessPage } from './support/harness-page'
import { acknowledgeBanner, completeSetup, signIn } from './support/flows'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const DISPATCHER = { username: 'dmoss', displayName: 'Dana Moss', password: 'quartz-meadow-signal-83' }
const SUPERVISOR = { username: 'kokafor', displayName: 'Kemi Okafor', password: 'harbor-violet-prism-29' }
const HOUR = 3_600_000

type Bridge = { alpr: Record<string, Record<string, (input: object) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>>> }

/** The administrator creates a monitoring account through the bridge the screens use; answers the secret. */
async function createDispatcher(page: Page, now: number, person: typeof DISPATCHER = DISPATCHER, roles: string[] = ['dispatcher']): Promise<string> {
  await page.evaluate(() => (window as unknown as Bridge).alpr.accounts!.setClassification!({ name: 'Public Safety Dispatcher', authorized: true }))
  const created = await page.evaluate(
    ([person, trained, roles]) =>
      (window as unknown as Bridge).alpr.users!.create!({
        ...person,
        agency: 'Sacramento County Sheriff’s Office',
        unit: 'Communications',
        roles,
        classification: 'Public Safety Dispatcher',
        trainingCompletedOn: trained,
      }),
    [person, new Date(now - 20 * 86_400_000).toISOString().slice(0, 10), roles] as const,
  )
  expect(created.ok, JSON.stringify(created.error)).toBe(true)
  const enrollment = created.value as Enrollment
  const code = await totpCodeAt(enrollment.secret, now)
  const confirmed = await page.evaluate(
    ([userId, c]) => (window as unknown as Bridge).alpr.users!.confirmEnrollment!({ userId, code: c }),
    [enrollment.userId!, code] as const,
  )
  expect(confirmed.ok, JSON.stringify(confirmed.error)).toBe(true)
  return enrollment.secret
}

async function jpeg(svg: string): Promise<Uint8Array> {
  return new Uint8Array(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer())
}

const plateSvg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="72"><rect width="100%" height="100%" fill="#f2f2f2"/><rect x="3" y="3" width="234" height="66" fill="none" stroke="#223" stroke-width="3"/><text x="120" y="50" font-family="DejaVu Sans Mono" font-weight="bold" font-size="40" fill="#123" text-anchor="middle">${text}</text></svg>`
const sceneSvg = (text: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="100%" height="100%" fill="#4a5560"/><rect x="170" y="110" width="300" height="170" rx="24" fill="#5d6b78"/><rect x="265" y="225" width="110" height="34" fill="#eee"/><text x="320" y="250" font-family="DejaVu Sans Mono" font-size="22" text-anchor="middle">${text}</text></svg>`

/** A camera read stored the way capture stores one, matched against the hot lists; answers the read and hit ids. */
async function cameraRead(core: Core, now: number, cameraId: string, plate: string, lowAt: number): Promise<{ readId: number; hitIds: number[] }> {
  const chars = [...plate].map((char, i) => ({ char, confidence: i === lowAt ? 0.58 : 0.94 }))
  const [readId] = await core.store.reads.insert([
    {
      plate,
      state: 'CA',
      confidence: 0.9,
      readAt: now,
      cameraId,
      latitude: 38.5539,
      longitude: -121.3802,
      source: 'camera',
      createdAt: now,
      chars,
      reader: 'e2e',
      crop: await jpeg(plateSvg(plate)),
      scene: await jpeg(sceneSvg(plate)),
    },
  ])
  const hitIds = await core.store.hits.recordMatches([readId!], now)
  // Capture wakes the live feed after every stored read; refresh() is the core's public way to do the same.
  await core.capture.refresh()
  return { readId: readId!, hitIds }
}

/** A camera (disabled: no stream in these tests) and the state's stolen-vehicle list, refreshed 3 hours ago. */
async function seedCameraAndList(core: Core, adminId: string, now: number): Promise<{ cameraId: string; listId: string }> {
  const cameraId = randomUUID()
  await core.store.cameras.create({
    id: cameraId,
    name: 'Hwy 50 EB at Watt Ave',
    kind: 'fixed',
    latitude: 38.5539,
    longitude: -121.3802,
    location: 'Overpass, eastbound lanes',
    direction: 'EB',
    sourceKind: 'rtsp',
    sourceUrl: 'rtsp://127.0.0.1:8554/hwy50',
    fps: 5,
    roi: null,
    credentials: null,
    enabled: false,
    createdAt: now,
    createdBy: adminId,
  })
  // The registry changed outside the channels: capture picks it up.
  await core.capture.refresh()
  const listId = randomUUID()
  const entry = (plate: string, reason: string, vehicle: string, sourceRef: string) => ({
    plate,
    state: 'CA',
    reason,
    enteredAt: now - 12 * 86_400_000,
    vehicle,
    sourceRef,
    expiresAt: null,
    createdAt: now - 3 * HOUR,
    addedBy: adminId,
  })
  await core.store.hotLists.replaceEntries(
    {
      newList: {
        id: listId,
        name: 'CA DOJ stolen vehicles',
        source: 'California DOJ SVS extract',
        kind: 'file',
        priority: 1,
        color: '#c62828',
        sound: 'alarm',
        covert: false,
        retentionDays: null,
        description: '',
        createdAt: now - 3 * HOUR,
        createdBy: adminId,
      },
    },
    [entry('8KMN412', 'Stolen vehicle', '2019 Honda Civic, grey', 'SVS 26-1104-88213'), entry('6SLOB22', 'Stolen plates', 'Toyota Sienna, white', 'SVS 26-1101-40017')],
    now - 3 * HOUR,
    adminId,
  )
  return { cameraId, listId }
}

/** First-run setup, the dispatcher's account, the camera and list; then the dispatcher signs in and opens Live. */
async function openLiveAsDispatcher(): Promise<{ cameraId: string }> {
  const { page, harness, clock } = ctx
  const core = harness.core
  await page.setViewportSize({ width: 1440, height: 1000 })
  await page.goto(harness.url)
  await completeSetup(page, clock)
  await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
  const admin = (await core.store.users.getByUsername('jrivera'))!
  const secret = await createDispatcher(page, clock.now())
  const { cameraId } = await seedCameraAndList(core, admin.id, clock.now())

  // The dispatcher signs in; the Live screen is quiet and says so.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await acknowledgeBanner(page)
  clock.advance(31_000)
  await signIn(page, DISPATCHER.username, DISPATCHER.password, await totpCodeAt(secret, clock.now()))
  await page.getByRole('navigation').getByText('Live', { exact: true }).click()
  await expect.poll(() => page.getByTestId('feed-status').textContent()).toMatch(/Feed live/)
  return { cameraId }
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
}

describe('live alerts in the browser', () => {
  it('shows a hit as an unverified alert, and takes it through three checks to a disposition, all logged', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    const { cameraId } = await openLiveAsDispatcher()
    expect(await page.getByText(/No open alerts/).count()).toBe(1)
    expect(await page.getByTestId(`camera-${cameraId}`).textContent()).toMatch(/Disabled/)

    // A read of the listed plate arrives while the screen is open: an exact alert, unverified, with its sound.
    const exact = await cameraRead(core, clock.now(), cameraId, '8KMN412', 3)
    expect(exact.hitIds).toHaveLength(1)
    const exactId = exact.hitIds[0]!
    const exactCard = page.getByTestId(`alert-${exactId}`)
    await expect.poll(() => exactCard.count(), { timeout: 3000 }).toBe(1)
    expect(await exactCard.textContent()).toContain('Exact match')
    expect(await exactCard.getByTestId('hit-status').textContent()).toBe('Unverified — do not act until verified')
    expect(await exactCard.textContent()).toContain('list refreshed 3 h ago')
    expect(await exactCard.textContent()).not.toMatch(/confirmed/i)
    await expect.poll(() => page.getByTestId('alert-panel').getAttribute('data-last-sound')).toBe(`alarm:${exactId}`)
    expect(await page.getByTestId('alert-announcer').textContent()).toContain('plate 8KMN412')
    expect(await page.getByTestId(`read-${exact.readId}`).getByRole('button', { name: 'Open alert for read 8KMN412 (exact match)' }).count()).toBe(1)
    expect(await page.getByTestId(`read-${exact.readId}`).getByRole('img').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)

    // A read that differs only by an OCR confusion (0 for O): a POSSIBLE alert naming the differing character.
    clock.advance(5_000)
    const possible = await cameraRead(core, clock.now(), cameraId, '6SL0B22', 3)
    expect(possible.hitIds).toHaveLength(1)
    const possibleId = possible.hitIds[0]!
    const possibleCard = page.getByTestId(`alert-${possibleId}`)
    await expect.poll(() => possibleCard.count(), { timeout: 3000 }).toBe(1)
    expect(await possibleCard.textContent()).toContain('POSSIBLE match · 1 character differs')
    expect(await possibleCard.textContent()).toContain('differs at character 4')
    expect(await possibleCard.getByTestId('differences').textContent()).toBe('character 4: read digit zero, listed letter O')
    expect(await page.getByTestId('alert-count').textContent()).toBe('2 open, 2 not yet opened')
    mkdirSync(SHOTS, { recursive: true })
    await shot(page, 'live-alerts')

    // Priority 1 and nobody has opened it: the alarm sounds again every few seconds.
    const soundsPlayed = async () => Number(await page.getByTestId('alert-panel').getAttribute('data-sounds-played'))
    const before = await soundsPlayed()
    await expect.poll(soundsPlayed, { timeout: 6000 }).toBeGreaterThan(before)

    // Muting is itself visible, and undone with the same button.
    const mute = page.getByTestId('mute-toggle')
    await mute.click()
    expect(await mute.getAttribute('aria-pressed')).toBe('true')
    expect(await page.getByTestId('muted-warning').textContent()).toContain('Alert sounds are muted on this workstation.')
    await mute.click()
    expect(await mute.getAttribute('aria-pressed')).toBe('false')
    expect(await page.getByTestId('muted-warning').count()).toBe(0)

    // Keyboard: Alt+A reaches the newest alert, Enter opens it, Escape closes it and focus comes back.
    await page.keyboard.press('Alt+A')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`alert-verify-${possibleId}`)
    await page.keyboard.press('Enter')
    const dialog = page.getByTestId('verify-dialog')
    await expect.poll(() => dialog.getByRole('heading', { name: 'Hot-list record' }).count()).toBe(1)
    expect(await dialog.textContent()).toContain('POSSIBLE match · 1 character differs')
    // The exact alert behind the dialog is still unopened, and the dialog says so.
    expect(await dialog.getByTestId('waiting-alerts').textContent()).toBe('1 other alert not yet opened: close this verification to see it.')
    await shot(page, 'live-verify-possible')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.getByRole('heading', { name: 'Hot-list record' }).count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`alert-verify-${possibleId}`)
    // Opening it acknowledged it (its sound stops); the exact one is still waiting.
    await expect.poll(() => page.getByTestId('alert-count').textContent()).toBe('2 open, 1 not yet opened')
    expect(await possibleCard.textContent()).toContain(`Opened by ${DISPATCHER.displayName}`)

    // Verification of the exact hit: what the camera saw beside the record.
    await exactCard.getByRole('button', { name: /^Verify hit 8KMN412/ }).click()
    await expect.poll(() => dialog.getByRole('heading', { name: 'Hot-list record' }).count()).toBe(1)
    expect(await dialog.getByTestId('verify-banner').textContent()).toBe('Unverified — do not act until verified')
    expect(await dialog.getByRole('img', { name: 'Plate crop of the read 8KMN412' }).getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
    expect(await dialog.getByRole('img', { name: 'Scene image of the read' }).getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
    expect(await dialog.getByTestId('read-chars').locator('li.is-low').count()).toBe(1)
    expect(await dialog.getByLabel('Character 4: N, 58%, low confidence').count()).toBe(1)
    expect(await dialog.textContent()).toContain('SVS 26-1104-88213')
    expect(await dialog.textContent()).toContain('2019 Honda Civic, grey')
    expect(await dialog.getByTestId('verify-list-age').textContent()).toMatch(/^list refreshed 3 h ago/)
    expect(await dialog.getByLabel('Confirmed').isDisabled()).toBe(true)

    // Three checks, one at a time; the core refuses a CLETS re-check without its answer, in its own words.
    await dialog.getByRole('button', { name: 'Characters match' }).click()
    await expect.poll(() => dialog.getByTestId('check-visual').textContent()).toContain('Recorded: characters match')
    await dialog.getByRole('button', { name: 'State matches' }).click()
    await expect.poll(() => dialog.getByTestId('check-state').textContent()).toContain('Recorded: state matches')
    expect(await dialog.getByTestId('verify-banner').textContent()).toBe('Unverified — 2 of 3 checks recorded; do not act until verified')
    expect(await dialog.getByLabel('Confirmed').isDisabled()).toBe(true)
    await dialog.getByRole('button', { name: 'Entry still active' }).click()
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('Enter what the CLETS/NCIC re-check answered.')
    expect(await dialog.getByRole('alert').textContent()).toContain('CLETS/NCIC answer: Required for the CLETS/NCIC re-check.')
    expect(await dialog.getByLabel('CLETS/NCIC answer').getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toMatch(/^For example: still active/)
    await dialog.evaluate((d) => d.scrollTo(0, d.scrollHeight))
    await page.screenshot({ path: `${SHOTS}/live-verify-refusal.png` })
    await dialog.evaluate((d) => d.scrollTo(0, 0))
    await shot(page, 'live-verify')
    await dialog.getByLabel('CLETS/NCIC answer').fill('Still active, stolen 2026-11-16')
    await dialog.getByRole('button', { name: 'Entry still active' }).click()
    await expect.poll(() => dialog.getByTestId('check-clets').textContent()).toContain('Recorded: entry still active — “Still active, stolen 2026-11-16”')
    await expect.poll(() => dialog.getByLabel('Confirmed').isDisabled()).toBe(false)
    // All three passed, and still not confirmed: only the disposition says so.
    expect(await dialog.getByTestId('verify-banner').textContent()).toBe('Unverified — 3 of 3 checks recorded; do not act until verified')
    expect(await exactCard.getByTestId('hit-status').textContent()).not.toMatch(/confirmed/i)

    // The disposition: final, and only now does "Confirmed" appear.
    await dialog.getByLabel('Confirmed').check()
    await dialog.getByLabel('Note (optional)').fill('Unit 14 advised; vehicle stopped at Watt Ave')
    await dialog.getByRole('button', { name: 'Record disposition' }).click()
    await expect.poll(() => dialog.getByTestId('verify-message').textContent()).toBe('Disposition recorded: Confirmed.')
    expect(await dialog.getByTestId('verify-banner').textContent()).toMatch(new RegExp(`^Confirmed by ${DISPATCHER.displayName} at \\d\\d:\\d\\d$`))
    expect(await dialog.getByRole('button', { name: 'Record disposition' }).count()).toBe(0)
    await dialog.evaluate((d) => d.scrollTo(0, 0))
    await shot(page, 'live-disposed')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId(`resolved-${exactId}`).count()).toBe(1)
    expect(await page.getByTestId(`resolved-${exactId}`).textContent()).toContain(`Confirmed by ${DISPATCHER.displayName}`)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`alert-resolved-${exactId}`)
    expect(await exactCard.count()).toBe(0)

    // The possible hit: the characters differ, so it is a misread; it never shows as confirmed.
    await possibleCard.getByRole('button', { name: /^Verify hit 6SL0B22/ }).click()
    await expect.poll(() => dialog.getByRole('heading', { name: 'Hot-list record' }).count()).toBe(1)
    await dialog.getByRole('button', { name: 'Characters differ' }).click()
    await expect.poll(() => dialog.getByTestId('check-visual').textContent()).toContain('Recorded: characters differ')
    await dialog.getByLabel('Misread').check()
    await dialog.getByRole('button', { name: 'Record disposition' }).click()
    await expect.poll(() => dialog.getByTestId('verify-message').textContent()).toBe('Disposition recorded: Misread.')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId(`resolved-${possibleId}`).textContent()).toContain(`Misread by ${DISPATCHER.displayName}`)
    expect(await page.getByTestId('alert-count').textContent()).toBe('none open')
    await shot(page, 'live-resolved')
    // Opened and resolved: silence.
    const after = await soundsPlayed()
    await new Promise((resolve) => setTimeout(resolve, 4500))
    expect(await soundsPlayed()).toBe(after)

    // The store holds what the screen showed.
    const stored = (await core.store.hits.alert(exactId, true))!
    expect(stored).toMatchObject({ visualMatch: true, stateMatch: true, cletsChecked: true, cletsResult: 'Still active, stolen 2026-11-16', disposition: 'confirmed', dispositionNote: 'Unit 14 advised; vehicle stopped at Watt Ave' })
    expect((await core.store.hits.alert(possibleId, true))!).toMatchObject({ visualMatch: false, disposition: 'misread' })

    // Every step is in the access log, in order, under the dispatcher, as monitoring.
    const log = (await core.store.accessLog.list(500)).filter((e) => e.username === DISPATCHER.username).reverse()
    const steps = log.filter((e) => e.channel.startsWith('hits.') && e.dataElements.hitId === exactId).map((e) => [e.channel, e.dataElements.check ?? e.dataElements.disposition ?? null, e.outcome])
    expect(steps).toEqual([
      ['hits.acknowledge', null, 'allowed'],
      ['hits.get', null, 'allowed'],
      ['hits.check', 'visual', 'allowed'],
      ['hits.check', 'state', 'allowed'],
      ['hits.check', 'clets', 'refused'],
      ['hits.check', 'clets', 'allowed'],
      ['hits.dispose', 'confirmed', 'allowed'],
    ])
    expect(log.filter((e) => e.channel.startsWith('hits.')).every((e) => e.purpose === MONITORING_PURPOSE)).toBe(true)
    // The feed logged what it delivered: the dispatcher was shown both reads.
    const shownReads = log.filter((e) => e.channel === 'live.feed' && e.outcome === 'allowed').flatMap((e) => (e.dataElements.readIds as number[] | undefined) ?? [])
    expect(shownReads).toEqual(expect.arrayContaining([exact.readId, possible.readId]))
    expect((await core.store.accessLog.verify()).ok).toBe(true)
  })

  it('says at once when the feed is interrupted, retries, and shows what arrived meanwhile', async () => {
    const { page, harness, clock } = ctx
    // Between the page and the core: while `cut` is set, every live.feed call fails the way a broken core
    // connection answers; everything else passes through on the same connection (the session stays).
    let cut = false
    let refusedPolls = 0
    await page.routeWebSocket(/\/bridge\?/, (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((message) => {
        const request = JSON.parse(String(message)) as { id: number; channel: string }
        if (cut && request.channel === 'live.feed') {
          refusedPolls++
          ws.send(JSON.stringify({ id: request.id, ok: false, error: { code: 'INTERNAL', message: 'The connection to the application core was lost.' } }))
        } else server.send(message)
      })
      server.onMessage((message) => ws.send(message))
    })
    const { cameraId } = await openLiveAsDispatcher()
    const core = harness.core

    cut = true
    // The poll waiting in the core is woken (it passed before the cut); the next one fails, and the screen says
    // so at once, with the reason and the next attempt.
    await core.capture.refresh()
    const banner = page.getByTestId('feed-interrupted')
    await expect.poll(() => banner.count(), { timeout: 5000 }).toBe(1)
    const during = await cameraRead(core, clock.now(), cameraId, '8KMN412', 3)
    expect(await banner.textContent()).toMatch(/^Feed interrupted since \d\d:\d\d: new reads and alerts are not arriving on this screen\./)
    expect(await banner.textContent()).toContain('The connection to the application core was lost.')
    expect(await banner.textContent()).toMatch(/Next attempt in \d+ s\./)
    expect(await page.getByTestId('feed-status').textContent()).toBe('Feed interrupted')
    expect(await page.getByText(/new ones cannot arrive until it is back/).count()).toBe(1)
    mkdirSync(SHOTS, { recursive: true })
    await shot(page, 'live-interrupted')
    // It keeps trying, backing off (1 s, 2 s, …), not hammering the core.
    await expect.poll(() => refusedPolls, { timeout: 6000 }).toBeGreaterThanOrEqual(3)
    expect(refusedPolls).toBeLessThan(6)

    // Back: the read stored during the outage and its alert appear; nothing was lost.
    cut = false
    await page.getByTestId('feed-interrupted').getByRole('button', { name: 'Retry now' }).click()
    await expect.poll(() => page.getByTestId('feed-status').textContent(), { timeout: 5000 }).toMatch(/^Feed live/)
    expect(await banner.count()).toBe(0)
    await expect.poll(() => page.getByTestId(`read-${during.readId}`).count()).toBe(1)
    await expect.poll(() => page.getByTestId(`alert-${during.hitIds[0]}`).count()).toBe(1)
  })

  it('alerts a monitor in any section, sounds a once-only alert when sound is allowed, and leaves nothing for the next person', async () => {
    const { page, harness, clock } = ctx
    const core = harness.core
    // The browser's hold on sound, under the test's control: while __blockAudio is set every AudioContext says
    // "suspended", as Chromium does before the first key press or click.
    await page.addInitScript(() => {
      const w = window as unknown as { __blockAudio?: boolean }
      const state = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'state')!
      Object.defineProperty(BaseAudioContext.prototype, 'state', {
        configurable: true,
        get(this: BaseAudioContext) {
          return w.__blockAudio ? 'suspended' : (state.get!.call(this) as AudioContextState)
        },
      })
    })
    await page.setViewportSize({ width: 1440, height: 1000 })
    await page.goto(harness.url)
    await completeSetup(page, clock)
    await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
    const admin = (await core.store.users.getByUsername('jrivera'))!
    const supervisorSecret = await createDispatcher(page, clock.now(), SUPERVISOR, ['dispatcher', 'investigator'])
    const dispatcherSecret = await createDispatcher(page, clock.now())
    const { cameraId } = await seedCameraAndList(core, admin.id, clock.now())
    // A local watch list: priority 3, one beep, never repeated.
    await core.store.hotLists.replaceEntries(
      {
        newList: {
          id: randomUUID(),
          name: 'Local watch',
          source: 'Sheriff’s Office',
          kind: 'manual',
          priority: 3,
          color: '#2f6fd6',
          sound: 'beep',
          covert: false,
          retentionDays: null,
          description: '',
          createdAt: clock.now() - HOUR,
          createdBy: admin.id,
        },
      },
      [{ plate: '7WTC118', state: 'CA', reason: 'Person of interest', enteredAt: clock.now() - HOUR, vehicle: 'Ford F-150, black', sourceRef: 'LW-0412', expiresAt: null, createdAt: clock.now() - HOUR, addedBy: admin.id }],
      clock.now() - HOUR,
      admin.id,
    )

    // The supervisor-like account (dispatcher and investigator) works on Search; the Live item shows no count.
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password, await totpCodeAt(supervisorSecret, clock.now()))
    await page.getByRole('navigation').getByText('Search', { exact: true }).click()
    const liveNav = page.getByTestId('nav-live')
    expect(await liveNav.getAttribute('aria-label')).toBe('Live')
    expect(await page.getByTestId('nav-live-badge').count()).toBe(0)

    // Sound is held back by the browser when a priority-3 hit arrives: the count shows, the sound waits.
    await page.evaluate(() => ((window as unknown as { __blockAudio: boolean }).__blockAudio = true))
    const watch = await cameraRead(core, clock.now(), cameraId, '7WTC118', -1)
    expect(watch.hitIds).toHaveLength(1)
    await expect.poll(() => liveNav.getAttribute('aria-label'), { timeout: 3000 }).toBe('Live, 1 open alert')
    expect(await page.getByTestId('alert-announcer').textContent()).toContain('plate 7WTC118 on Local watch. Unverified, do not act until verified. Alt+1 opens Live.')
    expect(await page.getByRole('heading', { name: 'Search' }).count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Alert sound held back: press a key or click in this window.').count(), { timeout: 3000 }).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(await liveNav.getAttribute('data-sounds-played')).toBe('0')
    // Sound allowed: the once-only beep still sounds, because it was never heard.
    await page.evaluate(() => ((window as unknown as { __blockAudio: boolean }).__blockAudio = false))
    await expect.poll(() => liveNav.getAttribute('data-last-sound'), { timeout: 3000 }).toBe(`beep:${watch.hitIds[0]}`)
    expect(await page.getByText('Alert sound held back: press a key or click in this window.').count()).toBe(0)

    // A stolen-vehicle hit: two open, the badge takes the most urgent list's colour, the alarm sounds on Search.
    clock.advance(4_000)
    const stolen = await cameraRead(core, clock.now(), cameraId, '8KMN412', 3)
    await expect.poll(() => liveNav.getAttribute('aria-label'), { timeout: 3000 }).toBe('Live, 2 open alerts')
    const badge = page.getByTestId('nav-live-badge')
    expect(await badge.textContent()).toBe('2')
    expect(await badge.getAttribute('data-priority')).toBe('1')
    expect(await badge.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(198, 40, 40)')
    await expect.poll(() => liveNav.getAttribute('data-last-sound'), { timeout: 3000 }).toBe(`alarm:${stolen.hitIds[0]}`)
    mkdirSync(SHOTS, { recursive: true })
    await shot(page, 'live-nav-badge')

    // On Live, each camera tile shows its latest reads, newest first, with their crops.
    await liveNav.click()
    const latest = page.getByTestId(`camera-${cameraId}`).getByTestId('camera-latest')
    await expect.poll(() => latest.locator('li').count()).toBe(2)
    expect(await latest.locator('li .plate').allTextContents()).toEqual(['8KMN412', '7WTC118'])
    expect(await latest.getByRole('img', { name: 'Plate crop, read 8KMN412' }).getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
    await page.getByTestId('mute-toggle').click()
    expect(await page.getByTestId('mute-toggle').getAttribute('aria-pressed')).toBe('true')
    await shot(page, 'live-camera-latest')

    // The session locks while idle; from the lock screen the supervisor is signed out.
    clock.advance(31 * 60_000)
    await core.capture.refresh()
    await expect.poll(() => page.getByRole('heading', { name: 'Locked after inactivity' }).count(), { timeout: 25_000 }).toBe(1)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)

    // The next dispatcher starts clean: sound on, and every read on the screen came to them through their own
    // feed (and so is in the access log under their name), none left over from the supervisor's session.
    await signIn(page, DISPATCHER.username, DISPATCHER.password, await totpCodeAt(dispatcherSecret, clock.now()))
    await page.getByRole('navigation').getByText('Live', { exact: true }).click()
    await expect.poll(() => page.getByTestId('feed-status').textContent()).toMatch(/Feed live/)
    const shownIds = (await page.locator('[data-testid^="read-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')))).flatMap((id) =>
      /^read-(\d+)$/.test(id ?? '') ? [Number(id!.slice(5))] : [],
    )
    const log = (await core.store.accessLog.list(500)).filter((e) => e.username === DISPATCHER.username && e.channel === 'live.feed' && e.outcome === 'allowed')
    const delivered = new Set(log.flatMap((e) => (e.dataElements.readIds as number[] | undefined) ?? []))
    expect(shownIds.length).toBeGreaterThan(0)
    expect(shownIds.filter((id) => !delivered.has(id))).toEqual([])
    expect(await page.getByTestId('mute-toggle').getAttribute('aria-pressed')).toBe('false')
    expect(await page.getByTestId('read-feed').count()).toBe(1)
    await shot(page, 'live-next-person')
  })
})
