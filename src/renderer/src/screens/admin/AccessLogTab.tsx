// The access log for auditors: filters (user, plate, data elements, purpose, channel, outcome, time) run in the
// core, newest first a page at a time; the chain's verification; and exports (CSV, PDF) that go into the
// exports ledger.
import { useEffect, useState, type FormEvent } from 'react'
import type { AccessLogEntry, DocumentFile } from '../../../../shared/models'
import type { ChannelInput } from '../../../../shared/contract'
import { Button } from '../../components/Button'
import { ErrorAlert, Notice } from '../../components/Alert'
import { Field } from '../../components/Field'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { saveDocument } from '../../download'
import { formatDateTime, shortId } from '../../format'
import { useAdmin } from '../../store/admin'
import { useLogFilters } from '../../store/log-filters'
import { signedInCall } from '../../store/session'
import { Badge } from './cells'
import './audit-screens.css'

const PAGE = 100

const OUTCOME: Record<AccessLogEntry['outcome'], { tone: 'ok' | 'warning' | 'danger'; words: string }> = {
  allowed: { tone: 'ok', words: 'Allowed' },
  refused: { tone: 'warning', words: 'Refused' },
  failed: { tone: 'danger', words: 'Failed' },
}

interface Filters {
  user: string
  plate: string
  text: string
  purposeText: string
  channel: string
  outcome: '' | AccessLogEntry['outcome']
  from: string
  to: string
}

const NO_FILTERS: Filters = { user: '', plate: '', text: '', purposeText: '', channel: '', outcome: '', from: '', to: '' }

type FilterInput = Omit<ChannelInput<'accessLog.search'>, 'limit' | 'beforeId'>

/** The form's values as the channel takes them: empty fields left out, local date-times as milliseconds. */
function toInput(f: Filters): FilterInput {
  const input: FilterInput = {}
  for (const key of ['user', 'text', 'purposeText', 'channel'] as const) if (f[key].trim()) input[key] = f[key].trim()
  // Plates as stored (upper case, no spaces or dashes), so the log of this search names the plate as searched.
  const plate = f.plate.toUpperCase().replace(/[\s-]/g, '')
  if (plate) input.plate = plate
  if (f.outcome) input.outcome = f.outcome
  if (f.from) input.from = new Date(f.from).getTime()
  if (f.to) input.to = new Date(f.to).getTime()
  return input
}

/** A time as the value of a datetime-local field (local time, to the minute). */
function localInput(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function dataElementsText(elements: Record<string, unknown>): string {
  const parts = Object.entries(elements).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return parts.join(' · ')
}

function ChainResult() {
  const verification = useAdmin((s) => s.verification)
  const verifyError = useAdmin((s) => s.verifyError)
  if (verifyError) return <ErrorAlert error={verifyError} title="The chain could not be verified" />
  if (!verification) return null
  const { result, at } = verification
  if (result.ok) {
    return (
      <Notice tone="success" live title="Chain intact" testId="chain-result">
        <p>
          {`All ${result.entries.toLocaleString('en-US')} entries verified at ${formatDateTime(at)}: every entry links to the one before it, so none was removed or changed.`}
        </p>
      </Notice>
    )
  }
  return (
    <div className="alert alert-danger alert-strong" role="alert" data-testid="chain-result">
      <p className="alert-title">Chain broken</p>
      {result.firstBroken ? (
        <p>{`The first broken link is at entry #${result.firstBroken.id}: ${result.firstBroken.reason}`}</p>
      ) : (
        <p>The chain does not hold.</p>
      )}
      <p className="small">{`${result.entries.toLocaleString('en-US')} entries checked at ${formatDateTime(at)}. Entries from this point on cannot be trusted as recorded; report this to the ALPR Administrator and keep the database as it is for investigation.`}</p>
    </div>
  )
}

const LABELS: Record<string, string> = {
  user: 'User',
  plate: 'Plate',
  text: 'Data elements contain',
  purposeText: 'Purpose contains',
  channel: 'Channel',
  outcome: 'Outcome',
  from: 'From',
  to: 'Until',
}

export function AccessLogTab() {
  const verify = useAdmin((s) => s.verify)
  const verifying = useAdmin((s) => s.verifying)
  const [form, setForm] = useState<Filters>(NO_FILTERS)
  /** The filters of the rows shown (the form may have changed since). */
  const [applied, setApplied] = useState<FilterInput>({})
  const [entries, setEntries] = useState<AccessLogEntry[] | null>(null)
  const [hasMore, setHasMore] = useState(false)
  const [busy, setBusy] = useState<'search' | 'more' | 'csv' | 'pdf' | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [exported, setExported] = useState<DocumentFile | null>(null)
  /** The file names plates and purposes: exporting it is an access to ALPR information under a case number. */
  const [exportCase, setExportCase] = useState('')

  const search = async (filters: FilterInput) => {
    setBusy('search')
    setError(null)
    const result = await signedInCall(() => alpr().accessLog.search({ ...filters, limit: PAGE }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    setApplied(filters)
    setEntries(result.value.entries)
    setHasMore(result.value.hasMore)
  }

  useEffect(() => {
    // Another screen may have asked to show particular entries (a misuse flag's).
    const handed = useLogFilters.getState().take()
    const start: Filters = handed
      ? { ...NO_FILTERS, user: handed.user ?? '', plate: handed.plate ?? '', from: handed.from !== undefined ? localInput(handed.from) : '', to: handed.to !== undefined ? localInput(handed.to) : '' }
      : NO_FILTERS
    setForm(start)
    void search(toInput(start))
    void verify()
    // Load and verify once when the tab opens.
  }, [])

  const more = async () => {
    const last = entries?.[entries.length - 1]
    if (!entries || !last) return
    setBusy('more')
    const result = await signedInCall(() => alpr().accessLog.search({ ...applied, limit: PAGE, beforeId: last.id }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    setEntries([...entries, ...result.value.entries])
    setHasMore(result.value.hasMore)
  }

  const exportAs = async (format: 'csv' | 'pdf') => {
    setBusy(format)
    setError(null)
    setExported(null)
    const result = await signedInCall(() => alpr().accessLog.export({ ...applied, format, purpose: { caseNumber: exportCase } }))
    setBusy(null)
    if (!result.ok) return setError(result.error)
    saveDocument(result.value)
    setExported(result.value)
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void search(toInput(form))
  }
  const set = (key: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [key]: value }))
  const filtered = Object.keys(applied).length > 0

  const workstation = (e: AccessLogEntry): string => e.deviceName ?? shortId(e.deviceId)
  const columns: Column<AccessLogEntry>[] = [
    {
      header: 'Time',
      cell: (e) => (
        <>
          <span className="cell-main tabular">{formatDateTime(e.at)}</span>
          <span className="cell-sub tabular">#{e.id}</span>
        </>
      ),
      colClass: 'col-time',
    },
    {
      header: 'User · agency / unit',
      cell: (e) => {
        if (!e.username && !e.agency) return <span className="muted">—</span>
        const where = [e.agency, e.unit].filter(Boolean).join(' / ')
        return (
          <>
            <span className="cell-main mono truncate" title={e.username ?? undefined}>
              {e.username ?? '—'}
            </span>
            {where ? (
              <span className="cell-sub truncate" title={where}>
                {where}
              </span>
            ) : null}
          </>
        )
      },
      colClass: 'col-user',
    },
    {
      header: 'Workstation',
      cell: (e) => (
        <span className="truncate" title={`${workstation(e)} (${e.deviceId})`}>
          {workstation(e)}
        </span>
      ),
      colClass: 'col-workstation',
    },
    {
      header: 'Channel and data elements',
      cell: (e) => {
        const text = dataElementsText(e.dataElements)
        return (
          <>
            <span className="cell-main mono truncate" title={e.channel}>
              {e.channel}
            </span>
            {text ? (
              <span className="cell-sub truncate mono" title={text}>
                {text}
              </span>
            ) : null}
          </>
        )
      },
    },
    { header: 'Outcome', cell: (e) => <Badge tone={OUTCOME[e.outcome].tone}>{OUTCOME[e.outcome].words}</Badge>, colClass: 'col-outcome' },
    {
      header: 'Code',
      cell: (e) =>
        e.code ? (
          <>
            <span className="cell-main mono truncate" title={e.code}>
              {e.code}
            </span>
            {e.message ? (
              <span className="cell-sub truncate" title={e.message}>
                {e.message}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">—</span>
        ),
      colClass: 'col-code',
    },
    {
      header: 'Purpose',
      cell: (e) =>
        e.purpose ? (
          <span className="truncate" title={e.purpose}>
            {e.purpose}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      colClass: 'col-purpose',
    },
  ]

  return (
    <div className="tab-body log-viewer">
      <form className="panel panel-tight" onSubmit={submit} aria-label="Filter the access log" noValidate>
        <div className="filter-grid">
          <Field label="User" value={form.user} onChange={set('user')} autoComplete="off" autoCapitalize="none" mono hint="Exact username" />
          <Field label="Plate" value={form.plate} onChange={set('plate')} autoComplete="off" mono hint="Exact plate queried" />
          <Field label="Data elements contain" value={form.text} onChange={set('text')} autoComplete="off" hint="Part of a plate, a camera, a record id" />
          <Field label="Purpose contains" value={form.purposeText} onChange={set('purposeText')} autoComplete="off" hint="A case number or last name" />
          <Field label="Channel" value={form.channel} onChange={set('channel')} autoComplete="off" mono hint="Exact, e.g. users.create" />
          <div className="field">
            <label htmlFor="log-outcome">Outcome</label>
            <select id="log-outcome" value={form.outcome} onChange={(e) => set('outcome')(e.target.value)}>
              <option value="">Any outcome</option>
              <option value="allowed">Allowed</option>
              <option value="refused">Refused</option>
              <option value="failed">Failed</option>
            </select>
          </div>
          <Field label="From" type="datetime-local" value={form.from} onChange={set('from')} />
          <Field label="Until" type="datetime-local" value={form.to} onChange={set('to')} />
          <Field
            label="Case number for an export"
            value={exportCase}
            onChange={setExportCase}
            autoComplete="off"
            mono
            hint="The audit or investigation the export is for; recorded with it"
          />
        </div>
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy === 'search'}>
            Search the log
          </Button>
          <Button
            onClick={() => {
              setForm(NO_FILTERS)
              void search({})
            }}
            disabled={busy !== null}
          >
            Clear filters
          </Button>
          <Button onClick={() => void exportAs('csv')} busy={busy === 'csv'} disabled={!entries?.length}>
            Export CSV
          </Button>
          <Button onClick={() => void exportAs('pdf')} busy={busy === 'pdf'} disabled={!entries?.length}>
            Export PDF
          </Button>
        </div>
        <p className="muted small">Exports hold the entries matching the filters of the rows shown. An export carries plates and purposes, so it is an access to ALPR information: it needs the case number it is for, and is recorded in the exports ledger and must be destroyed by its deadline.</p>
      </form>

      <ErrorAlert error={error} labels={LABELS} />
      {exported ? (
        <Notice tone="success" live title={`Export ${exported.exportId} saved`} testId="log-export-result">
          <p>{`${exported.fileName} is recorded in the exports ledger. Destroy it by ${formatDateTime(exported.destroyBy)} and certify the destruction there.`}</p>
        </Notice>
      ) : null}

      <div className="toolbar">
        <p className="muted" data-testid="log-count">
          {entries
            ? `Newest first · ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown${hasMore ? ', more older' : ''}${filtered ? ' · filtered' : ''}`
            : 'Loading the access log…'}
        </p>
        <div className="toolbar-actions">
          <Button onClick={() => void search(applied)} disabled={busy !== null}>
            Refresh
          </Button>
          <Button variant="primary" onClick={() => void verify()} busy={verifying}>
            Verify chain
          </Button>
        </div>
      </div>
      <ChainResult />
      <Table
        caption="Access log, newest first"
        columns={columns}
        rows={entries ?? []}
        rowKey={(e) => e.id}
        empty={entries ? (filtered ? 'No entries match these filters.' : 'The access log is empty.') : 'Loading…'}
        rowClassName={(e) => (e.outcome === 'allowed' ? undefined : e.outcome === 'failed' ? 'row-alert' : 'row-refused')}
        testId="access-log-table"
        fixed
      />
      {hasMore ? (
        <div className="actions">
          <Button onClick={() => void more()} busy={busy === 'more'}>
            Load older entries
          </Button>
        </div>
      ) : null}
    </div>
  )
}
