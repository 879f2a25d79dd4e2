// Public Records Act requests and subpoenas: logged with their due dates and routed to an ALPR Administrator,
// open ones first, overdue ones marked, each closed with what was released or withheld and why.
import { useState, type FormEvent } from 'react'
import type { RecordsRequest, RecordsRequestKind } from '../../../../../shared/models'
import { alpr, type AppErrorData } from '../../../api'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { ErrorAlert, Notice, fieldError } from '../../../components/Alert'
import { Table, type Column } from '../../../components/Table'
import { formatDate, todayIso } from '../../../format'
import { signedInCall } from '../../../store/session'
import { Badge } from '../../admin/cells'
import { SelectField, TextAreaField } from '../form-fields'

const KIND_LABELS: Record<RecordsRequestKind, string> = { public_records: 'Public Records Act request', subpoena: 'Subpoena or court order' }
const LABELS = { kind: 'Kind', receivedOn: 'Received on', requester: 'Requester', asked: 'What is asked for', dueOn: 'Due on', response: 'Response' }

export function RecordsRequestsPanel({ requests, canManage, onChanged }: { requests: RecordsRequest[] | null; canManage: boolean; onChanged(): void }) {
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<RecordsRequestKind>('public_records')
  const [receivedOn, setReceived] = useState(todayIso())
  const [requester, setRequester] = useState('')
  const [asked, setAsked] = useState('')
  const [dueOn, setDue] = useState('')
  const [closing, setClosing] = useState<RecordsRequest | null>(null)
  const [response, setResponse] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const log = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.logRecordsRequest({ kind, receivedOn, requester, asked, dueOn }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setOpen(false)
    setRequester('')
    setAsked('')
    setDone(`${result.value.id} logged and routed to ${result.value.assignedToName}, due ${formatDate(result.value.dueAt)}.`)
    onChanged()
  }

  const close = async (e: FormEvent) => {
    e.preventDefault()
    if (!closing) return
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.closeRecordsRequest({ requestId: closing.id, response }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setClosing(null)
    setDone(`${result.value.id} closed.`)
    onChanged()
  }

  const columns: Column<RecordsRequest>[] = [
    {
      header: 'Request',
      cell: (r) => (
        <>
          <span className="cell-main mono">{r.id}</span>
          <span className="cell-sub">{KIND_LABELS[r.kind]}</span>
        </>
      ),
    },
    {
      header: 'From and what',
      className: 'wrap gov-col-wide',
      cell: (r) => (
        <>
          <span className="cell-main">{r.requester}</span>
          <span className="cell-sub">{r.asked}</span>
        </>
      ),
    },
    { header: 'Received', cell: (r) => <span className="tabular">{formatDate(r.receivedAt)}</span> },
    {
      header: 'Due',
      cell: (r) => (
        <span className="nowrap">
          <span className="tabular">{formatDate(r.dueAt)}</span> {r.overdue ? <Badge tone="danger">Overdue</Badge> : null}
        </span>
      ),
    },
    { header: 'Routed to', cell: (r) => r.assignedToName },
    {
      header: 'Status',
      className: 'wrap gov-col-medium',
      cell: (r) =>
        r.status === 'open' ? (
          canManage ? (
            <Button size="small" onClick={() => { setClosing(r); setResponse(''); setError(null) }}>
              Close…
            </Button>
          ) : (
            <Badge tone="warning">Open</Badge>
          )
        ) : (
          <>
            <Badge tone="ok">Closed</Badge>
            <span className="cell-sub">{`${r.closedByName ?? ''}, ${formatDate(r.closedAt)}: ${r.response ?? ''}`}</span>
          </>
        ),
    },
  ]

  return (
    <section className="gov-section" aria-labelledby="requests-title">
      <div className="toolbar">
        <h2 id="requests-title">Records requests and subpoenas</h2>
        {canManage && !open ? (
          <div className="toolbar-actions">
            <Button onClick={() => setOpen(true)}>Log a request</Button>
          </div>
        ) : null}
      </div>
      <p className="muted">Public Records Act requests and subpoenas for ALPR information go to the ALPR Administrator, who weighs the exemptions and the sharing restriction of 1798.90.55(b).</p>
      {done ? <Notice tone="success" live title={done} /> : null}
      {open ? (
        <form className="panel form gov-form" onSubmit={log} noValidate aria-labelledby="rr-form-title">
          <h3 id="rr-form-title">Log a records request or subpoena</h3>
          <ErrorAlert error={error} labels={LABELS} />
          <div className="grid-3">
            <SelectField label="Kind" value={kind} onChange={(v) => setKind(v as RecordsRequestKind)} options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
            <Field label="Received on" type="date" value={receivedOn} onChange={setReceived} error={fieldError(error, 'receivedOn')} />
            <Field label="Due on" type="date" value={dueOn} onChange={setDue} error={fieldError(error, 'dueOn')} />
          </div>
          <Field label="Requester" value={requester} onChange={setRequester} autoComplete="off" error={fieldError(error, 'requester')} />
          <TextAreaField label="What is asked for" value={asked} onChange={setAsked} error={fieldError(error, 'asked')} />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Log and route
            </Button>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      {closing ? (
        <form className="panel form gov-form" onSubmit={close} noValidate aria-labelledby="rr-close-title">
          <h3 id="rr-close-title">{`Close ${closing.id}`}</h3>
          <ErrorAlert error={error} labels={LABELS} />
          <TextAreaField label="Response" value={response} onChange={setResponse} error={fieldError(error, 'response')} hint="What was released or withheld, and the exemption relied on." />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Close request
            </Button>
            <Button onClick={() => setClosing(null)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      <Table caption="Records requests and subpoenas" columns={columns} rows={requests ?? []} rowKey={(r) => r.id} empty={requests ? 'No records request logged.' : 'Loading…'} rowClassName={(r) => (r.overdue ? 'row-alert' : undefined)} testId="records-requests-table" />
    </section>
  )
}
