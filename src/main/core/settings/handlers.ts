// Handlers of the policy settings: read each with its value, default, range and explanation; change one
// within the bounds of definitions.ts. A refused value says which bound it broke; a change is logged
// (the guard's access-log entry carries the key with the old and new values).
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import type { SettingInfo } from '../../../shared/models'
import { SETTINGS, type SettingKey, type Settings } from './definitions'
import { SETTING_EXPLANATIONS } from './explanations'
import { caseNumberExampleProblem, caseNumberFormatProblem } from './case-number-format'
import { ineligibility } from '../access/eligibility'
import { ERROR_SENTENCES } from '../../../shared/errors'

type SettingsHandlers = Pick<Handlers, 'settings.list' | 'settings.change'>

interface Bounded {
  minValue?: number | null
  maxValue?: number | null
  minLength?: number | null
  maxLength?: number | null
}

const isKey = (key: string): key is SettingKey => Object.prototype.hasOwnProperty.call(SETTINGS, key)

function bounds(key: SettingKey): { min: number | null; max: number | null } {
  const schema = SETTINGS[key].schema as unknown as Bounded
  return typeof SETTINGS[key].default === 'number'
    ? { min: schema.minValue ?? null, max: schema.maxValue ?? null }
    : { min: schema.minLength ?? null, max: schema.maxLength ?? null }
}

function info(key: SettingKey, settings: Settings, changes: Record<string, { at: number; by: string | null }>): SettingInfo {
  const explained = SETTING_EXPLANATIONS[key]
  return {
    key,
    label: explained?.label ?? key,
    value: settings[key],
    default: SETTINGS[key].default,
    ...bounds(key),
    unit: explained?.unit ?? null,
    explanation: explained?.explanation ?? 'A policy setting.',
    changedAt: changes[key]?.at ?? null,
    changedBy: changes[key]?.by ?? null,
  }
}

/** Why a value is refused, in the administrator's terms. */
function outOfRange(key: SettingKey, value: unknown): string | null {
  const def = SETTINGS[key]
  const { min, max } = bounds(key)
  const label = SETTING_EXPLANATIONS[key]?.label ?? key
  const unit = SETTING_EXPLANATIONS[key]?.unit ?? ''
  if (typeof def.default === 'number') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number.`
    if ((min !== null && value < min) || (max !== null && value > max)) {
      return `${label} must be from ${min} to ${max}${unit ? ` ${unit}` : ''}; ${value} is outside the range the agency’s policy allows.`
    }
  } else {
    if (typeof value !== 'string') return `${label} must be text.`
    if ((min !== null && value.trim().length < min) || (max !== null && value.trim().length > max)) {
      return `${label} must be ${min} to ${max} characters long.`
    }
  }
  if (key === 'caseNumberPattern') {
    try {
      new RegExp(value as string)
    } catch {
      return 'The case number format is not a valid regular expression.'
    }
  }
  return def.schema.safeParse(typeof value === 'string' ? value.trim() : value).success ? null : `${label} is not a valid value.`
}

/** The case-number format and its example must fit each other (and the format must be safe to use). */
function formatProblem(key: SettingKey, value: string, settings: Settings): string | null {
  if (key === 'caseNumberPattern') return caseNumberFormatProblem(value.trim(), settings.caseNumberExample)
  if (key === 'caseNumberExample') return caseNumberExampleProblem(value, settings.caseNumberPattern)
  return null
}

export function settingsHandlers({ store }: Services): SettingsHandlers {
  return {
    'settings.list': async (_input, ctx) => {
      const changes = await store.settings.changes()
      return (Object.keys(SETTINGS) as SettingKey[]).map((key) => info(key, ctx.settings, changes))
    },

    'settings.change': async ({ key, value }, ctx) => {
      if (!isKey(key)) throw new AppError('NOT_FOUND', 'There is no setting with that name.')
      const problem = outOfRange(key, value) ?? formatProblem(key, value as string, ctx.settings)
      if (problem) throw new AppError('SETTING_OUT_OF_RANGE', problem, { value: problem })
      const next = typeof value === 'string' ? value.trim() : value
      const old = ctx.settings[key]
      const settings = { ...ctx.settings, [key]: next } as Settings
      // The administrator making the change must still be able to use the system under the new value
      // (e.g. a shorter training period that their own training no longer meets).
      const ineligible = ineligibility(ctx.user!, settings, ctx.now)
      if (ineligible) {
        throw new AppError(
          'CONFLICT',
          `Refused: with this value your own account would immediately lose access (“${ERROR_SENTENCES[ineligible].replace(/\.$/, '')}”). Bring your own account into line first, or ask another administrator.`,
        )
      }
      ctx.note({ setting: key, oldValue: old, newValue: next })
      if (old !== next) await store.settings.set(key, next, ctx.user!.id, ctx.now)
      return info(key, settings, await store.settings.changes())
    },
  }
}
