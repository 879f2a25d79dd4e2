// US plate grammar: a plate is 2-8 letters and digits; where the issuing state is known and its serial
// formats are listed, O/0 and I/1 are fixed by position. Unknown states keep the text as read.

/** L = letter, D = digit. Passenger serial formats, current and recent; not vanity or special plates. */
export const STATE_FORMATS: Record<string, { name: string; pattern: string }[]> = {
  CA: [{ name: 'CA standard', pattern: 'DLLLDDD' }, { name: 'CA commercial', pattern: 'DLDDDDD' }],
  AZ: [{ name: 'AZ standard', pattern: 'LLLDDDD' }],
  GA: [{ name: 'GA standard', pattern: 'LLLDDDD' }],
  IL: [{ name: 'IL standard', pattern: 'LLDDDDD' }],
  MI: [{ name: 'MI standard', pattern: 'LLLDDDD' }],
  NC: [{ name: 'NC standard', pattern: 'LLLDDDD' }],
  NJ: [{ name: 'NJ standard', pattern: 'LDDLLL' }],
  NY: [{ name: 'NY standard', pattern: 'LLLDDDD' }],
  OH: [{ name: 'OH standard', pattern: 'LLLDDDD' }],
  PA: [{ name: 'PA standard', pattern: 'LLLDDDD' }],
  TX: [{ name: 'TX standard', pattern: 'LLLDDDD' }],
  VA: [{ name: 'VA standard', pattern: 'LLLDDDD' }],
  WA: [{ name: 'WA standard', pattern: 'LLLDDDD' }],
}

export const MIN_LENGTH = 2
export const MAX_LENGTH = 8

const TO_DIGIT: Record<string, string> = { O: '0', I: '1' }
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I' }

/** Upper case, letters and digits only. */
export function normalisePlate(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '')
}

export function isPlausiblePlate(text: string): boolean {
  return text.length >= MIN_LENGTH && text.length <= MAX_LENGTH && /^[A-Z0-9]+$/.test(text)
}

export interface GrammarResult {
  text: string
  /** The format matched (possibly after fixes), or null. */
  format: string | null
  /** Positions changed by O/0, I/1 fixes. */
  fixed: number[]
}

function fitsPattern(text: string, pattern: string): { text: string; fixed: number[] } | null {
  if (text.length !== pattern.length) return null
  const out: string[] = []
  const fixed: number[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const isDigit = ch >= '0' && ch <= '9'
    if (pattern[i] === 'D' && !isDigit) {
      const d = TO_DIGIT[ch]
      if (!d) return null
      out.push(d)
      fixed.push(i)
    } else if (pattern[i] === 'L' && isDigit) {
      const l = TO_LETTER[ch]
      if (!l) return null
      out.push(l)
      fixed.push(i)
    } else out.push(ch)
  }
  return { text: out.join(''), fixed }
}

/** Applies the state's formats (if the state is known) to a normalised reading. */
export function applyGrammar(text: string, state?: string | null): GrammarResult {
  const formats = state ? STATE_FORMATS[state.toUpperCase()] : undefined
  for (const f of formats ?? []) {
    const fit = fitsPattern(text, f.pattern)
    if (fit) return { text: fit.text, format: f.name, fixed: fit.fixed }
  }
  return { text, format: null, fixed: [] }
}

/** The scoring rule of the shared data README: upper case, no spaces or dashes, letter O counted as digit 0. */
export function scoringKey(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0')
}

const ANY_STATE_PATTERNS = new Set(Object.values(STATE_FORMATS).flatMap((fs) => fs.map((f) => f.pattern)))

/**
 * How much a reading looks like a plate serial rather than other text on a vehicle (badges, dealer names,
 * dates, phone numbers), as a factor in [0, 1]. Serials mix letters and digits; words and dates do not.
 */
export function plateLikeness(text: string): number {
  if (!isPlausiblePlate(text)) return 0
  const letters = text.replace(/[0-9]/g, '').length
  const digits = text.length - letters
  let f = 1
  if (letters === 0) f *= /^(19|20)\d\d(\d\d){0,2}$/.test(text) ? 0.2 : 0.6
  else if (digits === 0) f *= 0.5
  if (text.length < 5) f *= 0.6
  const shape = text.replace(/[A-Z]/g, 'L').replace(/[0-9]/g, 'D')
  if (!ANY_STATE_PATTERNS.has(shape)) f *= 0.9
  return f
}
