// Hot-list CSV files (issue 4, items 3 and 7): malformed and hostile files are refused as a whole with a
// reason, or row by row with each row's line number and why; good rows are read exactly. The reader is tested
// directly, and the same refusals once more through the guarded channel, which must change nothing.
import { describe, expect, it } from 'vitest'
import { readHotListCsv } from '../../../src/main/core/hotlists/import-csv'
import { AppError } from '../../../src/main/core/errors'
import { HOT_LIST_MAX_ROWS, HOT_LIST_REPORT_LIMIT } from '../../../src/shared/contract/hotlists'
import type { HotListImportReport, HotListRecord } from '../../../src/shared/models'
import { START } from '../../helpers/clock'
import { useLab } from '../../helpers/lab'
import { allowed, lastLogEntry, refused } from '../../helpers/core'
import { desk } from '../retention/fixtures'

const NOW = START
const HEADER = 'plate,state,reason,entry date,make,model,color,source reference'

const read = (csv: string | Buffer, name = 'svs.csv') => readHotListCsv(name, typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv, NOW)

/** The sentence a whole-file refusal gives. */
async function refusal(csv: string | Buffer): Promise<string> {
  try {
    await read(csv)
  } catch (error) {
    expect(AppError.isAppError(error)).toBe(true)
    expect((error as AppError).code).toBe('FILE_REFUSED')
    return (error as AppError).message
  }
  return expect.fail('the file was accepted')
}

const reasonsAt = (report: HotListImportReport, line: number): string[] => report.rejections.find((r) => r.line === line)?.reasons ?? []

describe('reading a hot-list CSV file', () => {
  it('reads the DOJ-style columns, normalising plates and states, and combines the vehicle description', async () => {
    const { report, entries } = await read(
      [HEADER, '7abc-123,ca,Stolen vehicle,2026-02-20,Honda,Civic,Silver,SVS-2026-0001', ' 6 XYZ 987 ,NV,Felony warrant,02/21/2026,,,,'].join('\n'),
    )
    expect(report).toMatchObject({ rows: 2, accepted: 2, rejected: 0, rejections: [], ignoredColumns: [] })
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(report.columns.map((c) => c.field)).toEqual(['plate', 'state', 'reason/offense', 'entry date', 'vehicle make', 'vehicle model', 'vehicle colour', 'source reference'])
    expect(entries).toEqual([
      { plate: '7ABC123', state: 'CA', reason: 'Stolen vehicle', enteredAt: new Date(2026, 1, 20, 12).getTime(), vehicle: 'Honda Civic, Silver', sourceRef: 'SVS-2026-0001', expiresAt: null },
      { plate: '6XYZ987', state: 'NV', reason: 'Felony warrant', enteredAt: new Date(2026, 1, 21, 12).getTime(), vehicle: '', sourceRef: '', expiresAt: null },
    ])
  })

  it('accepts header aliases in any case and order, and names the columns it ignored', async () => {
    const { report, entries } = await read(['LIC STATE,License_Plate,OFFENSE,Veh Color,Internal Note', 'BC,ABC123,Stolen,Red,keep out', 'on,XYZ99,Stolen,,'].join('\r\n'))
    expect(report).toMatchObject({ accepted: 2, rejected: 0, ignoredColumns: ['Internal Note'] })
    expect(report.columns).toEqual([
      { field: 'state', header: 'LIC STATE' },
      { field: 'plate', header: 'License_Plate' },
      { field: 'reason/offense', header: 'OFFENSE' },
      { field: 'vehicle colour', header: 'Veh Color' },
    ])
    expect(entries.map((e) => [e.plate, e.state, e.vehicle])).toEqual([['ABC123', 'BC', 'Red'], ['XYZ99', 'ON', '']])
  })

  it('refuses the whole file when a required column is missing, naming every missing column', async () => {
    expect(await refusal('plate,make,model\n7ABC123,Honda,Civic\n')).toMatch(/^The file has no column for: state, reason\/offense\. The first line must name the columns/)
    expect(await refusal('registration,region\n7ABC123,CA\n')).toMatch(/no column for: plate, state, reason\/offense/)
  })

  it('refuses a file without a header line, saying the first line looks like data', async () => {
    expect(await refusal('7ABC123,CA,Stolen vehicle\n6XYZ987,NV,Warrant\n')).toMatch(/no column for: plate, state, reason\/offense\. Its first line looks like data/)
  })

  it('refuses a file with two columns for one field', async () => {
    expect(await refusal('plate,tag,state,reason\nA1,B2,CA,x\n')).toBe('The file has more than one column for: plate. Keep one column for each and import it again.')
  })

  it('refuses empty files, blank files and files of only a byte-order mark', async () => {
    for (const csv of [Buffer.alloc(0), Buffer.from('\r\n\r\n  \n'), Buffer.from([0xef, 0xbb, 0xbf])]) expect(await refusal(csv)).toBe('The file is empty.')
  })

  it('refuses a file of only a header, since no row can be imported', async () => {
    expect((await read(`${HEADER}\n`)).report).toMatchObject({ rows: 0, accepted: 0, rejected: 0 })
  })

  it('accepts a UTF-8 byte-order mark and CRLF line ends', async () => {
    const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`plate,state,reason\r\n7ABC123,CA,Stolen – “Grand theft”\r\n`)])
    const { report, entries } = await read(csv)
    expect(report).toMatchObject({ accepted: 1, rejected: 0 })
    expect(entries[0]).toMatchObject({ plate: '7ABC123', reason: 'Stolen – “Grand theft”' })
  })

  it('refuses UTF-16 with a byte-order mark (either order) with a sentence saying to save as UTF-8', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('plate,state,reason\r\n7ABC123,CA,Stolen\r\n', 'utf16le')])
    expect(await refusal(le)).toBe('The file is UTF-16 text, not UTF-8. Save it from the spreadsheet as “CSV UTF-8” and import it again.')
    const be = Buffer.from(le).swap16()
    expect(await refusal(be)).toMatch(/^The file is UTF-16 text, not UTF-8\./)
    expect(await refusal(Buffer.from('plate,state,reason\r\n7ABC123,CA,Stolen\r\n', 'utf16le'))).toMatch(/^The file looks like UTF-16 text, not UTF-8\. Save it/)
  })

  it('refuses Latin-1 bytes, naming the line of the first one', async () => {
    const latin1 = Buffer.from('plate,state,reason\n7ABC123,CA,Stolen\n6XYZ987,CA,Vol de véhicule\n', 'latin1')
    expect(await refusal(latin1)).toBe(
      'The file is not UTF-8 text: line 3 has a byte that is not UTF-8 (as in files saved as Latin-1 or Windows-1252). Save it from the spreadsheet as “CSV UTF-8” and import it again.',
    )
    // Overlong encodings and UTF-8-encoded surrogates are not UTF-8 either.
    expect(await refusal(Buffer.concat([Buffer.from('plate,state,reason\nA1,CA,'), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]))).toMatch(/line 2 has a byte that is not UTF-8/)
    expect(await refusal(Buffer.concat([Buffer.from('plate,state,reason\nA1,CA,'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]))).toMatch(/line 2 has a byte/)
    expect(await refusal(Buffer.concat([Buffer.from('plate,state,reason\nA1,CA,x'), Buffer.from([0xe2, 0x82])]))).toMatch(/line 2 has a byte/)
  })

  it('refuses NUL bytes and binary content', async () => {
    expect(await refusal(Buffer.from('plate,state,reason\n7ABC123,CA,Sto\u0000len\n'))).toBe('The file contains NUL bytes (line 2): it is binary, not a CSV text file.')
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    expect(await refusal(png)).toMatch(/binary|not UTF-8/)
  })

  it('refuses a file larger than 20 MB, saying its size and the limit', async () => {
    const row = '7ABC123,CA,Stolen vehicle with a long description to fill the file quickly\n'
    const big = Buffer.from(`plate,state,reason\n${row.repeat(Math.ceil((21 * 1024 * 1024) / row.length))}`)
    expect(await refusal(big)).toMatch(/^The file is 21\.0 MB; the largest file accepted is 20 MB\. Split the list into smaller files\.$/)
  })

  it(`refuses more than ${HOT_LIST_MAX_ROWS} rows, without holding up the event loop while it reads them`, async () => {
    const rows = Array.from({ length: HOT_LIST_MAX_ROWS + 1 }, (_, i) => `P${i.toString(36).toUpperCase().padStart(5, '0')},CA,Stolen vehicle,2026-01-15`)
    const file = `plate,state,reason,entry date\n${rows.join('\n')}\n`
    // Timers keep firing while the file is read (live alerts share this event loop): read in one go, the
    // longest wait would be nearly the whole reading time; in slices it is a small part of it, on any machine.
    const started = performance.now()
    let last = started
    let longest = 0
    const timer = setInterval(() => {
      const at = performance.now()
      longest = Math.max(longest, at - last)
      last = at
    }, 5)
    try {
      expect(await refusal(file)).toBe('The file has more than 250,000 rows, the most one list may hold. Split it into smaller lists.')
    } finally {
      clearInterval(timer)
    }
    // The wait still running when the reading ended counts too.
    longest = Math.max(longest, performance.now() - last)
    expect(longest).toBeLessThan((performance.now() - started) / 3)
  }, 60_000)

  it('refuses more than 64 columns or fields in a row, and a row longer than 64 KB, before the parser builds them', async () => {
    const extra = (n: number) => Array.from({ length: n }, (_, i) => `,extra ${i + 1}`).join('')
    expect(await refusal(`${HEADER}${extra(57)}\n7ABC123,CA,Stolen\n`)).toBe(
      'The first line names more than 64 columns; a hot-list file has at most 64. Keep the list’s columns and import it again.',
    )
    // 64 columns are read; commas inside quotes are text, not fields.
    const quotedCommas = `"Stolen${','.repeat(100)}"`
    const { entries, report } = await read(`${HEADER}${extra(56)}\n7ABC123,CA,${quotedCommas}${','.repeat(61)}\n`)
    expect(report.rejected).toBe(0)
    expect(entries[0]?.reason).toBe(`Stolen${','.repeat(100)}`)
    // Millions of empty fields cost the parser memory, not bytes: refused with the line, before parsing.
    expect(await refusal(`${HEADER}\n7ABC123,CA,Stolen\n6XYZ987,CA,Warrant${','.repeat(5_000_000)}\n`)).toBe(
      'Line 3 has more than 64 fields; a hot-list file has at most 64 columns. Check that row and import it again.',
    )
    // Rows ending in a lone carriage return (old Mac spreadsheets) are counted row by row.
    const macRows = Array.from({ length: 100 }, (_, i) => `7ABC1${String(i).padStart(2, '0')},CA,Stolen,,,,,`).join('\r')
    expect((await read(`${HEADER}\r${macRows}\r`)).report).toMatchObject({ accepted: 100, rejected: 0 })
    expect(await refusal(`plate,state,reason\n7ABC123,CA,${'x'.repeat(70 * 1024)}\n`)).toBe(
      'A row near line 2 is longer than 64 KB, far more than a hot-list row holds: the file is not a hot list, or a quote in that row is never closed. Check that row and import it again.',
    )
  })

  it('refuses a quote that is never closed, with the line', async () => {
    expect(await refusal('plate,state,reason\n7ABC123,CA,"Stolen\n6XYZ987,CA,Warrant\n')).toMatch(/^The file is not valid CSV near line \d+: a quoted field is never closed\. Check the quotes/)
    // Stray quotes elsewhere are text, as spreadsheets write them.
    expect((await read('plate,state,reason\n7ABC123,CA,"Stolen"x\n')).entries[0]?.reason).toBe('"Stolen"x')
    expect((await read('plate,state,reason\n7ABC123,CA,Joe"s lot\n')).entries[0]?.reason).toBe('Joe"s lot')
  })

  it('reads quotes and line breaks inside quoted fields, and numbers lines by where each row starts', async () => {
    const csv = [
      'plate,state,reason,source reference',
      '1AAA111,CA,"Stolen, ""joyride""",R1',
      '2BBB222,CA,"Armed robbery',
      'suspect vehicle",R2',
      '',
      '3CCC333,XX,Stolen,R3',
    ].join('\r\n')
    const { report, entries } = await read(csv)
    expect(entries.map((e) => e.reason)).toEqual(['Stolen, "joyride"', 'Armed robbery suspect vehicle'])
    expect(report.rejections).toEqual([{ line: 6, plate: '3CCC333', reasons: ['the state is not a US or Canadian postal code (e.g. CA, NV, BC)'] }])
  })

  it('refuses a formula in every column, never storing it', async () => {
    // Also behind leading spaces, a no-break space or a zero-width space, which the text rules trim before storing.
    const formulas = ['=1+1', '+1', '-1', '@SUM(A1)', '\t=cmd', '\r=cmd', ' =HYPERLINK("http://x.test","y")', '\u00a0=1+1', '  \u00a0+1', '\u200b@SUM(A1)']
    const fields = ['plate', 'state', 'reason', 'entry date', 'make', 'model', 'color', 'source reference']
    const good = ['7ABC123', 'CA', 'Stolen', '2026-02-20', 'Honda', 'Civic', 'Silver', 'SVS-1']
    const rows: string[] = []
    let n = 0
    for (let column = 0; column < fields.length; column++) {
      for (const formula of formulas) {
        const cells = good.map((g) => (g === '7ABC123' ? `${n}ABC${String(n).padStart(3, '0')}`.slice(0, 8) : g))
        cells[column] = `"${formula.replace(/"/g, '""')}"`
        rows.push(cells.join(','))
        n++
      }
    }
    const { report, entries } = await read([fields.join(','), ...rows].join('\n'))
    expect(entries).toEqual([])
    expect(report.rejected).toBe(fields.length * formulas.length)
    const labels = ['plate', 'state', 'reason/offense', 'entry date', 'vehicle make', 'vehicle model', 'vehicle colour', 'source reference']
    report.rejections.forEach((r, i) => {
      const column = Math.floor(i / formulas.length)
      expect(r.reasons).toEqual([`the ${labels[column]} starts like a spreadsheet formula (= + - @ tab or return)`])
    })
    // Each row starts on its own line, even those whose quoted cell holds a carriage return.
    expect(report.rejections.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2))
  })

  it('rejects each bad row with its line number and every reason, and keeps the good ones', async () => {
    const csv = [
      HEADER,
      /* 2 */ '7ABC123,CA,Stolen vehicle,2026-02-20,Honda,Civic,Silver,SVS-1',
      /* 3 */ 'A,CA,Stolen,,,,,',
      /* 4 */ '7ABC12345,CA,Stolen,,,,,',
      /* 5 */ '7AB*123,CA,Stolen,,,,,',
      /* 6 */ '8DEF456,ZZ,Stolen,,,,,',
      /* 7 */ '8DEF457,,Stolen,,,,,',
      /* 8 */ '8DEF458,CA,,,,,,',
      /* 9 */ '8DEF459,CA,Stolen,2026-13-01,,,,',
      /* 10 */ '8DEF460,CA,Stolen,2026-02-30,,,,',
      /* 11 */ '8DEF461,CA,Stolen,2030-01-01,,,,',
      /* 12 */ '8DEF462,CA,Stolen,yesterday,,,,',
      /* 13 */ `8DEF463,CA,${'x'.repeat(201)},,,,,`,
      /* 14 */ `8DEF464,CA,Stolen,,${'M'.repeat(41)},,,`,
      /* 15 */ `8DEF465,CA,Stolen,,,,,${'R'.repeat(65)}`,
      /* 16 */ '7abc 123,ca,Stolen again,,,,,',
      /* 17 */ '8DEF466,CA,Stolen',
      /* 18 */ '8DEF467,CA,Stolen,,,,,,extra',
      /* 19 */ 'B,QQ,,1899-12-31,,,,',
      /* 20 */ '8DEF468,CA,Sto\u001blen,,,,,',
      /* 21 */ '7ABC123,NV,Same plate in another state is fine,,,,,',
    ].join('\n')
    const { report, entries } = await read(csv)
    expect(entries.map((e) => `${e.plate}/${e.state}`)).toEqual(['7ABC123/CA', '7ABC123/NV'])
    expect(report).toMatchObject({ rows: 20, accepted: 2, rejected: 18 })
    expect(reasonsAt(report, 3)).toEqual(['a plate has 2 to 8 letters and digits'])
    expect(reasonsAt(report, 4)).toEqual(['a plate has 2 to 8 letters and digits'])
    expect(reasonsAt(report, 5)).toEqual(['the plate has characters other than letters and digits'])
    expect(reasonsAt(report, 6)).toEqual(['the state is not a US or Canadian postal code (e.g. CA, NV, BC)'])
    expect(reasonsAt(report, 7)).toEqual(['the state is empty'])
    expect(reasonsAt(report, 8)).toEqual(['the reason is empty'])
    expect(reasonsAt(report, 9)).toEqual(['the entry date is not a real calendar date'])
    expect(reasonsAt(report, 10)).toEqual(['the entry date is not a real calendar date'])
    expect(reasonsAt(report, 11)).toEqual(['the entry date is in the future'])
    expect(reasonsAt(report, 12)).toEqual(['the entry date is not a date (use YYYY-MM-DD or MM/DD/YYYY)'])
    expect(reasonsAt(report, 13)).toEqual(['the reason is longer than 200 characters'])
    expect(reasonsAt(report, 14)).toEqual(['the vehicle make is longer than 40 characters'])
    expect(reasonsAt(report, 15)).toEqual(['the source reference is longer than 64 characters'])
    expect(reasonsAt(report, 16)).toEqual(['the same plate and state as line 2'])
    expect(reasonsAt(report, 17)).toEqual(['the row has 3 fields; the header has 8'])
    expect(reasonsAt(report, 18)).toEqual(['the row has 9 fields; the header has 8'])
    expect(reasonsAt(report, 19)).toEqual([
      'a plate has 2 to 8 letters and digits',
      'the state is not a US or Canadian postal code (e.g. CA, NV, BC)',
      'the reason is empty',
      'the entry date is before 1900',
    ])
    expect(reasonsAt(report, 20)).toEqual(['the reason contains control characters'])
    expect(report.rejections.find((r) => r.line === 16)?.plate).toBe('7abc 123')
  })

  it(`reports at most ${HOT_LIST_REPORT_LIMIT} rejected rows but counts them all`, async () => {
    const rows = Array.from({ length: HOT_LIST_REPORT_LIMIT + 50 }, (_, i) => `P${i},ZZ,x`)
    const { report } = await read(`plate,state,reason\n${rows.join('\n')}\n`)
    expect(report).toMatchObject({ rejected: HOT_LIST_REPORT_LIMIT + 50, accepted: 0 })
    expect(report.rejections).toHaveLength(HOT_LIST_REPORT_LIMIT)
    expect(report.rejections.at(-1)?.line).toBe(HOT_LIST_REPORT_LIMIT + 1)
  })
})

describe('the import channels', () => {
  const lab = useLab()
  const SETTINGS = { name: 'DOJ SVS', source: 'CA DOJ SVS extract', priority: 1, color: '#c62828', sound: 'alarm', covert: false, retentionDays: null, description: '' }
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64')

  it('validate without changing anything, log counts but never the file, and import only the checked file', async () => {
    const d = await desk(lab)
    const file = `${HEADER}\n7ABC123,CA,Stolen,2026-02-20,Honda,Civic,Silver,SVS-1\n=HYPERLINK(1),CA,Stolen,,,,,\n`
    const report = allowed<HotListImportReport>(await d.asAdmin('hotlists.validateImport', { fileName: 'svs.csv', fileBase64: b64(file) }))
    expect(report).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ line: 3, reasons: ['the plate starts like a spreadsheet formula (= + - @ tab or return)'] }] })
    expect(await d.core.store.hotLists.list()).toEqual([])
    const logged = await lastLogEntry(d.core)
    expect(logged).toMatchObject({ channel: 'hotlists.validateImport', outcome: 'allowed', purpose: null })
    expect(logged.dataElements).toMatchObject({ fileBase64: expect.stringMatching(/^\[file of \d+ bytes withheld\]$/), rowsAccepted: 1, rowsRejected: 1 })
    expect(JSON.stringify(logged.dataElements)).not.toContain('7ABC123')

    const other = file.replace('Stolen,2026', 'Robbery,2026')
    refused(await d.asAdmin('hotlists.import', { fileName: 'svs.csv', fileBase64: b64(other), sha256: report.sha256, newList: SETTINGS }), 'CONFLICT')
    expect(await d.core.store.hotLists.list()).toEqual([])
  })

  it('refuse hostile files through the channel with the reason, and record the refusal', async () => {
    const d = await desk(lab)
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\r\n`, 'utf16le')])
    const error = refused(await d.asAdmin('hotlists.validateImport', { fileName: 'svs.csv', fileBase64: b64(utf16) }), 'FILE_REFUSED')
    expect(error.message).toMatch(/UTF-16.*CSV UTF-8/)
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'hotlists.validateImport', outcome: 'refused', code: 'FILE_REFUSED' })

    const noneGood = `${HEADER}\nA,CA,Stolen,,,,,\n`
    const sha = allowed<HotListImportReport>(await d.asAdmin('hotlists.validateImport', { fileName: 'x.csv', fileBase64: b64(noneGood) })).sha256
    const none = refused(await d.asAdmin('hotlists.import', { fileName: 'x.csv', fileBase64: b64(noneGood), sha256: sha, newList: SETTINGS }), 'FILE_REFUSED')
    expect(none.message).toMatch(/^No row of the file could be accepted/)
    refused(await d.asAdmin('hotlists.validateImport', { fileName: 'x.csv', fileBase64: 'not base64!' }), 'INVALID_INPUT')
    expect(await d.core.store.hotLists.list()).toEqual([])
  })

  it('import good rows as a new file list and leave the bad ones out', async () => {
    const d = await desk(lab)
    const file = `${HEADER}\n7ABC123,CA,Stolen,2026-02-20,Honda,Civic,Silver,SVS-1\n6XYZ987,NV,Warrant,,,,,\nBAD!,CA,x,,,,,\n`
    const sha = allowed<HotListImportReport>(await d.asAdmin('hotlists.validateImport', { fileName: 'svs.csv', fileBase64: b64(file) })).sha256
    const result = allowed<{ list: HotListRecord; report: HotListImportReport; replacedEntries: number }>(
      await d.asAdmin('hotlists.import', { fileName: 'svs.csv', fileBase64: b64(file), sha256: sha, newList: SETTINGS }),
    )
    expect(result.list).toMatchObject({ name: 'DOJ SVS', kind: 'file', entries: 2, refreshedAt: d.clock.now(), stale: false, ageMs: 0, effectiveRetentionDays: 30 })
    expect(result).toMatchObject({ replacedEntries: 0, report: { accepted: 2, rejected: 1 } })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ listId: result.list.id, rowsAccepted: 2, rowsRejected: 1, replacedEntries: 0, sha256: sha })
  })
})
