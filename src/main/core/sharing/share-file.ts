// The file a share carries: the selected reads as CSV (no images). Its name carries the export id, which
// ties the copy the agency receives to its exports-ledger entry and destruction deadline.
import type { ShareSelection } from '../../../shared/models'
import { toCsv } from '../documents/csv'
import type { SharedRead } from '../store/repositories/sharing'
import { DAY } from '../clock'

const iso = (ms: number) => new Date(ms).toISOString()

/** A plate and a range of calendar days (UTC) as the time range over reads: [from 00:00, to + 1 day 00:00). */
export function selectionOf(input: { readIds: number[] } | { plate: string; from: string; to: string }): ShareSelection {
  if ('readIds' in input) return { readIds: [...new Set(input.readIds)].sort((a, b) => a - b) }
  const from = Date.parse(`${input.from}T00:00:00Z`)
  const to = Date.parse(`${input.to}T00:00:00Z`) + DAY
  return { plate: input.plate.replace(/[\s-]/g, ''), from, to }
}

export function describeSelection(selection: ShareSelection): string {
  if ('readIds' in selection) return `${selection.readIds.length} selected read${selection.readIds.length === 1 ? '' : 's'}`
  return `reads of one plate from ${iso(selection.from).slice(0, 10)} to ${iso(selection.to - DAY).slice(0, 10)} (UTC)`
}

export function shareCsv(reads: SharedRead[]): string {
  return toCsv(
    ['read_id', 'plate', 'state', 'read_at_utc', 'camera', 'location', 'latitude', 'longitude', 'source', 'confidence'],
    reads.map((r) => [r.id, r.plate, r.state, iso(r.readAt), r.camera, r.location, r.latitude, r.longitude, r.source, r.confidence.toFixed(3)]),
  )
}
