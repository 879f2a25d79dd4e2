// Share requests and what happened to each: the decision by a second administrator, the produced file (an
// exports-ledger item with its destruction deadline) and, for e-mail transfers, the kept original message.
import { useState, type FormEvent } from 'react'
import type { AgencyRecord, SharedRead, ShareRecord } from '../../../../../shared/models'
import { SHARE_TRANSFER_LABELS } from '../../../../../shared/contract/sharing'
import { alpr, type AppErrorData } from '../../../api'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { ErrorAlert, Notice } from '../../../components/Alert'
import { Table, type Column } from '../../../components/Table'
import { saveDocument } from '../../../download'
import { formatDate, formatDateTime } from '../../../format'
import { signedInCall } from '../../../store/session'
import { Badge } from '../../admin/cells'
import { TextAreaField } from '../form-fields'
import { ShareRequestForm } from './ShareRequestForm'

type Action = { kind: 'decide' | 'produce' | 'email'; share: ShareRecord }

const STATUS: Record<ShareRecord['status'], { tone: 'ok' | 'warning' | 'danger'; words: string }> = {
  pending: { tone: 'warning', words: 'Awaiting approval' },
  approved: { tone: 'ok', words: 'Approved' },
  declined: { tone: 'danger', words: 'Declined' },
}

function selectionLines(s: ShareRecord): string[] {
  const sel = s.selection
  if ('readIds' in sel) return [`Reads ${sel.readIds.slice(0, 5).join(', ')}${sel.readIds.length > 5 ? '…' : ''}`]
  // Local calendar days: the range runs from local midnight of the first day to local midnight after the last.
  const from = formatDate(sel.from)
  const to = formatDate(sel.to - 1)
  return [sel.plate, from === to ? from : `${from} to ${to}`]
}

/** How many reads a produced CSV carries (one line per read after the header; fields never contain line breaks). */
const csvReadCount = (dataBase64: string) => atob(dataBase64).trim().split('\r\n').length - 1

const readColumns: Column<SharedRead>[] = [
  { header: 'Read', cell: (r) => <span className="mono">{r.id}</span> },
  { header: 'Plate', cell: (r) => <span className="mono">{`${r.plate}${r.state ? ` (${r.state})` : ''}`}</span> },
  { header: 'Read at', cell: (r) => <span className="tabular">{formatDateTime(r.readAt)}</span> },
  { header: 'Camera', className: 'wrap', cell: (r) => r.camera ?? '—' },
]

async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

export function SharesPanel({
  shares,
  agencies,
  canManage,
  userId,
  onChanged,
}: {
  shares: ShareRecord[] | null
  agencies: AgencyRecord[]
  canManage: boolean
  userId: string | null
  onChanged(): void
}) {
  const [creating, setCreating] = useState(false)
  const [action, setAction] = useState<Action | null>(null)
  const [note, setNote] = useState('')
  const [caseNumber, setCase] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [reads, setReads] = useState<SharedRead[] | null>(null)

  const start = (kind: Action['kind'], share: ShareRecord) => {
    setAction({ kind, share })
    setError(null)
    setDone(null)
    setNote('')
    setFile(null)
    setReads(null)
  }
  const finish = (message: string) => {
    setAction(null)
    setDone(message)
    setError(null)
    onChanged()
  }

  // The approver sees the reads fixed when the request was entered (an access to ALPR information: it needs a case number).
  const showReads = async (e: FormEvent) => {
    e.preventDefault()
    if (!action) return
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.reads({ purpose: { caseNumber }, shareId: action.share.id }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setReads(result.value)
  }

  const decide = async (approve: boolean) => {
    if (!action) return
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.decide({ shareId: action.share.id, approve, note }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    finish(`Share ${action.share.id} ${approve ? 'approved' : 'declined'}.`)
  }

  const produce = async (e: FormEvent) => {
    e.preventDefault()
    if (!action) return
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.produce({ purpose: { caseNumber }, shareId: action.share.id }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    saveDocument(result.value)
    const carried = csvReadCount(result.value.dataBase64)
    const missing = action.share.itemCount - carried
    finish(
      `Produced ${result.value.fileName} with ${carried} read${carried === 1 ? '' : 's'}` +
        (missing > 0 ? ` (${missing} of the ${action.share.itemCount} approved were deleted by the retention purge since the request)` : '') +
        `. Exports-ledger item ${result.value.exportId}; destroy by ${formatDate(result.value.destroyBy)}.`,
    )
  }

  const keepEmail = async (e: FormEvent) => {
    e.preventDefault()
    if (!action || !file) return
    setBusy(true)
    const messageBase64 = await fileBase64(file)
    const result = await signedInCall(() => alpr().sharing.keepEmail({ shareId: action.share.id, fileName: file.name, messageBase64 }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    finish(`The message ${file.name} is kept with share ${action.share.id}.`)
  }

  const columns: Column<ShareRecord>[] = [
    {
      header: 'Request',
      className: 'wrap',
      cell: (s) => (
        <>
          <span className="cell-main mono nowrap">{s.id}</span>
          <span className="cell-sub tabular">{formatDateTime(s.createdAt)}</span>
        </>
      ),
    },
    {
      header: 'Agency and requester',
      className: 'wrap gov-col-medium',
      cell: (s) => (
        <>
          <span className="cell-main">{s.agencyName}</span>
          <span className="cell-sub">{`${s.requester}, ${s.requesterTitle}`}</span>
        </>
      ),
    },
    {
      header: 'Purpose and need',
      className: 'wrap gov-col-wide',
      cell: (s) => (
        <>
          <span className="cell-main mono">{s.purpose}</span>
          <span className="cell-sub">{s.need}</span>
          <span className="cell-sub">{`Verified: ${s.verification}`}</span>
        </>
      ),
    },
    {
      header: 'What',
      className: 'wrap',
      cell: (s) => (
        <>
          <span className="cell-main">{`${s.itemCount} read${s.itemCount === 1 ? '' : 's'}`}</span>
          {selectionLines(s).map((line) => (
            <span key={line} className="cell-sub mono nowrap">
              {line}
            </span>
          ))}
          <span className="cell-sub">{SHARE_TRANSFER_LABELS[s.transfer]}</span>
        </>
      ),
    },
    {
      header: 'Decision',
      className: 'wrap gov-col-medium',
      cell: (s) => (
        <>
          <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].words}</Badge>
          <span className="cell-sub">{s.approvedByName ? `${s.approvedByName}, ${formatDateTime(s.approvedAt)}` : `Entered by ${s.requestedByName}`}</span>
        </>
      ),
    },
    {
      header: 'File and message',
      className: 'wrap gov-col-medium',
      cell: (s) =>
        s.exportId ? (
          <>
            <span className="cell-main mono nowrap">{s.exportId}</span>
            <span className="cell-sub">
              {s.transfer !== 'email' ? 'Not sent by e-mail' : s.emails.length ? `Message kept until ${formatDate(s.emails[0]!.deleteAfter)}` : 'Message not yet kept'}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        ),
    },
    ...(canManage
      ? [
          {
            header: 'Actions',
            className: 'wrap',
            cell: (s: ShareRecord) => (
              <div className="row-actions">
                {s.status === 'pending' && s.requestedBy !== userId ? (
                  <Button size="small" onClick={() => start('decide', s)}>
                    Approve or decline
                  </Button>
                ) : null}
                {s.status === 'pending' && s.requestedBy === userId ? <span className="small muted">Another administrator decides</span> : null}
                {s.status === 'approved' && !s.exportId ? (
                  <Button size="small" variant="primary" onClick={() => start('produce', s)}>
                    Produce file
                  </Button>
                ) : null}
                {s.exportId && s.transfer === 'email' ? (
                  <Button size="small" onClick={() => start('email', s)}>
                    Keep e-mail
                  </Button>
                ) : null}
              </div>
            ),
          },
        ]
      : []),
  ]

  return (
    <section className="gov-section" aria-labelledby="shares-title">
      <div className="toolbar">
        <h2 id="shares-title">Share requests</h2>
        {canManage && !creating ? (
          <div className="toolbar-actions">
            <Button variant="primary" onClick={() => setCreating(true)} disabled={agencies.length === 0} title={agencies.length === 0 ? 'Register the agency first' : undefined}>
              Record a share request
            </Button>
          </div>
        ) : null}
      </div>
      {done ? <Notice tone="success" live title={done} /> : null}
      {creating ? (
        <ShareRequestForm
          agencies={agencies}
          onCancel={() => setCreating(false)}
          onDone={(id) => {
            setCreating(false)
            setDone(`Share request ${id} recorded. Another administrator must approve it.`)
            onChanged()
          }}
        />
      ) : null}
      {action?.kind === 'decide' ? (
        <div className="panel form gov-form" aria-labelledby="decide-title">
          <h3 id="decide-title">{`Decide share ${action.share.id} for ${action.share.agencyName}`}</h3>
          <ErrorAlert error={error} labels={{ note: 'Reason', purpose: 'Case or incident number' }} />
          <p className="muted">
            {`Look at the ${action.share.itemCount} read${action.share.itemCount === 1 ? '' : 's'} this request names before approving. Viewing them is an access to ALPR information, written to the access log with your case number.`}
          </p>
          <form className="inline-form" onSubmit={showReads} noValidate>
            <Field label="Case or incident number" value={caseNumber} onChange={setCase} mono autoComplete="off" />
            <Button type="submit" busy={busy && !reads}>
              Show the reads
            </Button>
          </form>
          {reads ? (
            <div className="gov-share-reads">
              <Table
                caption={`The ${reads.length} read${reads.length === 1 ? '' : 's'} this share would carry${reads.length < action.share.itemCount ? ` (${action.share.itemCount - reads.length} since deleted by retention)` : ''}`}
                columns={readColumns}
                rows={reads}
                rowKey={(r) => String(r.id)}
                empty="All the reads of this request have been deleted by retention."
                testId="share-reads-table"
              />
            </div>
          ) : null}
          <TextAreaField label="Reason for the decision" value={note} onChange={setNote} rows={2} error={error?.details?.note} />
          <div className="actions">
            <Button variant="primary" busy={busy} disabled={!reads} title={reads ? undefined : 'Show the reads first'} onClick={() => void decide(true)}>
              Approve
            </Button>
            <Button variant="danger" busy={busy} onClick={() => void decide(false)}>
              Decline
            </Button>
            <Button onClick={() => setAction(null)}>Cancel</Button>
          </div>
        </div>
      ) : null}
      {action?.kind === 'produce' ? (
        <form className="panel form gov-form" onSubmit={produce} noValidate aria-labelledby="produce-title">
          <h3 id="produce-title">{`Produce share ${action.share.id} for ${action.share.agencyName}`}</h3>
          <p className="muted">The file is recorded in the exports ledger with the agency as recipient and a destruction deadline.</p>
          <ErrorAlert error={error} />
          <Field label="Case or incident number" value={caseNumber} onChange={setCase} mono autoComplete="off" />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Produce and save file
            </Button>
            <Button onClick={() => setAction(null)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      {action?.kind === 'email' ? (
        <form className="panel form gov-form" onSubmit={keepEmail} noValidate aria-labelledby="email-title">
          <h3 id="email-title">{`Keep the e-mail message of share ${action.share.id}`}</h3>
          <p className="muted">Save the sent message from the mail program as an .eml file and choose it here. It is kept encrypted in the store for the set period.</p>
          <ErrorAlert error={error} />
          <div className="field">
            <label htmlFor="eml-file">Message file (.eml)</label>
            <input id="eml-file" type="file" accept=".eml,message/rfc822" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy} disabled={!file}>
              Keep message
            </Button>
            <Button onClick={() => setAction(null)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      <Table caption="Share requests, newest first" columns={columns} rows={shares ?? []} rowKey={(s) => s.id} empty={shares ? 'No share request recorded.' : 'Loading…'} testId="shares-table" />
    </section>
  )
}
