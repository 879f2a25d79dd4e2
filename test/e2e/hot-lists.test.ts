// End to end through the built renderer, the harness bridge and the real core: an administrator checks a CSV
// file with some bad rows, reads the validation report, confirms, and sees the list with its last-refreshed
// time; then creates a manual list and adds an entry with its expiry. Screenshots of each step are saved.
import { describe, expect, it } from 'vitest'
import { DAY } from '../../src/main/core/clock'
import { useHarnessPage } from './support/harness-page'
import { completeSetup } from './support/flows'
import { withDatabase } from '../core/sharing/seed'

const ctx = useHarnessPage()
const SHOTS = 'test-results/screens'
const localDay = (ms: number) => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const CSV = [
  'Plate,State,Offense,Entry Date,Make,Model,Color,Source Reference',
  '7ABC123,CA,Stolen vehicle,2026-01-15,Honda,Civic,Silver,SVS-26-000101',
  '6XYZ987,NV,Felony warrant - armed,01/20/2026,Ford,F-150,Black,SVS-26-000102',
  '8LMN-456,CA,"Stolen vehicle, plates swapped",2026-02-02,Toyota,Camry,White,SVS-26-000103',
  '=HYPERLINK("http://example.invalid"),CA,Stolen vehicle,2026-01-16,,,,SVS-26-000104',
  '5QRS321,ZZ,Stolen vehicle,2026-01-17,Nissan,Altima,Blue,SVS-26-000105',
  '7ABC123,CA,Stolen vehicle,2026-01-15,Honda,Civic,Silver,SVS-26-000101',
  '4TUV654,CA,Stolen vehicle,2099-01-01,Kia,Soul,Green,SVS-26-000106',
].join('\r\n')

describe('hot lists in the browser', () => {
  it('imports a CSV file after its validation report, and adds a manual entry', async () => {
    const { page, harness, clock } = ctx
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(harness.url)
    await completeSetup(page, clock)
    await page.getByRole('navigation').getByText('Hot lists').click()
    await expect.poll(() => page.getByTestId('hot-lists').textContent()).toContain('No hot list yet')

    // Check the file: four rows are rejected, each with its line and reason; nothing is stored yet.
    await page.getByRole('button', { name: 'Import a CSV file' }).click()
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'svs-extract.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) })
    await page.getByLabel('List name', { exact: true }).fill('DOJ stolen vehicles')
    await page.getByRole('button', { name: 'Check the file' }).click()
    await expect.poll(() => page.getByTestId('import-report').textContent()).toContain('3 of 7 rows accepted, 4 rejected')
    const rejected = page.getByTestId('rejected-rows')
    const rows = await rejected.locator('tbody tr').allTextContents()
    expect(rows).toEqual([
      expect.stringMatching(/^5=HYPERLINK\(.*the plate starts like a spreadsheet formula/),
      expect.stringMatching(/^65QRS321the state is not a US or Canadian postal code/),
      expect.stringMatching(/^77ABC123the same plate and state as line 2$/),
      expect.stringMatching(/^84TUV654the entry date is in the future$/),
    ])
    expect(await harness.core.store.hotLists.list()).toEqual([])
    await page.screenshot({ path: `${SHOTS}/hotlists-import-report.png`, fullPage: true })

    // Confirm: the list appears with its entry count and last-refreshed time.
    await page.getByRole('button', { name: 'Import 3 rows as a new list' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/3 entries imported into “DOJ stolen vehicles”; 4 rows rejected/))
    const [list] = await harness.core.store.hotLists.list()
    expect(list).toMatchObject({ name: 'DOJ stolen vehicles', kind: 'file', source: 'CA DOJ SVS extract', priority: 1, entries: 3 })
    await expect.poll(() => page.getByTestId('hot-lists').textContent()).toMatch(/DOJ stolen vehicles/)
    const table = await page.getByTestId('hot-lists').textContent()
    expect(table).toMatch(/just now/)
    expect(table).toContain(localDay(list!.refreshedAt))
    await expect.poll(() => page.getByTestId('hotlist-entries').textContent()).toContain('8LMN456')
    await page.getByLabel('Search plates in this list').fill('xyz')
    await expect.poll(() => page.getByTestId('hotlist-entries').locator('tbody tr').count()).toBe(1)
    expect(await page.getByTestId('hotlist-entries').textContent()).toContain('Ford F-150, Black')
    await page.screenshot({ path: `${SHOTS}/hotlists-imported.png`, fullPage: true })

    // A file list not refreshed for over a day is flagged stale (its refresh time is set back in the store).
    withDatabase(harness.dataDir, (db) => db.prepare('UPDATE hot_lists SET refreshed_at = ? WHERE id = ?').run(clock.now() - DAY - DAY / 2, list!.id))
    await page.getByRole('navigation').getByText('Governance').click()
    await page.getByRole('navigation').getByText('Hot lists').click()
    await expect.poll(() => page.getByTestId('hot-lists').textContent()).toMatch(/Stale\s*1 d 12 h ago/)

    // The list is replaced from a newer extract, after the same check, in one step.
    await page.getByRole('button', { name: 'Replace DOJ stolen vehicles from a file' }).click()
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'svs-extract-2.csv', mimeType: 'text/csv', buffer: Buffer.from(`${CSV.split('\r\n')[0]}\r\n2DEF222,CA,Stolen vehicle,2026-02-10,Mazda,3,Red,SVS-26-000200\r\n`) })
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.getByRole('button', { name: 'Replace the list with 1 row' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Replace the list' }).click()
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringMatching(/1 entry replaced the 3 entries of “DOJ stolen vehicles”/))
    await expect.poll(() => page.getByTestId('hot-lists').textContent()).toMatch(/just now/)
    expect((await harness.core.store.hotLists.entries(list!.id, '', 10, 0)).entries.map((e) => e.plate)).toEqual(['2DEF222'])

    // A file saved as Latin-1 is refused as a whole, with what to do about it.
    await page.getByRole('button', { name: 'Import a CSV file' }).click()
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'svs-latin1.csv', mimeType: 'text/csv', buffer: Buffer.from('plate,state,reason\r\n7ABC123,CA,Vol de véhicule\r\n', 'latin1') })
    await page.getByRole('button', { name: 'Check the file' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/The file was refused.*line 2 has a byte that is not UTF-8.*CSV UTF-8/)
    await page.screenshot({ path: `${SHOTS}/hotlists-file-refused.png`, fullPage: true })
    await page.getByRole('button', { name: 'Cancel', exact: true }).click()

    // A covert manual list, and an entry without an expiry is refused before one with it is added.
    await page.getByRole('button', { name: 'New manual list' }).click()
    await page.getByLabel('List name', { exact: true }).fill('Task force surveillance')
    await page.getByLabel('Source', { exact: true }).fill('Narcotics task force')
    await page.getByLabel('Priority', { exact: true }).selectOption('2')
    await page.getByLabel('Sound', { exact: true }).selectOption('chime')
    await page.getByLabel('Covert list').check()
    await page.getByRole('button', { name: 'Create list' }).click()
    await expect.poll(() => page.getByTestId('hot-lists').textContent()).toMatch(/Task force surveillance\s*Covert/)
    await page.getByRole('button', { name: 'Add an entry' }).click()
    await page.getByLabel('Plate', { exact: true }).fill('3jkl 789')
    await page.getByLabel('State', { exact: true }).fill('ca')
    await page.getByLabel('Reason', { exact: true }).fill('Vehicle of a suspect in case 26-004417')
    await page.getByLabel('Vehicle', { exact: true }).fill('Grey Subaru Outback')
    await page.getByRole('button', { name: 'Add to the list' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Expires on:/)
    await page.getByLabel('Expires on').fill(localDay(clock.now() + 7 * DAY))
    await page.getByRole('button', { name: 'Add to the list' }).click()
    await expect.poll(() => page.getByTestId('hotlist-entries').textContent()).toContain('3JKL789')
    expect(await page.getByTestId('hotlist-entries').textContent()).toContain('Jordan Rivera')
    const manual = (await harness.core.store.hotLists.list()).find((l) => l.kind === 'manual')
    expect(manual).toMatchObject({ covert: true, sound: 'chime', priority: 2, entries: 1 })
    await page.screenshot({ path: `${SHOTS}/hotlists-manual-entry.png`, fullPage: true })

    // Removing an entry asks first.
    await page.getByRole('button', { name: 'Remove 3JKL789' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Remove entry' }).click()
    await expect.poll(() => page.getByTestId('hotlist-entries').textContent()).toContain('This list has no entries.')
    expect((await harness.core.store.hotLists.get(manual!.id))?.entries).toBe(0)
  })
})
