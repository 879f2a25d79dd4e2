// The annual access review: every account with roles, classification, last use of the system,
// training, last review and what is due; approving or revoking each with a reason in a review session,
// its signed PDF; and for administrators the lifecycle actions (training, classification, suspension,
// re-activation, departure), the list of authorized job classifications and "re-train everyone".
import { useEffect, useState, type FormEvent } from 'react'
import type { AccountOverview, ReviewSession } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { FormActions } from '../../components/FormActions'
import { Field } from '../../components/Field'
import { ErrorAlert, Notice, SuccessNotice } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDate, formatDateTime, roleNames } from '../../format'
import { saveDocument } from '../../download'
import { useAdmin } from '../../store/admin'
import { can, signedInCall, useApp } from '../../store/session'
import { Badge, Expiry } from './cells'
import { AccountActions } from './AccountActions'
import { ClassificationsPanel, RetrainPanel } from './ReviewsPanels'

type Decision = { account: AccountOverview; decision: 'approved' | 'revoked' }

const DAY = 24 * 60 * 60_000

const STATUS: Record<AccountOverview['status'], { tone: 'ok' | 'danger' | 'neutral'; words: string }> = {
  active: { tone: 'ok', words: 'Active' },
  suspended: { tone: 'danger', words: 'Suspended' },
  deleted: { tone: 'neutral', words: 'Departed' },
}

function DueCell({ account }: { account: AccountOverview }) {
  const now = Date.now()
  const items = account.due.slice(0, 2)
  if (items.length === 0) return <span className="muted">—</span>
  return (
    <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {items.map((d) => {
        const soon = !d.overdue && d.at !== null && d.at - now <= 30 * DAY
        const tone = d.overdue ? 'danger' : soon || d.at === null ? 'warning' : null
        return (
          <li key={d.item} style={{ marginBottom: 4, maxWidth: '14rem' }}>
            {tone ? <Badge tone={tone}>{d.overdue ? 'Now' : 'Soon'}</Badge> : null} {d.text}
          </li>
        )
      })}
    </ul>
  )
}

function DecisionForm({ decision, sessionId, onDone, onCancel }: { decision: Decision; sessionId: string; onDone(account: AccountOverview): void; onCancel(): void }) {
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const { account } = decision
  const revoke = decision.decision === 'revoked'
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await signedInCall(() => alpr().accounts.review({ sessionId, userId: account.id, decision: decision.decision, reason }))
    setBusy(false)
    if (result.ok) onDone(result.value)
    else setError(result.error)
  }
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h2 id="decision-title">{`${revoke ? 'Revoke' : 'Approve'} access for ${account.username} (${account.displayName})`}</h2>
      <p className="muted">
        {revoke
          ? 'Revoking suspends the account at once and signs the person out. Coming back needs re-training and re-activation.'
          : 'Approving renews the account’s access review for the review period from today.'}
      </p>
      <ErrorAlert error={error} labels={{ reason: 'Reason' }} />
      <Field label="Reason" value={reason} onChange={setReason} autoFocus autoComplete="off" error={error?.details?.reason} hint="Recorded with the decision and printed in the review report." />
      <FormActions submitLabel={revoke ? 'Revoke access' : 'Approve access'} variant={revoke ? 'danger' : 'primary'} busy={busy} onCancel={onCancel} />
    </form>
  )
}

export function ReviewsTab() {
  const session = useApp((s) => s.session)
  const overview = useAdmin((s) => s.accounts)
  const accountsError = useAdmin((s) => s.accountsError)
  const loadAccounts = useAdmin((s) => s.loadAccounts)
  const replaceAccount = useAdmin((s) => s.replaceAccount)
  const reviewSession = useAdmin((s) => s.reviewSession)
  const setReviewSession = useAdmin((s) => s.setReviewSession)
  const [decision, setDecision] = useState<Decision | null>(null)
  const [managing, setManaging] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [busy, setBusy] = useState<'start' | 'export' | null>(null)
  const [closing, setClosing] = useState(false)
  const manage = can(session, 'users.manage')

  useEffect(() => {
    void loadAccounts()
  }, [loadAccounts])

  const start = async () => {
    setBusy('start')
    setError(null)
    setMessage(null)
    const result = await signedInCall(() => alpr().accounts.startReview({}))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    setReviewSession(result.value)
  }

  const exportPdf = async (sessionId: string) => {
    setBusy('export')
    setError(null)
    const result = await signedInCall(() => alpr().accounts.exportReview({ sessionId }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    saveDocument(result.value)
    setMessage(`The signed review report ${result.value.fileName} was produced. It is an audit record: keep it with the agency’s audit documents.`)
  }

  const decided = (account: AccountOverview) => {
    replaceAccount(account)
    const d = decision
    setDecision(null)
    if (d) setMessage(`${account.username}: access ${d.decision === 'approved' ? 'approved' : 'revoked; the account is suspended'}.`)
    void loadAccounts()
  }

  const accounts = overview?.accounts ?? []
  const current = accounts.filter((a) => a.status !== 'deleted')
  const decisionOf = (a: AccountOverview) => reviewSession?.decisions.filter((d) => d.userId === a.id).at(-1)
  const managed = managing ? accounts.find((a) => a.id === managing) : undefined

  const columns: Column<AccountOverview>[] = [
    {
      header: 'Account',
      cell: (a) => (
        <>
          <span className="cell-main">
            <span className="mono">{a.username}</span>
            {a.id === session?.user.id ? <span className="muted"> (you)</span> : null}
          </span>
          <span className="cell-sub">{a.displayName}</span>
          <span className="cell-sub">
            <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].words}</Badge>
          </span>
        </>
      ),
    },
    {
      header: 'Roles / classification',
      className: 'wrap w-roles',
      cell: (a) => (
        <>
          <span className="cell-main">{roleNames(a.roles) || '—'}</span>
          <span className="cell-sub">
            {a.classification === null ? (
              <Badge tone="warning">No classification</Badge>
            ) : a.classificationAuthorized ? (
              a.classification
            ) : (
              <Badge tone="danger">{`${a.classification}: not authorized`}</Badge>
            )}
          </span>
        </>
      ),
    },
    {
      // Inactivity counts from the last ALPR access for accounts that search or watch alerts, else from the last use.
      header: 'Last ALPR access / use',
      cell: (a) => (
        <dl className="expiries">
          <div>
            <dt>ALPR</dt>
            <dd>{a.lastAccessAt === null ? <span className="muted">Never</span> : <span className="tabular" title={formatDateTime(a.lastAccessAt)}>{formatDate(a.lastAccessAt)}</span>}</dd>
          </div>
          <div>
            <dt>Use</dt>
            <dd>{a.lastUsedAt === null ? <span className="muted">Never</span> : <span className="tabular" title={formatDateTime(a.lastUsedAt)}>{formatDate(a.lastUsedAt)}</span>}</dd>
          </div>
        </dl>
      ),
    },
    {
      header: 'Training / review',
      cell: (a) =>
        a.status === 'deleted' ? (
          <span className="muted">—</span>
        ) : (
          <dl className="expiries">
            <div>
              <dt>Training</dt>
              <dd>
                <Expiry at={a.trainingExpiresAt} missing="No record" />
              </dd>
            </div>
            <div>
              <dt>Review</dt>
              <dd>
                <Expiry at={a.reviewExpiresAt} missing="No review" />
              </dd>
            </div>
            <div>
              <dt>Last</dt>
              <dd>{a.lastReviewAt === null ? '—' : `${formatDate(a.lastReviewAt)} ${a.lastReviewDecision === 'revoked' ? '(revoked)' : '(approved)'}`}</dd>
            </div>
          </dl>
        ),
    },
    { header: 'Due', cell: (a) => <DueCell account={a} />, className: 'wrap' },
  ]
  columns.push({
    header: 'Actions',
    className: 'cell-actions',
    cell: (a) => {
      if (a.status === 'deleted') return <span className="muted small">{`Departed ${formatDate(a.departedAt)}`}</span>
      const done = decisionOf(a)
      const self = a.id === session?.user.id
      return (
        <div className="row-actions">
          {reviewSession && done ? <Badge tone={done.decision === 'approved' ? 'ok' : 'danger'}>{done.decision === 'approved' ? 'Approved' : 'Revoked'}</Badge> : null}
          {reviewSession && !done && !self ? (
            <>
              {a.status === 'active' ? (
                <Button size="small" variant="primary" onClick={() => setDecision({ account: a, decision: 'approved' })} aria-label={`Approve ${a.username}`}>
                  Approve
                </Button>
              ) : null}
              <Button size="small" variant="danger" onClick={() => setDecision({ account: a, decision: 'revoked' })} aria-label={`Revoke ${a.username}`}>
                Revoke
              </Button>
            </>
          ) : null}
          {manage && !self ? (
            <Button size="small" onClick={() => setManaging(managing === a.id ? null : a.id)} aria-expanded={managing === a.id} aria-label={`Manage ${a.username}`}>
              Manage
            </Button>
          ) : null}
        </div>
      )
    },
  })

  const dueSoon = current.filter((a) => a.due.some((d) => d.overdue || (d.at !== null && d.at - Date.now() <= 30 * DAY))).length

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">{overview ? `${current.length} current account${current.length === 1 ? '' : 's'} · ${dueSoon} with something due now or within 30 days` : 'Loading accounts…'}</p>
        <div className="toolbar-actions">
          <Button onClick={() => void loadAccounts()}>Refresh</Button>
          {reviewSession ? (
            <>
              <Button onClick={() => void exportPdf(reviewSession.id)} busy={busy === 'export'}>
                Export signed PDF
              </Button>
              <Button onClick={() => setClosing(true)}>Finish review</Button>
            </>
          ) : (
            <Button variant="primary" onClick={() => void start()} busy={busy === 'start'}>
              Start annual review
            </Button>
          )}
        </div>
      </div>

      {reviewSession ? (
        <Notice tone="info" title={`Review session ${reviewSession.id}`} testId="review-session">
          <p>{`Started ${formatDateTime(reviewSession.startedAt)}. ${reviewSession.decisions.length} decision${reviewSession.decisions.length === 1 ? '' : 's'} recorded. Approve or revoke each account with a reason; nobody reviews their own access.`}</p>
        </Notice>
      ) : (
        <Notice tone="info">
          <p>Each account’s access must be reviewed at least every 12 months (the review period setting); an account whose review lapses loses access automatically. Start a review session to approve or revoke accounts with a reason and produce the signed report.</p>
        </Notice>
      )}

      <SuccessNotice message={message} />
      <ErrorAlert error={error ?? accountsError} />

      {decision && reviewSession ? <DecisionForm key={`${decision.account.id}-${decision.decision}`} decision={decision} sessionId={reviewSession.id} onDone={decided} onCancel={() => setDecision(null)} /> : null}
      {managed && manage ? (
        <AccountActions
          key={managed.id}
          account={managed}
          classifications={overview?.classifications ?? []}
          onChanged={(account, note) => {
            replaceAccount(account)
            setMessage(note)
            void loadAccounts()
          }}
          onClose={() => setManaging(null)}
        />
      ) : null}

      <Table
        caption="Accounts under review"
        columns={columns}
        rows={accounts}
        rowKey={(a) => a.id}
        empty={overview ? 'No accounts.' : 'Loading…'}
        rowClassName={(a) => (a.status === 'suspended' ? 'row-alert' : a.status === 'deleted' ? 'row-muted' : undefined)}
        testId="review-table"
      />

      {manage && overview ? (
        <div className="grid-2" style={{ marginTop: 24, alignItems: 'start' }}>
          <ClassificationsPanel classifications={overview.classifications} onChanged={() => void loadAccounts()} />
          <RetrainPanel latest={overview.retrainingOrders[0] ?? null} onDone={(note) => {
            setMessage(note)
            void loadAccounts()
          }} />
        </div>
      ) : null}

      {overview && overview.sessions.length > 0 ? <PastSessions sessions={overview.sessions} busy={busy === 'export'} onExport={(id) => void exportPdf(id)} /> : null}

      <ConfirmDialog
        open={closing}
        title="Finish this review session?"
        confirmLabel="Finish review"
        onConfirm={() => {
          setClosing(false)
          setReviewSession(null)
          setDecision(null)
        }}
        onCancel={() => setClosing(false)}
      >
        <p>The decisions are already recorded. You can still export the signed report from the list of review sessions.</p>
      </ConfirmDialog>
    </div>
  )
}

function PastSessions({ sessions, busy, onExport }: { sessions: ReviewSession[]; busy: boolean; onExport(id: string): void }) {
  const columns: Column<ReviewSession>[] = [
    { header: 'Session', cell: (s) => <span className="mono">{s.id}</span> },
    { header: 'Started', cell: (s) => <span className="tabular">{`${formatDateTime(s.startedAt)} by ${s.startedBy}`}</span> },
    {
      header: 'Decisions',
      cell: (s) => {
        const revoked = s.decisions.filter((d) => d.decision === 'revoked').length
        return `${s.decisions.length - revoked} approved, ${revoked} revoked`
      },
    },
    {
      header: 'Report',
      className: 'cell-actions',
      cell: (s) => (
        <Button size="small" onClick={() => onExport(s.id)} disabled={busy} aria-label={`Export signed PDF of ${s.id}`}>
          Signed PDF
        </Button>
      ),
    },
  ]
  return (
    <section aria-labelledby="sessions-title" style={{ marginTop: 24 }}>
      <h2 id="sessions-title">Review sessions</h2>
      <Table caption="Review sessions" columns={columns} rows={sessions} rowKey={(s) => s.id} empty="No review sessions yet." />
    </section>
  )
}

