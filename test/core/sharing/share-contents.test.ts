// What a share carries is fixed when it is requested: the approver sees those reads, the produced file holds
// exactly those (never reads that arrived since), a range may not reach past today, a selection over the cap is
// refused, and producing is claimed once however many times it is clicked.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { isoDay, TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { DAY, HOUR, MINUTE } from '../../../src/main/core/clock'
import type { AgencyRecord, DocumentFile, SharedRead, ShareRecord } from '../../../src/shared/models'
import { addCamera, addRead, withDatabase } from './seed'

const lab = useLab()
const PURPOSE = { caseNumber: '26-004512' }

async function twoAdministrators() {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  const second = await createPerson(core, admin, clock, { username: 'mchen', displayName: 'Morgan Chen', roles: ['administrator'] })
  const secondCall = fromWindow('second-admin')
  allowed(await signIn(core, secondCall, clock, second))
  const send = sender(core, admin.call)
  const agency = allowed<AgencyRecord>(await send('sharing.addAgency', { name: 'Yolo County Sheriff', type: 'county_agency', state: 'CA' }))
  withDatabase(dataDir, (db) => addCamera(db, { id: 'cam-1', name: 'Main St', createdAt: clock.now() - 30 * DAY }))
  const request = (selection: unknown) =>
    send('sharing.request', {
      purpose: PURPOSE,
      agencyId: agency.id,
      requester: 'Dana Ortiz',
      requesterTitle: 'Detective',
      need: 'Vehicle seen at a burglary in their county.',
      verification: 'Call-back to the listed number.',
      transfer: 'portal',
      selection,
    })
  return { dataDir, clock, core, send, asSecond: sender(core, secondCall), request }
}

const csvReadIds = (file: DocumentFile) =>
  Buffer.from(file.dataBase64, 'base64').toString('utf8').trim().split('\r\n').slice(1).map((r) => Number(r.split(',')[0]))

describe('the reads a share carries', () => {
  it('are fixed at request time: later reads of the plate are not produced, and deleted ones are said to be missing', async () => {
    const { dataDir, clock, core, send, asSecond, request } = await twoAdministrators()
    const today = clock.now()
    const [early, middle, late] = withDatabase(dataDir, (db) => [
      addRead(db, { plate: '7ABC123', readAt: today - 2 * DAY, cameraId: 'cam-1' }),
      addRead(db, { plate: '7ABC123', readAt: today - DAY, cameraId: 'cam-1' }),
      addRead(db, { plate: '7ABC123', readAt: today - HOUR, cameraId: 'cam-1' }),
    ])
    const share = allowed<ShareRecord>(await request({ plate: '7ABC123', from: isoDay(today - 3 * DAY), to: isoDay(today) }))
    expect(share.itemCount).toBe(3)

    // A read of the same plate arriving after the request, inside the range, is not part of the share.
    clock.advance(5 * MINUTE)
    withDatabase(dataDir, (db) => addRead(db, { plate: '7ABC123', readAt: clock.now() - MINUTE, cameraId: 'cam-1' }))

    // The approver sees exactly the requested reads (an access to ALPR information: it needs a purpose).
    refused(await asSecond('sharing.reads', { shareId: share.id }), 'PURPOSE_REQUIRED')
    const seen = allowed<SharedRead[]>(await asSecond('sharing.reads', { purpose: PURPOSE, shareId: share.id }))
    expect(seen.map((r) => r.id)).toEqual([early, middle, late])
    allowed(await asSecond('sharing.decide', { shareId: share.id, approve: true, note: 'Approved.' }))

    // One approved read is deleted by retention before production: the file says so and carries the rest.
    withDatabase(dataDir, (db) => db.prepare('DELETE FROM reads WHERE id = ?').run(middle))
    const file = allowed<DocumentFile>(await send('sharing.produce', { purpose: PURPOSE, shareId: share.id }))
    expect(csvReadIds(file)).toEqual([early, late])
    expect(file.fileName).toContain('2-of-3-reads')
    const ledger = (await core.store.exports.get(file.exportId!))!
    expect(ledger.itemCount).toBe(2)
    expect(ledger.description).toContain('2 of the 3 approved reads (1 deleted by the retention purge before production)')

    // The transparency report counts what was produced, not what was asked for.
    const counts = await core.store.reports.transparency(today - 10 * DAY, clock.now() + DAY, [])
    expect(counts.shares.byAgency).toEqual([{ agency: 'Yolo County Sheriff', type: 'county_agency', shares: 1, reads: 2 }])
  })

  it('refuses a date range that ends after today', async () => {
    const { clock, request } = await twoAdministrators()
    const error = refused(await request({ plate: '7ABC123', from: isoDay(clock.now() - DAY), to: isoDay(clock.now() + DAY) }), 'INVALID_INPUT')
    expect(error.message).toMatch(/end date is after today/)
    expect(error.details).toMatchObject({ 'selection.to': 'Today or earlier' })
  })

  it('refuses a selection of more than 5,000 reads instead of cutting it short', async () => {
    const { dataDir, clock, request } = await twoAdministrators()
    const insert = (n: number) =>
      withDatabase(dataDir, (db) =>
        db.transaction(() => {
          for (let i = 0; i < n; i++) addRead(db, { plate: '7ABC123', readAt: clock.now() - DAY + i, cameraId: 'cam-1' })
        })(),
      )
    insert(5000)
    const range = { plate: '7ABC123', from: isoDay(clock.now() - DAY), to: isoDay(clock.now()) }
    expect(allowed<ShareRecord>(await request(range)).itemCount).toBe(5000)
    insert(1)
    const error = refused(await request(range), 'INVALID_INPUT')
    expect(error.message).toMatch(/More than 5,000 reads match/)
  })
})

describe('producing a share', () => {
  it('makes one file and one ledger entry when two produce calls race', async () => {
    const { dataDir, clock, core, send, asSecond, request } = await twoAdministrators()
    withDatabase(dataDir, (db) => addRead(db, { plate: '7ABC123', readAt: clock.now() - HOUR, cameraId: 'cam-1' }))
    const share = allowed<ShareRecord>(await request({ plate: '7ABC123', from: isoDay(clock.now()), to: isoDay(clock.now()) }))
    allowed(await asSecond('sharing.decide', { shareId: share.id, approve: true, note: 'Approved.' }))
    const results = await Promise.all([
      send('sharing.produce', { purpose: PURPOSE, shareId: share.id }),
      asSecond('sharing.produce', { purpose: PURPOSE, shareId: share.id }),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    refused(results.find((r) => !r.ok)!, 'CONFLICT')
    const shares = (await core.store.exports.list()).filter((e) => e.kind === 'share')
    expect(shares).toHaveLength(1)
    expect((await core.store.sharing.share(share.id))!.exportId).toBe(shares[0]!.id)
  })
})
