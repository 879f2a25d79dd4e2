// Sharing with California public agencies: the agency registry, share requests and their decisions, and
// Public Records Act requests and subpoenas (DOMAIN.md "Sharing").
import { useCallback, useEffect, useState } from 'react'
import type { AgencyRecord, RecordsRequest, ShareRecord } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { ErrorAlert } from '../../components/Alert'
import { can, signedInCall, useApp } from '../../store/session'
import { AgenciesPanel } from './sharing/AgenciesPanel'
import { SharesPanel } from './sharing/SharesPanel'
import { RecordsRequestsPanel } from './sharing/RecordsRequestsPanel'
import './governance.css'

export function SharingTab() {
  const session = useApp((s) => s.session)
  const canManage = can(session, 'governance.manage')
  const [agencies, setAgencies] = useState<AgencyRecord[] | null>(null)
  const [shares, setShares] = useState<ShareRecord[] | null>(null)
  const [requests, setRequests] = useState<RecordsRequest[] | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)

  const load = useCallback(async () => {
    const [a, s, r] = await Promise.all([
      signedInCall(() => alpr().sharing.agencies({})),
      signedInCall(() => alpr().sharing.list({})),
      signedInCall(() => alpr().sharing.recordsRequests({})),
    ])
    for (const result of [a, s, r]) if (!result.ok) setError(result.error)
    if (a.ok) setAgencies(a.value)
    if (s.ok) setShares(s.value)
    if (r.ok) setRequests(r.value)
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="tab-body">
      <ErrorAlert error={error} title="The sharing records could not be loaded" />
      <AgenciesPanel agencies={agencies} canManage={canManage} onChanged={() => void load()} />
      <SharesPanel shares={shares} agencies={agencies ?? []} canManage={canManage} userId={session?.user.id ?? null} onChanged={() => void load()} />
      <RecordsRequestsPanel requests={requests} canManage={canManage} onChanged={() => void load()} />
    </div>
  )
}
