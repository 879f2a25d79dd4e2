// The typed refusal used throughout core. It crosses worker boundaries as plain data and reaches the
// renderer as { code, message }; anything else thrown is an internal failure and is never shown raw.
import { type AppErrorData, type ErrorCode, errorData } from '../../shared/errors'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, string> | undefined
  /** What the access log records instead of the message, when the message quotes input that must not be kept. */
  readonly logMessage: string | undefined

  constructor(code: ErrorCode, message?: string, details?: Record<string, string>, logMessage?: string) {
    const data = errorData(code, message, details)
    super(data.message)
    this.name = 'AppError'
    this.code = code
    this.details = details
    this.logMessage = logMessage
  }

  toData(): AppErrorData {
    return errorData(this.code, this.message, this.details)
  }

  static isAppError(error: unknown): error is AppError {
    return error instanceof AppError
  }
}
