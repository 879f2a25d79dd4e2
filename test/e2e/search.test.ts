// End to end through the built renderer, the harness bridge and the real core: a detective signs in, finds the
// Search screen closed until a purpose is given, is refused a vague purpose and one carrying an identifier with
// the core's own sentence, searches under a case number, pages through the results, opens a read (crop and
// per-character confidence), exports selected reads as CSV, and loses the purpose on leaving the section.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { totpCodeAt } from '../../src/main/core/auth/totp'
import { DAY } from '../../src/main/core/clock'
import type { NewRead } from '../../src/main/core/store/repositories/reads'
import type { Harness } from '../../tools/dev-browser/server'
import type { ShiftableClock } from './support/clock'
import { useHarnessPage } from './support/harness-page'
import { acknowledgeBanner, completeSetup, createInvestigator, signIn } from './support/flows'
import { addCamera, withDatabase } from '../core/sharing/seed'

const ctx = useHarnessPage()
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true })

const DETECTIVE = { username: 'dkim', displayName: 'Dana Kim', password: 'harbor-quartz-meadow-38' }
const CASE = '24-001234'

/** A California-style plate, 240×120, drawn as SVG. */
const plateSvg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120">
  <rect x="1" y="1" width="238" height="118" rx="12" fill="#f4f4f0" stroke="#222" stroke-width="3"/>
  <text x="120" y="26" font-family="DejaVu Sans" font-size="16" fill="#a01010" text-anchor="middle">California</text>
  <text x="120" y="89" font-family="DejaVu Sans" font-weight="bold" font-size="48" fill="#1a1a5a" text-anchor="middle">${text}</text>
</svg>`

/** A plate crop and a scene around it, as JPEG bytes (what capture stores). */
async function images(text: string): Promise<{ crop: Buffer; scene: Buffer }> {
  const plate = await sharp(Buffer.from(plateSvg(text))).png().toBuffer()
  const crop = await sharp(plate).flatten({ background: '#f4f4f0' }).jpeg({ quality: 85 }).toBuffer()
  const background = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="540">
    <rect width="960" height="540" fill="#6b7078"/><rect x="200" y="140" width="560" height="330" rx="40" fill="#2f3a4a"/></svg>`
  const scene = await sharp(Buffer.from(background)).composite([{ input: plate, left: 360, top: 300 }]).jpeg({ quality: 80 }).toBuffer()
  return { crop, scene }
}

/** 55 reads of 7ABC123 over the last days at two cameras (more than one page), and two other plates. */
async function seedReads(harness: Harness, clock: ShiftableClock): Promise<{ newest: number }> {
  const now = clock.now()
  withDatabase(harness.dataDir, (db) => {
    addCamera(db, { id: 'cam-main', name: 'Main St northbound', createdAt: now - 90 * DAY })
    addCamera(db, { id: 'cam-elm', name: 'Elm Ave at 5th', createdAt: now - 90 * DAY })
  })
  const target = await images('7ABC123')
  const other = await images('8XYZ555')
  const chars = (text: string, low: number) =>
    [...text].map((char, i) => ({ char, confidence: i === low ? 0.62 : i === low + 1 ? 0.81 : 0.97 }))
  const read = (plate: string, at: number, cameraId: string, img: { crop: Buffer; scene: Buffer }): NewRead => ({
    plate,
    state: 'CA',
    confidence: 0.93,
    readAt: at,
    cameraId,
    latitude: cameraId === 'cam-main' ? 38.5816 : 38.5752,
    longitude: cameraId === 'cam-main' ? -121.4944 : -121.4789,
    source: 'camera',
    createdAt: at,
    chars: chars(plate, 2),
    readings: [
      { ms: 61_200, text: plate.replace('B', '8'), confidence: 0.71 },
      { ms: 61_240, text: plate, confidence: 0.9 },
      { ms: 61_280, text: plate, confidence: 0.95 },
    ],
    reader: 'ppocr-v4',
    crop: img.crop,
    scene: img.scene,
  })
  const reads: NewRead[] = []
  for (let i = 0; i < 55; i++) reads.push(read('7ABC123', now - (i + 1) * 3 * 3_600_000, i % 2 === 0 ? 'cam-main' : 'cam-elm', target))
  reads.push(read('8XYZ555', now - 2 * 3_600_000, 'cam-main', other))
  reads.push(read('7A8C123', now - 4 * 3_600_000, 'cam-elm', target))
  const ids = await harness.core.store.reads.insert(reads)
  // The newest read of 7ABC123 matched a hot list: its history shows in the read detail.
  withDatabase(harness.dataDir, (db) =>
    db
      .prepare(
        `INSERT INTO hits (read_id, list_name, entry_plate, entry_state, entry_reason, match, created_at, visual_match, state_match, clets_checked,
                           disposition, disposed_at)
         VALUES (?, 'DOJ stolen vehicles', '7ABC123', 'CA', 'Stolen vehicle', 'exact', ?, 1, 1, 1, 'confirmed', ?)`,
      )
      .run(ids[0]!, now - 3 * 3_600_000, now - 3 * 3_600_000 + 240_000),
  )
  return { newest: ids[0]! }
}

/** Setup, the detective's account and the reads; then the detective signs in and opens Search. */
async function detectiveOnSearch(): Promise<{ newest: number; detectiveSecret: string }> {
  const { page, harness, clock } = ctx
  await page.setViewportSize({ width: 1440, height: 960 })
  await page.goto(harness.url)
  const adminSecret = await completeSetup(page, clock)
  await expect.poll(() => page.getByRole('navigation').getByText('Administration').count()).toBeGreaterThan(0)
  const detectiveSecret = await createInvestigator(harness, clock, adminSecret, DETECTIVE)
  const seeded = await seedReads(harness, clock)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await acknowledgeBanner(page)
  clock.advance(31_000)
  await signIn(page, DETECTIVE.username, DETECTIVE.password, await totpCodeAt(detectiveSecret, clock.now()))
  await page.getByRole('navigation').getByText('Search', { exact: true }).click()
  return { ...seeded, detectiveSecret }
}

describe('plate search in the browser', () => {
  it('refuses a search without a valid purpose, then searches, pages, opens a read and exports CSV under a case number', async () => {
    const { page, harness, clock } = ctx
    const { newest, detectiveSecret } = await detectiveOnSearch()

    // Nothing to search with until a purpose is in force; the core refuses a search that carries none.
    await expect.poll(() => page.getByRole('button', { name: 'Use this purpose' }).count()).toBe(1)
    expect(await page.getByLabel('Plate', { exact: true }).count()).toBe(0)
    expect(await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).count()).toBe(0)
    const bare = await page.evaluate(() =>
      (window as unknown as { alpr: { search: { reads(i: object): Promise<{ ok: boolean; error?: { code: string } }> } } }).alpr.search.reads({ plate: '7ABC123' }),
    )
    expect(bare).toMatchObject({ ok: false, error: { code: 'PURPOSE_REQUIRED' } })

    // "Investigation" alone names no investigation: refused with the core's sentence beside the case-number field.
    const caseField = page.getByLabel('Case or incident number')
    await caseField.fill('Investigation')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    const vague = '“Investigation” does not name a specific investigation. Enter the case or incident number (for example 24-012345).'
    await expect.poll(() => page.locator('.field.has-error').filter({ has: caseField }).locator('.field-error').textContent()).toBe(vague)
    expect(await page.getByRole('alert').textContent()).toBe(vague)
    expect(await caseField.getAttribute('aria-invalid')).toBe('true')
    await shot(page, 'search-purpose-refused')

    // A personal identifier in the note is refused, naming what was found, beside the note.
    await caseField.fill('')
    await page.getByLabel('Suspect’s last name').fill('Ortega')
    await page.getByLabel('Note (optional)').fill('DOB 04/12/1988')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    const noteField = page.getByLabel('Note (optional)')
    await expect.poll(() => page.locator('.field.has-error').filter({ has: noteField }).locator('.field-error').textContent()).toMatch(
      /^Refused: the purpose contains a date of birth \(“DOB”\)\./,
    )
    expect(await page.getByLabel('Plate', { exact: true }).count()).toBe(0)

    // A case number in the agency's format is accepted and shown as the purpose in force.
    await page.getByLabel('Suspect’s last name').fill('')
    await noteField.fill('')
    await caseField.fill(CASE.toLowerCase())
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByTestId('purpose-in-force').textContent()).toBe(`Purpose in force: Case ${CASE}Change purposeEnd`)

    // Search the plate: a first page of 50 with the count, then the rest.
    await page.getByLabel('Plate', { exact: true }).fill('7abc123')
    await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => page.getByTestId('results-count').textContent()).toMatch(/^55 reads for plate 7ABC123\. Showing 50\.$/)
    const rows = page.getByTestId('search-results').locator('tbody tr')
    expect(await rows.count()).toBe(50)
    // Newest first, each with its crop, plate, state, confidence, time, camera and location.
    await expect.poll(() => rows.first().textContent()).toMatch(/7ABC123CA93%.*Main St northbound38\.5816, -121\.4944Hot-list hit/)
    expect(await rows.first().locator('img.crop-thumb').getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/)
    expect(await rows.first().locator('img.crop-thumb').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    await page.getByRole('button', { name: 'Load 50 more' }).click()
    await expect.poll(() => rows.count()).toBe(55)
    await expect.poll(() => page.getByText('All 55 matching reads are shown.').count()).toBe(1)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'search-results')

    // Open the newest read: scene and crop, the confidence of each character, readings and hot-list history.
    // By keyboard: the plate opens the read; Escape closes it and the focus returns to the plate.
    await rows.first().getByRole('button', { name: /^Open read 7ABC123 at / }).focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.getByRole('img', { name: 'Plate crop of 7ABC123' }).count()).toBe(1)
    expect(await dialog.getByRole('img', { name: 'Scene of read 7ABC123' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960)
    const chars = dialog.getByTestId('char-confidences').locator('li')
    expect(await chars.evaluateAll((items) => items.map((li) => `${li.getAttribute('aria-label')}|${li.className}`))).toEqual([
      'Character 1: 7, 97%|char-box conf-high',
      'Character 2: A, 97%|char-box conf-high',
      'Character 3: B, 62%|char-box conf-low',
      'Character 4: C, 81%|char-box conf-middle',
      'Character 5: 1, 97%|char-box conf-high',
      'Character 6: 2, 97%|char-box conf-high',
      'Character 7: 3, 97%|char-box conf-high',
    ])
    expect(await dialog.textContent()).toContain('7A8C123')
    expect(await dialog.textContent()).toMatch(/DOJ stolen vehicles.*Exact.*Confirmed/)
    // The dialog scrolls on its own: the screenshot is of what the detective sees in the window.
    await page.screenshot({ path: 'test-results/screens/search-read-detail.png' })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Open read 7ABC123 at /)

    // Select three reads and export them as CSV: the file carries the export id and the purpose, and the
    // screen shows the export id and its destruction deadline.
    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox').check()
    await expect.poll(() => page.getByText('3 reads selected').count()).toBe(1)
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const download = await downloading
    const csv = await readFile((await download.path())!, 'utf8')
    const done = page.getByTestId('export-done')
    await expect.poll(() => done.textContent()).toMatch(/^Export EX-[\w-]+ saved as .+\.csv/)
    const exportId = /Export (EX-[\w-]+) saved/.exec((await done.textContent())!)![1]!
    expect(csv).toContain(exportId)
    expect(csv).toContain(`Case ${CASE}`)
    expect(csv.match(/7ABC123/g)?.length).toBeGreaterThanOrEqual(3)
    const ledger = (await harness.core.store.exportLedger.get(exportId, clock.now()))!
    expect(ledger).toMatchObject({ purpose: `Case ${CASE}`, itemCount: 3 })
    const deadline = new Date(ledger.destroyBy)
    const isoDeadline = `${deadline.getFullYear()}-${String(deadline.getMonth() + 1).padStart(2, '0')}-${String(deadline.getDate()).padStart(2, '0')}`
    expect(await done.textContent()).toContain(`Destroy the file by ${isoDeadline}`)
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'search-export-done')

    // The same reads as PDF: another export with its own id.
    const pdfDownloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export PDF' }).click()
    const pdf = await readFile((await (await pdfDownloading).path())!)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    await expect.poll(() => done.textContent()).toMatch(/^Export EX-[\w-]+ saved as .+\.pdf/)
    expect(await done.textContent()).not.toContain(exportId)

    // A similar-plate search finds the misread 7A8C123 (one position differs); the detective corrects it, and
    // the original stays beside the correction.
    await page.getByLabel('Match').selectOption('similar')
    expect(await page.getByLabel('Order').inputValue()).toBe('similarity')
    await page.getByLabel('Order').selectOption('newest')
    await page.getByRole('main').getByRole('button', { name: 'Search', exact: true }).click()
    await expect.poll(() => page.getByTestId('results-count').textContent()).toMatch(/^56 reads for plates similar to 7ABC123\./)
    const misread = rows.filter({ hasText: '7A8C123' })
    expect(await rows.nth(1).textContent()).toContain('7A8C123')
    expect(await misread.textContent()).toMatch(/7A8C123CA93%1/)
    await misread.getByRole('button', { name: /^Open read 7A8C123 at / }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Correct this read' }).click()
    await page.getByLabel('Corrected characters').fill('7ABC123')
    await page.getByLabel('Reason for the correction').fill('Crop shows B, not 8; reader confused the two')
    await page.getByRole('dialog').getByRole('button', { name: 'Save correction' }).click()
    await expect.poll(() => page.getByRole('dialog').getByRole('status').last().textContent()).toBe(
      'Corrected from 7A8C123 CA to 7ABC123 CA. The original is kept beside the correction.',
    )
    await expect.poll(() => page.getByTestId('read-corrections').locator('tbody tr').textContent()).toMatch(/^7A8C123 CA7ABC123 CACrop shows B, not 8.*Dana Kim/)
    await page.getByTestId('read-corrections').scrollIntoViewIfNeeded()
    await page.screenshot({ path: 'test-results/screens/search-correction.png' })
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => misread.count()).toBe(0)
    expect(await rows.filter({ hasText: 'Corrected' }).count()).toBe(1)

    // The access log holds each access under its purpose, with what was searched and which reads were seen.
    const log = await harness.core.store.accessLog.list(60)
    expect(log.find((e) => e.channel === 'reads.correct' && e.outcome === 'allowed')).toMatchObject({ purpose: `Case ${CASE}` })
    const searches = log.filter((e) => e.channel === 'search.reads' && e.outcome === 'allowed' && (e.dataElements as { plate?: string }).plate === '7ABC123')
    expect(searches).toHaveLength(2)
    expect(searches.every((e) => e.purpose === `Case ${CASE}` && e.username === DETECTIVE.username)).toBe(true)
    expect(searches.find((e) => (e.dataElements as { page?: string }).page === 'first')?.dataElements).toMatchObject({ plate: '7ABC123', resultCount: 50 })
    expect(log.find((e) => e.channel === 'reads.detail' && e.outcome === 'allowed')).toMatchObject({ purpose: `Case ${CASE}` })
    expect(JSON.stringify(log.find((e) => e.channel === 'reads.detail')?.dataElements)).toContain(String(newest))
    expect(log.find((e) => e.channel === 'search.reads' && e.outcome === 'refused')).toMatchObject({ code: 'PURPOSE_REQUIRED' })
    const refusedPurposes = log.filter((e) => e.channel === 'purpose.check' && e.outcome === 'refused').map((e) => e.code)
    expect(refusedPurposes.sort()).toEqual(['PURPOSE_FORBIDDEN_CONTENT', 'PURPOSE_TOO_VAGUE'])
    // The identifier refused is not itself written to the log.
    expect(JSON.stringify(log)).not.toContain('04/12/1988')

    // Leaving the section ends the access: coming back asks for a purpose again and shows nothing found before.
    await page.getByRole('navigation').getByText('Footage', { exact: true }).click()
    await page.getByRole('navigation').getByText('Search', { exact: true }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Use this purpose' }).count()).toBe(1)
    expect(await page.getByTestId('search-results').count()).toBe(0)
    expect(await page.getByTestId('purpose-in-force').count()).toBe(0)

    // Signing out ends the purpose too: the next sign-in starts without one.
    await caseField.fill(CASE)
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByTestId('purpose-in-force').count()).toBe(1)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await acknowledgeBanner(page)
    clock.advance(31_000)
    await signIn(page, DETECTIVE.username, DETECTIVE.password, await totpCodeAt(detectiveSecret, clock.now()))
    await page.getByRole('navigation').getByText('Search', { exact: true }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Use this purpose' }).count()).toBe(1)
    expect(await page.getByTestId('purpose-in-force').count()).toBe(0)
    expect(await caseField.inputValue()).toBe('')
  })

  it('searches by pattern and camera under a last name, says plainly when nothing matches, and changes or ends the purpose', async () => {
    const { page, harness } = ctx
    await detectiveOnSearch()
    const searchButton = page.getByRole('main').getByRole('button', { name: 'Search', exact: true })
    const searchCalls = async () => (await harness.core.store.accessLog.list(80)).filter((e) => e.channel === 'search.reads').length

    // Criminal history in the note is refused with the reason, beside the note.
    await page.getByLabel('Suspect’s last name').fill('García')
    await page.getByLabel('Note (optional)').fill('on probation, stolen truck')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Refused: the purpose contains supervision or registration status \(criminal history\) \(“probation”\)/)
    await page.getByLabel('Note (optional)').fill('stolen pickup truck')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByTestId('purpose-in-force').textContent()).toMatch(/^Purpose in force: Suspect last name García: stolen pickup truck/)

    // A wildcard pattern at one camera: only that camera's reads of plates starting 7A.
    await page.getByLabel('Match').selectOption('pattern')
    await page.getByLabel('Plate', { exact: true }).fill('7A*')
    await page.getByLabel('Elm Ave at 5th').check()
    await searchButton.click()
    await expect.poll(() => page.getByTestId('results-count').textContent()).toMatch(/^28 reads for pattern 7A\* · camera Elm Ave at 5th\. Showing 28\.$/)
    const rows = page.getByTestId('search-results').locator('tbody tr')
    const cameras = await rows.locator('td:nth-child(7)').allTextContents()
    expect(new Set(cameras)).toEqual(new Set(['Elm Ave at 5th']))
    const plates = await rows.locator('.plate-link').allTextContents()
    expect(new Set(plates)).toEqual(new Set(['7ABC123', '7A8C123']))

    // A half-given location is refused here, beside its fields, without a call.
    const before = await searchCalls()
    await page.getByLabel('Latitude').fill('38.58')
    await searchButton.click()
    await expect.poll(() => page.getByText('Longitude is a number from -180 to 180.').count()).toBe(1)
    expect(await page.getByText('The radius is from 1 to 100,000 metres.').count()).toBe(1)
    expect(await searchCalls()).toBe(before)

    // A search that would return very many reads says so without counting them all.
    const at = ctx.clock.now() - DAY
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      plate: '4CAP001', state: 'CA', confidence: 0.9, readAt: at - i * 1000, cameraId: 'cam-main', latitude: null, longitude: null,
      source: 'camera' as const, createdAt: at,
    }))
    await harness.core.store.reads.insert(many)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('Plate', { exact: true }).fill('4CAP001')
    await searchButton.click()
    await expect.poll(() => page.getByTestId('results-count').textContent()).toMatch(/^10,000\+ reads for plate 4CAP001\. Showing 50\.$/)
    expect(await page.getByRole('button', { name: 'Load 50 more' }).count()).toBe(1)

    // Nothing matches: said plainly, with what was searched.
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('Plate', { exact: true }).fill('9ZZZ999')
    await searchButton.click()
    await expect.poll(() => page.getByTestId('results-empty').textContent()).toMatch(/^No reads match plate 9ZZZ999\./)
    await shot(page, 'search-empty')

    // Change purpose: the form comes back filled with the purpose, and the results are gone.
    await page.getByRole('button', { name: 'Change purpose' }).click()
    expect(await page.getByLabel('Suspect’s last name').inputValue()).toBe('García')
    expect(await page.getByLabel('Note (optional)').inputValue()).toBe('stolen pickup truck')
    expect(await page.getByTestId('results-empty').count()).toBe(0)
    expect(await page.getByLabel('Plate', { exact: true }).count()).toBe(0)
    await page.getByLabel('Case or incident number').fill('24-001235')
    await page.getByRole('button', { name: 'Use this purpose' }).click()
    await expect.poll(() => page.getByTestId('purpose-in-force').textContent()).toMatch(/^Purpose in force: Case 24-001235, suspect last name García: stolen pickup truck/)
    expect(await page.getByLabel('Plate', { exact: true }).inputValue()).toBe('')

    // End: no purpose in force, nothing to search with, an empty form.
    await page.getByRole('button', { name: 'End' }).click()
    await expect.poll(() => page.getByRole('button', { name: 'Use this purpose' }).count()).toBe(1)
    expect(await page.getByLabel('Suspect’s last name').inputValue()).toBe('')
    expect(await page.getByLabel('Plate', { exact: true }).count()).toBe(0)

    const searches = (await harness.core.store.accessLog.list(80)).filter((e) => e.channel === 'search.reads' && e.outcome === 'allowed')
    expect(searches.map((e) => e.purpose)).toEqual(Array(3).fill('Suspect last name García: stolen pickup truck'))
    expect(searches.map((e) => (e.dataElements as { pattern?: string; plate?: string }).pattern ?? (e.dataElements as { plate?: string }).plate).sort()).toEqual(['4CAP001', '7A*', '9ZZZ999'])
  })
})
