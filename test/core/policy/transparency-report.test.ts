// The transparency report for a period: counts of cameras, reads, hits by outcome, accesses, shares by agency,
// records requests and purges, read back from both the HTML and the PDF; it names no plate.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { pdfText } from '../../helpers/pdf'
import { DAY, HOUR, MINUTE } from '../../../src/main/core/clock'
import type { DocumentFile } from '../../../src/shared/models'
import { addCamera, addHit, addRead, withDatabase } from '../sharing/seed'
import { producedShare } from '../sharing/produced-share'

const lab = useLab()
const PURPOSE = { caseNumber: '26-004512' }
const fold = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ')

describe('the transparency report', () => {
  it('counts what happened in the period, and only that, in HTML and PDF, without a plate', async () => {
    const dataDir = lab.tempDir()
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir, clock })
    const admin = await setUpAdministrator(core, clock)
    const send = sender(core, admin.call)
    const second = await createPerson(core, admin, clock, { username: 'mchen', displayName: 'Morgan Chen', roles: ['administrator'] })
    const secondCall = fromWindow('second')
    allowed(await signIn(core, secondCall, clock, second))

    // Period: 1 to 2 March 2026 (the test clock starts on 2 March, 16:00 UTC).
    const periodStart = Date.UTC(2026, 2, 1)
    withDatabase(dataDir, (db) => {
      addCamera(db, { id: 'c1', name: 'Main St', createdAt: periodStart - 30 * DAY })
      addCamera(db, { id: 'c2', name: 'Patrol 12', kind: 'mobile', createdAt: periodStart - 30 * DAY })
      addCamera(db, { id: 'c3', name: 'Old lot', enabled: false, createdAt: periodStart - 30 * DAY })
      addCamera(db, { id: 'c4', name: 'Installed later', createdAt: periodStart + 5 * DAY })
      const inPeriod = [
        addRead(db, { plate: '7ABC123', readAt: periodStart + HOUR, cameraId: 'c1' }),
        addRead(db, { plate: '7ABC123', readAt: periodStart + 2 * HOUR, cameraId: 'c1' }),
        addRead(db, { plate: '5QRS777', readAt: periodStart + 3 * HOUR, cameraId: 'c2' }),
        addRead(db, { plate: '4LMN456', readAt: periodStart + 4 * HOUR, cameraId: 'c2', source: 'footage' }),
      ]
      addRead(db, { plate: '9OUT000', readAt: periodStart - HOUR, cameraId: 'c1' })
      addHit(db, { readId: inPeriod[0]!, plate: '7ABC123', createdAt: periodStart + HOUR, disposition: 'confirmed' })
      addHit(db, { readId: inPeriod[2]!, plate: '5QRS777', match: 'possible', createdAt: periodStart + 3 * HOUR, disposition: 'misread' })
      addHit(db, { readId: inPeriod[3]!, plate: '4LMN456', createdAt: periodStart + 4 * HOUR })
      db.prepare(
        `INSERT INTO retention_runs (kind, started_at, finished_at, read_cutoff, log_cutoff, reads_deleted, outcome)
         VALUES ('scheduled', ?, ?, 0, 0, 1234, 'completed'), ('scheduled', ?, NULL, 0, 0, 0, 'failed'), ('scheduled', ?, ?, 0, 0, 999, 'completed')`,
      ).run(periodStart + HOUR, periodStart + HOUR + 1000, periodStart + 2 * HOUR, periodStart - DAY, periodStart - DAY + 1000)
    })

    const share = await producedShare(send, sender(core, secondCall), {
      purpose: PURPOSE,
      agencyName: 'Placer County Sheriff',
      need: 'Stolen vehicle recovered in their county.',
      verification: 'Call-back to the listed number.',
      transfer: 'portal',
      selection: { plate: '7ABC123', from: '2026-03-01', to: '2026-03-01' },
    })
    refused(await send('sharing.produce', { shareId: share.id }), 'PURPOSE_REQUIRED')
    allowed(await send('sharing.logRecordsRequest', { kind: 'public_records', receivedOn: '2026-03-02', requester: 'Gazette', asked: 'Counts', dueOn: '2026-03-12' }))

    const html = fold(Buffer.from(allowed<DocumentFile>(await send('policy.transparencyReport', { from: '2026-03-01', to: '2026-03-02', format: 'html' })).dataBase64, 'base64').toString('utf8'))
    const pdfFile = allowed<DocumentFile>(await send('policy.transparencyReport', { from: '2026-03-01', to: '2026-03-02', format: 'pdf' }))
    expect(pdfFile).toMatchObject({ mimeType: 'application/pdf', exportId: null, fileName: 'alpr-transparency-report-2026-03-01-to-2026-03-02.pdf' })
    const pdf = pdfText(Buffer.from(pdfFile.dataBase64, 'base64'))

    for (const text of [html, pdf]) {
      expect(text).toContain('Springfield Police Department: ALPR Transparency Report')
      expect(text).toMatch(/Cameras registered 3\b/)
      expect(text).toMatch(/Enabled 2\b/)
      expect(text).toMatch(/Fixed cameras 2 Mobile cameras 1 Cameras replaying a video file 0\b/)
      expect(text).toMatch(/Reads in the period 4\b/)
      expect(text).toMatch(/From reviewed video 1\b/)
      expect(text).toMatch(/Alerts 3\b/)
      expect(text).toMatch(/Exact matches 2\b/)
      expect(text).toMatch(/Possible matches 1\b/)
      expect(text).toMatch(/Confirmed after verification 1\b/)
      expect(text).toMatch(/Misread by the camera 1\b/)
      expect(text).toMatch(/Not yet verified 1\b/)
      // Accesses to ALPR information: the share request and the produced file; one attempt without a purpose refused.
      expect(text).toMatch(/Accesses allowed 2\b/)
      expect(text).toMatch(/Files produced for another agency 1\b/)
      expect(text).toMatch(/Attempts refused 1\b/)
      expect(text).toMatch(/Placer County Sheriff County or county agency 1 2\b/)
      expect(text).toMatch(/Public Records Act requests 1 Subpoenas 0\b/)
      expect(text).toMatch(/Deletion runs 2\b/)
      expect(text).toMatch(/Reads deleted 1,234\b/)
      expect(text).toMatch(/Runs failed 1\b/)
      for (const plate of ['7ABC123', '5QRS777', '4LMN456', '9OUT000']) expect(text).not.toContain(plate)
    }
  })

  it('refuses a period that ends before it starts', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    clock.advance(MINUTE)
    refused(await sender(core, admin.call)('policy.transparencyReport', { from: '2026-03-02', to: '2026-03-01', format: 'pdf' }), 'INVALID_INPUT')
  })
})
