// The purpose rules of DOMAIN.md: every access names a specific investigation (a case or incident number in
// the agency's format, or a suspect's last name), and never carries criminal history, CLETS-derived data or
// personal identifiers beyond a last name. A refusal says exactly what was refused and why.
import { purposeInput } from '../../../shared/contract/purpose'
import { AppError } from '../errors'
import type { Settings } from '../settings/definitions'

/** Words that describe investigating in general rather than naming one investigation. */
const VAGUE = /^(?:an?\s+)?(?:investigations?|investigative(?:\s+purposes?)?|inv|invest|follow[\s-]?ups?|f\/u|research|inquir(?:y|ies)|patrol|routine(?:\s+check)?|checks?|general|n\/?a|none|unknown|unk|test(?:ing)?|suspects?|case|lead|tips?|officer\s+safety|intel(?:ligence)?|official\s+business|work|law\s+enforcement(?:\s+purposes?)?)$/i

/** Whether the text is only a general word for investigating (what the case-number format must never accept). */
export const isVague = (text: string): boolean => VAGUE.test(text.trim())

interface Finding {
  pattern: RegExp
  what: string
  /** Also searched inside the case-number field (identifiers someone might paste there). */
  inCaseNumber: boolean
}

const FORBIDDEN: Finding[] = [
  { pattern: /\b\d{3}-\d{2}-\d{4}\b|\bSSN\b|social\s+security/i, what: 'a Social Security number', inCaseNumber: true },
  {
    pattern: /\bDOB\b|date\s+of\s+birth|\bborn\b|\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b/i,
    what: 'a date of birth',
    inCaseNumber: false,
  },
  { pattern: /driver'?s?\s+licen[cs]e|\bC?DL\s*#?\s*[A-Z]?\d|\bOLN\b/i, what: 'a driver’s licence number', inCaseNumber: true },
  // The shape of a California licence number; a case number may legitimately look like it.
  { pattern: /\b[A-Z]\d{7}\b/i, what: 'a driver’s licence number', inCaseNumber: false },
  { pattern: /\bCII\b/i, what: 'a CII number (criminal history)', inCaseNumber: true },
  { pattern: /\bFBI\s*(?:#|no\.?|number)|\bUCN\b/i, what: 'an FBI number (criminal history)', inCaseNumber: true },
  {
    // A number written out, or one introduced by "phone", "cell" or "tel" (the words alone are not identifiers:
    // "theft of a cell phone").
    pattern: /\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b(?:phone|cell|tel)\b\.?(?:\s*(?:#|no\.?|number))?\s*[:#]?\s*\(?\d[\d().\s-]*\d/i,
    what: 'a phone number',
    inCaseNumber: false,
  },
  { pattern: /[\w.+-]+@[\w-]+\.[\w.]+/, what: 'an e-mail address', inCaseNumber: false },
  {
    pattern:
      /\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Za-z]+\s+){1,3}(?:st|street|ave|avenue|blvd|boulevard|rd|road|dr|drive|ln|lane|way|ct|court|pl|place|hwy|highway|pkwy|parkway|cir|circle|ter|terrace)\b\.?/i,
    what: 'a street address',
    inCaseNumber: false,
  },
  {
    pattern: /\barrest(?:s|ed|ee)?\b|\bbooked\b|\bbooking\b|\bconvict(?:s|ed|ion|ions)?\b|\bprior(?:s)?\s+(?:record|conviction|arrest)/i,
    what: 'criminal history (arrests or convictions)',
    inCaseNumber: false,
  },
  { pattern: /\bprobation(?:er)?\b|\bparole(?:e|d)?\b|\bPC\s*290\b|sex\s+offender|registrant/i, what: 'supervision or registration status (criminal history)', inCaseNumber: false },
  { pattern: /rap\s+sheet|criminal\s+(?:history|record)|\bCORI\b/i, what: 'criminal history', inCaseNumber: true },
  { pattern: /\bCLETS\b|\bNCIC\b|\bDMV\s+record|\bNLETS\b|\bCJIS\b/i, what: 'CLETS- or NCIC-derived data', inCaseNumber: true },
]

const LAST_NAME = /^[\p{L}][\p{L}'’ .-]{0,38}[\p{L}.]$/u

export interface ValidatedPurpose {
  caseNumber: string | null
  lastName: string | null
  note: string | null
  /** The purpose as written to the access log. */
  text: string
}

export function validatePurpose(raw: unknown, settings: Settings): ValidatedPurpose {
  if (raw === undefined || raw === null) throw new AppError('PURPOSE_REQUIRED')
  const parsed = purposeInput.safeParse(raw)
  if (!parsed.success) throw new AppError('PURPOSE_REQUIRED', 'The purpose is not in the expected form.')
  const caseNumber = parsed.data.caseNumber?.trim().toUpperCase() || null
  // NFC: an accent typed as a combining mark (García as "i" + U+0301) is still a letter of the name.
  const lastName = parsed.data.lastName?.normalize('NFC').trim().replace(/\s+/g, ' ') || null
  const note = parsed.data.note?.normalize('NFC').trim().replace(/\s+/g, ' ') || null

  const findings = forbiddenContent({ caseNumber, lastName, note })
  if (findings.length > 0) {
    // The user is shown what was matched; the access log keeps only its kind, never the identifier itself.
    const kinds = [...new Set(findings.map((f) => f.what))]
    throw new AppError(
      'PURPOSE_FORBIDDEN_CONTENT',
      `Refused: the purpose contains ${findings.map((f) => `${f.what} (“${f.match}”)`).join('; ')}. A purpose names the case or a last name only; it must not carry criminal history, CLETS-derived data or personal identifiers.`,
      undefined,
      `Refused: the purpose contains ${kinds.join('; ')}.`,
    )
  }

  const example = settings.caseNumberExample
  if (!caseNumber && !lastName) {
    throw new AppError(
      'PURPOSE_TOO_VAGUE',
      note && VAGUE.test(note)
        ? `“${note}” does not name a specific investigation. Enter a case or incident number (for example ${example}) or a suspect’s last name.`
        : `Enter a case or incident number (for example ${example}) or a suspect’s last name.`,
    )
  }
  // A vague word is refused whatever the agency's pattern accepts: a loose pattern must not let
  // "Investigation" through as a case number.
  if (caseNumber && isVague(caseNumber)) {
    throw new AppError(
      'PURPOSE_TOO_VAGUE',
      `“${parsed.data.caseNumber?.trim()}” does not name a specific investigation. Enter the case or incident number (for example ${example}).`,
      undefined,
      'The case number field held a general word, not a case number.',
    )
  }
  if (caseNumber && !caseNumberPattern(settings).test(caseNumber)) {
    throw new AppError(
      'PURPOSE_TOO_VAGUE',
      `“${caseNumber}” is not a case or incident number in this agency’s format (for example ${example}).`,
      undefined,
      'The case number is not in this agency’s format.',
    )
  }
  if (lastName) {
    if (VAGUE.test(lastName)) {
      throw new AppError('PURPOSE_TOO_VAGUE', `“${lastName}” is not a suspect’s last name. Enter a last name or a case number.`)
    }
    if (!LAST_NAME.test(lastName) || lastName.split(' ').length > 3) {
      throw new AppError(
        'PURPOSE_FORBIDDEN_CONTENT',
        `“${lastName}” is not a last name. Enter only the suspect’s last name (letters, hyphens, apostrophes), with no other identifiers.`,
        undefined,
        'The last-name field held something other than a last name.',
      )
    }
  }
  const head = caseNumber ? `Case ${caseNumber}` : `Suspect last name ${lastName}`
  const withName = caseNumber && lastName ? `${head}, suspect last name ${lastName}` : head
  return { caseNumber, lastName, note, text: note ? `${withName}: ${note}` : withName }
}

interface Hit {
  what: string
  match: string
}

function forbiddenContent(fields: { caseNumber: string | null; lastName: string | null; note: string | null }): Hit[] {
  const found = new Map<string, Hit>()
  for (const finding of FORBIDDEN) {
    const texts = [fields.lastName, fields.note, finding.inCaseNumber ? fields.caseNumber : null]
    for (const text of texts) {
      const match = text ? finding.pattern.exec(text) : null
      if (match) {
        const hit: Hit = { what: finding.what, match: match[0].trim() }
        found.set(`${hit.what} (“${hit.match}”)`, hit)
        break
      }
    }
  }
  return [...found.values()]
}

function caseNumberPattern(settings: Settings): RegExp {
  try {
    return new RegExp(settings.caseNumberPattern)
  } catch {
    throw new AppError('INTERNAL', 'The case-number format setting is not a valid pattern. Ask the ALPR Administrator to correct it.')
  }
}
