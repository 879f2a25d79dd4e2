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
  /** Reads not under a hold are deleted after this many days (policy: 60 days to 6 months). */
  readRetentionDays: { schema: z.number().int().min(60).max(183), default: 60 },
  /** Manual hot-list entries and lists without their own period are deleted after this many days. */
  hotListRetentionDays: { schema: z.number().int().min(1).max(183), default: 30 },
  /** Access-log rows, audit reports and sharing records are kept this many years (at least 3). */
  recordRetentionYears: { schema: z.number().int().min(3).max(10), default: 3 },
  /** Anything downloaded, printed or shared must be destroyed within this many days. */
  exportDestructionDays: { schema: z.number().int().min(1).max(183), default: 30 },
  /** Original e-mail messages of transfers are kept this many days. */
  emailRetentionDays: { schema: z.number().int().min(30).max(1095), default: 365 },
  /** Misuse flag: one user querying the same plate at least this many times within the window. */
  misuseRepeatPlateCount: { schema: z.number().int().min(2).max(100), default: 5 },
  misuseRepeatPlateWindowDays: { schema: z.number().int().min(1).max(90), default: 7 },
  /** Misuse flag: searches outside these hours (local time, 0–23, start inclusive, end exclusive). */
  workingHoursStart: { schema: z.number().int().min(0).max(23), default: 6 },
  workingHoursEnd: { schema: z.number().int().min(1).max(24), default: 22 },
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
