// The public usage and privacy policy (Civil Code 1798.90.51(b)), generated from the current settings: whether
// the posted version still matches them, publishing a new version, downloads as HTML and PDF, and
// the transparency report for a period. (No in-app preview: the window's content policy blocks the document's
// own styles in a frame, so a person reads it as it will be posted, from the downloaded HTML or PDF.)
import { useCallback, useEffect, useState } from 'react'
import type { DocumentFile, PolicyStatus } from '../../../../shared/models'
import { alpr, type AppErrorData, type Result } from '../../api'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { ErrorAlert, Notice, fieldError } from '../../components/Alert'
import { Table, type Column } from '../../components/Table'
import { saveDocument } from '../../download'
import { formatDate, formatDateTime, todayIso } from '../../format'
import { can, signedInCall, useApp } from '../../store/session'
import './governance.css'

type Publication = PolicyStatus['publications'][number]

function StatusNotice({ status }: { status: PolicyStatus }) {
  if (!status.latest) {
    return (
      <Notice tone="warning" title="Not published yet" testId="policy-status">
        <p>The law requires this policy to be posted on the agency’s website. Review it, post it, then record the publication here.</p>
      </Notice>
    )
  }
  const when = `Version ${status.latest.version}, published ${formatDateTime(status.latest.publishedAt)} by ${status.latest.publishedByName}.`
  if (!status.outOfDate) {
    return (
      <Notice tone="success" title="The posted policy matches the current settings" testId="policy-status">
        <p>{when}</p>
      </Notice>
    )
  }
  return (
    <Notice tone="warning" title="The posted policy is out of date" testId="policy-status">
      <p>{`${when} Since then these settings changed:`}</p>
      <ul>
        {status.changedSettings.map((c) => (
          <li key={c.key}>{`${c.label}: ${c.published} → ${c.current}`}</li>
        ))}
      </ul>
      <p>Post the new version and record its publication.</p>
    </Notice>
  )
}

export function PolicyTab() {
  const session = useApp((s) => s.session)
  const canManage = can(session, 'governance.manage')
  const [status, setStatus] = useState<PolicyStatus | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [from, setFrom] = useState(() => `${new Date().getFullYear()}-01-01`)
  const [to, setTo] = useState(todayIso())
  const [reportError, setReportError] = useState<AppErrorData | null>(null)

  const load = useCallback(async () => {
    const s = await signedInCall(() => alpr().policy.status({}))
    if (s.ok) setStatus(s.value)
    else setError(s.error)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const download = async (label: string, call: () => Promise<Result<DocumentFile>>, onError: (e: AppErrorData) => void) => {
    setBusy(label)
    const result = await signedInCall(call)
    setBusy(null)
    if (!result.ok) return onError(result.error)
    saveDocument(result.value)
  }

  const publish = async () => {
    setBusy('publish')
    const result = await signedInCall(() => alpr().policy.publish({}))
    setBusy(null)
    setConfirming(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setDone(`Version ${result.value.version} recorded as published. SHA-256 ${result.value.sha256}.`)
    void load()
  }

  const columns: Column<Publication>[] = [
    { header: 'Version', cell: (p) => <span className="tabular">{p.version}</span> },
    { header: 'Published', cell: (p) => <span className="tabular">{formatDateTime(p.publishedAt)}</span> },
    { header: 'By', cell: (p) => p.publishedByName },
    { header: 'SHA-256 of the HTML', cell: (p) => <span className="mono small truncate" title={p.sha256}>{p.sha256}</span> },
  ]

  return (
    <div className="tab-body">
      <section className="gov-section" aria-labelledby="policy-title">
        <h2 id="policy-title">Usage and privacy policy</h2>
        <p className="muted">Generated in the product’s own words from the settings it enforces (retention, training, reviews, destruction deadlines, the custodian’s title), covering each element Civil Code 1798.90.51(b)(2) requires.</p>
        <ErrorAlert error={error} />
        {done ? <Notice tone="success" live title={done} /> : null}
        {status ? <StatusNotice status={status} /> : <p className="muted">Loading…</p>}
        <div className="actions">
          <Button busy={busy === 'html'} onClick={() => void download('html', () => alpr().policy.document({ format: 'html' }), setError)}>
            Download HTML
          </Button>
          <Button busy={busy === 'pdf'} onClick={() => void download('pdf', () => alpr().policy.document({ format: 'pdf' }), setError)}>
            Download PDF
          </Button>
          {canManage ? (
            <Button variant="primary" disabled={!status?.outOfDate} onClick={() => setConfirming(true)}>
              Record publication
            </Button>
          ) : null}
        </div>
        {status?.publications.length ? (
          <>
            <h3>Publications</h3>
            <Table caption="Publications of the policy" columns={columns} rows={status.publications} rowKey={(p) => p.version} empty="None." testId="publications-table" />
          </>
        ) : null}
      </section>

      <section className="gov-section" aria-labelledby="report-title">
        <h2 id="report-title">Transparency report</h2>
        <p className="muted">Counts for a period: cameras, reads, alerts and their outcome, searches, shares by agency, records requests and deletion runs. No plate appears in it.</p>
        <ErrorAlert error={reportError} labels={{ from: 'First day', to: 'Last day' }} />
        <div className="inline-form gov-form">
          <Field label="First day" type="date" value={from} onChange={setFrom} error={fieldError(reportError, 'from')} />
          <Field label="Last day" type="date" value={to} onChange={setTo} error={fieldError(reportError, 'to')} />
          <Button busy={busy === 'report-pdf'} onClick={() => void download('report-pdf', () => alpr().policy.transparencyReport({ from, to, format: 'pdf' }), setReportError)}>
            Report as PDF
          </Button>
          <Button busy={busy === 'report-html'} onClick={() => void download('report-html', () => alpr().policy.transparencyReport({ from, to, format: 'html' }), setReportError)}>
            Report as HTML
          </Button>
        </div>
      </section>

      <ConfirmDialog open={confirming} title="Record this version as published" confirmLabel="Record publication" busy={busy === 'publish'} onConfirm={() => void publish()} onCancel={() => setConfirming(false)}>
        <p>{`Record that the policy as now generated is posted on the agency’s website${status?.latest ? `, replacing version ${status.latest.version} of ${formatDate(status.latest.publishedAt)}` : ''}. The exact text and its SHA-256 are kept.`}</p>
      </ConfirmDialog>
    </div>
  )
}
