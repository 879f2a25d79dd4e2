// The exports ledger: every download, print or share of ALPR information with its destruction deadline.
// Overdue items come first and stand out; destruction is certified once, under the certifier's own name.
import { useEffect, useState } from 'react'
import type { ExportLedgerItem, ExportStatus } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Field } from '../../components/Field'
import { ErrorAlert, fieldError, Notice } from '../../components/Alert'
import { Table, type Column } from '../../components/Table'
import { formatDate, formatDateTime } from '../../format'
import { can, signedInCall, useApp } from '../../store/session'
import { Badge } from '../admin/cells'

const DAY = 24 * 60 * 60_000
type Filter = ExportStatus | 'all'

const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'overdue', label: 'Overdue' },
  { id: 'open', label: 'Awaiting destruction' },
  { id: 'destroyed', label: 'Destroyed' },
]

const FORMAT: Record<ExportLedgerItem['format'], string> = {
  csv: 'CSV file',
  pdf: 'PDF file',
  html: 'HTML file',
  print: 'Printout',
  email: 'E-mail',
  media: 'Removable media',
}

function Deadline({ item }: { item: ExportLedgerItem }) {
  if (item.status === 'destroyed') {
    return (
      <>
        <Badge tone="ok">Destroyed</Badge>
        <span className="cell-sub tabular">{formatDate(item.destroyedAt)}</span>
      </>
    )
  }
  const left = item.destroyBy - Date.now()
  // Whole days past the deadline (at least 1 once past it); days left are counted up, as a deadline reads.
  const days = left < 0 ? Math.max(1, Math.floor(-left / DAY)) : Math.ceil(left / DAY)
  return (
    <>
      <span className="cell-main tabular">{formatDate(item.destroyBy)}</span>
      {item.status === 'overdue' ? <Badge tone="danger">{`Overdue ${days} d`}</Badge> : <Badge tone={days <= 7 ? 'warning' : 'info'}>{`${days} d left`}</Badge>}
    </>
  )
}

export function ExportsTab() {
  const session = useApp((s) => s.session)
  const [filter, setFilter] = useState<Filter>('all')
  const [items, setItems] = useState<ExportLedgerItem[] | null>(null)
  const [overdue, setOverdue] = useState<number>(0)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [certifying, setCertifying] = useState<ExportLedgerItem | null>(null)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [certifyError, setCertifyError] = useState<AppErrorData | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  const load = async (which: Filter = filter) => {
    const [list, late] = await Promise.all([
      signedInCall(() => alpr().exports.list({ status: which })),
      signedInCall(() => alpr().exports.overdue({})),
    ])
    if (list.ok) setItems(list.value)
    if (late.ok) setOverdue(late.value.length)
    setError(!list.ok ? list.error : !late.ok ? late.error : null)
  }
  useEffect(() => {
    void load(filter)
  }, [filter])

  const certify = async () => {
    if (!certifying) return
    setBusy(true)
    const result = await signedInCall(() => alpr().exports.certifyDestruction({ exportId: certifying.id, note }))
    setBusy(false)
    if (!result.ok) return setCertifyError(result.error)
    setMessage(`Destruction of ${result.value.id} certified by ${result.value.destroyedByName ?? 'you'} at ${formatDateTime(result.value.destroyedAt)}.`)
    setCertifying(null)
    void load()
  }

  const mayCertify = can(session, 'governance.manage')
  const columns: Column<ExportLedgerItem>[] = [
    {
      header: 'Export',
      cell: (e) => (
        <>
          <span className="cell-main mono">{e.id}</span>
          <span className="cell-sub">{`${FORMAT[e.format]} · ${e.itemCount.toLocaleString('en-US')} item${e.itemCount === 1 ? '' : 's'}`}</span>
        </>
      ),
    },
    {
      header: 'What',
      cell: (e) => (
        <>
          <span className="cell-main">{e.description}</span>
          <span className="cell-sub">{[e.purpose, e.recipient ? `to ${e.recipient}` : null].filter(Boolean).join(' · ') || '—'}</span>
        </>
      ),
      className: 'wrap',
    },
    {
      header: 'Made',
      cell: (e) => (
        <>
          <span className="cell-main tabular">{formatDateTime(e.createdAt)}</span>
          <span className="cell-sub">{e.createdByName ?? e.createdBy}</span>
        </>
      ),
    },
    { header: 'Destroy by', cell: (e) => <Deadline item={e} /> },
    {
      header: 'Certificate',
      cell: (e) =>
        e.status === 'destroyed' ? (
          <>
            <span className="cell-main">{`Certified by ${e.destroyedByName ?? e.destroyedBy}`}</span>
            <span className="cell-sub">{e.destructionNote}</span>
          </>
        ) : mayCertify ? (
          <Button
            size="small"
            onClick={() => {
              setNote('')
              setCertifyError(null)
              setCertifying(e)
            }}
            aria-label={`Certify destruction of ${e.id}`}
          >
            Certify destruction
          </Button>
        ) : (
          <span className="muted">Awaiting certificate</span>
        ),
      className: 'wrap',
    },
  ]

  return (
    <div className="tab-body">
      <div className="toolbar">
        <div className="toolbar-actions" role="group" aria-label="Show">
          {FILTERS.map((f) => (
            <Button key={f.id} size="small" variant={filter === f.id ? 'primary' : 'secondary'} aria-pressed={filter === f.id} onClick={() => setFilter(f.id)}>
              {f.label}
            </Button>
          ))}
        </div>
        <Button onClick={() => void load()}>Refresh</Button>
      </div>
      {overdue > 0 ? (
        <div className="alert alert-danger alert-strong" data-testid="exports-overdue">
          <p className="alert-title">{`${overdue} export${overdue === 1 ? ' is' : 's are'} past the destruction deadline`}</p>
          <p>Find each file, printout or copy, destroy it, and certify the destruction here. Overdue exports are reported in audits until certified.</p>
        </div>
      ) : null}
      {message ? (
        <Notice tone="success" live testId="exports-message">
          <p>{message}</p>
        </Notice>
      ) : null}
      <ErrorAlert error={error} />
      <Table
        caption="Exports ledger, overdue first"
        columns={columns}
        rows={items ?? []}
        rowKey={(e) => e.id}
        empty={items ? 'Nothing in the ledger for this view.' : 'Loading…'}
        rowClassName={(e) => (e.status === 'overdue' ? 'row-alert' : undefined)}
        testId="exports-table"
      />
      <ConfirmDialog
        open={certifying !== null}
        title={`Certify the destruction of ${certifying?.id ?? ''}`}
        confirmLabel="Certify destruction"
        busy={busy}
        onConfirm={() => void certify()}
        onCancel={() => setCertifying(null)}
      >
        <p>{`You certify, under your own name, that every copy of “${certifying?.description ?? ''}” was destroyed. This is recorded once and cannot be changed.`}</p>
        <ErrorAlert error={certifyError} labels={{ note: 'How it was destroyed' }} />
        <Field label="How it was destroyed" value={note} onChange={setNote} autoComplete="off" error={fieldError(certifyError, 'note')} hint="For example: printout shredded; file deleted from the case folder and the recycle bin emptied." />
      </ConfirmDialog>
    </div>
  )
}
