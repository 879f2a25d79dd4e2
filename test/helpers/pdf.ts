// Reading back the PDFs the product writes: their text through poppler's pdftotext (Debian
// poppler-utils, installed by .ci/run), and page images through pdftoppm for looking at them.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The PDF's text in reading order, with runs of white space folded to one space. */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 << 20 })
  return text.toString('utf8').replace(/\s+/g, ' ')
}

export function pdfPageCount(pdf: Buffer): number {
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8')
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0)
}

/** Renders every page to PNG in `outDir` (created if absent) and answers their paths. */
export function pdfToPngs(pdf: Buffer, outDir = mkdtempSync(join(tmpdir(), 'alpr-pdf-')), prefix = 'page'): string[] {
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `${prefix}.pdf`)
  writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '80', file, join(outDir, prefix)])
  return readdirSync(outDir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f))
}
