// A share as the reports and the dashboard need one, made through the channels: the agency registered, the
// request made by one administrator, approved by a second and produced by the first.
import type { AgencyRecord, ShareRecord } from '../../../src/shared/models'
import { allowed, type Send } from '../../helpers/core'

export async function producedShare(
  send: Send,
  approve: Send,
  share: {
    purpose: { caseNumber: string }
    agencyName: string
    need: string
    verification: string
    transfer: ShareRecord['transfer']
    selection: { readIds: number[] } | { plate: string; from: string; to: string }
  },
): Promise<ShareRecord> {
  const { purpose, agencyName, ...request } = share
  const agency = allowed<AgencyRecord>(await send('sharing.addAgency', { name: agencyName, type: 'county_agency', state: 'CA' }))
  const requested = allowed<ShareRecord>(
    await send('sharing.request', { purpose, agencyId: agency.id, requester: 'Dana Ortiz', requesterTitle: 'Detective', ...request }),
  )
  allowed(await approve('sharing.decide', { shareId: requested.id, approve: true, note: 'Approved.' }))
  allowed(await send('sharing.produce', { purpose, shareId: requested.id }))
  return requested
}
