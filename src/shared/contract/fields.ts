// Input field schemas used by several channels, so a rule (say, what a username may be) is stated once.
import { z } from 'zod'
import { ROLES } from '../roles'

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{2,31}$/, '3–32 characters: letters, digits, dot, dash or underscore, starting with a letter')
export const personName = z.string().trim().min(1, 'Required').max(80)
export const agencyName = z.string().trim().min(2, 'Required').max(120)
export const unitName = z.string().trim().min(1, 'Required').max(120)
/** Length and content rules are checked in core (auth/password-policy.ts) so the refusal can say why. */
export const password = z.string().min(1, 'Required').max(256)
export const totpCode = z.string().trim().regex(/^\d{6}$/, 'Six digits')
export const isoDate = z.iso.date('A date as YYYY-MM-DD')
export const roles = z.array(z.enum(ROLES)).min(1, 'At least one role').max(ROLES.length)
export const recordId = z.string().min(1).max(64)
