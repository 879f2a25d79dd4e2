// Importing a CSV file: choose the file and whether it makes a new list or replaces a file list, check it
// (the core's validation report, with every rejected row and why), then confirm. Nothing changes before that.
import { useState, type FormEvent } from 'react'
import type { HotListImportReport, HotListImportResult, HotListRecord } from '../../../../shared/models'
import { HOT_LIST_MAX_FILE_BYTES } from '../../../../shared/contract/hotlists'
import { alpr, localError, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { ErrorAlert, Notice } from '../../components/Alert'
import { Table } from '../../components/Table'
import { signedInCall } from '../../store/session'
import { SelectField } from '../governance/form-fields'
import { fileBase64, formatAge } from './format'
import { EMPTY_SETTINGS, ListSettingsFields, SETTINGS_LABELS, type SettingsDraft, settingsOf } from './ListSettingsFields'

const NEW = '__new__'
const rowsText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`

const LABELS: Record<string, string> = Object.fromEntries([
  ...Object.entries(SETTINGS_LABELS).map(([k, v]) => [`newList.${k}`, v]),
  ['fileBase64', 'File'],
  ['replaceListId', 'List'],
])

export function ImportPanel({
  lists,
  initialTarget,
  defaultRetentionDays,
  onDone,
  onCancel,
}: {
  lists: HotListRecord[]
  initialTarget: string | null
  defaultRetentionDays: number | null
  onDone(result: HotListImportResult): void
  onCancel(): void
}) {
  const fileLists = lists.filter((l) => l.kind === 'file')
  const [file, setFile] = useState<File | null>(null)
  const [target, setTarget] = useState(initialTarget ?? NEW)
  const [settings, setSettings] = useState<SettingsDraft>({ ...EMPTY_SETTINGS, source: 'CA DOJ SVS extract', priority: '1' })
  const [checked, setChecked] = useState<{ report: HotListImportReport; base64: string } | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const replacing = fileLists.find((l) => l.id === target) ?? null

  const check = async (e: FormEvent) => {
    e.preventDefault()
    setChecked(null)
    if (!file) return setError(localError('Choose the CSV file to import.'))
    if (file.size > HOT_LIST_MAX_FILE_BYTES) {
      return setError(localError(`The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the largest file accepted is ${HOT_LIST_MAX_FILE_BYTES / 1024 / 1024} MB. Split the list into smaller files.`))
    }
    setBusy(true)
    const base64 = await fileBase64(file)
    const result = await signedInCall(() => alpr().hotlists.validateImport({ fileName: file.name, fileBase64: base64 }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setChecked({ report: result.value, base64 })
  }

  const confirm = async () => {
    if (!checked || !file) return
    setBusy(true)
    const common = { fileName: file.name, fileBase64: checked.base64, sha256: checked.report.sha256 }
    const result = await signedInCall(() =>
      alpr().hotlists.import(replacing ? { ...common, replaceListId: replacing.id } : { ...common, newList: settingsOf(settings) }),
    )
    setBusy(false)
    setConfirming(false)
    if (!result.ok) return setError(result.error)
    onDone(result.value)
  }

  const report = checked?.report
  return (
    <section className="panel" aria-labelledby="hl-import-title">
      <h2 id="hl-import-title">Import a CSV file</h2>
      <p className="muted">
        Columns: plate, state, reason/offense, entry date, vehicle make, model, colour, source reference (the first line names them). The file is
        checked first; nothing changes until you confirm.
      </p>
      <form className="form" onSubmit={check} noValidate>
        <ErrorAlert error={error} labels={LABELS} title={error?.code === 'FILE_REFUSED' ? 'The file was refused' : undefined} />
        <div className="grid-2">
          <div className="field">
            <label htmlFor="hl-file">CSV file</label>
            <input
              id="hl-file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                setChecked(null)
                setError(null)
              }}
            />
            <div className="field-hint">UTF-8 text, at most {HOT_LIST_MAX_FILE_BYTES / 1024 / 1024} MB.</div>
          </div>
          <SelectField
            label="Import into"
            value={target}
            onChange={(v) => {
              setTarget(v)
              setChecked(null)
            }}
            options={[{ value: NEW, label: 'A new list' }, ...fileLists.map((l) => ({ value: l.id, label: `Replace “${l.name}” (${l.entries} entries, refreshed ${formatAge(l.ageMs)})` }))]}
            hint={replacing ? 'Every entry of the list is replaced in one step; if anything fails, the list stays as it was.' : undefined}
          />
        </div>
        {replacing ? null : (
          <fieldset className="fieldset">
            <legend>The new list</legend>
            <ListSettingsFields draft={settings} onChange={setSettings} error={error} prefix="newList." defaultRetentionDays={defaultRetentionDays} idPrefix="hl-import" />
          </fieldset>
        )}
        <div className="actions">
          <Button type="submit" variant={report ? 'secondary' : 'primary'} busy={busy && !confirming}>
            Check the file
          </Button>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        </div>
      </form>

      {report ? (
        <div className="hl-report" data-testid="import-report">
          <h3>Validation report</h3>
          <Notice tone={report.rejected ? 'warning' : 'success'} live title={`${report.accepted} of ${report.rows} rows accepted, ${report.rejected} rejected`}>
            <p className="small">
              {report.fileName} · {(report.bytes / 1024).toFixed(1)} KB · columns read: {report.columns.map((c) => `${c.header} → ${c.field}`).join(', ')}
              {report.ignoredColumns.length ? ` · ignored: ${report.ignoredColumns.join(', ')}` : ''}
            </p>
          </Notice>
          {report.rejected ? (
            <>
              <Table
                caption="Rejected rows"
                testId="rejected-rows"
                columns={[
                  { header: 'Line', className: 'tabular nowrap', cell: (r) => r.line },
                  { header: 'Plate as written', cell: (r) => <span className="mono">{r.plate || '—'}</span> },
                  {
                    header: 'Why it was rejected',
                    className: 'wrap',
                    cell: (r) => (
                      <ul className="hl-reasons">
                        {r.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
                rows={report.rejections}
                rowKey={(r) => r.line}
                empty="No row was rejected."
              />
              {report.rejected > report.rejections.length ? <p className="muted small">{`The first ${report.rejections.length} of ${report.rejected} rejected rows are shown.`}</p> : null}
            </>
          ) : null}
          <div className="actions">
            <Button variant="primary" disabled={report.accepted === 0} onClick={() => setConfirming(true)}>
              {replacing ? `Replace the list with ${rowsText(report.accepted)}` : `Import ${rowsText(report.accepted)} as a new list`}
            </Button>
            {report.accepted === 0 ? <span className="muted">No row can be imported.</span> : null}
          </div>
        </div>
      ) : null}

      <ConfirmDialog
        open={confirming}
        title={replacing ? `Replace “${replacing.name}”?` : 'Import the file?'}
        confirmLabel={replacing ? 'Replace the list' : 'Import'}
        tone={replacing ? 'danger' : 'primary'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {replacing
            ? `All ${replacing.entries} entries of “${replacing.name}” will be replaced by the ${report?.accepted ?? 0} accepted rows of ${file?.name ?? 'the file'}.`
            : `A new list “${settings.name || 'unnamed'}” will be created with the ${report?.accepted ?? 0} accepted rows of ${file?.name ?? 'the file'}.`}{' '}
          {report?.rejected ? `${report.rejected} rejected rows are left out.` : ''} Hits already recorded keep their copy of the record.
        </p>
      </ConfirmDialog>
    </section>
  )
}
