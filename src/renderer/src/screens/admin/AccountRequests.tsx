// Account requests: a supervisor or administrator requests an account for a person in an authorized job
// classification, with why they need ALPR access; an administrator approves it (creating the account with
// its training record, then enrolling the authenticator in person) or rejects it with a reason.
import { useEffect, useState, type FormEvent } from 'react'
import type { AccountRequest, Enrollment } from '../../../../shared/models'
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/roles'
import { Button } from '../../components/Button'
import { FormActions } from '../../components/FormActions'
import { DateField, Field } from '../../components/Field'
import { ErrorAlert, fieldError, SuccessNotice } from '../../components/Alert'
import { PasswordRules } from '../../components/PasswordRules'
import { Table, type Column } from '../../components/Table'
import { alpr, localError, type AppErrorData } from '../../api'
import { formatDateTime, roleNames, todayIso } from '../../format'
import { signedInCall } from '../../store/session'
import { Badge } from './cells'

const LABELS: Record<string, string> = {
  username: 'Username',
  displayName: 'Display name',
  agency: 'Agency',
  unit: 'Unit',
  roles: 'Roles',
  classification: 'Job classification',
  justification: 'Why they need ALPR access',
  password: 'Initial password',
  trainingCompletedOn: 'Training completed on',
  course: 'Course',
  trainer: 'Trainer',
  reason: 'Reason',
}

function RequestForm({ defaultAgency, onDone, onCancel }: { defaultAgency: string; onDone(request: AccountRequest): void; onCancel(): void }) {
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [agency, setAgency] = useState(defaultAgency)
  const [unit, setUnit] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [classification, setClassification] = useState('')
  const [justification, setJustification] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (roles.length === 0) return setError(localError('Choose at least one role for the account.', { roles: 'At least one role' }))
    setBusy(true)
    const result = await signedInCall(() => alpr().accounts.request({ username, displayName, agency, unit, roles, classification, justification }))
    setBusy(false)
    if (result.ok) onDone(result.value)
    else setError(result.error)
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="request-title">
      <h2 id="request-title">Request an account</h2>
      <p className="muted">The ALPR Administrator approves the request when the person has been trained.</p>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="grid-2">
        <Field label="Username" value={username} onChange={setUsername} autoComplete="off" autoCapitalize="none" error={fieldError(error, 'username')} />
        <Field label="Display name" value={displayName} onChange={setDisplayName} autoComplete="off" error={fieldError(error, 'displayName')} />
        <Field label="Agency" value={agency} onChange={setAgency} autoComplete="off" error={fieldError(error, 'agency')} />
        <Field label="Unit" value={unit} onChange={setUnit} autoComplete="off" error={fieldError(error, 'unit')} />
        <Field label="Job classification" value={classification} onChange={setClassification} autoComplete="off" error={fieldError(error, 'classification')} hint="Must be on the list of authorized classifications." />
        <Field label="Why they need ALPR access" value={justification} onChange={setJustification} autoComplete="off" error={fieldError(error, 'justification')} />
      </div>
      <fieldset className="fieldset roles">
        <legend>Roles</legend>
        <div className="role-grid">
          {ROLES.map((role) => (
            <div className="check" key={role}>
              <input
                id={`request-role-${role}`}
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(e) => setRoles((r) => (e.target.checked ? ROLES.filter((x) => x === role || r.includes(x)) : r.filter((x) => x !== role)))}
              />
              <label htmlFor={`request-role-${role}`}>{ROLE_LABELS[role]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <FormActions submitLabel="Submit request" busy={busy} onCancel={onCancel} />
    </form>
  )
}

function ApproveForm({ request, onApproved, onCancel }: { request: AccountRequest; onApproved(enrollment: Enrollment): void; onCancel(): void }) {
  const [password, setPassword] = useState('')
  const [trainingCompletedOn, setTraining] = useState('')
  const [course, setCourse] = useState('ALPR system use and privacy training')
  const [trainer, setTrainer] = useState('')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await signedInCall(() => alpr().accounts.approveRequest({ requestId: request.id, password, trainingCompletedOn, course, trainer, reason }))
    setBusy(false)
    if (result.ok) onApproved(result.value)
    else setError(result.error)
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="approve-title">
      <h2 id="approve-title">{`Approve ${request.displayName} (${request.username})`}</h2>
      <p className="muted">{`${roleNames(request.roles)} · ${request.classification} · ${request.justification}. The person should be present: their authenticator is enrolled next.`}</p>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="grid-2">
        <div>
          <Field label="Initial password" type="password" value={password} onChange={setPassword} autoComplete="new-password" error={fieldError(error, 'password')} />
          <PasswordRules password={password} username={request.username} displayName={request.displayName} />
        </div>
        <DateField label="Training completed on" value={trainingCompletedOn} onChange={setTraining} max={todayIso()} error={fieldError(error, 'trainingCompletedOn')} />
        <Field label="Course" value={course} onChange={setCourse} autoComplete="off" error={fieldError(error, 'course')} />
        <Field label="Trainer" value={trainer} onChange={setTrainer} autoComplete="off" error={fieldError(error, 'trainer')} />
        <Field label="Reason" value={reason} onChange={setReason} autoComplete="off" error={fieldError(error, 'reason')} hint="Recorded with the approval." />
      </div>
      <FormActions submitLabel="Approve and create account" busy={busy} onCancel={onCancel} />
    </form>
  )
}

const STATUS: Record<AccountRequest['status'], { tone: 'warning' | 'ok' | 'neutral'; words: string }> = {
  pending: { tone: 'warning', words: 'Waiting' },
  approved: { tone: 'ok', words: 'Approved' },
  rejected: { tone: 'neutral', words: 'Rejected' },
}

/** The requests section of the Users tab. `onEnroll` hands a created account's enrollment to the tab. */
export function AccountRequests({ canRequest, canDecide, defaultAgency, onEnroll }: { canRequest: boolean; canDecide: boolean; defaultAgency: string; onEnroll(enrollment: Enrollment, displayName: string): void }) {
  const [requests, setRequests] = useState<AccountRequest[] | null>(null)
  const [panel, setPanel] = useState<{ kind: 'none' } | { kind: 'request' } | { kind: 'approve'; request: AccountRequest }>({ kind: 'none' })
  const [rejecting, setRejecting] = useState<AccountRequest | null>(null)
  const [rejectReason, setRejectReason] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)

  const load = async () => {
    const result = await signedInCall(() => alpr().accounts.requests({}))
    if (result.ok) setRequests(result.value)
    else setError(result.error)
  }

  useEffect(() => {
    if (canRequest) void load()
  }, [canRequest])

  if (!canRequest) return null

  const reject = async (e: FormEvent) => {
    e.preventDefault()
    if (!rejecting) return
    const result = await signedInCall(() => alpr().accounts.rejectRequest({ requestId: rejecting.id, reason: rejectReason }))
    if (!result.ok) return setError(result.error)
    setRejecting(null)
    setRejectReason('')
    setMessage(`The request for ${result.value.username} was rejected.`)
    void load()
  }

  const columns: Column<AccountRequest>[] = [
    {
      header: 'Person',
      cell: (r) => (
        <>
          <span className="cell-main mono">{r.username}</span>
          <span className="cell-sub">{r.displayName}</span>
        </>
      ),
    },
    {
      header: 'Roles / classification',
      className: 'wrap w-roles',
      cell: (r) => (
        <>
          <span className="cell-main">{roleNames(r.roles)}</span>
          <span className="cell-sub">{r.classification}</span>
        </>
      ),
    },
    { header: 'Why', cell: (r) => r.justification, className: 'wrap' },
    { header: 'Requested', cell: (r) => <span className="tabular">{formatDateTime(r.requestedAt)}</span> },
    {
      header: 'Status',
      cell: (r) => (
        <>
          <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].words}</Badge>
          {r.decisionReason ? <span className="cell-sub">{r.decisionReason}</span> : null}
        </>
      ),
      className: 'wrap',
    },
  ]
  if (canDecide) {
    columns.push({
      header: 'Decision',
      className: 'cell-actions',
      cell: (r) =>
        r.status === 'pending' ? (
          <div className="row-actions">
            <Button size="small" variant="primary" onClick={() => setPanel({ kind: 'approve', request: r })} aria-label={`Approve request for ${r.username}`}>
              Approve
            </Button>
            <Button size="small" onClick={() => setRejecting(r)} aria-label={`Reject request for ${r.username}`}>
              Reject
            </Button>
          </div>
        ) : null,
    })
  }

  return (
    <section aria-labelledby="requests-title" style={{ marginTop: 28 }}>
      <div className="toolbar">
        <h2 id="requests-title">Account requests</h2>
        <div className="toolbar-actions">
          {panel.kind === 'none' ? (
            <Button onClick={() => setPanel({ kind: 'request' })}>Request an account</Button>
          ) : null}
        </div>
      </div>
      <SuccessNotice message={message} />
      <ErrorAlert error={error} />
      {panel.kind === 'request' ? (
        <RequestForm
          defaultAgency={defaultAgency}
          onDone={(r) => {
            setPanel({ kind: 'none' })
            setMessage(`Account requested for ${r.username}; the ALPR Administrator decides.`)
            void load()
          }}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      ) : null}
      {panel.kind === 'approve' ? (
        <ApproveForm
          request={panel.request}
          onApproved={(enrollment) => {
            const name = panel.request.displayName
            setMessage(null)
            setPanel({ kind: 'none' })
            void load()
            onEnroll(enrollment, name)
          }}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      ) : null}
      {rejecting ? (
        <form className="panel form" onSubmit={reject} noValidate aria-label={`Reject the request for ${rejecting.username}`}>
          <Field label="Reason for rejecting" value={rejectReason} onChange={setRejectReason} autoComplete="off" autoFocus />
          <div className="actions">
            <Button type="submit" variant="danger">
              Reject request
            </Button>
            <Button onClick={() => setRejecting(null)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      <Table caption="Account requests" columns={columns} rows={requests ?? []} rowKey={(r) => r.id} empty={requests ? 'No account requests.' : 'Loading…'} testId="requests-table" />
    </section>
  )
}
