// Exports of selected reads: the CSV and the PDF (read back with pdftotext) carry the export id, the user, the
// purpose and the date; each is in the exports ledger with its destruction deadline before it is handed out;
// a hostile cell never runs as a formula; no purpose, no file.
import { describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { allowed, lastLogEntry, refused } from '../../helpers/core'
import { pdfText, pdfToPngs } from '../../helpers/pdf'
import type { DocumentFile } from '../../../src/shared/models'
import { DAY } from '../../../src/main/core/clock'
import { PURPOSE, PURPOSE_TEXT, sharedSearchDesk } from '../search/desk'

const desk = sharedSearchDesk()
const bytesOf = (file: DocumentFile) => Buffer.from(file.dataBase64, 'base64')

describe('reads.export', () => {
  it('writes the selected reads to CSV with export id, user, purpose and date, and records it in the ledger', async () => {
    const d = desk()
    const ids = [d.reads.withHit, d.reads.plain, d.reads.footage]
    const file = allowed<DocumentFile>(await d.asInvestigator('reads.export', { readIds: ids, format: 'csv', purpose: PURPOSE }))
    expect(file.mimeType).toBe('text/csv')
    expect(file.exportId).toMatch(/^EX-20260302-[0-9A-F]{8}$/)
    expect(file.fileName).toBe(`reads-20260302-${new Date(d.clock.now()).toISOString().slice(11, 16).replace(':', '')}-${file.exportId}.csv`)
    expect(file.destroyBy).toBe(d.clock.now() + 30 * DAY)

    const rows = parse(bytesOf(file).toString('utf8'), { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => Number(r.read_id))).toEqual(ids)
    for (const row of rows) {
      expect(row).toMatchObject({
        export_id: file.exportId!,
        exported_by: 'ivy',
        exported_at_utc: new Date(d.clock.now()).toISOString(),
        purpose: PURPOSE_TEXT,
        destroy_by_utc: new Date(file.destroyBy!).toISOString(),
      })
    }
    expect(rows[0]).toMatchObject({ plate: '8XYZ999', state: 'CA', camera: 'Olympic Blvd at 900 block', camera_id: 'cam-b', hot_list_hits: 'SVS stolen vehicles (exact)' })
    // The hostile location is written as text: a spreadsheet shows it and never runs it.
    expect(rows[0]!.location).toBe(`'=HYPERLINK("http://x.example/","open")`)
    expect(rows[2]).toMatchObject({ plate: '4FTG444', source: 'footage', footage_file: 'dashcam.mp4', footage_sha256: 'ab'.repeat(32), camera: '' })

    const ledger = await d.core.store.exports.get(file.exportId!)
    expect(ledger).toMatchObject({
      id: file.exportId,
      kind: 'search-results',
      format: 'csv',
      itemCount: 3,
      sha256: file.sha256,
      purpose: PURPOSE_TEXT,
      createdBy: d.investigatorId,
      createdAt: d.clock.now(),
      destroyBy: d.clock.now() + 30 * DAY,
      destroyedAt: null,
    })
    expect(await lastLogEntry(d.core)).toMatchObject({
      channel: 'reads.export',
      username: 'ivy',
      purpose: PURPOSE_TEXT,
      outcome: 'allowed',
      dataElements: { readIds: ids, format: 'csv', exportId: file.exportId, sha256: file.sha256, items: 3 },
    })
  })

  it('writes a PDF that names the export, the person, the purpose and the deadline on its pages', async () => {
    const d = desk()
    const file = allowed<DocumentFile>(await d.asInvestigator('reads.export', { readIds: [d.reads.plain, d.reads.withHit], format: 'pdf', purpose: PURPOSE }))
    expect(file.mimeType).toBe('application/pdf')
    const text = pdfText(bytesOf(file))
    expect(text).toContain('ALPR reads export')
    expect(text).toContain(`Export ${file.exportId}`)
    expect(text).toContain('Ivy Investigator (ivy)')
    expect(text).toContain(`Purpose ${PURPOSE_TEXT}`)
    expect(text).toContain('Reads 2')
    expect(text).toMatch(/Destroy by .*keep it only for the purpose above/)
    expect(text).toContain('7ABC123 (CA)')
    expect(text).toContain('8XYZ999 (CA)')
    expect(text).toContain('Hit: SVS stolen vehicles (exact)')
    expect(text).toContain(`Export ${file.exportId} · ivy · destroy by`)
    expect(await d.core.store.exports.get(file.exportId!)).toMatchObject({ format: 'pdf', itemCount: 2, purpose: PURPOSE_TEXT })
    // For people to look at (gitignored).
    pdfToPngs(bytesOf(file), 'test-results/screens', 'reads-export')
  })

  it('never names a covert hit to someone who may not see it', async () => {
    const d = desk()
    const asInvestigator = allowed<DocumentFile>(await d.asInvestigator('reads.export', { readIds: [d.reads.covertHit], format: 'csv', purpose: PURPOSE }))
    expect(bytesOf(asInvestigator).toString('utf8')).not.toContain('Covert')
    const asSupervisor = allowed<DocumentFile>(await d.asSupervisor('reads.export', { readIds: [d.reads.covertHit], format: 'csv', purpose: PURPOSE }))
    expect(bytesOf(asSupervisor).toString('utf8')).toContain('Covert surveillance (exact)')
  })

  it('makes no file and no ledger entry without a purpose, without the permission or for reads that are gone', async () => {
    const d = desk()
    const before = (await d.core.store.exports.list({ limit: 1000 })).length
    refused(await d.asInvestigator('reads.export', { readIds: [d.reads.plain], format: 'csv' }), 'PURPOSE_REQUIRED')
    refused(await d.asInvestigator('reads.export', { readIds: [d.reads.plain], format: 'pdf', purpose: { note: 'investigative purposes' } }), 'PURPOSE_TOO_VAGUE')
    refused(await d.asDispatcher('reads.export', { readIds: [d.reads.plain], format: 'csv', purpose: PURPOSE }), 'PERMISSION_DENIED')
    const gone = refused(await d.asInvestigator('reads.export', { readIds: [d.reads.plain, 999_998, 999_999], format: 'csv', purpose: PURPOSE }), 'NOT_FOUND')
    expect(gone.message).toBe('2 of the selected reads no longer exist (retention may have deleted them). Search again and select the reads to export.')
    const none = refused(await d.asInvestigator('reads.export', { readIds: [], format: 'csv', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(none.details).toEqual({ readIds: 'Select at least one read to export.' })
    refused(await d.asInvestigator('reads.export', { readIds: Array.from({ length: 1001 }, (_, i) => i + 1), format: 'csv', purpose: PURPOSE }), 'INVALID_INPUT')
    expect((await d.core.store.exports.list({ limit: 1000 })).length).toBe(before)
  })
})
