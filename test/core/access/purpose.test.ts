// The purpose rules (DOMAIN.md "Purpose of every access"): a purpose names one investigation by case or
// incident number or a suspect's last name, and carries no criminal history, CLETS data or identifiers.
import { describe, expect, it } from 'vitest'
import { validatePurpose } from '../../../src/main/core/access/purpose'
import { resolveSettings } from '../../../src/main/core/settings/definitions'
import { AppError } from '../../../src/main/core/errors'
import type { ErrorCode } from '../../../src/shared/errors'

const defaults = resolveSettings({})

function refusal(purpose: unknown, settings = defaults): AppError {
  try {
    validatePurpose(purpose, settings)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  return expect.fail(`expected ${JSON.stringify(purpose)} to be refused`)
}

describe('accepted purposes', () => {
  it.each([
    ['a case number in the default format', { caseNumber: '24-012345' }, 'Case 24-012345'],
    ['a case number with a prefix', { caseNumber: 'CR2024-00123' }, 'Case CR2024-00123'],
    ['a case number typed in lower case, with spaces around it', { caseNumber: '  cr2024-00123 ' }, 'Case CR2024-00123'],
    ['a case number with 8 digits', { caseNumber: '2024-00012345' }, 'Case 2024-00012345'],
    ['a case number of 8 digits and nothing else', { caseNumber: '24012345' }, 'Case 24012345'],
    ['a case number shaped like a licence number (the agency’s own format)', { caseNumber: 'B1234567' }, 'Case B1234567'],
    ['an incident number with slashes', { caseNumber: 'INC/2024/0456' }, 'Case INC/2024/0456'],
    ['a last name', { lastName: 'Smith' }, 'Suspect last name Smith'],
    ['a last name with an apostrophe', { lastName: "O'Brien" }, "Suspect last name O'Brien"],
    ['a last name with a typographic apostrophe', { lastName: 'O’Brien' }, 'Suspect last name O’Brien'],
    ['a last name with an accent', { lastName: 'García' }, 'Suspect last name García'],
    ['a last name with an accent typed as a combining mark', { lastName: 'Garci\u0301a' }, 'Suspect last name García'],
    ['a last name of three words', { lastName: 'De La Cruz' }, 'Suspect last name De La Cruz'],
    ['a hyphenated last name', { lastName: 'Smith-Jones' }, 'Suspect last name Smith-Jones'],
    ['a last name with a suffix', { lastName: 'Smith Jr.' }, 'Suspect last name Smith Jr.'],
    ['a last name in another script', { lastName: 'Nguyễn' }, 'Suspect last name Nguyễn'],
    ['a last name with extra spaces inside', { lastName: '  De   La Cruz ' }, 'Suspect last name De La Cruz'],
    ['a case number and a note', { caseNumber: '24-012345', note: 'stolen vehicle report' }, 'Case 24-012345: stolen vehicle report'],
    ['a case number, a last name and a note', { caseNumber: '24-012345', lastName: 'Smith', note: 'hit and run' }, 'Case 24-012345, suspect last name Smith: hit and run'],
    ['a last name and a note', { lastName: 'Smith', note: 'grey sedan seen at the burglary' }, 'Suspect last name Smith: grey sedan seen at the burglary'],
    ['a note naming a vehicle and partial plate', { caseNumber: '24-012345', note: 'white pickup, partial plate 7AB' }, 'Case 24-012345: white pickup, partial plate 7AB'],
    ['a note with the word “investigation” inside a sentence', { caseNumber: '24-012345', note: 'robbery investigation, second vehicle' }, 'Case 24-012345: robbery investigation, second vehicle'],
    ['an empty note', { caseNumber: '24-012345', note: '   ' }, 'Case 24-012345'],
    ['a note about a stolen cell phone', { caseNumber: '24-012345', note: 'theft of a cell phone from a car' }, 'Case 24-012345: theft of a cell phone from a car'],
    ['a note about a phone store', { caseNumber: '24-012345', note: 'phone store burglary' }, 'Case 24-012345: phone store burglary'],
  ])('accepts %s', (_what, purpose, text) => {
    expect(validatePurpose(purpose, defaults).text).toBe(text)
  })

  it('returns the normalised parts as well as the logged text', () => {
    expect(validatePurpose({ caseNumber: ' 24-012345', lastName: ' Smith ', note: ' stolen   vehicle ' }, defaults)).toEqual({
      caseNumber: '24-012345',
      lastName: 'Smith',
      note: 'stolen vehicle',
      text: 'Case 24-012345, suspect last name Smith: stolen vehicle',
    })
  })

  it('follows the agency’s own case-number format setting', () => {
    const settings = resolveSettings({ caseNumberPattern: '^SO-\\d{6}$', caseNumberExample: 'SO-123456' })
    expect(validatePurpose({ caseNumber: 'so-123456' }, settings).text).toBe('Case SO-123456')
    expect(refusal({ caseNumber: '24-012345' }, settings).message).toBe(
      '“24-012345” is not a case or incident number in this agency’s format (for example SO-123456).',
    )
  })

  it('refuses a general word as the case number even when the agency’s format would accept it', () => {
    // A stored format that accepts anything (settings.change refuses it now, but a purpose must not rely on that).
    const loose = resolveSettings({ caseNumberPattern: '.' })
    for (const word of ['Investigation', 'follow-up', 'N/A']) {
      const error = refusal({ caseNumber: word }, loose)
      expect(error.code).toBe('PURPOSE_TOO_VAGUE')
      expect(error.message).toBe(`“${word}” does not name a specific investigation. Enter the case or incident number (for example 24-012345).`)
    }
    expect(validatePurpose({ caseNumber: '24-012345' }, loose).text).toBe('Case 24-012345')
  })
})

describe('refused purposes', () => {
  it.each<[string, unknown, ErrorCode, string]>([
    ['no purpose at all', undefined, 'PURPOSE_REQUIRED', 'Enter a case or incident number'],
    ['a purpose that is plain text', 'case 24-012345', 'PURPOSE_REQUIRED', 'not in the expected form'],
    ['a purpose with an unknown field', { caseNumber: '24-012345', reason: 'x' }, 'PURPOSE_REQUIRED', 'not in the expected form'],
    ['an empty purpose', {}, 'PURPOSE_TOO_VAGUE', 'Enter a case or incident number (for example 24-012345)'],
    ['“investigation”', { note: 'investigation' }, 'PURPOSE_TOO_VAGUE', '“investigation” does not name a specific investigation'],
    ['“Investigative purposes”', { note: 'Investigative purposes' }, 'PURPOSE_TOO_VAGUE', '“Investigative purposes” does not name a specific investigation'],
    ['“follow-up”', { note: 'follow-up' }, 'PURPOSE_TOO_VAGUE', '“follow-up” does not name a specific investigation'],
    ['“N/A”', { note: 'N/A' }, 'PURPOSE_TOO_VAGUE', '“N/A” does not name a specific investigation'],
    ['“law enforcement purposes”', { note: 'law enforcement purposes' }, 'PURPOSE_TOO_VAGUE', 'does not name a specific investigation'],
    ['a note that names no case or person', { note: 'grey sedan seen near the school' }, 'PURPOSE_TOO_VAGUE', 'Enter a case or incident number'],
    ['“investigation” as the case number', { caseNumber: 'investigation' }, 'PURPOSE_TOO_VAGUE', '“investigation” does not name a specific investigation'],
    ['“N/A” as the case number', { caseNumber: 'N/A' }, 'PURPOSE_TOO_VAGUE', '“N/A” does not name a specific investigation'],
    ['a case number too short for the format', { caseNumber: '24-1' }, 'PURPOSE_TOO_VAGUE', 'is not a case or incident number in this agency’s format'],
    ['“unknown” as the last name', { lastName: 'Unknown' }, 'PURPOSE_TOO_VAGUE', '“Unknown” is not a suspect’s last name'],
    ['“suspect” as the last name', { lastName: 'suspect' }, 'PURPOSE_TOO_VAGUE', 'is not a suspect’s last name'],
  ])('refuses %s', (_what, purpose, code, fragment) => {
    const error = refusal(purpose)
    expect(error.code).toBe(code)
    expect(error.message).toContain(fragment)
  })

  it.each([
    ['an SSN', { caseNumber: '24-012345', note: 'victim 123-45-6789' }, 'a Social Security number (“123-45-6789”)'],
    ['an SSN typed as the case number', { caseNumber: '123-45-6789' }, 'a Social Security number'],
    ['a date of birth', { caseNumber: '24-012345', note: 'born 01/02/1980' }, 'a date of birth'],
    ['a bare date of birth', { caseNumber: '24-012345', note: '01/02/1980' }, 'a date of birth (“01/02/1980”)'],
    ['“DOB” with an ISO date', { caseNumber: '24-012345', note: 'DOB 1980-01-02' }, 'a date of birth (“DOB”)'],
    ['a phone number', { caseNumber: '24-012345', note: 'RP callback (916) 555-0100' }, 'a phone number (“(916) 555-0100”)'],
    ['a phone number with dots', { caseNumber: '24-012345', note: 'call 916.555.0100' }, 'a phone number'],
    ['a number after “cell”', { caseNumber: '24-012345', note: 'cell 5550100' }, 'a phone number (“cell 5550100”)'],
    ['a number after “phone:”', { caseNumber: '24-012345', note: 'RP phone: 9165550100' }, 'a phone number'],
    ['a number after “tel. no.”', { caseNumber: '24-012345', note: 'tel. no. (916)5550100' }, 'a phone number'],
    ['a California driver’s licence number', { caseNumber: '24-012345', note: 'driver B1234567' }, 'a driver’s licence number (“B1234567”)'],
    ['“DL#” and a number', { caseNumber: '24-012345', note: 'DL# B1234567' }, 'a driver’s licence number'],
    ['a street address', { caseNumber: '24-012345', note: 'lives at 1234 Main Street' }, 'a street address (“1234 Main Street”)'],
    ['an abbreviated address', { lastName: 'Smith', note: '55 N. Elm Ave' }, 'a street address'],
    ['an arrest', { caseNumber: '24-012345', note: 'arrested 2019' }, 'criminal history (arrests or convictions) (“arrested”)'],
    ['a conviction', { lastName: 'Smith', note: 'convicted of burglary' }, 'criminal history (arrests or convictions)'],
    ['probation', { caseNumber: '24-012345', note: 'on probation' }, 'supervision or registration status (criminal history) (“probation”)'],
    ['a parolee', { caseNumber: '24-012345', note: 'parolee' }, 'supervision or registration status (criminal history) (“parolee”)'],
    ['CLETS data', { caseNumber: '24-012345', note: 'CLETS return' }, 'CLETS- or NCIC-derived data (“CLETS”)'],
    ['an NCIC record', { caseNumber: '24-012345', note: 'NCIC record' }, 'CLETS- or NCIC-derived data (“NCIC”)'],
    ['a rap sheet', { caseNumber: '24-012345', note: 'per rap sheet' }, 'criminal history (“rap sheet”)'],
    ['a CII number', { caseNumber: '24-012345', note: 'CII A12345678' }, 'a CII number (criminal history)'],
    ['an FBI number', { caseNumber: '24-012345', note: 'FBI # 123456AB7' }, 'an FBI number (criminal history)'],
    ['an e-mail address', { caseNumber: '24-012345', note: 'tip from j.doe@example.com' }, 'an e-mail address (“j.doe@example.com”)'],
    ['a full name with a date of birth in the last-name field', { lastName: 'John Smith 01/02/1980' }, 'a date of birth (“01/02/1980”)'],
    ['a date of birth next to the last name', { lastName: 'Smith DOB 1/2/80' }, 'a date of birth'],
  ])('refuses a purpose carrying %s with PURPOSE_FORBIDDEN_CONTENT and says what', (_what, purpose, fragment) => {
    const error = refusal(purpose)
    expect(error.code).toBe('PURPOSE_FORBIDDEN_CONTENT')
    expect(error.message).toContain(fragment)
  })

  it('names every kind of forbidden content it found, once', () => {
    const error = refusal({ caseNumber: '24-012345', note: 'parolee, DOB 01/02/1980, SSN 123-45-6789' })
    expect(error.message).toBe(
      'Refused: the purpose contains a Social Security number (“SSN”); a date of birth (“DOB”); supervision or registration status (criminal history) (“parolee”). A purpose names the case or a last name only; it must not carry criminal history, CLETS-derived data or personal identifiers.',
    )
  })

  it.each([
    ['digits', 'Smith2'],
    ['a number', 'Smith 1980'],
    ['four words', 'John Paul De Smith'],
    ['a comma', 'Smith, John'],
    ['one letter', 'S'],
  ])('refuses a last-name field with %s as not a last name', (_what, lastName) => {
    const error = refusal({ lastName })
    expect(error.code).toBe('PURPOSE_FORBIDDEN_CONTENT')
    expect(error.message).toContain('is not a last name')
  })
})
