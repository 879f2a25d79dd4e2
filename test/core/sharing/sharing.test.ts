// Sharing (Civil Code 1798.90.55(b), DOMAIN.md "Sharing"): only California public agencies are admitted; a share is
// requested, approved by a second person, produced as a ledger export for the agency, and its e-mail message kept.
// Records requests and subpoenas are logged and routed to the administrator.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { DAY, HOUR, MINUTE } from '../../../src/main/core/clock'
import type { AgencyRecord, DocumentFile, RecordsRequest, ShareRecord } from '../../../src/shared/models'
import { addCamera, addRead, withDatabase } from './seed'
import { runPurge } from '../../../src/main/core/retention/purge'

const lab = useLab()
const PURPOSE = { caseNumber: '26-004512' }

async function agencyDesk() {
  const dataDir = lab.tempDir()
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir, clock })
  const admin = await setUpAdministrator(core, clock)
  return { dataDir, clock, core, admin, send: sender(core, admin.call) }
}

describe('the agency registry', () => {
  const notAllowed: [string, { type: string; state: string }, RegExp][] = [
    ['a federal agency', { type: 'federal_agency', state: 'CA' }, /federal agency is not a California public agency/],
    ['a county agency of another state', { type: 'county_agency', state: 'NV' }, /another state or country \(NV\)/],
    ['a city agency of another state', { type: 'city_agency', state: 'OR' }, /another state or country \(OR\)/],
    ['a state agency of another state', { type: 'state_agency', state: 'WA' }, /another state or country \(WA\)/],
    ['a district of another state', { type: 'political_subdivision', state: 'AZ' }, /another state or country \(AZ\)/],
    ['a private company', { type: 'private_entity', state: 'CA' }, /private company or person is not a public agency/],
    ['a vendor acting as intermediary', { type: 'vendor', state: 'CA' }, /sharing through a vendor is still sharing/],
  ]

  it.each(notAllowed)('refuses to register %s, naming 1798.90.55(b), and records the refusal', async (_what, requester, reason) => {
    const { core, send } = await agencyDesk()
    const error = refused(await send('sharing.addAgency', { name: 'Requesting Office', ...requester }), 'SHARE_RECIPIENT_NOT_ALLOWED')
    expect(error.message).toMatch(reason)
    expect(error.message).toContain('1798.90.55(b)')
    const entry = await lastLogEntry(core)
    expect(entry).toMatchObject({ channel: 'sharing.addAgency', outcome: 'refused', code: 'SHARE_RECIPIENT_NOT_ALLOWED' })
    expect(entry.message).toMatch(reason)
    expect(allowed<AgencyRecord[]>(await send('sharing.agencies'))).toEqual([])
  })

  it('admits the state, counties, cities and districts of California, recording each one’s type and state', async () => {
    const { send, clock } = await agencyDesk()
    const names: [string, string][] = [
      ['California Highway Patrol', 'state_agency'],
      ['Sacramento County Sheriff’s Office', 'county_agency'],
      ['San Francisco Police Department', 'city_agency'],
      ['Los Angeles Unified School District Police', 'political_subdivision'],
    ]
    for (const [name, type] of names) {
      const agency = allowed<AgencyRecord>(await send('sharing.addAgency', { name, type, state: 'ca', contactPhone: '916-555-0100' }))
      expect(agency).toMatchObject({ name, type, state: 'CA', createdAt: clock.now(), sharesProduced: 0, lastSharedAt: null })
    }
    const listed = allowed<AgencyRecord[]>(await send('sharing.agencies'))
    expect(listed.map((a) => [a.name, a.type, a.state]).sort()).toEqual(names.map(([n, t]) => [n, t, 'CA']).sort())
    // The same agency is not registered twice, whatever its letter case.
    refused(await send('sharing.addAgency', { name: 'CALIFORNIA HIGHWAY PATROL', type: 'state_agency', state: 'CA' }), 'CONFLICT')
  })

  it('lets an auditor read the registry but not add to it', async () => {
    const { core, clock, admin } = await agencyDesk()
    const auditor = await createPerson(core, admin, clock, { username: 'aaudit', displayName: 'Arthur Audit', roles: ['auditor'] })
    const call = fromWindow('auditor-window')
    allowed(await signIn(core, call, clock, auditor))
    allowed(await sender(core, call)('sharing.agencies'))
    refused(await sender(core, call)('sharing.addAgency', { name: 'Yolo County Sheriff', type: 'county_agency', state: 'CA' }), 'PERMISSION_DENIED')
  })
})

describe('a share with a county agency', () => {
  it('is requested, approved by a second administrator, produced into the exports ledger, and its e-mail kept', async () => {
    const { dataDir, clock, core, admin, send } = await agencyDesk()
    const second = await createPerson(core, admin, clock, { username: 'mchen', displayName: 'Morgan Chen', roles: ['administrator'] })
    const secondCall = fromWindow('second-admin')
    allowed(await signIn(core, secondCall, clock, second))
    const asSecond = sender(core, secondCall)

    const day0 = clock.now() - 3 * DAY
    const ids = withDatabase(dataDir, (db) => {
      addCamera(db, { id: 'cam-1', name: 'Main St northbound', createdAt: day0 - 10 * DAY })
      return {
        wanted: [addRead(db, { plate: '7ABC123', readAt: day0 + HOUR, cameraId: 'cam-1' }), addRead(db, { plate: '7ABC123', readAt: day0 + DAY, cameraId: 'cam-1' })],
        otherPlate: addRead(db, { plate: '8XYZ999', readAt: day0 + HOUR, cameraId: 'cam-1' }),
        outOfRange: addRead(db, { plate: '7ABC123', readAt: day0 - 5 * DAY, cameraId: 'cam-1' }),
      }
    })

    const agency = allowed<AgencyRecord>(
      await send('sharing.addAgency', { name: 'Sacramento County Sheriff’s Office', type: 'county_agency', state: 'CA', contactPhone: '916-874-5115' }),
    )
    const request = {
      agencyId: agency.id,
      requester: 'Dana Ortiz',
      requesterTitle: 'Detective',
      need: 'Vehicle seen leaving a burglary in their jurisdiction; needs its recent locations.',
      verification: 'Called back the Sheriff’s records desk at its listed number; confirmed the detective and case.',
      transfer: 'email',
      selection: { plate: '7abc 123', from: new Date(day0).toISOString().slice(0, 10), to: new Date(day0 + DAY).toISOString().slice(0, 10) },
    }
    // A share is an access to ALPR information: it needs a purpose.
    refused(await send('sharing.request', request), 'PURPOSE_REQUIRED')
    const share = allowed<ShareRecord>(await send('sharing.request', { purpose: PURPOSE, ...request }))
    expect(share).toMatchObject({
      agencyName: 'Sacramento County Sheriff’s Office',
      agencyType: 'county_agency',
      requester: 'Dana Ortiz',
      requesterTitle: 'Detective',
      status: 'pending',
      itemCount: 2,
      requestedBy: admin.id,
      exportId: null,
    })
    expect(share.purpose).toContain('26-004512')
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'sharing.request', outcome: 'allowed' })
    expect((await lastLogEntry(core)).purpose).toContain('26-004512')

    // Nothing is produced before approval, and the person who entered it cannot approve it.
    refused(await send('sharing.produce', { purpose: PURPOSE, shareId: share.id }), 'CONFLICT')
    const own = refused(await send('sharing.decide', { shareId: share.id, approve: true, note: 'ok' }), 'CONFLICT')
    expect(own.message).toMatch(/another ALPR Administrator must approve/)
    clock.advance(10 * MINUTE)
    const approved = allowed<ShareRecord>(await asSecond('sharing.decide', { shareId: share.id, approve: true, note: 'Verified need; approved.' }))
    expect(approved).toMatchObject({ status: 'approved', approvedBy: second.id, approvedByName: 'Morgan Chen', approvedAt: clock.now() })
    refused(await asSecond('sharing.decide', { shareId: share.id, approve: false, note: 'changed my mind' }), 'CONFLICT')

    clock.advance(10 * MINUTE)
    const file = allowed<DocumentFile>(await send('sharing.produce', { purpose: PURPOSE, shareId: share.id }))
    const csv = Buffer.from(file.dataBase64, 'base64').toString('utf8')
    const rows = csv.trim().split('\r\n')
    expect(rows[0]).toBe('read_id,plate,state,read_at_utc,camera,location,latitude,longitude,source,confidence')
    expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual(ids.wanted)
    expect(csv).not.toContain('8XYZ999')
    expect(file.exportId).toMatch(/^EX-\d{8}-[0-9A-F]{8}$/)
    expect(file.fileName).toContain(file.exportId!)

    const ledger = (await core.store.exports.get(file.exportId!))!
    expect(ledger).toMatchObject({
      kind: 'share',
      format: 'csv',
      itemCount: 2,
      recipient: 'Sacramento County Sheriff’s Office',
      createdBy: admin.id,
      createdAt: clock.now(),
      destroyBy: clock.now() + 30 * DAY,
      sha256: file.sha256,
    })
    expect(ledger.purpose).toContain('26-004512')
    refused(await send('sharing.produce', { purpose: PURPOSE, shareId: share.id }), 'CONFLICT')

    // The original e-mail message is kept, encrypted in the store, for the e-mail period.
    const eml = Buffer.from(
      'From: records@springfield.example\r\nTo: dortiz@sacsheriff.example\r\nSubject: ALPR share\r\n\r\nAttached: the requested reads.\r\n',
    )
    refused(await send('sharing.keepEmail', { shareId: share.id, fileName: 'message.txt', messageBase64: eml.toString('base64') }), 'INVALID_INPUT')
    const kept = allowed<ShareRecord>(await send('sharing.keepEmail', { shareId: share.id, fileName: 'ALPR share.eml', messageBase64: eml.toString('base64') }))
    expect(kept.emails).toHaveLength(1)
    expect(kept.emails[0]).toMatchObject({ fileName: 'ALPR share.eml', size: eml.byteLength, storedAt: clock.now(), deleteAfter: clock.now() + 365 * DAY })
    expect(Buffer.from((await core.store.sharing.emailMessage(kept.emails[0]!.id))!).equals(eml)).toBe(true)
    const keepLog = await lastLogEntry(core)
    expect(keepLog.channel).toBe('sharing.keepEmail')
    expect(JSON.stringify(keepLog.dataElements)).not.toContain(eml.toString('base64').slice(0, 40))

    // The record of every agency shared with.
    const [registered] = allowed<AgencyRecord[]>(await send('sharing.agencies'))
    expect(registered).toMatchObject({ name: 'Sacramento County Sheriff’s Office', sharesProduced: 1, lastSharedAt: clock.now() })
    const [listed] = allowed<ShareRecord[]>(await send('sharing.list'))
    expect(listed).toMatchObject({ id: share.id, exportId: file.exportId, producedAt: clock.now(), status: 'approved' })

    // The retention purge deletes the kept message once its period has passed, not before.
    clock.advance(364 * DAY)
    await runPurge({ store: core.store, clock, deviceId: core.device.id, kind: 'manual' })
    expect(await core.store.sharing.emailMessage(kept.emails[0]!.id)).not.toBeNull()
    clock.advance(2 * DAY)
    await runPurge({ store: core.store, clock, deviceId: core.device.id, kind: 'manual' })
    expect(await core.store.sharing.emailMessage(kept.emails[0]!.id)).toBeNull()
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ emailMessagesDeleted: 1 })
  })

  it('refuses a request for an agency that is not registered, and one that matches no reads', async () => {
    const { send } = await agencyDesk()
    const base = { requester: 'Dana Ortiz', requesterTitle: 'Detective', need: 'Burglary follow-up in their city.', verification: 'Call-back.', transfer: 'portal' }
    refused(await send('sharing.request', { purpose: PURPOSE, agencyId: 'nope', ...base, selection: { readIds: [1] } }), 'NOT_FOUND')
    const agency = allowed<AgencyRecord>(await send('sharing.addAgency', { name: 'Fresno Police Department', type: 'city_agency', state: 'CA' }))
    const none = refused(await send('sharing.request', { purpose: PURPOSE, agencyId: agency.id, ...base, selection: { readIds: [999] } }), 'NOT_FOUND')
    expect(none.message).toMatch(/nothing to share/)
  })
})

describe('records requests and subpoenas', () => {
  it('logs a Public Records Act request, routes it to the administrator and shows it overdue after its due date', async () => {
    const { clock, core, admin, send } = await agencyDesk()
    // A second administrator exists; the request goes to the one who logged it.
    await createPerson(core, admin, clock, { username: 'mchen', displayName: 'Morgan Chen', roles: ['administrator'] })
    const logged = allowed<RecordsRequest>(
      await send('sharing.logRecordsRequest', {
        kind: 'public_records',
        receivedOn: '2026-03-02',
        requester: 'Springfield Gazette',
        asked: 'Number of plate reads and agencies shared with in 2025.',
        dueOn: '2026-03-12',
      }),
    )
    expect(logged).toMatchObject({ kind: 'public_records', assignedTo: admin.id, assignedToName: 'Alice Admin', status: 'open', overdue: false, dueAt: new Date(2026, 2, 12).getTime() })
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ recordsRequestId: logged.id, assignedTo: admin.id })
    allowed(
      await send('sharing.logRecordsRequest', { kind: 'subpoena', receivedOn: '2026-03-02', requester: 'Superior Court, case CV-1', asked: 'Reads of a plate', dueOn: '2026-04-01' }),
    )
    refused(await send('sharing.logRecordsRequest', { kind: 'subpoena', receivedOn: '2026-03-02', requester: 'X', asked: 'Y', dueOn: '2026-03-01' }), 'INVALID_INPUT')

    clock.advance(11 * DAY)
    allowed(await signIn(core, admin.call, clock, admin))
    const [first, second] = allowed<RecordsRequest[]>(await send('sharing.recordsRequests'))
    expect([first!.id, first!.overdue, second!.kind, second!.overdue]).toEqual([logged.id, true, 'subpoena', false])

    const closed = allowed<RecordsRequest>(await send('sharing.closeRecordsRequest', { requestId: logged.id, response: 'Released counts only; plate data withheld.' }))
    expect(closed).toMatchObject({ status: 'closed', overdue: false, closedByName: 'Alice Admin', closedAt: clock.now() })
    refused(await send('sharing.closeRecordsRequest', { requestId: logged.id, response: 'again' }), 'CONFLICT')
  })
})
