// A large file (20,000 rows; the limit is HOT_LIST_MAX_ROWS, 250,000) is checked, imported and replaced through the
// channels in one piece, and a replacement leaves exactly the new rows. Prints how long each took.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed } from '../../helpers/core'
import type { HotListImportReport, HotListImportResult } from '../../../src/shared/models'
import { desk } from '../retention/fixtures'

const lab = useLab()
const ROWS = 20_000

function bigFile(prefix: string): string {
  const rows = Array.from({ length: ROWS }, (_, i) => `${prefix}${i.toString(36).toUpperCase().padStart(5, '0')},CA,Stolen vehicle,2026-01-15,Honda,Civic,Silver,SVS-${i}`)
  return `plate,state,reason,entry date,make,model,color,source reference\n${rows.join('\n')}\n`
}

describe('a full-size hot list', () => {
  it(`imports and replaces ${ROWS.toLocaleString('en-US')} rows`, { timeout: 90_000 }, async () => {
    const d = await desk(lab)
    const settings = { name: 'Statewide', source: 'CA DOJ SVS extract', priority: 1, color: '#c62828', sound: 'alarm', covert: false, retentionDays: null, description: '' }
    const importFile = async (csv: string, target: object) => {
      const fileBase64 = Buffer.from(csv).toString('base64')
      const report = allowed<HotListImportReport>(await d.asAdmin('hotlists.validateImport', { fileName: 'svs.csv', fileBase64 }))
      expect(report).toMatchObject({ accepted: ROWS, rejected: 0 })
      return allowed<HotListImportResult>(await d.asAdmin('hotlists.import', { fileName: 'svs.csv', fileBase64, sha256: report.sha256, ...target }))
    }
    let t = performance.now()
    const first = await importFile(bigFile('A'), { newList: settings })
    const firstMs = performance.now() - t
    expect(first.list.entries).toBe(ROWS)
    t = performance.now()
    const second = await importFile(bigFile('B'), { replaceListId: first.list.id })
    const secondMs = performance.now() - t
    expect(second).toMatchObject({ replacedEntries: ROWS, list: { entries: ROWS } })
    // Sorted by plate, an old (A…) plate would come first.
    expect((await d.core.store.hotLists.entries(first.list.id, '', 1, 0)).entries[0]?.plate).toMatch(/^B/)
    console.log(`hot-list import of ${ROWS} rows: new list ${Math.round(firstMs)} ms, replacement ${Math.round(secondMs)} ms (validate + import each)`)
  })
})
