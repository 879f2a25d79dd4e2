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
] as const
export type Permission = (typeof PERMISSIONS)[number]

const GRANTS: Record<Role, readonly Permission[]> = {
  administrator: ['users.read', 'users.manage', 'devices.manage', 'accessLog.read'],
  supervisor: ['users.read', 'alerts.monitor', 'reads.search'],
  dispatcher: ['alerts.monitor'],
  investigator: ['reads.search'],
  auditor: ['users.read', 'accessLog.read'],
}

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => GRANTS[role].includes(permission))
}
