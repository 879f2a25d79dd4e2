// Every policy number of DOMAIN.md as a setting: its default, its allowed range and why.
// Stored values override defaults; a stored value outside its range is ignored in favour of the default.
import { z } from 'zod'

export const SETTINGS = {
  agencyName: { schema: z.string().min(2).max(120), default: 'Agency not yet named' },
  administratorTitle: { schema: z.string().min(2).max(80), default: 'ALPR Administrator' },
  sessionIdleMinutes: { schema: z.number().int().min(1).max(30), default: 30 },
  sessionMaxHours: { schema: z.number().int().min(1).max(12), default: 12 },
  lockoutThreshold: { schema: z.number().int().min(3).max(5), default: 5 },
  lockoutWindowMinutes: { schema: z.number().int().min(15).max(120), default: 15 },
  trainingValidityMonths: { schema: z.number().int().min(1).max(24), default: 24 },
  reviewValidityMonths: { schema: z.number().int().min(1).max(12), default: 12 },
  /** CJIS: disable after 90 days; the agency policy allows 12 months. */
  inactivityDays: { schema: z.number().int().min(30).max(365), default: 90 },
  /** Case or incident numbers, matched after upper-casing and trimming. */
  caseNumberPattern: {
    schema: z.string().min(1).max(200),
    default: '^(?=(?:[^0-9]*[0-9]){4})[A-Z0-9][A-Z0-9/-]{3,23}$',
  },
  caseNumberExample: { schema: z.string().max(40), default: '24-012345' },
} as const

export type SettingKey = keyof typeof SETTINGS
export type Settings = { [K in SettingKey]: (typeof SETTINGS)[K]['default'] extends number ? number : string }

export function resolveSettings(stored: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = {}
  for (const [key, def] of Object.entries(SETTINGS)) {
    const parsed = def.schema.safeParse(stored[key])
    out[key] = parsed.success ? parsed.data : def.default
  }
  return out as Settings
}
