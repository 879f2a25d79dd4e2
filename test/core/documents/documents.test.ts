// The shared document pieces: PDFs whose text an auditor can extract, CSV that a spreadsheet cannot run,
// and signatures made with the agency key inside the encrypted store.
import { describe, expect, it } from 'vitest'
import { renderPdf } from '../../../src/main/core/documents/pdf'
import { csvCell, toCsv } from '../../../src/main/core/documents/csv'
import { renderSignedPdf, verifySignedContent } from '../../../src/main/core/documents/signed-pdf'
import { useLab } from '../../helpers/lab'
import { pdfPageCount, pdfText } from '../../helpers/pdf'

const lab = useLab()

describe('PDF documents', () => {
  it('carries the title, facts, tables over several pages and a footer on every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`row-${i}`, `7ABC${String(i).padStart(3, '0')}`, 'allowed'])
    const pdf = await renderPdf({
      title: 'Access log export',
      facts: [['Export id', 'EX-20261128-ABCDEF12'], ['Purpose', '24-012345']],
      sections: [
        { heading: 'Entries', table: { columns: [{ label: 'Id' }, { label: 'Plate' }, { label: 'Outcome' }], rows } },
      ],
      footer: 'EX-20261128-ABCDEF12 · destroy by 2026-12-28',
      createdAt: new Date('2026-11-28T12:00:00Z'),
    })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const pages = pdfPageCount(pdf)
    expect(pages).toBeGreaterThan(1)
    const text = pdfText(pdf)
    expect(text).toContain('Access log export')
    expect(text).toContain('24-012345')
    expect(text).toContain('row-0 ')
    expect(text).toContain('7ABC119')
    expect(text).toContain(`Page ${pages} of ${pages}`)
    expect(text.split('EX-20261128-ABCDEF12 · destroy by').length - 1).toBe(pages)
  })
})

describe('CSV', () => {
  it('quotes separators and neutralises spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell(null)).toBe('')
    expect(toCsv(['plate', 'note'], [['7ABC123', 'line\nbreak']])).toBe('plate,note\r\n7ABC123,"line\nbreak"\r\n')
  })
})

describe('signed reports', () => {
  it('verifies the signed content and rejects any change to it', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    const spec = {
      title: 'Annual access review',
      sections: [{ heading: 'Decisions', paragraphs: ['jdoe approved'] }],
      createdAt: new Date('2026-11-28T12:00:00Z'),
    }
    const signed = await renderSignedPdf(store, spec, { name: 'Admin One', statement: 'Reviewed and approved.' })
    // A long base64 value wraps in the PDF wherever its width runs out (often at a '/'), so compare without white space.
    expect(pdfText(signed.pdf).replace(/\s/g, '')).toContain(signed.signature.signature)
    expect(await verifySignedContent(store, spec, signed.signature)).toBe(true)
    const altered = { ...spec, sections: [{ heading: 'Decisions', paragraphs: ['jdoe revoked'] }] }
    expect(await verifySignedContent(store, altered, signed.signature)).toBe(false)
    expect((await store.signing.publicKey()).keyId).toBe(signed.signature.keyId)
  })
})
