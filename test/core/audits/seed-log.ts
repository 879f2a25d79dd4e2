// Writing access-log entries for misuse, sampling and filter tests through the real store's append, so the
// entries are chained exactly as the guard's are. Times are local to the workstation, like the rules.
import type { Store } from '../../../src/main/core/store'
import type { AccessOutcome } from '../../../src/shared/models'

export interface SeedEntry {
  at: number
  user?: { id: string; username: string } | null
  channel?: string
  plate?: string
  dataElements?: Record<string, unknown>
  purpose?: string | null
  outcome?: AccessOutcome
  code?: string | null
}

export const SEARCH_CHANNEL = 'reads.search'

/** Appends one entry; a `plate` makes it a search (the rules treat any allowed entry naming a plate as one). */
export async function seed(store: Store, deviceId: string, e: SeedEntry): Promise<number> {
  const user = e.user === undefined ? { id: 'u-inv', username: 'jdoe' } : e.user
  return store.accessLog.append({
    at: e.at,
    userId: user?.id ?? null,
    username: user?.username ?? null,
    agency: user ? 'Springfield Police Department' : null,
    unit: user ? 'Investigations' : null,
    deviceId,
    channel: e.channel ?? SEARCH_CHANNEL,
    dataElements: { ...(e.plate ? { plate: e.plate } : {}), ...e.dataElements },
    purpose: e.purpose === undefined ? (e.plate ? 'Case 26-004411' : null) : e.purpose,
    outcome: e.outcome ?? 'allowed',
    code: e.code ?? null,
    message: null,
  })
}

/** A local time on a given day: `localAt(2026, 3, 3, 14, 30)` is 3 March 2026, 14:30 at this workstation. */
export const localAt = (year: number, month: number, day: number, hour = 12, minute = 0): number =>
  new Date(year, month - 1, day, hour, minute).getTime()
