// A date entered on a form is a day at the workstation, in its local time zone: a records request is due, and a
// vendor contract in force, until the end of that local day, not until midnight UTC; a share's range may reach
// the end of the local today but not past it. The workstation here is in California (UTC−8 in early March).
process.env.TZ = 'America/Los_Angeles'

import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, refused, sender, setUpAdministrator, signIn, type Administrator } from '../../helpers/core'
import { MINUTE } from '../../../src/main/core/clock'
import type { Core } from '../../../src/main/core/app/create-core'
import type { AgencyRecord, ComplianceDuty, RecordsRequest, VendorContract } from '../../../src/shared/models'

const lab = useLab()

/** 23:59 on 2 March 2026 in California is 07:59 UTC on 3 March; local midnight is 08:00 UTC. */
const LAST_MINUTE_OF_2_MARCH = Date.UTC(2026, 2, 3, 7, 59)
const START_OF_3_MARCH = Date.UTC(2026, 2, 3, 8, 0)

async function desk() {
  const clock = new TestClock(Date.UTC(2026, 2, 1, 18, 0))
  const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
  const admin = await setUpAdministrator(core, clock)
  return { clock, core, admin }
}

/** Signs in shortly before `at`, then asks at exactly `at`. */
async function askAt(core: Core, clock: TestClock, admin: Administrator, at: number, channel: string, input: unknown = {}) {
  clock.set(at - 5 * MINUTE)
  allowed(await signIn(core, admin.call, clock, admin))
  clock.set(at)
  return sender(core, admin.call)(channel, input)
}

const duty = (duties: ComplianceDuty[], id: string) => duties.find((d) => d.id === id)!

describe('dates in the workstation’s time zone', () => {
  it('keeps a records request due on 2 March on time until local midnight, overdue from 3 March', async () => {
    const { clock, core, admin } = await desk()
    const logged = allowed<RecordsRequest>(
      await sender(core, admin.call)('sharing.logRecordsRequest', { kind: 'subpoena', receivedOn: '2026-03-01', requester: 'Superior Court', asked: 'Reads', dueOn: '2026-03-02' }),
    )
    expect(logged.dueAt).toBe(Date.UTC(2026, 2, 2, 8, 0))

    // Already 3 March in UTC, still 2 March at the workstation.
    const late = allowed<RecordsRequest[]>(await askAt(core, clock, admin, Date.UTC(2026, 2, 3, 0, 30), 'sharing.recordsRequests'))
    expect(late[0]!.overdue).toBe(false)
    const lastMinute = allowed<RecordsRequest[]>(await askAt(core, clock, admin, LAST_MINUTE_OF_2_MARCH, 'sharing.recordsRequests'))
    expect(lastMinute[0]!.overdue).toBe(false)
    expect(duty(allowed<ComplianceDuty[]>(await sender(core, admin.call)('compliance.dashboard')), 'records-requests').problems).toEqual([])

    const next = allowed<RecordsRequest[]>(await askAt(core, clock, admin, START_OF_3_MARCH, 'sharing.recordsRequests'))
    expect(next[0]!.overdue).toBe(true)
    expect(duty(allowed<ComplianceDuty[]>(await sender(core, admin.call)('compliance.dashboard')), 'records-requests').problems).toEqual([
      `${logged.id} from Superior Court was due on 2026-03-02.`,
    ])
  })

  it('keeps a vendor contract ending 2 March in force through that local day', async () => {
    const { clock, core, admin } = await desk()
    allowed(
      await sender(core, admin.call)('vendors.save', {
        vendor: 'CloudPlates Inc.',
        service: 'Off-site backup',
        signedOn: '2025-03-03',
        expiresOn: '2026-03-02',
        dataOwnedByAgency: true,
        storageLocation: 'us',
        staffTrained: true,
        staffBackgroundChecked: true,
        vendorAudits: true,
        lastVendorAuditOn: '2026-01-15',
        breachPolicy: true,
      }),
    )
    const [current] = allowed<VendorContract[]>(await askAt(core, clock, admin, LAST_MINUTE_OF_2_MARCH, 'vendors.list'))
    expect(current).toMatchObject({ expired: false, renewalDue: true })
    const [expired] = allowed<VendorContract[]>(await askAt(core, clock, admin, START_OF_3_MARCH, 'vendors.list'))
    expect(expired).toMatchObject({ expired: true, renewalDue: false })
    expect(duty(allowed<ComplianceDuty[]>(await sender(core, admin.call)('compliance.dashboard')), 'vendors').problems).toEqual([
      'CloudPlates Inc.: contract expired on 2026-03-02.',
    ])
  })

  it('lets a share’s range end today (local), not tomorrow, even when it is already tomorrow in UTC', async () => {
    const { clock, core, admin } = await desk()
    const agency = allowed<AgencyRecord>(await sender(core, admin.call)('sharing.addAgency', { name: 'Yolo County Sheriff', type: 'county_agency', state: 'CA' }))
    const request = (to: string) => ({
      purpose: { caseNumber: '26-004512' },
      agencyId: agency.id,
      requester: 'Dana Ortiz',
      requesterTitle: 'Detective',
      need: 'Stolen vehicle.',
      verification: 'Call-back.',
      transfer: 'portal',
      selection: { plate: '7ABC123', from: '2026-03-01', to },
    })
    // 3 March in UTC, 2 March here: a range to 3 March reaches into tomorrow.
    const error = refused(await askAt(core, clock, admin, Date.UTC(2026, 2, 3, 1, 0), 'sharing.request', request('2026-03-03')), 'INVALID_INPUT')
    expect(error.message).toMatch(/end date is after today/)
    // Up to today is accepted (and matches no reads here, so there is nothing to share).
    refused(await sender(core, admin.call)('sharing.request', request('2026-03-02')), 'NOT_FOUND')
  })
})
