// How footage positions, lengths and estimates read on screen.

/** 1:05.5 (minutes:seconds.tenths), or 1:02:05.5 past an hour: a position in a video. */
export function formatPosition(ms: number): string {
  const tenths = Math.floor(ms / 100)
  const s = Math.floor(tenths / 10)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = String(s % 60).padStart(2, '0')
  return `${h > 0 ? `${h}:${String(m).padStart(2, '0')}` : m}:${sec}.${tenths % 10}`
}

/** "about 2 min 10 s left", "under 5 s left": an estimate, rounded as one. */
export function formatTimeLeft(ms: number | null): string {
  if (ms === null) return 'estimating time left…'
  const s = Math.round(ms / 1000)
  if (s < 5) return 'under 5 s left'
  if (s < 60) return `about ${s} s left`
  // Past a minute, to the nearest ten seconds (then minutes past an hour): finer would be false precision.
  const tens = Math.round(s / 10) * 10
  const m = Math.floor(tens / 60)
  if (m < 60) return `about ${m} min ${String(tens % 60).padStart(2, '0')} s left`
  const minutes = Math.round(s / 60)
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`
}

/** 1.4 GB, 820 MB, 96 kB */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '—'
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}
