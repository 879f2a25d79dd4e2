// How a hot list's freshness and settings read on screen.
import type { HotListSound } from '../../../../shared/models'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "just refreshed", "40 min ago", "5 h 10 min ago", "3 d 2 h ago". */
export function formatAge(ms: number): string {
  if (ms < MINUTE) return 'just now'
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min ago`
  return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h ago`
}

export const SOUND_LABELS: Record<HotListSound, string> = { alarm: 'Alarm', chime: 'Chime', beep: 'Beep', none: 'No sound' }

/** A file's bytes as base64, in slices so a large file does not overflow the call stack. */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
