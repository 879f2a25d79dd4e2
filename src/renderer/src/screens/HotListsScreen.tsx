// Hot lists (DOMAIN.md "Hot lists and hits"): every list with its priority, colour, sound, covert flag, entry
// count and last refresh (its age, flagged when stale); CSV import with the validation report before
// confirming; manual lists and entries; list settings. For holders of hotlists.manage.
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { HotListRecord } from '../../../shared/models'
import { HOT_LIST_STALE_MS } from '../../../shared/contract/hotlists'
import { alpr, type AppErrorData } from '../api'
import { Button } from '../components/Button'
import { ErrorAlert, Notice, SuccessNotice } from '../components/Alert'
import { SectionHeader } from '../components/SectionHeader'
import { Table } from '../components/Table'
import { formatDate, formatDateTime } from '../format'
import { can, signedInCall, useApp } from '../store/session'
import { Badge } from './admin/cells'
import { EntriesPanel } from './hotlists/EntriesPanel'
import { ImportPanel } from './hotlists/ImportPanel'
import { EMPTY_SETTINGS, ListSettingsFields, SETTINGS_LABELS, type SettingsDraft, draftOf, settingsOf } from './hotlists/ListSettingsFields'
import { SOUND_LABELS, formatAge } from './hotlists/format'
import './hotlists/hotlists.css'

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

type Panel = { kind: 'import'; target: string | null } | { kind: 'settings'; list: HotListRecord | null } | null

const SETTINGS_FIELD_LABELS: Record<string, string> = { ...SETTINGS_LABELS, ...Object.fromEntries(Object.entries(SETTINGS_LABELS).map(([k, v]) => [`settings.${k}`, v])) }

function SettingsPanel({ list, defaultRetentionDays, onSaved, onCancel }: { list: HotListRecord | null; defaultRetentionDays: number | null; onSaved(l: HotListRecord): void; onCancel(): void }) {
  const [draft, setDraft] = useState<SettingsDraft>(list ? draftOf(list) : EMPTY_SETTINGS)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const save = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const settings = settingsOf(draft)
    const result = await signedInCall(() => (list ? alpr().hotlists.update({ listId: list.id, settings }) : alpr().hotlists.create(settings)))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    onSaved(result.value)
  }
  return (
    <form className="panel form" onSubmit={save} noValidate aria-labelledby="hl-settings-title">
      <h2 id="hl-settings-title">{list ? `Settings of “${list.name}”` : 'New manual list'}</h2>
      {list ? null : <p className="muted">A manual list is kept entry by entry; each entry needs an expiry date.</p>}
      <ErrorAlert error={error} labels={SETTINGS_FIELD_LABELS} />
      <ListSettingsFields draft={draft} onChange={setDraft} error={error} prefix={list ? 'settings.' : ''} defaultRetentionDays={defaultRetentionDays} idPrefix="hl-settings" />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          {list ? 'Save settings' : 'Create list'}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  )
}

function Refreshed({ list }: { list: HotListRecord }) {
  return (
    <span className="hl-refreshed">
      <span className="tabular">{formatDateTime(list.refreshedAt)}</span>
      <span className={list.stale ? 'hl-age hl-stale' : 'hl-age'}>
        {list.stale ? <Badge tone="warning">Stale</Badge> : null} {formatAge(list.ageMs)}
      </span>
    </span>
  )
}

export function HotListsScreen() {
  const session = useApp((s) => s.session)
  const canManage = can(session, 'hotlists.manage')
  const [lists, setLists] = useState<HotListRecord[] | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const [panel, setPanel] = useState<Panel>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const load = useCallback(async () => {
    const result = await signedInCall(() => alpr().hotlists.list({}))
    if (result.ok) setLists(result.value)
    else setError(result.error)
  }, [])
  useEffect(() => {
    if (canManage) void load()
  }, [load, canManage])

  if (!canManage) {
    return (
      <>
        <SectionHeader title="Hot lists" />
        <Notice tone="info" title="Hot lists are managed by ALPR Administrators and Supervisors.">
          <p>Alerts from hot lists appear on the Live screen for dispatchers.</p>
        </Notice>
      </>
    )
  }

  const defaultRetentionDays = lists?.find((l) => l.retentionDays === null)?.effectiveRetentionDays ?? null
  const current = lists?.find((l) => l.id === selected) ?? null
  const open = (p: Panel) => {
    setPanel(p)
    setDone(null)
  }

  return (
    <>
      <SectionHeader
        title="Hot lists"
        actions={
          panel ? null : (
            <>
              <Button variant="primary" onClick={() => open({ kind: 'import', target: null })}>
                Import a CSV file
              </Button>
              <Button onClick={() => open({ kind: 'settings', list: null })}>New manual list</Button>
            </>
          )
        }
      >
        Vehicles of interest matched against every read. A hit is never actionable on its own: the dispatcher verifies it. File lists older than{' '}
        {HOT_LIST_STALE_MS / 3_600_000} hours are flagged as stale.
      </SectionHeader>
      <SuccessNotice message={done} />
      <ErrorAlert error={error} />
      {panel?.kind === 'import' && lists ? (
        <ImportPanel
          lists={lists}
          initialTarget={panel.target}
          defaultRetentionDays={defaultRetentionDays}
          onCancel={() => setPanel(null)}
          onDone={(r) => {
            setPanel(null)
            setSelected(r.list.id)
            setDone(
              `${count(r.report.accepted, 'entry', 'entries')} ${r.replacedEntries ? `replaced the ${count(r.replacedEntries, 'entry', 'entries')} of` : 'imported into'} “${r.list.name}”; ${count(r.report.rejected, 'row', 'rows')} rejected.`,
            )
            void load()
          }}
        />
      ) : null}
      {panel?.kind === 'settings' ? (
        <SettingsPanel
          key={panel.list?.id ?? 'new'}
          list={panel.list}
          defaultRetentionDays={defaultRetentionDays}
          onCancel={() => setPanel(null)}
          onSaved={(l) => {
            setPanel(null)
            setSelected(l.id)
            setDone(panel.list ? `Settings of “${l.name}” saved.` : `Manual list “${l.name}” created.`)
            void load()
          }}
        />
      ) : null}
      {lists === null ? <p className="muted">Loading…</p> : null}
      <Table
        caption="Hot lists"
        testId="hot-lists"
        columns={[
          {
            header: 'List',
            className: 'wrap',
            cell: (l) => (
              <div className="cell-main">
                <span className="hl-name">
                  <span className="hl-swatch" style={{ background: l.color }} title={`Colour ${l.color}`} aria-hidden="true" />
                  <strong>{l.name}</strong> {l.covert ? <Badge tone="danger">Covert</Badge> : null}
                </span>
                <span className="cell-sub">{`${l.kind === 'file' ? 'File' : 'Manual'} · ${l.source}`}</span>
              </div>
            ),
          },
          { header: 'Priority', className: 'tabular', cell: (l) => l.priority },
          { header: 'Sound', cell: (l) => SOUND_LABELS[l.sound] },
          { header: 'Entries', className: 'tabular', cell: (l) => l.entries.toLocaleString('en-US') },
          { header: 'Last refreshed', cell: (l) => <Refreshed list={l} /> },
          {
            header: 'Retention',
            cell: (l) => (
              <span className="cell-main">
                <span>{`${l.effectiveRetentionDays} days${l.retentionDays === null ? ' (agency)' : ''}`}</span>
                <span className="cell-sub">{`deleted ${formatDate(l.expiresAt)} unless refreshed`}</span>
              </span>
            ),
          },
          {
            header: 'Actions',
            cell: (l) => (
              <span className="row-actions">
                <Button size="small" variant={selected === l.id ? 'primary' : 'secondary'} onClick={() => setSelected(l.id)} aria-label={`Entries of ${l.name}`}>
                  Entries
                </Button>
                <Button size="small" onClick={() => open({ kind: 'settings', list: l })} aria-label={`Settings of ${l.name}`}>
                  Settings
                </Button>
                {l.kind === 'file' ? (
                  <Button size="small" onClick={() => open({ kind: 'import', target: l.id })} aria-label={`Replace ${l.name} from a file`}>
                    Replace
                  </Button>
                ) : null}
              </span>
            ),
          },
        ]}
        rows={lists ?? []}
        rowKey={(l) => l.id}
        rowClassName={(l) => (l.id === selected ? 'hl-selected' : undefined)}
        empty="No hot list yet. Import a CSV file or create a manual list."
      />
      {current ? (
        <EntriesPanel
          list={current}
          onChanged={(message) => {
            setDone(message)
            void load()
          }}
        />
      ) : null}
    </>
  )
}
