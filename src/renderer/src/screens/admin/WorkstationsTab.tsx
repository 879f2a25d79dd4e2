// Workstations: every machine that registered with this store, and approving or revoking it as agency-issued.
import { useEffect, useState } from 'react'
import type { DeviceInfo } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ErrorAlert, Notice } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDateTime } from '../../format'
import { useAdmin } from '../../store/admin'
import { can, signedInCall, useApp } from '../../store/session'
import { Badge } from './cells'

type Decision = { device: DeviceInfo; action: 'approve' | 'revoke' }

const STATUS: Record<DeviceInfo['status'], { tone: 'ok' | 'warning' | 'danger'; words: string }> = {
  approved: { tone: 'ok', words: 'Approved' },
  pending: { tone: 'warning', words: 'Waiting for approval' },
  revoked: { tone: 'danger', words: 'Revoked' },
}

export function WorkstationsTab() {
  const session = useApp((s) => s.session)
  const devices = useAdmin((s) => s.devices)
  const devicesError = useAdmin((s) => s.devicesError)
  const loadDevices = useAdmin((s) => s.loadDevices)
  const replaceDevice = useAdmin((s) => s.replaceDevice)
  const users = useAdmin((s) => s.users)
  const loadUsers = useAdmin((s) => s.loadUsers)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [actionError, setActionError] = useState<AppErrorData | null>(null)
  const readUsers = can(session, 'users.read')

  useEffect(() => {
    void loadDevices()
    if (readUsers && !users) void loadUsers()
    // Load once when the tab opens.
  }, [])

  const nameOf = (userId: string | null): string => {
    if (!userId) return '—'
    return users?.find((u) => u.id === userId)?.username ?? userId.slice(0, 8)
  }

  const decide = async () => {
    if (!decision) return
    const { device, action } = decision
    setBusy(true)
    setMessage(null)
    setActionError(null)
    const result = await signedInCall(() => (action === 'approve' ? alpr().devices.approve({ deviceId: device.id }) : alpr().devices.revoke({ deviceId: device.id })))
    setBusy(false)
    setDecision(null)
    if (!result.ok) return setActionError(result.error)
    replaceDevice(result.value)
    setMessage(action === 'approve' ? `${device.name} is approved; agency users can sign in there.` : `${device.name}’s approval is revoked; nobody can sign in there.`)
  }

  const columns: Column<DeviceInfo>[] = [
    {
      header: 'Workstation',
      cell: (d) => (
        <>
          <span className="cell-main">
            {d.name}
            {d.current ? <span className="muted"> (this workstation)</span> : null}
          </span>
          <span className="cell-sub mono">{d.id}</span>
        </>
      ),
    },
    { header: 'Status', cell: (d) => <Badge tone={STATUS[d.status].tone}>{STATUS[d.status].words}</Badge> },
    { header: 'Registered', cell: (d) => <span className="tabular">{formatDateTime(d.registeredAt)}</span>, className: 'nowrap' },
    {
      header: 'Decision',
      cell: (d) =>
        d.decidedAt === null ? (
          <span className="muted">None yet</span>
        ) : (
          <>
            <span className="cell-main tabular">{formatDateTime(d.decidedAt)}</span>
            <span className="cell-sub">by <span className="mono">{nameOf(d.decidedBy)}</span></span>
          </>
        ),
    },
    {
      header: 'Actions',
      className: 'cell-actions',
      cell: (d) => (
        <div className="row-actions">
          {d.status !== 'approved' ? (
            <Button size="small" variant="primary" onClick={() => setDecision({ device: d, action: 'approve' })}>
              Approve
            </Button>
          ) : null}
          {d.status === 'approved' && !d.current ? (
            <Button size="small" variant="danger" onClick={() => setDecision({ device: d, action: 'revoke' })}>
              Revoke
            </Button>
          ) : null}
          {d.status === 'approved' && d.current ? <span className="muted small">Revoke from another workstation</span> : null}
        </div>
      ),
    },
  ]

  const pending = devices?.filter((d) => d.status === 'pending').length ?? 0
  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">
          {devices ? `${devices.length} workstation${devices.length === 1 ? '' : 's'}${pending ? ` · ${pending} waiting for approval` : ''}` : 'Loading workstations…'}
        </p>
        <div className="toolbar-actions">
          <Button onClick={() => void loadDevices()}>Refresh</Button>
        </div>
      </div>
      <p className="muted small">Approve only machines issued and managed by the agency. A workstation registers itself the first time the application starts on it.</p>
      {message ? (
        <Notice tone="success" live>
          <p>{message}</p>
        </Notice>
      ) : null}
      <ErrorAlert error={actionError ?? devicesError} />
      <Table
        caption="Workstations"
        columns={columns}
        rows={devices ?? []}
        rowKey={(d) => d.id}
        empty={devices ? 'No workstation has registered.' : 'Loading…'}
        rowClassName={(d) => (d.status === 'pending' ? 'row-attention' : undefined)}
        testId="devices-table"
      />
      <ConfirmDialog
        open={decision !== null}
        title={decision?.action === 'revoke' ? 'Revoke this workstation?' : 'Approve this workstation?'}
        confirmLabel={decision?.action === 'revoke' ? 'Confirm revocation' : 'Confirm approval'}
        tone={decision?.action === 'revoke' ? 'danger' : 'primary'}
        busy={busy}
        onConfirm={() => void decide()}
        onCancel={() => setDecision(null)}
      >
        {decision ? (
          <>
            <p>
              <strong>{decision.device.name}</strong> <span className="mono small">{decision.device.id}</span>
            </p>
            <p>
              {decision.action === 'approve'
                ? 'Approve it only if it is an agency-issued machine. Once approved, any eligible user can sign in there.'
                : 'Anyone signed in there is refused on their next action, and nobody can sign in there until it is approved again.'}
            </p>
          </>
        ) : null}
      </ConfirmDialog>
    </div>
  )
}
