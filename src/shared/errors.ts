// Every refusal the app can give, as a stable code plus the sentence a person reads.
// Shared by main (which raises them) and the renderer (which shows them); no logic lives here.

export const ERROR_SENTENCES = {
  BAD_SENDER: 'This request did not come from the application window and was refused.',
  UNKNOWN_CHANNEL: 'The application asked for something that does not exist.',
  NOT_AUTHENTICATED: 'You are not signed in. Sign in with your password and authenticator code.',
  SESSION_LOCKED: 'Your session is locked after inactivity. Enter your password and a new code to continue.',
  SESSION_EXPIRED: 'Your session reached its maximum length and has ended. Sign in again.',
  DEVICE_NOT_APPROVED:
    'This workstation is not approved as an agency-issued machine. An ALPR Administrator must approve it before anyone can sign in here.',
  DEVICE_REVOKED: 'This workstation’s approval has been revoked. Contact the ALPR Administrator.',
  PERMISSION_DENIED: 'Your role does not allow this action.',
  ACCOUNT_INACTIVE: 'Your account is not active. Contact the ALPR Administrator.',
  ACCOUNT_SUSPENDED: 'Your account is suspended. Re-activation requires the ALPR Administrator and renewed training.',
  TRAINING_EXPIRED: 'Your ALPR training has expired. Complete training again before using the system.',
  REVIEW_EXPIRED: 'Your annual access review has lapsed. The ALPR Administrator must review your access.',
  PURPOSE_REQUIRED: 'This is an access to ALPR information. Enter a case or incident number, or a suspect’s last name.',
  PURPOSE_TOO_VAGUE: 'A purpose needs a case or incident number, or a suspect’s last name.',
  PURPOSE_FORBIDDEN_CONTENT:
    'A purpose must not contain criminal history, CLETS-derived data or personal identifiers beyond a last name.',
  INVALID_INPUT: 'Some of the information entered is not valid.',
  BANNER_NOT_ACKNOWLEDGED: 'You must acknowledge the use-of-system notice before signing in.',
  INVALID_CREDENTIALS: 'The username, password or authenticator code is not correct.',
  CODE_ALREADY_USED: 'That authenticator code was already used. Wait for the next code.',
  ACCOUNT_LOCKED:
    'This account is locked after repeated failed sign-ins. An ALPR Administrator must release it.',
  TOTP_NOT_ENROLLED: 'This account has no authenticator enrolled yet. An ALPR Administrator must enroll it.',
  WEAK_PASSWORD: 'The password does not meet the agency’s password rules.',
  USERNAME_TAKEN: 'That username is already in use.',
  NOT_FOUND: 'The requested record does not exist.',
  SETUP_ALREADY_DONE: 'This system is already set up.',
  SETUP_REQUIRED: 'This system has not been set up yet.',
  ENROLLMENT_NOT_STARTED: 'No authenticator enrollment is in progress. Start again.',
  CONFLICT: 'The request conflicts with the current state of the record.',
  SECOND_PERSON_REQUIRED:
    'A different person must approve this: whoever performed an audit cannot also approve it.',
  CLASSIFICATION_NOT_AUTHORIZED:
    'Your job classification is not authorized for ALPR access. Re-apply through the ALPR Administrator and complete training again.',
  SETTING_OUT_OF_RANGE: 'That value is outside the range the agency’s policy allows for this setting.',
  TRAINING_REQUIRED: 'A training record completed after the suspension is required before the account can be re-activated.',
  SHARE_RECIPIENT_NOT_ALLOWED:
    'ALPR information may be shared only with a California public agency: the state, a county, a city, or one of their agencies (Civil Code 1798.90.55(b)).',
  HIT_NOT_VERIFIED:
    'A hit can be confirmed only after the plate characters were matched visually, the state was matched and the vehicle was re-checked through CLETS/NCIC, each with a pass.',
  HIT_ALREADY_DISPOSED: 'This hit already has a disposition. A disposition is final, and the hit’s checks can no longer change.',
  FILE_REFUSED: 'The file was refused; nothing was changed.',
  INTERNAL: 'Something went wrong inside the application. The failure was recorded.',
} as const

export type ErrorCode = keyof typeof ERROR_SENTENCES

export interface AppErrorData {
  code: ErrorCode
  /** The sentence to show; may be more specific than the default for its code. */
  message: string
  /** Field-level details for INVALID_INPUT and the like: path → problem. */
  details?: Record<string, string>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export function errorData(code: ErrorCode, message?: string, details?: Record<string, string>): AppErrorData {
  return details
    ? { code, message: message ?? ERROR_SENTENCES[code], details }
    : { code, message: message ?? ERROR_SENTENCES[code] }
}
