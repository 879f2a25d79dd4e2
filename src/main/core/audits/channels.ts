// Which contract channels are accesses to ALPR information: the searches an audit samples and the misuse
// rules watch. Derived from the contract, so a channel added later is covered without a change here.
import { contract } from '../../../shared/contract'

/** Channels that review the log itself: their `plate` is a filter over the log, not a search of reads. */
const LOG_REVIEW = /^(?:accessLog|audits)\./

// Exports of the log and audit reports are ALPR accesses (they need a purpose) but not searches of reads.
export const ALPR_ACCESS_CHANNELS: readonly string[] = Object.entries(contract)
  .filter(([name, def]) => def.alprAccess && !LOG_REVIEW.test(name))
  .map(([name]) => name)

/**
 * Whether an allowed entry is a search: a channel that accesses ALPR information, or any other entry naming
 * a plate except reviews of the log. Keep in step with SEARCH_WHERE in store/repositories/audits.ts.
 */
export function isSearchEntry(e: { outcome: string; channel: string; plate: string | null }, alprChannels: ReadonlySet<string>): boolean {
  return e.outcome === 'allowed' && (alprChannels.has(e.channel) || (e.plate !== null && !LOG_REVIEW.test(e.channel)))
}
