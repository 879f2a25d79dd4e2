// One row per read found: a checkbox to select it for export, the plate crop, plate, state, confidence, time,
// camera and location. The plate opens the read's detail.
import type { ReadSummary } from '../../../../shared/models'
import { formatDateTime } from '../../format'
import { Badge } from '../admin/cells'
import { confidenceClass, percent } from './confidence'

export interface ResultsTableProps {
  reads: ReadSummary[]
  selected: ReadonlySet<number>
  onToggle(id: number, on: boolean): void
  onToggleAll(on: boolean): void
  onOpen(read: ReadSummary): void
  /** A similar-plate search: show how many positions differ from the plate searched. */
  similar: boolean
}

export function formatPlace(latitude: number | null, longitude: number | null): string {
  return latitude === null || longitude === null ? '—' : `${latitude.toFixed(4)}, ${longitude.toFixed(4)}`
}

export function ResultsTable({ reads, selected, onToggle, onToggleAll, onOpen, similar }: ResultsTableProps) {
  const allSelected = reads.length > 0 && reads.every((r) => selected.has(r.id))
  const someSelected = reads.some((r) => selected.has(r.id))
  return (
    <div className="table-wrap">
      <table className="table results-table" data-testid="search-results">
        <caption className="visually-hidden">Reads found</caption>
        <thead>
          <tr>
            <th scope="col" className="col-select">
              <input
                type="checkbox"
                aria-label="Select all reads shown"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected && !allSelected
                }}
                onChange={(e) => onToggleAll(e.target.checked)}
              />
            </th>
            <th scope="col">Crop</th>
            <th scope="col">Plate</th>
            <th scope="col">State</th>
            <th scope="col">Confidence</th>
            {similar ? <th scope="col">Differs</th> : null}
            <th scope="col">Read at</th>
            <th scope="col">Camera or source</th>
            <th scope="col">Location</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {reads.map((read) => {
            const when = formatDateTime(read.readAt)
            const isSelected = selected.has(read.id)
            return (
              <tr key={read.id} className={isSelected ? 'is-selected' : undefined}>
                <td className="col-select">
                  <input
                    type="checkbox"
                    aria-label={`Select read ${read.plate} at ${when}`}
                    checked={isSelected}
                    onChange={(e) => onToggle(read.id, e.target.checked)}
                  />
                </td>
                <td className="col-crop">
                  {read.crop ? <img className="crop-thumb" src={read.crop} alt={`Plate crop of ${read.plate}`} /> : <span className="muted small">No image</span>}
                </td>
                <td>
                  <button type="button" className="plate-link" onClick={() => onOpen(read)} aria-label={`Open read ${read.plate} at ${when}`}>
                    {read.plate}
                  </button>
                </td>
                <td className="mono">{read.state ?? '—'}</td>
                <td className={`tabular ${confidenceClass(read.confidence)}`}>{percent(read.confidence)}</td>
                {similar ? <td className="tabular">{read.differences === null ? '—' : read.differences === 0 ? 'Same' : read.differences}</td> : null}
                <td className="tabular">{when}</td>
                <td className="wrap results-source">
                  {read.source === 'footage' ? (
                    <>
                      <span className="cell-main">Footage</span>
                      <span className="cell-sub">{read.footageName ?? 'file name not kept'}</span>
                    </>
                  ) : (
                    (read.cameraName ?? '—')
                  )}
                </td>
                <td className="tabular">{formatPlace(read.latitude, read.longitude)}</td>
                <td className="results-notes">
                  {read.hasHits ? <Badge tone="danger">Hot-list hit</Badge> : null}
                  {read.corrected ? <Badge tone="info">Corrected</Badge> : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
