// The roles of DOMAIN.md ("People and roles") and the permissions each grants.
// Channels name a permission; the guard asks whether any of the user's roles grants it.

export const ROLES = ['administrator', 'supervisor', 'dispatcher', 'investigator', 'auditor'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'ALPR Administrator',
  supervisor: 'Supervisor',
  dispatcher: 'Dispatcher',
  investigator: 'Investigator',
  auditor: 'Auditor',
}

export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'devices.manage',
  'accessLog.read',
  'alerts.monitor',
  'reads.search',
  /** Account lifecycle: requests, approvals, classification, training, suspension, departure. */
  'accounts.review',
  'settings.manage',
  /** Assembles an audit and records findings; approving needs audits.approve and a different person. */
  'audits.perform',
  'audits.approve',
  /** Holds on reads for a case. */
  'holds.manage',
  /** Retention runs, the exports ledger, sharing, records requests, vendor contracts, the public policy. */
  'governance.manage',
  'governance.read',
  /** The camera registry: sources, credentials, frame rate, region of interest, enable/disable. */
  'cameras.manage',
  /** Hot lists: imports, manual entries, replacement, list settings. */
  'hotlists.manage',
  /** Sees hits on covert lists (others never learn such a hit happened). */
  'alerts.covert',
  /** Processes video files for reads (footage review). */
  'footage.review',
  /** Corrects a misread (characters or state), keeping the original beside it. */
  'reads.correct',
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  administrator: [
    'users.read',
    'users.manage',
    'devices.manage',
    'accessLog.read',
    'accounts.review',
    'settings.manage',
    'audits.perform',
    'audits.approve',
    'holds.manage',
    'governance.manage',
    'governance.read',
    'cameras.manage',
    'hotlists.manage',
  ],
  supervisor: [
    'users.read',
    'alerts.monitor',
    'alerts.covert',
    'reads.search',
    'reads.correct',
    'footage.review',
    'hotlists.manage',
    'accounts.review',
    'audits.approve',
    'holds.manage',
    'governance.read',
  ],
  dispatcher: ['alerts.monitor'],
  investigator: ['reads.search', 'reads.correct', 'footage.review', 'holds.manage'],
  auditor: ['users.read', 'accessLog.read', 'audits.perform', 'governance.read'],
}

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission))
}
