// One read in full, in a modal dialog over the results: scene and crop, the confidence of each character, the
// readings that formed the read, its source, hot-list history, holds and corrections (original beside
// corrected), and for those who may, the correction form. Opening it is an access under the purpose in force.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { ReadDetail } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ErrorAlert } from '../../components/Alert'
import { formatDate, formatDateTime } from '../../format'
import { can, useApp } from '../../store/session'
import { withPurpose } from '../../store/purpose'
import { Badge } from '../admin/cells'
import { confidenceClass, HIGH, MIDDLE, percent } from './confidence'
import { CorrectionForm } from './CorrectionForm'
import { formatPlace } from './ResultsTable'

/** 83450 → "1:23.450" (stream or video time). */
export function formatPosition(ms: number): string {
  const total = Math.max(0, Math.round(ms))
  const minutes = Math.floor(total / 60_000)
  const seconds = Math.floor((total % 60_000) / 1000)
  return `${minutes}:${String(seconds).padStart(2, '0')}.${String(total % 1000).padStart(3, '0')}`
}

const DISPOSITION: Record<string, string> = {
  confirmed: 'Confirmed',
  misread: 'Misread',
  wrong_state: 'Wrong state',
  not_actionable: 'Not actionable',
  dismissed: 'Dismissed',
}

export interface ReadDetailDialogProps {
  readId: number
  onClose(): void
  /** The read was corrected: the results list shows the corrected plate. */
  onCorrected(detail: ReadDetail): void
}

export function ReadDetailDialog({ readId, onClose, onCorrected }: ReadDetailDialogProps) {
  const session = useApp((s) => s.session)
  const ref = useRef<HTMLDialogElement>(null)
  const closeRef = useRef<HTMLButtonElement>(null)
  const [detail, setDetail] = useState<ReadDetail | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)

  useEffect(() => {
    const dialog = ref.current
    // The element that opened the dialog gets the focus back when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (dialog && !dialog.open) dialog.showModal()
    closeRef.current?.focus()
    return () => {
      if (dialog?.open) dialog.close()
      opener?.focus()
    }
  }, [])

  useEffect(() => {
    let live = true
    setDetail(null)
    setError(null)
    void withPurpose('search', (purpose) => alpr().reads.detail({ purpose, readId })).then((result) => {
      if (!live) return
      if (result.ok) setDetail(result.value)
      else setError(result.error)
    })
    return () => {
      live = false
    }
  }, [readId])

  const corrected = (next: ReadDetail) => {
    setDetail(next)
    onCorrected(next)
  }

  return (
    <dialog
      ref={ref}
      className="dialog read-dialog"
      aria-labelledby="read-title"
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <div className="dialog-body">
        <div className="read-head">
          <h2 id="read-title">
            {detail ? (
              <>
                Read <span className="plate-big">{detail.plate}</span> {detail.state ? <span className="muted">{detail.state}</span> : null}
              </>
            ) : (
              'Read'
            )}
          </h2>
          <Button ref={closeRef} onClick={onClose}>
            Close
          </Button>
        </div>
        {error ? <ErrorAlert error={error} title="This read could not be opened." /> : null}
        {!detail && !error ? <p className="muted" role="status">Opening the read…</p> : null}
        {detail ? <ReadDetailBody detail={detail} /> : null}
        {detail && can(session, 'reads.correct') ? <CorrectionForm detail={detail} onCorrected={corrected} /> : null}
      </div>
    </dialog>
  )
}

function ReadDetailBody({ detail }: { detail: ReadDetail }) {
  const camera = detail.camera
  const footage = detail.footage
  return (
    <>
      <p className="read-summary">
        <span className={`tabular ${confidenceClass(detail.confidence)}`}>{percent(detail.confidence)} confidence</span>
        <span aria-hidden="true"> · </span>
        <span className="tabular">{formatDateTime(detail.readAt)}</span>
        {detail.hasHits ? <Badge tone="danger">Hot-list hit</Badge> : null}
        {detail.corrected ? <Badge tone="info">Corrected</Badge> : null}
      </p>

      <div className="read-images">
        <figure className="read-figure read-figure-scene">
          {detail.scene ? <img src={detail.scene} alt={`Scene of read ${detail.plate}`} /> : <div className="no-image">No scene image kept</div>}
          <figcaption>Scene</figcaption>
        </figure>
        <div className="read-side">
          <figure className="read-figure read-figure-crop">
            {detail.crop ? <img src={detail.crop} alt={`Plate crop of ${detail.plate}`} /> : <div className="no-image">No plate crop kept</div>}
            <figcaption>Plate crop</figcaption>
          </figure>
          <section className="read-section" aria-labelledby="read-chars">
            <h3 id="read-chars">Confidence per character</h3>
            {detail.chars.length === 0 ? (
              <p className="muted">The reader kept no per-character confidence for this read.</p>
            ) : (
              <>
                <ol className="char-list" data-testid="char-confidences">
                  {detail.chars.map((c, i) => (
                    <li key={i} className={`char-box ${confidenceClass(c.confidence)}`} aria-label={`Character ${i + 1}: ${c.char}, ${percent(c.confidence)}`}>
                      <span className="char-glyph" aria-hidden="true">
                        {c.char}
                      </span>
                      <span className="char-pct tabular" aria-hidden="true">
                        {percent(c.confidence)}
                      </span>
                    </li>
                  ))}
                </ol>
                <p className="muted small char-legend">
                  <span className="legend-item">
                    <span className="legend-swatch conf-high" aria-hidden="true" /> {Math.round(HIGH * 100)}% or more
                  </span>
                  <span className="legend-item">
                    <span className="legend-swatch conf-middle" aria-hidden="true" /> {Math.round(MIDDLE * 100)}–{Math.round(HIGH * 100) - 1}%
                  </span>
                  <span className="legend-item">
                    <span className="legend-swatch conf-low" aria-hidden="true" /> below {Math.round(MIDDLE * 100)}%: check the crop
                  </span>
                </p>
              </>
            )}
          </section>
        </div>
      </div>

      <section className="read-section" aria-labelledby="read-source">
        <h3 id="read-source">Source</h3>
        <dl className="read-facts">
          <Fact label="Read at">{formatDateTime(detail.readAt)}</Fact>
          {camera ? (
            <>
              <Fact label="Camera">{camera.name}</Fact>
              {camera.location ? <Fact label="Camera location">{camera.location}</Fact> : null}
              {camera.direction ? <Fact label="Direction">{camera.direction}</Fact> : null}
            </>
          ) : null}
          <Fact label="Location">{formatPlace(detail.latitude, detail.longitude)}</Fact>
          {detail.reader ? <Fact label="Reader">{detail.reader}</Fact> : null}
          {footage ? (
            <>
              <Fact label="Footage file">{footage.fileName ?? 'name not kept'}</Fact>
              {footage.sha256 ? (
                <Fact label="File SHA-256">
                  <span className="mono hash">{footage.sha256}</span>
                </Fact>
              ) : null}
              {footage.positionMs !== null ? <Fact label="Position in video">{formatPosition(footage.positionMs)}</Fact> : null}
              {footage.caseNumber ? <Fact label="Processed for case">{footage.caseNumber}</Fact> : null}
            </>
          ) : null}
        </dl>
      </section>

      <section className="read-section" aria-labelledby="read-readings">
        <h3 id="read-readings">Readings that formed the read</h3>
        {detail.readings.length === 0 ? (
          <p className="muted">No frame-by-frame readings were kept for this read.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Readings that formed the read</caption>
              <thead>
                <tr>
                  <th scope="col">{footage ? 'Video time' : 'Stream time'}</th>
                  <th scope="col">Text read</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {detail.readings.map((r, i) => (
                  <tr key={i}>
                    <td className="tabular">{formatPosition(r.ms)}</td>
                    <td className="mono">{r.text}</td>
                    <td className={`tabular ${confidenceClass(r.confidence)}`}>{percent(r.confidence)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="read-section" aria-labelledby="read-hits">
        <h3 id="read-hits">Hot-list history</h3>
        {detail.hits.length === 0 ? (
          <p className="muted">This read matched no hot list you may see.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Hot-list hits of this read</caption>
              <thead>
                <tr>
                  <th scope="col">List</th>
                  <th scope="col">Entry</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Match</th>
                  <th scope="col">Alerted</th>
                  <th scope="col">Disposition</th>
                </tr>
              </thead>
              <tbody>
                {detail.hits.map((h) => (
                  <tr key={h.id}>
                    <td className="wrap">
                      {h.listName} <span className="muted small">P{h.priority}</span>
                      {h.covert ? <Badge tone="warning">Covert</Badge> : null}
                    </td>
                    <td className="mono">
                      {h.entryPlate} {h.entryState ?? ''}
                    </td>
                    <td className="wrap">{h.entryReason}</td>
                    <td>{h.match === 'exact' ? 'Exact' : `Possible (${h.differences} differing)`}</td>
                    <td className="tabular">{formatDateTime(h.createdAt)}</td>
                    <td>{h.disposition ? `${DISPOSITION[h.disposition] ?? h.disposition}, ${formatDateTime(h.disposedAt)}` : <span className="muted">Not yet disposed</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="read-section" aria-labelledby="read-holds">
        <h3 id="read-holds">Holds</h3>
        {detail.holds.length === 0 ? (
          <p className="muted">No hold keeps this read past the retention period.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Holds on this read</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Review on</th>
                  <th scope="col">Released</th>
                </tr>
              </thead>
              <tbody>
                {detail.holds.map((h) => (
                  <tr key={h.id}>
                    <td className="mono">{h.caseNumber}</td>
                    <td className="wrap">{h.reason}</td>
                    <td className="tabular">{formatDate(h.placedAt)}</td>
                    <td className="tabular">{formatDate(h.reviewAt)}</td>
                    <td className="tabular">{h.releasedAt === null ? <Badge tone="ok">In force</Badge> : formatDate(h.releasedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="read-section" aria-labelledby="read-corrections">
        <h3 id="read-corrections">Corrections</h3>
        {detail.corrections.length === 0 ? (
          <p className="muted">This read has not been corrected; it shows what the reader produced.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="read-corrections">
              <caption className="visually-hidden">Corrections of this read, the original beside the correction</caption>
              <thead>
                <tr>
                  <th scope="col">Original</th>
                  <th scope="col">Corrected to</th>
                  <th scope="col">Reason</th>
                  <th scope="col">By</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {detail.corrections.map((c) => (
                  <tr key={c.id}>
                    <td className="mono">
                      {c.originalPlate} {c.originalState ?? '—'}
                    </td>
                    <td className="mono">
                      {c.correctedPlate} {c.correctedState ?? '—'}
                    </td>
                    <td className="wrap">{c.reason}</td>
                    <td>{c.correctedByName ?? 'Account removed'}</td>
                    <td className="tabular">{formatDateTime(c.correctedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}
