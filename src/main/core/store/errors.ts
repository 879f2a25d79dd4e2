// Failures of opening the encrypted store, each with a sentence an operator can act on.

export type StoreErrorCode =
  | 'KEY_MISSING'
  | 'KEY_WRONG'
  | 'KEY_UNPROTECTED'
  | 'KEY_UNREADABLE'
  | 'KEY_INVALID'
  | 'MIGRATION_FAILED'
  | 'OPEN_FAILED'

export class StoreOpenError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreOpenError'
  }
}
