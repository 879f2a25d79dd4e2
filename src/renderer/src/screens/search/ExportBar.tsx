// Exporting the selected reads as CSV or PDF. Each file carries its export id, the user, the purpose and the
// date, and is recorded in the exports ledger with a destruction deadline, which is shown once it is saved.
import { useState } from 'react'
import { EXPORT_READS_MAX } from '../../../../shared/contract/search'
import type { DocumentFile } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ErrorAlert, Notice } from '../../components/Alert'
import { saveDocument } from '../../download'
import { formatDate } from '../../format'
import { withPurpose } from '../../store/purpose'

export function ExportBar({ selectedIds, onClearSelection }: { selectedIds: number[]; onClearSelection(): void }) {
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<DocumentFile | null>(null)
  const count = selectedIds.length
  const tooMany = count > EXPORT_READS_MAX

  async function exportAs(format: 'csv' | 'pdf') {
    setBusy(format)
    setError(null)
    setDone(null)
    const result = await withPurpose('search', (purpose) => alpr().reads.export({ purpose, readIds: selectedIds, format }))
    setBusy(null)
    if (!result.ok) {
      setError(result.error)
      return
    }
    saveDocument(result.value)
    setDone(result.value)
  }

  return (
    <div className="export-bar">
      <div className="export-bar-row" role="group" aria-label="Export selected reads">
        <p className="export-count" aria-live="polite">
          {count === 0 ? 'Select reads to export them.' : `${count.toLocaleString('en-US')} ${count === 1 ? 'read' : 'reads'} selected`}
          {tooMany ? <span className="field-error"> One export holds at most {EXPORT_READS_MAX.toLocaleString('en-US')} reads.</span> : null}
        </p>
        <div className="toolbar-actions">
          <Button onClick={() => void exportAs('csv')} disabled={count === 0 || tooMany || busy !== null} busy={busy === 'csv'}>
            Export CSV
          </Button>
          <Button onClick={() => void exportAs('pdf')} disabled={count === 0 || tooMany || busy !== null} busy={busy === 'pdf'}>
            Export PDF
          </Button>
          <Button variant="ghost" onClick={onClearSelection} disabled={count === 0 || busy !== null}>
            Clear selection
          </Button>
        </div>
      </div>
      <ErrorAlert error={error} title="The export was refused." />
      {done ? (
        <Notice tone="success" live testId="export-done" title={`Export ${done.exportId ?? ''} saved as ${done.fileName}`}>
          <p>
            It carries your name, the purpose in force and the export id, and is recorded in the exports ledger.
            {done.destroyBy !== null ? (
              <>
                {' '}
                Destroy the file by <strong className="tabular">{formatDate(done.destroyBy)}</strong> and certify its destruction.
              </>
            ) : null}
          </p>
          <p className="muted small">
            SHA-256 <span className="mono hash">{done.sha256}</span>
          </p>
        </Notice>
      ) : null}
    </div>
  )
}
