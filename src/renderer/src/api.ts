// Typed access to `window.alpr`, the only way the renderer reaches the application core.
// The preload (Electron) or the harness bridge (browser tests) defines it; its type comes from the contract.
import type { AlprApi } from '../../shared/contract'
import type { AppErrorData, ErrorCode, Result } from '../../shared/errors'

declare global {
  interface Window {
    alpr: AlprApi
  }
}

export type { AppErrorData, ErrorCode, Result }

/** Whether the page runs inside the application (preload or harness bridge present). */
export function apiAvailable(): boolean {
  return typeof window !== 'undefined' && typeof window.alpr === 'object' && window.alpr !== null
}

export function alpr(): AlprApi {
  return window.alpr
}

/** A refusal made up on this side (for example, two passwords that differ); never sent anywhere. */
export function localError(message: string, details?: Record<string, string>): AppErrorData {
  return details ? { code: 'INVALID_INPUT', message, details } : { code: 'INVALID_INPUT', message }
}

/** A call that threw instead of answering a Result (a broken bridge): shown like any other failure. */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await call()
    if (result && typeof result === 'object' && 'ok' in result) return result
    return { ok: false, error: { code: 'INTERNAL', message: 'The application core gave an answer this screen cannot read.' } }
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The connection to the application core failed.' } }
  }
}
