// The public policy and the transparency report are posted on the agency's website as HTML: every value in them
// (the agency's name from settings, a registered agency's name) is text, never markup, in the title, the body,
// the tables and the footer.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock, isoDay } from '../../helpers/clock'
import { allowed, sender, setUpAdministrator } from '../../helpers/core'
import { DAY } from '../../../src/main/core/clock'
import type { DocumentFile } from '../../../src/shared/models'
import { withDatabase } from '../sharing/seed'

const lab = useLab()
const HOSTILE = '<script>alert(1)</script> & "Co"'
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;'

const html = (file: DocumentFile) => Buffer.from(file.dataBase64, 'base64').toString('utf8')

/** Every place the escaped name appears, and that nothing of it survives as markup or a bare quote. */
function expectEscaped(page: string, where: string[]) {
  expect(page).not.toMatch(/<script/i)
  expect(page).not.toContain('"Co"')
  expect(page).not.toContain('& "')
  for (const part of where) expect(page).toMatch(part)
}

describe('HTML escaping of the published documents', () => {
  it('writes a hostile agency name as text in the policy and the transparency report', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock)
    const send = sender(core, admin.call)
    allowed(await send('settings.change', { key: 'agencyName', value: HOSTILE }))

    const policy = html(allowed<DocumentFile>(await send('policy.document', { format: 'html' })))
    expectEscaped(policy, [`<title>${ESCAPED}`, `<h1>${ESCAPED}`, `<footer>${ESCAPED}`])

    // A produced share with a registered agency of the same name, so the name is also in the report's table.
    const now = clock.now()
    withDatabase(dataDir, (db) => {
      db.prepare(`INSERT INTO agencies (id, name, type, state, created_by, created_at) VALUES ('A1', ?, 'county_agency', 'CA', ?, ?)`).run(HOSTILE, admin.id, now)
      db.prepare(
        `INSERT INTO exports (id, kind, format, description, item_count, sha256, purpose, created_by, created_at, recipient, destroy_by)
         VALUES ('EX-1', 'share', 'csv', 'Share', 4, 'x', 'Case 1', ?, ?, ?, ?)`,
      ).run(admin.id, now, HOSTILE, now + 30 * DAY)
      db.prepare(
        `INSERT INTO shares (id, agency_id, requester, requester_title, purpose, need, verification, transfer, selection, item_count, requested_by,
                             created_at, status, export_id, produced_at)
         VALUES ('SH-1', 'A1', 'Dana Ortiz', 'Detective', 'Case 1', 'Need', 'Call-back', 'portal', '{"readIds":[1]}', 4, ?, ?, 'approved', 'EX-1', ?)`,
      ).run(admin.id, now, now)
    })
    const report = html(allowed<DocumentFile>(await send('policy.transparencyReport', { from: isoDay(now - DAY), to: isoDay(now), format: 'html' })))
    expectEscaped(report, [`<title>${ESCAPED}`, `<dd>${ESCAPED}</dd>`, `<td>${ESCAPED}</td>`, `<footer>${ESCAPED}`])
  })
})
