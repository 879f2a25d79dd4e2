// Purposes that look alike but are not (DOMAIN.md "Purpose of every access"): a general word beside a number is
// not a case number; names with accents, hyphens and apostrophes are last names, and names with digits or a
// first name are not; dates, phone numbers, "CLETS" and "arrest" are refused wherever they are typed, and the
// refusal quotes what was refused. Checked as the screen checks them (purpose.check's rules) and field by field.
import { describe, expect, it } from 'vitest'
import { validatePurpose } from '../../../src/main/core/access/purpose'
import { resolveSettings } from '../../../src/main/core/settings/definitions'
import { AppError } from '../../../src/main/core/errors'

const settings = resolveSettings({})

function refusal(purpose: unknown): AppError {
  try {
    validatePurpose(purpose, settings)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  return expect.fail(`expected ${JSON.stringify(purpose)} to be refused`)
}

const FORBIDDEN_TAIL = 'A purpose names the case or a last name only; it must not carry criminal history, CLETS-derived data or personal identifiers.'

describe('"Investigation 24-001" is not a case number; a case number is', () => {
  it('refuses the words typed as the case number, with the agency’s example', () => {
    const error = refusal({ caseNumber: 'Investigation 24-001' })
    expect(error.code).toBe('PURPOSE_TOO_VAGUE')
    expect(error.message).toMatch(/is not a case or incident number in this agency’s format \(for example 24-012345\)\.$/)
  })

  it('refuses them typed as the note alone, and as a last name', () => {
    expect(refusal({ note: 'Investigation 24-001' })).toMatchObject({
      code: 'PURPOSE_TOO_VAGUE',
      message: 'Enter a case or incident number (for example 24-012345) or a suspect’s last name.',
    })
    expect(refusal({ lastName: 'Investigation 24-001' })).toMatchObject({ code: 'PURPOSE_FORBIDDEN_CONTENT' })
    expect(refusal({ note: 'investigative purposes' }).message).toBe(
      '“investigative purposes” does not name a specific investigation. Enter a case or incident number (for example 24-012345) or a suspect’s last name.',
    )
  })

  it('accepts the case number itself, and the words as a note beside a real case number', () => {
    expect(validatePurpose({ caseNumber: '24-0012' }, settings).text).toBe('Case 24-0012')
    expect(validatePurpose({ caseNumber: '24-012345', note: 'Investigation 24-001' }, settings).text).toBe('Case 24-012345: Investigation 24-001')
  })

  it('refuses a case number with a space where the format has none', () => {
    expect(refusal({ caseNumber: '24 012345' }).code).toBe('PURPOSE_TOO_VAGUE')
  })
})

describe('last names', () => {
  it.each(['Müller-Lüdenscheidt', 'Nuñez', "D'Angelo-Ruiz", 'Ó Súilleabháin', 'Van der Berg', 'Nguyễn'])('accepts %s', (name) => {
    expect(validatePurpose({ lastName: name }, settings).text).toBe(`Suspect last name ${name}`)
  })

  it.each([
    ['a year', 'Smith 1985'],
    ['a first name after a comma', 'Smith, John'],
    ['a leading hyphen', '-Smith'],
  ])('refuses a last name with %s', (_what, name) => {
    const error = refusal({ lastName: name })
    expect(error.code).toBe('PURPOSE_FORBIDDEN_CONTENT')
    expect(error.message).toBe(`“${name}” is not a last name. Enter only the suspect’s last name (letters, hyphens, apostrophes), with no other identifiers.`)
  })

  it.each(['Unknown', 'Suspect'])('refuses “%s”, which names no one', (name) => {
    expect(refusal({ lastName: name })).toMatchObject({ code: 'PURPOSE_TOO_VAGUE', message: `“${name}” is not a suspect’s last name. Enter a last name or a case number.` })
  })
})

describe('identifiers and criminal history are refused with what was found', () => {
  it.each([
    ['a date written with slashes', 'DOB 01/02/1980', 'a date of birth (“DOB”)'],
    ['an ISO date', 'seen on 2024-03-14', 'a date of birth (“2024-03-14”)'],
    ['a phone number with an area code in brackets', 'call (213) 555-0147', 'a phone number (“(213) 555-0147”)'],
    ['a phone number with dots', 'witness 213.555.0147', 'a phone number (“213.555.0147”)'],
    ['a phone number after “tel”', 'tel 2135550147', 'a phone number (“tel 2135550147”)'],
    ['CLETS', 'per CLETS return', 'CLETS- or NCIC-derived data (“CLETS”)'],
    ['CLETS in lower case', 'clets hit', 'CLETS- or NCIC-derived data (“clets”)'],
    ['an NCIC record', 'NCIC record shows stolen', 'CLETS- or NCIC-derived data (“NCIC”)'],
    ['“arrest”', 'arrest warrant', 'criminal history (arrests or convictions) (“arrest”)'],
    ['“arrested”', 'arrested last year', 'criminal history (arrests or convictions) (“arrested”)'],
    ['parole', 'subject on parole', 'supervision or registration status (criminal history) (“parole”)'],
  ])('refuses %s in the note', (_what, note, found) => {
    const error = refusal({ caseNumber: '24-012345', note })
    expect(error.code).toBe('PURPOSE_FORBIDDEN_CONTENT')
    expect(error.message).toBe(`Refused: the purpose contains ${found}. ${FORBIDDEN_TAIL}`)
    // The log keeps the kind of what was refused, never the identifier itself.
    expect(error.logMessage).toBe(`Refused: the purpose contains ${found.replace(/ \(“.*”\)$/, '')}.`)
  })

  it('refuses CLETS inside the case-number field too', () => {
    expect(refusal({ caseNumber: 'CLETS-2024-0001' }).message).toBe(`Refused: the purpose contains CLETS- or NCIC-derived data (“CLETS”). ${FORBIDDEN_TAIL}`)
  })

  it('refuses “Arrest” typed as a last name', () => {
    expect(refusal({ lastName: 'Arrest' }).code).toBe('PURPOSE_FORBIDDEN_CONTENT')
  })

  it('names every kind found when there are several', () => {
    const error = refusal({ caseNumber: '24-012345', note: 'arrested, DOB 1/2/1980, cell 213-555-0147' })
    expect(error.message).toContain('criminal history (arrests or convictions) (“arrested”)')
    expect(error.message).toContain('a date of birth')
    expect(error.message).toContain("a phone number (“cell 213-555-0147”)")
  })
})
