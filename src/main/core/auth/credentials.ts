// The second and first factor together: password (scrypt) and a one-time authenticator code.
// Every failure counts toward the lockout; a code is accepted once, even by two racing sign-ins.
import { AppError } from '../errors'
import type { Services } from '../app/services'
import type { Settings } from '../settings/definitions'
import type { UserRow } from '../store/repositories/users'
import { verifyPassword } from './password'
import { verifyTotp } from './totp'

export async function checkCredentials(
  { store }: Services,
  user: UserRow,
  password: string,
  code: string,
  now: number,
  settings: Settings,
): Promise<void> {
  if (user.lockedAt !== null) throw new AppError('ACCOUNT_LOCKED')
  const passwordOk = await verifyPassword(password, user.passwordHash)
  if (passwordOk && user.totpSecret === null) throw new AppError('TOTP_NOT_ENROLLED')
  const step = passwordOk && user.totpSecret ? await verifyTotp(user.totpSecret, code, now) : null
  if (!passwordOk || step === null) {
    const windowStart = now - settings.lockoutWindowMinutes * 60_000
    const { locked, failures } = await store.users.recordSignInFailure(user.id, now, windowStart, settings.lockoutThreshold)
    if (locked) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `This account is now locked after ${failures} failed sign-ins within ${settings.lockoutWindowMinutes} minutes. An ALPR Administrator must release it.`,
      )
    }
    throw new AppError('INVALID_CREDENTIALS')
  }
  if (!(await store.users.claimTotpStep(user.id, step))) throw new AppError('CODE_ALREADY_USED')
  await store.users.clearSignInFailures(user.id)
}
