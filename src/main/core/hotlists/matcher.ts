// How a read matches a hot-list entry (DOMAIN.md "Hot lists and hits"), how alerts are ranked on the
// dispatcher's screen, and who may see a covert list's hits. Pure rules: the hits repository (worker thread)
// and the handlers both use them, so each rule is written once.
import type { HitMatch } from '../../../shared/models'
import { rolesGrant, type Role } from '../../../shared/roles'
import { confusionDifferences } from '../plates/confusions'

/**
 * 'exact' when the texts are equal, 'possible' when they differ only by OCR confusions (with the number of
 * positions that differ), null when they are not the same plate at all.
 */
export function classifyMatch(readPlate: string, entryPlate: string): { match: HitMatch; differences: number } | null {
  const differences = confusionDifferences(readPlate, entryPlate)
  if (differences === null) return null
  return { match: differences === 0 ? 'exact' : 'possible', differences }
}

/** What the alert order looks at. */
export interface RankedAlert {
  id: number
  match: HitMatch
  priority: number
  createdAt: number
  disposition: string | null
}

/**
 * The alert panel's order: open alerts before disposed ones; exact before possible (a possible match ranks
 * below an exact one); priority 1 first; newest first (then the higher id, so the order is total).
 */
export function compareAlerts(a: RankedAlert, b: RankedAlert): number {
  return (
    Number(a.disposition !== null) - Number(b.disposition !== null) ||
    Number(a.match === 'possible') - Number(b.match === 'possible') ||
    a.priority - b.priority ||
    b.createdAt - a.createdAt ||
    b.id - a.id
  )
}

/** Hits of covert lists exist only for people whose role grants alerts.covert. */
export function seesCovertHits(roles: readonly Role[]): boolean {
  return rolesGrant(roles, 'alerts.covert')
}

