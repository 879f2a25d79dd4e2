// Checks and secrets shared by every way an account comes into being (first-run setup, an administrator
// creating a user, an approved account request): the job classification, the password rules, the training
// date, the hash and a pending authenticator secret.
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import { addMonths } from '../clock'
import { localDate, localNoon } from '../local-time'
import { hashPassword } from '../auth/password'
import { passwordProblems } from '../auth/password-policy'
import { newTotpSecret } from '../auth/totp'
import type { Settings } from '../settings/definitions'
import type { Store } from '../store'

export interface AccountFields {
  username: string
  displayName: string
  password: string
  trainingCompletedOn: string
}

/** A new account's job classification must be on the authorized list. */
export async function requireAuthorizedClassification(store: Store, classification: string): Promise<void> {
  const known = (await store.accounts.classifications()).find((c) => c.name === classification)
  if (!known?.authorized) {
    throw new AppError(
      'CLASSIFICATION_NOT_AUTHORIZED',
      `“${classification}” is not on the list of job classifications authorized for ALPR access. Add it on the Access reviews tab first, or choose an authorized one.`,
    )
  }
}

export async function prepareAccount(fields: AccountFields, settings: Settings, now: number) {
  const problems = passwordProblems(fields.password, fields)
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', undefined, { password: problems.join(' ') })
  // A training today counts as of now (its local noon may still be ahead).
  const trainingCompletedAt = Math.min(localNoon(fields.trainingCompletedOn), now)
  if (fields.trainingCompletedOn > localDate(now)) {
    throw new AppError('INVALID_INPUT', undefined, { trainingCompletedOn: 'The training date cannot be in the future.' })
  }
  if (addMonths(trainingCompletedAt, settings.trainingValidityMonths) <= now) {
    throw new AppError('INVALID_INPUT', undefined, {
      trainingCompletedOn: `Training older than ${settings.trainingValidityMonths} months has expired; record current training.`,
    })
  }
  return {
    id: randomUUID(),
    passwordHash: await hashPassword(fields.password),
    totpPendingSecret: newTotpSecret(),
    trainingCompletedAt,
    trainingCourse: 'ALPR system use and privacy training',
  }
}

export const enrollmentIssuer = (settings: Settings): string => `ALPR (${settings.agencyName})`.slice(0, 60)
