// Typed failures of recognition and capture: a code a caller can branch on and a sentence a person can read.
export type RecognitionErrorCode =
  | 'NOT_FOUND'
  | 'UNSUPPORTED_INPUT'
  | 'CORRUPT_INPUT'
  | 'MODEL_LOAD_FAILED'
  | 'WORKER_DIED'
  | 'WORKER_BUSY'
  | 'WORKER_CLOSED'
  | 'CAPTURE_FAILED'
  | 'INTERNAL'

export class RecognitionError extends Error {
  readonly code: RecognitionErrorCode

  constructor(code: RecognitionErrorCode, message: string) {
    super(message)
    this.name = 'RecognitionError'
    this.code = code
  }

  static is(error: unknown, code?: RecognitionErrorCode): error is RecognitionError {
    return error instanceof RecognitionError && (code === undefined || error.code === code)
  }
}
