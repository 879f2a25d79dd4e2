// The file a share carries: the selected reads as CSV (no images). Its name carries the export id, which
// ties the copy the agency receives to its exports-ledger entry and destruction deadline.
import type { SharedRead, ShareSelection } from '../../../shared/models'
import { toCsv } from '../documents/csv'
import { localDate, localDayEnd, startOfLocalDay, timeZoneName } from '../local-time'

/** The most reads one share may carry; a larger selection is refused rather than cut short. */
export const MAX_SHARE_READS = 5000

const iso = (ms: number) => new Date(ms).toISOString()

/** A plate and a range of local calendar days as the time range over reads: [from 00:00, the day after `to` 00:00). */
export function selectionOf(input: { readIds: number[] } | { plate: string; from: string; to: string }): ShareSelection {
  if ('readIds' in input) return { readIds: [...new Set(input.readIds)].sort((a, b) => a - b) }
  const from = startOfLocalDay(input.from)
  const to = localDayEnd(startOfLocalDay(input.to))
  return { plate: input.plate.replace(/[\s-]/g, ''), from, to }
}

export function describeSelection(selection: ShareSelection): string {
  if ('readIds' in selection) return `${selection.readIds.length} selected read${selection.readIds.length === 1 ? '' : 's'}`
  return `reads of one plate from ${localDate(selection.from)} to ${localDate(selection.to - 1)} (${timeZoneName()})`
}

export function shareCsv(reads: SharedRead[]): string {
  return toCsv(
    ['read_id', 'plate', 'state', 'read_at_utc', 'camera', 'location', 'latitude', 'longitude', 'source', 'confidence'],
    reads.map((r) => [r.id, r.plate, r.state, iso(r.readAt), r.camera, r.location, r.latitude, r.longitude, r.source, r.confidence.toFixed(3)]),
  )
}
