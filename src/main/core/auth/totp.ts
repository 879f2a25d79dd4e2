// Authenticator codes (RFC 6238, 30-second steps, six digits) with a window of one step either side.
// Verification returns the time step used, so the caller can make each code usable only once.
import { generate, generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'
import type { Enrollment } from '../../../shared/models'

export const TOTP_PERIOD_SECONDS = 30
/** Seconds of tolerance: one step before or after the current one. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS

export const newTotpSecret = (): string => generateSecret()

export async function buildEnrollment(
  secret: string,
  account: { userId: string | null; username: string; issuer: string },
): Promise<Enrollment> {
  const otpauthUri = generateURI({ issuer: account.issuer, label: account.username, secret })
  const qrDataUrl = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
  return { userId: account.userId, username: account.username, secret, otpauthUri, qrDataUrl }
}

/** Returns the time step of a valid code, or null; the caller claims the step so a code works once. */
export async function verifyTotp(secret: string, code: string, nowMs: number): Promise<number | null> {
  const epoch = Math.floor(nowMs / 1000)
  const result = await verify({ secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS })
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null
}

/** The code an authenticator shows at `nowMs` (tests and the demo seed use it). */
export const totpCodeAt = (secret: string, nowMs: number): Promise<string> =>
  generate({ secret, epoch: Math.floor(nowMs / 1000) })
