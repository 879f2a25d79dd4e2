// The public usage and privacy policy (Civil Code 1798.90.51(b)): generated from the current settings, covering
// every element of (b)(2), as HTML and as PDF; publishing records which text was posted when; a settings change
// shows the posted policy out of date until it is published again.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, lastLogEntry, refused, sender, setUpAdministrator } from '../../helpers/core'
import { pdfPageCount, pdfText } from '../../helpers/pdf'
import { MINUTE } from '../../../src/main/core/clock'
import { ROLE_LABELS, ROLES } from '../../../src/shared/roles'
import type { DocumentFile, PolicyPublication, PolicyStatus } from '../../../src/shared/models'

const lab = useLab()

async function desk() {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  return { clock, core, admin, send: sender(core, admin.call) }
}

const bytes = (file: DocumentFile) => Buffer.from(file.dataBase64, 'base64')
const fold = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ')

/** The seven elements of 1798.90.51(b)(2), each as a heading and a phrase its section must contain. */
const ELEMENTS: [heading: string, mustSay: RegExp][] = [
  ['1. Authorized purposes', /only for law-enforcement purposes/],
  ['2. Who may use the system, and their training', /Training must be renewed every 24 months/],
  ['3. How the system is monitored for security and compliance', /records every access/],
  ['4. Sharing, sale and transfer', /only with California public agencies/],
  ['5. Official custodian', /is the official custodian of the ALPR system/],
  ['6. Accuracy of ALPR information and correction of errors', /never acted on by itself/],
  ['7. Retention and destruction', /kept for 60 days and then deleted automatically/],
]

describe('the public usage and privacy policy', () => {
  it('covers every element of 1798.90.51(b)(2) with the current settings, in HTML and in PDF', async () => {
    const { send } = await desk()
    const htmlFile = allowed<DocumentFile>(await send('policy.document', { format: 'html' }))
    expect(htmlFile).toMatchObject({ mimeType: 'text/html', exportId: null, destroyBy: null })
    const html = bytes(htmlFile).toString('utf8')
    const pdf = bytes(allowed<DocumentFile>(await send('policy.document', { format: 'pdf' })))
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(2)

    for (const text of [fold(html), pdfText(pdf)]) {
      expect(text).toContain('Springfield Police Department')
      for (const [heading, mustSay] of ELEMENTS) {
        expect(text).toContain(heading)
        expect(text).toMatch(mustSay)
      }
      // Job titles of every role, and the custodian's title.
      for (const role of ROLES) expect(text).toContain(`${ROLE_LABELS[role]}:`)
      expect(text).toContain('The ALPR Administrator of Springfield Police Department is the official custodian')
      // The values the product enforces.
      expect(text).toMatch(/at least every 12 months/)
      expect(text).toMatch(/not used to access ALPR information for 90 days is suspended/)
      expect(text).toMatch(/destroyed within 30 days/)
      expect(text).toMatch(/original message is kept for 365 days/)
      expect(text).toMatch(/kept for 3 years/)
      expect(text).toMatch(/does not share ALPR information with federal agencies, agencies of other states, or private persons or companies/)
      expect(text).toMatch(/confidence threshold/)
    }
    // Self-contained: no script and nothing loaded from elsewhere.
    expect(html).not.toMatch(/<script|src=|href=/i)
  })

  it('says the new value after a setting changes, and shows the posted version out of date until it is published again', async () => {
    const { clock, core, admin, send } = await desk()
    const first = allowed<PolicyStatus>(await send('policy.status'))
    expect(first).toMatchObject({ latest: null, outOfDate: true, publications: [] })

    const published = allowed<PolicyPublication>(await send('policy.publish'))
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ policyVersion: 1, sha256: published.sha256 })
    const html = bytes(allowed<DocumentFile>(await send('policy.document', { format: 'html' })))
    expect(published).toMatchObject({ version: 1, publishedAt: clock.now(), publishedBy: admin.id, publishedByName: 'Alice Admin' })
    expect(published.sha256).toBe(createHash('sha256').update(html).digest('hex'))
    expect(allowed<PolicyStatus>(await send('policy.status'))).toMatchObject({ outOfDate: false, changedSettings: [] })
    refused(await send('policy.publish'), 'CONFLICT')

    clock.advance(5 * MINUTE)
    allowed(await send('settings.change', { key: 'readRetentionDays', value: 90 }))
    allowed(await send('settings.change', { key: 'administratorTitle', value: 'ALPR Program Manager' }))
    const changed = allowed<PolicyStatus>(await send('policy.status'))
    expect(changed.outOfDate).toBe(true)
    expect(changed.changedSettings.map((c) => [c.key, c.published, c.current])).toEqual([
      ['administratorTitle', 'ALPR Administrator', 'ALPR Program Manager'],
      ['readRetentionDays', '60', '90'],
    ])

    const newHtml = fold(bytes(allowed<DocumentFile>(await send('policy.document', { format: 'html' }))).toString('utf8'))
    const newPdf = pdfText(bytes(allowed<DocumentFile>(await send('policy.document', { format: 'pdf' }))))
    for (const text of [newHtml, newPdf]) {
      expect(text).toMatch(/kept for 90 days and then deleted automatically/)
      expect(text).not.toMatch(/kept for 60 days/)
      expect(text).toContain('The ALPR Program Manager of Springfield Police Department is the official custodian')
    }

    const second = allowed<PolicyPublication>(await send('policy.publish'))
    expect(second.version).toBe(2)
    const after = allowed<PolicyStatus>(await send('policy.status'))
    expect(after).toMatchObject({ outOfDate: false, latest: { version: 2 } })
    expect(after.publications.map((p) => p.version)).toEqual([2, 1])
    // The exact text posted in version 1 is kept.
    expect(Buffer.from((await core.store.policy.html(1))!, 'utf8').equals(html)).toBe(true)
  })

  it('escapes what settings contain, so an agency name cannot inject markup', async () => {
    const { send } = await desk()
    allowed(await send('settings.change', { key: 'agencyName', value: 'Springfield <script>alert(1)</script> & Co' }))
    const html = bytes(allowed<DocumentFile>(await send('policy.document', { format: 'html' }))).toString('utf8')
    expect(html).not.toContain('<script>')
    expect(html).toContain('Springfield &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co')
  })

  it('makes one version when the same text is published twice at once', async () => {
    const { core, send } = await desk()
    const results = await Promise.all([send('policy.publish'), send('policy.publish')])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(refused(results.find((r) => !r.ok)!, 'CONFLICT').message).toBe('This text is already published as version 1; nothing has changed since.')
    expect((await core.store.policy.list()).map((p) => p.version)).toEqual([1])
  })
})
