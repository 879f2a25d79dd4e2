// One list's entries: search by plate within the list, and for manual lists the entry form (with its
// mandatory expiry) and removal of entries.
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { HotListEntryPage, HotListEntryRecord, HotListRecord } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DateField, Field } from '../../components/Field'
import { ErrorAlert, fieldError } from '../../components/Alert'
import { Table } from '../../components/Table'
import { formatDate, formatDateTime } from '../../format'
import { signedInCall } from '../../store/session'
import { Badge } from '../admin/cells'
import { formatAge } from './format'

const DAY = 24 * 3_600_000
const ENTRY_LABELS: Record<string, string> = {
  plate: 'Plate',
  state: 'State',
  reason: 'Reason',
  vehicle: 'Vehicle',
  sourceRef: 'Source reference',
  expiresOn: 'Expires on',
}

const EMPTY_ENTRY = { plate: '', state: '', reason: '', vehicle: '', sourceRef: '', expiresOn: '' }

export function EntriesPanel({ list, onChanged }: { list: HotListRecord; onChanged(message: string): void }) {
  const [search, setSearch] = useState('')
  const [page, setPage] = useState<HotListEntryPage | null>(null)
  const [entry, setEntry] = useState(EMPTY_ENTRY)
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<HotListEntryRecord | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const manual = list.kind === 'manual'

  const load = useCallback(async (plate: string) => {
    const result = await signedInCall(() => alpr().hotlists.entries({ listId: list.id, plate, limit: 200 }))
    if (result.ok) setPage(result.value)
    else setError(result.error)
  }, [list.id])
  useEffect(() => {
    void load(search)
    // Search as typed; the list's id or entry count changing reloads too.
  }, [load, search, list.entries])

  const add = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const result = await signedInCall(() => alpr().hotlists.addEntry({ listId: list.id, ...entry }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setEntry(EMPTY_ENTRY)
    setAdding(false)
    onChanged(`${entry.plate.toUpperCase().replace(/[\s-]+/g, '')} added to “${list.name}”.`)
  }

  const remove = async (e: HotListEntryRecord) => {
    setBusy(true)
    const result = await signedInCall(() => alpr().hotlists.removeEntry({ listId: list.id, entryId: e.id }))
    setBusy(false)
    setRemoving(null)
    if (!result.ok) return setError(result.error)
    onChanged(`${e.plate} removed from “${list.name}”.`)
  }

  const set = (key: keyof typeof EMPTY_ENTRY) => (value: string) => setEntry((d) => ({ ...d, [key]: value }))
  const latest = formatDate(Date.now() + list.effectiveRetentionDays * DAY)

  return (
    <section className="panel hl-entries" aria-labelledby="hl-entries-title">
      <div className="toolbar">
        <h2 id="hl-entries-title">{`Entries of “${list.name}”`}</h2>
        {manual && !adding ? (
          <div className="toolbar-actions">
            <Button variant="primary" onClick={() => { setAdding(true); setError(null) }}>
              Add an entry
            </Button>
          </div>
        ) : null}
      </div>
      <p className="muted">
        {`${list.kind === 'file' ? 'File list' : 'Manual list'} from ${list.source} · last refreshed ${formatDateTime(list.refreshedAt)} (${formatAge(list.ageMs)})`}
        {list.stale ? <> <Badge tone="warning">Stale</Badge></> : null}
        {manual ? null : '. It changes only when it is replaced by a new import of its file.'}
      </p>
      <ErrorAlert error={adding ? null : error} />
      {adding ? (
        <form className="form hl-entry-form" onSubmit={add} noValidate aria-label="Add an entry">
          <ErrorAlert error={error} labels={ENTRY_LABELS} />
          <div className="grid-3">
            <Field label="Plate" value={entry.plate} onChange={set('plate')} mono autoComplete="off" error={fieldError(error, 'plate')} hint="Letters and digits; spaces and dashes are removed." />
            <Field label="State" value={entry.state} onChange={set('state')} autoComplete="off" maxLength={2} error={fieldError(error, 'state')} hint="Postal code, e.g. CA, NV, BC." />
            <DateField
              label="Expires on"
              value={entry.expiresOn}
              onChange={set('expiresOn')}
              max={latest}
              error={fieldError(error, 'expiresOn')}
              hint={`Required; at most ${list.effectiveRetentionDays} days ahead (${latest}).`}
            />
          </div>
          <Field label="Reason" value={entry.reason} onChange={set('reason')} autoComplete="off" error={fieldError(error, 'reason')} hint="Why the vehicle is of interest, e.g. “Stolen vehicle”." />
          <div className="grid-2">
            <Field label="Vehicle" value={entry.vehicle} onChange={set('vehicle')} autoComplete="off" error={fieldError(error, 'vehicle')} hint="Make, model and colour, if known." />
            <Field label="Source reference" value={entry.sourceRef} onChange={set('sourceRef')} autoComplete="off" error={fieldError(error, 'sourceRef')} hint="Case or report number." />
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Add to the list
            </Button>
            <Button onClick={() => { setAdding(false); setError(null) }} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      <div className="hl-search">
        <Field label="Search plates in this list" value={search} onChange={(v) => setSearch(v)} mono autoComplete="off" maxLength={16} />
        <p className="muted small">{page ? `${page.total} ${page.total === 1 ? 'entry' : 'entries'}${search ? (page.total === 1 ? ' matches' : ' match') : ''}${page.total > page.entries.length ? `; the first ${page.entries.length} are shown` : ''}.` : 'Loading…'}</p>
      </div>
      <Table
        caption={`Entries of ${list.name}`}
        testId="hotlist-entries"
        columns={[
          { header: 'Plate', cell: (e) => <span className="mono">{e.plate}</span> },
          { header: 'State', cell: (e) => e.state ?? '—' },
          { header: 'Reason', className: 'wrap', cell: (e) => e.reason },
          { header: 'Vehicle', className: 'wrap', cell: (e) => e.vehicle || '—' },
          { header: 'Source ref.', cell: (e) => e.sourceRef || '—' },
          { header: 'Entered', className: 'tabular nowrap', cell: (e) => formatDate(e.enteredAt) },
          ...(manual
            ? [
                { header: 'Expires', className: 'tabular nowrap', cell: (e: HotListEntryRecord) => formatDate(e.expiresAt) },
                { header: 'Added by', cell: (e: HotListEntryRecord) => <span title={formatDateTime(e.createdAt)}>{e.addedByName ?? '—'}</span> },
                {
                  header: 'Actions',
                  cell: (e: HotListEntryRecord) => (
                    <Button size="small" variant="ghost" onClick={() => setRemoving(e)} aria-label={`Remove ${e.plate}`}>
                      Remove
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
        rows={page?.entries ?? []}
        rowKey={(e) => e.id}
        empty={search ? 'No plate in this list contains that text.' : 'This list has no entries.'}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.plate ?? ''} from “${list.name}”?`}
        confirmLabel="Remove entry"
        tone="danger"
        busy={busy}
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>Reads of this plate will no longer alert from this list. Hits already recorded keep their copy of the entry.</p>
      </ConfirmDialog>
    </section>
  )
}
