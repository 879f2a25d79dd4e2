// Channels of user administration for this foundation: create with roles, enroll, reset TOTP, release lockouts.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { Enrollment, UserRecord } from '../models'

export const userChannels = {
  'users.list': channel<UserRecord[]>()({
    summary: 'Every account with its roles, status, lockout and enrollment state.',
    input: noInput,
    access: 'users.read',
  }),
  'users.create': channel<Enrollment>()({
    summary: 'Create an account with roles, an authorized job classification and an initial password; returns the authenticator enrollment to finish in person.',
    input: z.strictObject({
      username: f.username,
      displayName: f.personName,
      agency: f.agencyName,
      unit: f.unitName,
      roles: f.roles,
      password: f.password,
      trainingCompletedOn: f.isoDate,
      /** Job classification; must be on the authorized list (DOMAIN.md, "People and roles"). */
      classification: z.string().trim().min(2, 'Choose the person’s job classification.').max(80),
    }),
    access: 'users.manage',
  }),
  'users.confirmEnrollment': channel<UserRecord>()({
    summary: 'Finish an authenticator enrollment with one valid code from the user’s device.',
    input: z.strictObject({ userId: f.recordId, code: f.totpCode }),
    access: 'users.manage',
  }),
  'users.resetTotp': channel<Enrollment>()({
    summary: 'Replace a user’s authenticator; the old one stops working at once.',
    input: z.strictObject({ userId: f.recordId }),
    access: 'users.manage',
  }),
  'users.releaseLockout': channel<UserRecord>()({
    summary: 'Release an account locked after failed sign-ins.',
    input: z.strictObject({ userId: f.recordId }),
    access: 'users.manage',
  }),
}
