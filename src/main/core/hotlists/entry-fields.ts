// The rules for one hot-list entry's values, shared by CSV imports and manual entries so a plate or state is
// judged the same way however it arrives. Each check answers the value to store or the reason it is refused.

/** US states, DC, territories and military post codes, then Canadian provinces and territories. */
const US = 'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP AA AE AP'
const CANADA = 'AB BC MB NB NL NS NT NU ON PE QC SK YT'
export const POSTAL_CODES: ReadonlySet<string> = new Set(`${US} ${CANADA}`.split(' '))

export const MAX_REASON = 200
export const MAX_VEHICLE_PART = 40
export const MAX_VEHICLE = 120
export const MAX_SOURCE_REF = 64

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string }
const ok = <T>(value: T): Checked<T> => ({ ok: true, value })
const no = (reason: string): Checked<never> => ({ ok: false, reason })

/** What may precede a formula unseen: whitespace (no-break space included) and zero-width characters. */
const LEADING_BLANKS = /^[\s\u200b-\u200d\u2060\ufeff]+/

/**
 * A cell a spreadsheet would run as a formula (CSV injection): refused, never stored, so no export or copy
 * of the list can carry it on. Tab and carriage return count too (some spreadsheets strip them first), and so
 * does a formula behind leading spaces or no-break spaces, which the text rules trim before storing.
 */
export const looksLikeFormula = (raw: string): boolean => /^[=+\-@\t\r]/.test(raw) || /^[=+\-@]/.test(raw.replace(LEADING_BLANKS, ''))

/** Control characters other than tab and line breaks (which the text rules fold into spaces). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/

/** Upper-case, without spaces or dashes, 2–8 letters and digits: the form hot-list matching compares. */
export function checkPlate(raw: string): Checked<string> {
  const plate = raw.toUpperCase().replace(/[\s-]+/g, '')
  if (plate === '') return no('the plate is empty')
  if (!/^[A-Z0-9]+$/.test(plate)) return no('the plate has characters other than letters and digits')
  if (plate.length < 2 || plate.length > 8) return no('a plate has 2 to 8 letters and digits')
  return ok(plate)
}

export function checkState(raw: string): Checked<string> {
  const state = raw.trim().toUpperCase()
  if (state === '') return no('the state is empty')
  if (!POSTAL_CODES.has(state)) return no('the state is not a US or Canadian postal code (e.g. CA, NV, BC)')
  return ok(state)
}

/** Free text: one line (line breaks and tabs become spaces), no control characters, at most `max` characters. */
export function checkText(raw: string, label: string, max: number, required = false): Checked<string> {
  if (CONTROL.test(raw)) return no(`the ${label} contains control characters`)
  const value = raw.replace(/\s+/g, ' ').trim()
  // Checked again as stored: whatever arrives, a stored value never starts like a formula.
  if (looksLikeFormula(value)) return no(`the ${label} starts like a spreadsheet formula (= + - @ tab or return)`)
  if (required && value === '') return no(`the ${label} is empty`)
  if (value.length > max) return no(`the ${label} is longer than ${max} characters`)
  return ok(value)
}

/**
 * An entry date as extracts write it: YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD. Stored as local noon of that day
 * (a date-only record); refused when not a real date, before 1900, or after today.
 */
export function checkEntryDate(raw: string, now: number): Checked<number | null> {
  const value = raw.trim()
  if (value === '') return ok(null)
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value)
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value)
  const m = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null
  if (!m) return no('the entry date is not a date (use YYYY-MM-DD or MM/DD/YYYY)')
  const [y, mo, d] = m.map(Number) as [number, number, number]
  const at = new Date(y, mo - 1, d, 12)
  if (at.getFullYear() !== y || at.getMonth() !== mo - 1 || at.getDate() !== d) return no('the entry date is not a real calendar date')
  if (y < 1900) return no('the entry date is before 1900')
  const today = new Date(now)
  if (at.getTime() > new Date(today.getFullYear(), today.getMonth(), today.getDate(), 12).getTime()) return no('the entry date is in the future')
  return ok(at.getTime())
}

/** Make, model and colour as one description ("Honda Civic, silver"), each part within its limit. */
export function checkVehicle(parts: { make: string; model: string; colour: string }): Checked<string> {
  const out: string[] = []
  for (const [label, raw] of [['vehicle make', parts.make], ['vehicle model', parts.model], ['vehicle colour', parts.colour]] as const) {
    const checked = checkText(raw, label, MAX_VEHICLE_PART)
    if (!checked.ok) return checked
    out.push(checked.value)
  }
  const [make, model, colour] = out as [string, string, string]
  const name = [make, model].filter(Boolean).join(' ')
  return ok([name, colour].filter(Boolean).join(', '))
}
