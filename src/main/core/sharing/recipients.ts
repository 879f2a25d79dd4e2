// Who ALPR information may go to (Civil Code 1798.90.55(b)): only a public agency as 1798.90.5(f) defines it,
// "the state, any city, county, or city and county, or any agency or political subdivision" of them. So a
// federal agency, an agency of another state or country, a private company, or a vendor passing data on is
// refused, each with the reason. A district (school, community college, transit, port) is a political
// subdivision of the state and qualifies; San Francisco, a city and county, registers as a city agency.
import type { AgencyType, RequesterType } from '../../../shared/models'
import { AppError } from '../errors'

const REFUSALS: Partial<Record<RequesterType, string>> = {
  federal_agency:
    'Refused: a federal agency is not a California public agency. Civil Code 1798.90.55(b) allows ALPR information to be shared only with California public agencies, so it cannot be shared with any federal agency, directly or through another party.',
  private_entity:
    'Refused: a private company or person is not a public agency. Civil Code 1798.90.55(b) forbids selling, sharing or transferring ALPR information except to a California public agency.',
  vendor:
    'Refused: a vendor is not a public agency, and sharing through a vendor is still sharing with whoever the vendor passes the data to. Civil Code 1798.90.55(b) allows ALPR information to go only to a California public agency; register that agency itself.',
}

/** The registered type, or an AppError saying why this requester can never receive ALPR information. */
export function admissibleAgency(type: RequesterType, state: string): AgencyType {
  const refusal = REFUSALS[type]
  if (refusal) throw new AppError('SHARE_RECIPIENT_NOT_ALLOWED', refusal)
  if (state !== 'CA') {
    throw new AppError(
      'SHARE_RECIPIENT_NOT_ALLOWED',
      `Refused: an agency of another state or country (${state}) is not a California public agency. Civil Code 1798.90.55(b) allows ALPR information to be shared only with the State of California, its counties and cities, and their agencies.`,
    )
  }
  return type as AgencyType
}
