// Renders a document description (the same PdfDocumentSpec the PDF writer takes) as one self-contained,
// printable HTML page: inline styles, no scripts, no external resources, every value escaped. So the
// HTML and the PDF of the public policy or a transparency report always say the same thing.
import type { PdfDocumentSpec, PdfSection } from '../documents/pdf'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const STYLE = `
  body { font: 15px/1.55 Georgia, 'Times New Roman', serif; color: #111; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font: 700 1.6rem/1.25 Helvetica, Arial, sans-serif; margin: 0 0 .25rem; }
  h2 { font: 700 1.1rem/1.3 Helvetica, Arial, sans-serif; margin: 1.8rem 0 .4rem; }
  .subtitle { color: #333; margin: 0 0 1rem; }
  dl { display: grid; grid-template-columns: 14rem 1fr; gap: .2rem 1rem; margin: .5rem 0; }
  dt { font-weight: 700; } dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
  th, td { border-bottom: 1px solid #bbb; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  footer { margin-top: 2rem; border-top: 1px solid #bbb; padding-top: .5rem; font-size: .8rem; color: #444; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, dl { break-inside: avoid; } }
`

function facts(list: [string, string][]): string {
  return `<dl>${list.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v || '—')}</dd>`).join('')}</dl>`
}

function section(s: PdfSection): string {
  const parts = [`<section><h2>${escapeHtml(s.heading)}</h2>`]
  for (const p of s.paragraphs ?? []) parts.push(`<p>${escapeHtml(p)}</p>`)
  if (s.bullets?.length) parts.push(`<ul>${s.bullets.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ul>`)
  if (s.facts?.length) parts.push(facts(s.facts))
  if (s.table) {
    const head = s.table.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('')
    const body = s.table.rows.length
      ? s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')
      : `<tr><td colspan="${s.table.columns.length}"><em>None.</em></td></tr>`
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`)
  }
  parts.push('</section>')
  return parts.join('\n')
}

export function renderHtml(spec: Omit<PdfDocumentSpec, 'createdAt' | 'signature'>): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(spec.title)}</title><style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(spec.title)}</h1>${spec.subtitle ? `<p class="subtitle">${escapeHtml(spec.subtitle)}</p>` : ''}${spec.facts?.length ? facts(spec.facts) : ''}</header>`,
    `<main>${spec.sections.map(section).join('\n')}</main>`,
    spec.footer ? `<footer>${escapeHtml(spec.footer)}</footer>` : '',
    '</body></html>',
    '',
  ].join('\n')
}
