// Renders the product's documents (review reports, audit reports, log exports, the public policy) as PDF
// from a plain description, so every report has the same heading, metadata block, tables and footer.
// pdfkit with its built-in Helvetica: no font files to ship, text stays extractable for auditors.
import PDFDocument from 'pdfkit'

export interface PdfTable {
  columns: { label: string; width?: number }[]
  rows: string[][]
}

export interface PdfSection {
  heading: string
  paragraphs?: string[]
  bullets?: string[]
  /** Label/value pairs shown as a two-column block. */
  facts?: [label: string, value: string][]
  table?: PdfTable
}

export interface PdfDocumentSpec {
  title: string
  subtitle?: string
  /** Shown under the title: document id, who produced it, when, for what purpose. */
  facts?: [label: string, value: string][]
  sections: PdfSection[]
  /** Printed at the foot of every page (e.g. export id and destruction deadline). */
  footer?: string
  /** Appended as the last section: the signature block of a signed document. */
  signature?: {
    signedBy: string
    signedAt: string
    keyId: string
    /** The signing public key, printed so an outside reader can check the signature. */
    publicKey?: string
    signature: string
    statement: string
    /** How to check the signature, in one sentence. */
    howToVerify?: string
  }
  /** Fixed creation date so the same input renders the same bytes. */
  createdAt: Date
}

const MARGIN = 50
const BODY = 10
const SMALL = 8

/** A file embedded in the PDF (kept out of the spec, so it never enters a signed digest). */
export interface PdfAttachment {
  name: string
  type: string
  description: string
  data: Buffer
}

export function renderPdf(spec: PdfDocumentSpec, attachments: PdfAttachment[] = []): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: spec.title, Creator: 'ALPR workstation', Producer: 'ALPR workstation', CreationDate: spec.createdAt },
  })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const width = doc.page.width - 2 * MARGIN
  for (const a of attachments) {
    doc.file(a.data, { name: a.name, type: a.type, description: a.description, creationDate: spec.createdAt, modifiedDate: spec.createdAt })
  }

  doc.font('Helvetica-Bold').fontSize(16).text(spec.title, { width })
  if (spec.subtitle) doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor('#333333').text(spec.subtitle, { width })
  doc.fillColor('black')
  if (spec.facts?.length) {
    doc.moveDown(0.6)
    writeFacts(doc, spec.facts, width)
  }
  for (const section of spec.sections) writeSection(doc, section, width)
  if (spec.signature) {
    const s = spec.signature
    // The signature block stays on one page: a signature line alone on the next page reads as detached.
    ensureSpace(doc, 240)
    writeSection(
      doc,
      {
        heading: 'Signature',
        paragraphs: [s.statement, ...(s.howToVerify ? [s.howToVerify] : [])],
        facts: [
          ['Signed by', s.signedBy],
          ['Signed at', s.signedAt],
          ['Key', s.keyId],
          ...(s.publicKey ? [['Public key (Ed25519)', s.publicKey] as [string, string]] : []),
          ['Signature (Ed25519)', s.signature],
        ],
      },
      width,
    )
  }

  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const y = doc.page.height - MARGIN
    // Writing below the bottom margin would open a new page; lift the margin while the footer is drawn.
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('Helvetica').fontSize(SMALL).fillColor('#555555')
    const footer = `${spec.footer ? `${spec.footer} · ` : ''}Page ${i + 1} of ${range.count}`
    doc.text(footer, MARGIN, y, { width, align: 'center', lineBreak: false })
    doc.page.margins.bottom = bottom
    doc.fillColor('black')
  }
  doc.end()
  return done
}

function writeSection(doc: PDFKit.PDFDocument, section: PdfSection, width: number): void {
  doc.moveDown(0.9)
  ensureSpace(doc, 40)
  doc.font('Helvetica-Bold').fontSize(12).text(section.heading, MARGIN, doc.y, { width })
  doc.moveDown(0.3)
  doc.font('Helvetica').fontSize(BODY)
  for (const p of section.paragraphs ?? []) doc.text(p, MARGIN, doc.y, { width }).moveDown(0.4)
  if (section.bullets?.length) {
    doc.list(section.bullets, MARGIN + 6, doc.y, { width: width - 6, bulletRadius: 1.6, textIndent: 10 })
    doc.moveDown(0.4)
  }
  if (section.facts?.length) writeFacts(doc, section.facts, width)
  if (section.table) writeTable(doc, section.table, width)
}

function writeFacts(doc: PDFKit.PDFDocument, facts: [string, string][], width: number): void {
  const labelWidth = Math.min(160, width * 0.32)
  doc.fontSize(BODY)
  for (const [label, value] of facts) {
    const valueHeight = doc.font('Helvetica').heightOfString(value || '—', { width: width - labelWidth })
    ensureSpace(doc, valueHeight + 4)
    const y = doc.y
    doc.font('Helvetica-Bold').text(label, MARGIN, y, { width: labelWidth - 8 })
    const labelBottom = doc.y
    doc.font('Helvetica').text(value || '—', MARGIN + labelWidth, y, { width: width - labelWidth })
    doc.y = Math.max(doc.y, labelBottom) + 2
  }
}

function writeTable(doc: PDFKit.PDFDocument, table: PdfTable, width: number): void {
  const given = table.columns.reduce((sum, c) => sum + (c.width ?? 0), 0)
  const flexible = table.columns.filter((c) => !c.width).length
  const widths = table.columns.map((c) => c.width ?? Math.max(30, (width - given) / Math.max(1, flexible)))
  const pad = 3
  const drawRow = (cells: string[], bold: boolean) => {
    const font = bold ? 'Helvetica-Bold' : 'Helvetica'
    doc.font(font).fontSize(SMALL)
    const heights = cells.map((c, i) => doc.heightOfString(c || '', { width: widths[i]! - 2 * pad }))
    const h = Math.max(...heights, SMALL) + 2 * pad
    // A row that moves to a new page takes the header row with it.
    if (ensureSpace(doc, h) && !bold) drawRow(table.columns.map((c) => c.label), true)
    doc.font(font).fontSize(SMALL)
    const y = doc.y
    let x = MARGIN
    if (bold) doc.rect(MARGIN, y, width, h).fill('#e8e8e8').fillColor('black')
    cells.forEach((c, i) => {
      doc.text(c || '', x + pad, y + pad, { width: widths[i]! - 2 * pad })
      x += widths[i]!
    })
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.3).strokeColor('#999999').stroke()
    doc.y = y + h
  }
  drawRow(table.columns.map((c) => c.label), true)
  if (table.rows.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(SMALL).text('None.', MARGIN + pad, doc.y + pad, { width })
  }
  for (const row of table.rows) drawRow(row, false)
  doc.x = MARGIN
  doc.moveDown(0.5)
}

/** Starts a new page when fewer than `height` points remain; answers whether it did. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number): boolean {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return false
  doc.addPage()
  return true
}
