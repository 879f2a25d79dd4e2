// Audits (DOMAIN.md "Audits"): assemble the evidence for a period, record findings and remedial actions (the
// person who performs the audit), approve it (a different person), and download the signed report.
import { useEffect, useState, type FormEvent } from 'react'
import type { AuditDetail, AuditStatus, AuditSummary, SampleReview } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert, Notice, fieldError, SuccessNotice } from '../../components/Alert'
import { Field } from '../../components/Field'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { saveDocument } from '../../download'
import { formatDate, formatDateTime, todayIso } from '../../format'
import { can, signedInCall, useApp } from '../../store/session'
import { AuditEvidenceView } from './AuditEvidence'
import { Badge } from './cells'
import './audit-screens.css'

const STATUS: Record<AuditStatus, { tone: 'warning' | 'info' | 'ok'; words: string }> = {
  draft: { tone: 'warning', words: 'Draft' },
  performed: { tone: 'info', words: 'Awaiting approval' },
  approved: { tone: 'ok', words: 'Approved' },
}

const LABELS: Record<string, string> = {
  periodStart: 'Period start',
  periodEnd: 'Period end',
  sampleSize: 'Searches to sample',
  findings: 'Findings',
  remedialActions: 'Remedial actions',
  note: 'Approval note',
}

const periodText = (a: Pick<AuditSummary, 'periodStart' | 'periodEnd'>): string => `${formatDate(a.periodStart)} to ${formatDate(a.periodEnd - 1)}`

/** An audit covers days that have ended: the default period is the year up to yesterday. */
function yesterday(): string {
  const d = new Date()
  d.setDate(d.getDate() - 1)
  return formatDate(d.getTime())
}

function oneYearAgo(): string {
  const d = new Date()
  d.setFullYear(d.getFullYear() - 1)
  return formatDate(d.getTime())
}

function NewAuditForm({ onCreated }: { onCreated(audit: AuditDetail): void }) {
  const [periodStart, setStart] = useState(oneYearAgo())
  const [periodEnd, setEnd] = useState(yesterday())
  const [sampleSize, setSampleSize] = useState('25')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const result = await signedInCall(() => alpr().audits.create({ periodStart, periodEnd, sampleSize: Number(sampleSize) }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    onCreated(result.value)
  }

  return (
    <form className="panel panel-tight" onSubmit={submit} noValidate aria-labelledby="new-audit-title">
      <h2 id="new-audit-title">New audit</h2>
      <p className="muted">The product assembles the evidence for the period: a random sample of searches, account status, sharing, retention, hot lists, overdue exports, corrections and misuse flags. Audits are due at least once a year.</p>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="filter-grid">
        <Field label="Period start" type="date" value={periodStart} onChange={setStart} max={todayIso()} error={fieldError(error, 'periodStart')} />
        <Field label="Period end" type="date" value={periodEnd} onChange={setEnd} max={yesterday()} error={fieldError(error, 'periodEnd')} hint="A day that has ended" />
        <Field label="Searches to sample" type="number" min={1} max={200} value={sampleSize} onChange={setSampleSize} error={fieldError(error, 'sampleSize')} />
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Assemble evidence
        </Button>
      </div>
    </form>
  )
}

function AuditPanel({ audit, onChanged }: { audit: AuditDetail; onChanged(audit: AuditDetail): void }) {
  const session = useApp((s) => s.session)
  const me = session?.user.id
  const [findings, setFindings] = useState('')
  const [remedialActions, setRemedial] = useState('')
  const [reviews, setReviews] = useState<SampleReview[]>([])
  const assess = (entryId: number, assessment: SampleReview['assessment'] | null) =>
    setReviews((rs) => [...rs.filter((r) => r.entryId !== entryId), ...(assessment ? [{ entryId, assessment, note: '' }] : [])])
  const [note, setNote] = useState('')
  /** The report names plates and purposes: a copy is an access to ALPR information under a case number. */
  const [reportCase, setReportCase] = useState('')
  const [busy, setBusy] = useState<'perform' | 'approve' | 'report' | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const perform = async (e: FormEvent) => {
    e.preventDefault()
    setBusy('perform')
    setError(null)
    const result = await signedInCall(() => alpr().audits.perform({ id: audit.id, findings, remedialActions, sampleReviews: reviews }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    setMessage('Findings recorded. A different person must now review and approve the audit.')
    onChanged(result.value)
  }

  const approve = async () => {
    setBusy('approve')
    setError(null)
    const result = await signedInCall(() => alpr().audits.approve({ id: audit.id, note }))
    setBusy(null)
    setConfirming(false)
    if (!result.ok) return setError(result.error)
    setMessage(`Audit approved. The signed report is kept until ${formatDate(result.value.keepUntil)}.`)
    onChanged(result.value)
  }

  const download = async () => {
    setBusy('report')
    setError(null)
    const result = await signedInCall(() => alpr().audits.report({ id: audit.id, purpose: { caseNumber: reportCase } }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    saveDocument(result.value)
    setMessage(`Report saved as ${result.value.fileName}; the copy is recorded in the exports ledger as ${result.value.exportId} and must be destroyed by ${formatDate(result.value.destroyBy)}. The signed original stays in the store.`)
  }

  const performedByMe = audit.performedBy !== null && audit.performedBy === me
  return (
    <section className="panel audit-panel" aria-labelledby="audit-title" data-testid="audit-panel">
      <p className="panel-kicker">
        <Badge tone={STATUS[audit.status].tone}>{STATUS[audit.status].words}</Badge>
      </p>
      <h2 id="audit-title">{`Audit ${audit.id} · ${periodText(audit)}`}</h2>
      <dl className="facts">
        <dt>Evidence assembled</dt>
        <dd>{`${formatDateTime(audit.evidence.assembledAt)} by ${audit.createdByName ?? audit.createdBy}`}</dd>
        <dt>Performed by</dt>
        <dd>{audit.performedAt ? `${audit.performedByName} on ${formatDateTime(audit.performedAt)}` : 'Not yet performed'}</dd>
        <dt>Approved by</dt>
        <dd>{audit.approvedAt ? `${audit.approvedByName} on ${formatDateTime(audit.approvedAt)}` : 'Not yet approved'}</dd>
        {audit.keepUntil ? (
          <>
            <dt>Signed report kept until</dt>
            <dd>{formatDate(audit.keepUntil)}</dd>
          </>
        ) : null}
      </dl>
      {audit.status === 'approved' ? (
        <div className="actions">
          <Field
            label="Case number for the copy"
            value={reportCase}
            onChange={setReportCase}
            autoComplete="off"
            mono
            hint="The report names plates and purposes: a copy is recorded under the case it is for"
          />
          <Button variant="primary" onClick={() => void download()} busy={busy === 'report'}>
            Download signed report (PDF)
          </Button>
        </div>
      ) : null}
      <SuccessNotice message={message} />
      <ErrorAlert error={error} labels={LABELS} />

      <AuditEvidenceView
        evidence={audit.evidence}
        reviews={audit.status === 'draft' ? reviews : audit.sampleReviews}
        onAssess={audit.status === 'draft' && can(session, 'audits.perform') ? assess : undefined}
      />

      {audit.status !== 'draft' ? (
        <section className="evidence-section" aria-labelledby="audit-findings">
          <h3 id="audit-findings">Findings</h3>
          <p className="prewrap" data-testid="audit-findings-text">{audit.findings}</p>
          <h3>Remedial actions</h3>
          <p className="prewrap">{audit.remedialActions || 'None recorded.'}</p>
          {audit.approvalNote ? (
            <>
              <h3>Approval note</h3>
              <p className="prewrap">{audit.approvalNote}</p>
            </>
          ) : null}
        </section>
      ) : null}

      {audit.status === 'draft' && can(session, 'audits.perform') ? (
        <form className="evidence-section" onSubmit={perform} noValidate aria-labelledby="perform-title">
          <h3 id="perform-title">Record findings</h3>
          <p className="muted">You are recorded as the person who performed this audit. Someone else must approve it.</p>
          <div className="field">
            <label htmlFor="audit-findings-input">Findings</label>
            <textarea id="audit-findings-input" value={findings} onChange={(e) => setFindings(e.target.value)} rows={5} aria-invalid={fieldError(error, 'findings') ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor="audit-remedial-input">Remedial actions</label>
            <textarea id="audit-remedial-input" value={remedialActions} onChange={(e) => setRemedial(e.target.value)} rows={4} />
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy === 'perform'}>
              Record findings
            </Button>
          </div>
        </form>
      ) : null}

      {audit.status === 'performed' && can(session, 'audits.approve') ? (
        performedByMe ? (
          <Notice tone="info" title="A different person must approve this audit" testId="approve-self-notice">
            <p>You performed this audit, so you cannot approve it. Another ALPR Administrator or a Supervisor reviews the evidence and findings and approves it.</p>
          </Notice>
        ) : (
          <div className="evidence-section">
            <h3>Approve</h3>
            <div className="field">
              <label htmlFor="audit-note-input">Approval note</label>
              <textarea id="audit-note-input" value={note} onChange={(e) => setNote(e.target.value)} rows={3} />
            </div>
            <div className="actions">
              <Button variant="primary" onClick={() => setConfirming(true)} busy={busy === 'approve'}>
                Approve and sign report
              </Button>
            </div>
          </div>
        )
      ) : null}

      <ConfirmDialog
        open={confirming}
        title="Approve this audit?"
        confirmLabel="Approve and sign"
        busy={busy === 'approve'}
        onConfirm={() => void approve()}
        onCancel={() => setConfirming(false)}
      >
        <p>{`You approve the audit of ${periodText(audit)} performed by ${audit.performedByName}. The report is signed with the agency key in your name and kept for the record retention period.`}</p>
      </ConfirmDialog>
    </section>
  )
}

export function AuditsTab() {
  const session = useApp((s) => s.session)
  const [audits, setAudits] = useState<AuditSummary[] | null>(null)
  const [selected, setSelected] = useState<AuditDetail | null>(null)
  const [creating, setCreating] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [opening, setOpening] = useState<string | null>(null)

  const load = async () => {
    const result = await signedInCall(() => alpr().audits.list({}))
    if (result.ok) setAudits(result.value)
    else setError(result.error)
  }
  useEffect(() => {
    void load()
  }, [])

  const open = async (id: string) => {
    setOpening(id)
    setError(null)
    const result = await signedInCall(() => alpr().audits.get({ id }))
    setOpening(null)
    if (!result.ok) return setError(result.error)
    setCreating(false)
    setSelected(result.value)
  }

  const changed = (audit: AuditDetail) => {
    setSelected(audit)
    void load()
  }

  const columns: Column<AuditSummary>[] = [
    { header: 'Audit', cell: (a) => <span className="mono">{a.id}</span> },
    { header: 'Period', cell: (a) => <span className="tabular">{periodText(a)}</span> },
    { header: 'Status', cell: (a) => <Badge tone={STATUS[a.status].tone}>{STATUS[a.status].words}</Badge> },
    { header: 'Performed by', cell: (a) => (a.performedByName ? <span className="mono">{a.performedByName}</span> : <span className="muted">—</span>) },
    { header: 'Approved by', cell: (a) => (a.approvedByName ? <span className="mono">{a.approvedByName}</span> : <span className="muted">—</span>) },
    { header: 'Flags', cell: (a) => (a.flagCount ? <Badge tone="warning">{String(a.flagCount)}</Badge> : '0') },
    {
      header: 'Actions',
      className: 'cell-actions',
      cell: (a) => (
        <Button size="small" onClick={() => void open(a.id)} busy={opening === a.id} aria-label={`Open audit ${a.id}`}>
          Open
        </Button>
      ),
    },
  ]

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">{audits ? `${audits.length} audit${audits.length === 1 ? '' : 's'}` : 'Loading audits…'}</p>
        <div className="toolbar-actions">
          <Button onClick={() => void load()}>Refresh</Button>
          {can(session, 'audits.perform') && !creating ? (
            <Button
              variant="primary"
              onClick={() => {
                setSelected(null)
                setCreating(true)
              }}
            >
              New audit
            </Button>
          ) : null}
        </div>
      </div>
      <ErrorAlert error={error} />
      {creating ? (
        <NewAuditForm
          onCreated={(audit) => {
            setCreating(false)
            changed(audit)
          }}
        />
      ) : null}
      <Table caption="Audits, newest first" columns={columns} rows={audits ?? []} rowKey={(a) => a.id} empty={audits ? 'No audit yet.' : 'Loading…'} testId="audits-table" />
      {selected ? <AuditPanel key={selected.id} audit={selected} onChanged={changed} /> : null}
    </div>
  )
}
