// HTTP byte ranges for the media route (a <video> seeks by asking for ranges). One range per request, the
// only form browsers send for media: "bytes=start-end", "bytes=start-" or "bytes=-suffix".

export type RangeAnswer =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' }

export function parseRange(header: string | null | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'whole' }
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  // A form we do not serve (several ranges, other units): the whole file is a valid answer to it.
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' }
  let start: number
  let end: number
  if (m[1] === '') {
    const suffix = Number(m[2])
    if (suffix === 0) return { kind: 'unsatisfiable' }
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start >= size || start > end) return { kind: 'unsatisfiable' }
  return { kind: 'partial', start, end }
}

/** Headers for a media answer (the caller adds its own security headers). */
export function rangeHeaders(range: RangeAnswer, size: number, mime: string): { status: number; headers: Record<string, string> } {
  if (range.kind === 'unsatisfiable') return { status: 416, headers: { 'content-range': `bytes */${size}`, 'accept-ranges': 'bytes' } }
  const base = { 'content-type': mime, 'accept-ranges': 'bytes' }
  if (range.kind === 'whole') return { status: 200, headers: { ...base, 'content-length': String(size) } }
  return {
    status: 206,
    headers: { ...base, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${size}` },
  }
}
