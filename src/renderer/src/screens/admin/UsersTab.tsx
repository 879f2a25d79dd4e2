// Accounts: the table, creating an account with its enrollment, resetting an authenticator, releasing a lockout,
// and account requests (requested by a supervisor, approved by an administrator).
import { useEffect, useState } from 'react'
import type { Enrollment, UserRecord } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ErrorAlert, SuccessNotice } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { QrEnrollment } from '../../components/QrEnrollment'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDateTime, formatWhen, roleNames } from '../../format'
import { useAdmin } from '../../store/admin'
import { can, signedInCall, useApp } from '../../store/session'
import { CreateUserForm } from './CreateUserForm'
import { AccountRequests } from './AccountRequests'
import { Badge, Expiry } from './cells'

type Panel =
  | { kind: 'none' }
  | { kind: 'create' }
  | { kind: 'enroll'; enrollment: Enrollment; displayName: string; reason: 'created' | 'reset' }

function EnrollmentPanel({ enrollment, displayName, reason, onDone, onClose }: { enrollment: Enrollment; displayName: string; reason: 'created' | 'reset'; onDone(user: UserRecord): void; onClose(): void }) {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const confirm = async () => {
    if (busy || !enrollment.userId) return
    const userId = enrollment.userId
    setBusy(true)
    const result = await signedInCall(() => alpr().users.confirmEnrollment({ userId, code }))
    setBusy(false)
    if (result.ok) onDone(result.value)
    else setError(result.error)
  }
  return (
    <section className="panel" aria-label={`Authenticator enrollment for ${enrollment.username}`}>
      <p className="panel-kicker">{reason === 'created' ? 'Account created · enrollment pending' : 'Authenticator reset · enrollment pending'}</p>
      <QrEnrollment
        enrollment={enrollment}
        code={code}
        onCodeChange={setCode}
        onSubmit={() => void confirm()}
        submitLabel="Confirm enrollment"
        busy={busy}
        error={error}
        whose={`${displayName}’s`}
        secondary={
          <Button onClick={onClose} disabled={busy}>
            Finish later
          </Button>
        }
      />
      <p className="muted small">
        {`Until a code is confirmed, ${enrollment.username} cannot sign in. Finishing later needs a new key: use Reset authenticator.`}
      </p>
    </section>
  )
}

export function UsersTab() {
  const session = useApp((s) => s.session)
  const users = useAdmin((s) => s.users)
  const usersError = useAdmin((s) => s.usersError)
  const loadUsers = useAdmin((s) => s.loadUsers)
  const replaceUser = useAdmin((s) => s.replaceUser)
  const [panel, setPanel] = useState<Panel>({ kind: 'none' })
  const [message, setMessage] = useState<string | null>(null)
  const [actionError, setActionError] = useState<AppErrorData | null>(null)
  const [resetTarget, setResetTarget] = useState<UserRecord | null>(null)
  const [busyId, setBusyId] = useState<string | null>(null)
  const manage = can(session, 'users.manage')

  useEffect(() => {
    void loadUsers()
  }, [loadUsers])

  const release = async (user: UserRecord) => {
    setBusyId(user.id)
    setMessage(null)
    setActionError(null)
    const result = await signedInCall(() => alpr().users.releaseLockout({ userId: user.id }))
    setBusyId(null)
    if (!result.ok) return setActionError(result.error)
    replaceUser(result.value)
    setMessage(`Lockout released for ${user.username}. They can sign in again.`)
  }

  const reset = async () => {
    const user = resetTarget
    if (!user) return
    setBusyId(user.id)
    setMessage(null)
    setActionError(null)
    const result = await signedInCall(() => alpr().users.resetTotp({ userId: user.id }))
    setBusyId(null)
    setResetTarget(null)
    if (!result.ok) return setActionError(result.error)
    setPanel({ kind: 'enroll', enrollment: result.value, displayName: user.displayName, reason: 'reset' })
    void loadUsers()
  }

  const columns: Column<UserRecord>[] = [
    {
      header: 'Account',
      cell: (u) => (
        <>
          <span className="cell-main">
            <span className="mono">{u.username}</span>
            {u.id === session?.user.id ? <span className="muted"> (you)</span> : null}
          </span>
          <span className="cell-sub">{u.displayName}</span>
        </>
      ),
    },
    {
      header: 'Agency / unit',
      cell: (u) => (
        <>
          <span className="cell-main truncate" style={{ maxWidth: '9rem' }} title={u.agency}>
            {u.agency}
          </span>
          <span className="cell-sub truncate" style={{ maxWidth: '9rem' }} title={u.unit}>
            {u.unit}
          </span>
        </>
      ),
    },
    { header: 'Roles', cell: (u) => roleNames(u.roles), className: 'wrap w-roles' },
    {
      header: 'Status',
      cell: (u) => (
        <>
          <Badge tone={u.status === 'active' ? 'ok' : 'danger'}>{u.status === 'active' ? 'Active' : u.status === 'suspended' ? 'Suspended' : 'Deleted'}</Badge>
          {u.lockedAt === null ? null : (
            <span className="cell-sub tabular" title={formatDateTime(u.lockedAt)}>
              <Badge tone="danger">Locked</Badge> {`since ${formatWhen(u.lockedAt)}`}
            </span>
          )}
        </>
      ),
    },
    { header: 'Authenticator', cell: (u) => (u.totpEnrolled ? <Badge tone="ok">Enrolled</Badge> : <Badge tone="warning">Not enrolled</Badge>) },
    {
      header: 'Training / review',
      cell: (u) => (
        <dl className="expiries">
          <div>
            <dt>Training</dt>
            <dd>
              <Expiry at={u.trainingExpiresAt} missing="No record" />
            </dd>
          </div>
          <div>
            <dt>Review</dt>
            <dd>
              <Expiry at={u.reviewExpiresAt} missing="No review" />
            </dd>
          </div>
        </dl>
      ),
    },
  ]
  if (manage) {
    columns.push({
      header: 'Actions',
      className: 'cell-actions',
      cell: (u) => (
        <div className="row-actions">
          {u.lockedAt !== null ? (
            <Button size="small" variant="primary" onClick={() => void release(u)} busy={busyId === u.id}>
              Release lockout
            </Button>
          ) : null}
          {u.id !== session?.user.id ? (
            <Button size="small" onClick={() => setResetTarget(u)} disabled={busyId === u.id}>
              Reset authenticator
            </Button>
          ) : null}
        </div>
      ),
    })
  }

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">
          {users ? `${users.length} account${users.length === 1 ? '' : 's'}` : 'Loading accounts…'}
          {manage ? '' : ' · read-only: your roles do not allow changing accounts'}
        </p>
        <div className="toolbar-actions">
          <Button onClick={() => void loadUsers()}>Refresh</Button>
          {manage && panel.kind === 'none' ? (
            <Button
              variant="primary"
              onClick={() => {
                setMessage(null)
                setActionError(null)
                setPanel({ kind: 'create' })
              }}
            >
              Create user
            </Button>
          ) : null}
        </div>
      </div>

      <SuccessNotice message={message} />
      <ErrorAlert error={actionError ?? usersError} />

      {panel.kind === 'create' ? (
        <CreateUserForm
          defaultAgency={session?.user.agency ?? ''}
          onCreated={(enrollment, displayName) => {
            setPanel({ kind: 'enroll', enrollment, displayName, reason: 'created' })
            void loadUsers()
          }}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      ) : null}
      {panel.kind === 'enroll' ? (
        <EnrollmentPanel
          key={panel.enrollment.secret}
          enrollment={panel.enrollment}
          displayName={panel.displayName}
          reason={panel.reason}
          onDone={(user) => {
            replaceUser(user)
            setPanel({ kind: 'none' })
            setMessage(`${user.displayName}’s authenticator is enrolled. ${user.username} can now sign in on an approved workstation.`)
            void loadUsers()
          }}
          onClose={() => {
            setPanel({ kind: 'none' })
            setMessage(`${panel.enrollment.username}’s enrollment was not finished; they cannot sign in until an authenticator is enrolled.`)
          }}
        />
      ) : null}

      <Table
        caption="Accounts"
        columns={columns}
        rows={users ?? []}
        rowKey={(u) => u.id}
        empty={users ? 'No accounts.' : 'Loading…'}
        rowClassName={(u) => (u.lockedAt !== null ? 'row-alert' : undefined)}
        testId="users-table"
      />

      <AccountRequests
        canRequest={can(session, 'accounts.review')}
        canDecide={manage}
        defaultAgency={session?.user.agency ?? ''}
        onEnroll={(enrollment, displayName) => {
          setMessage(null)
          setPanel({ kind: 'enroll', enrollment, displayName, reason: 'created' })
          void loadUsers()
          window.scrollTo?.({ top: 0 })
        }}
      />

      <ConfirmDialog
        open={resetTarget !== null}
        title="Reset this authenticator?"
        confirmLabel="Confirm reset"
        tone="danger"
        busy={resetTarget !== null && busyId === resetTarget.id}
        onConfirm={() => void reset()}
        onCancel={() => setResetTarget(null)}
      >
        {resetTarget ? (
          <p>
            {`${resetTarget.displayName} (${resetTarget.username}) will be signed out, and their current authenticator stops working at once. A new key is shown next; they cannot sign in until it is enrolled with a code from their device.`}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  )
}
