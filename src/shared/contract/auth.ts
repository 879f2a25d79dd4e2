// Channels of signing in and out: password plus TOTP, the idle lock, and the current session.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { SessionInfo } from '../models'

export const authChannels = {
  'auth.session': channel<SessionInfo | null>()({
    summary: 'The session bound to this window, if any (does not count as activity).',
    input: noInput,
    access: 'public',
    touchesSession: false,
  }),
  'auth.signIn': channel<SessionInfo>()({
    summary: 'Sign in with username, password and a current authenticator code, after acknowledging the banner.',
    input: z.strictObject({
      username: f.username,
      password: f.password,
      code: f.totpCode,
      bannerAcknowledged: z.literal(true),
    }),
    access: 'public',
  }),
  'auth.unlock': channel<SessionInfo>()({
    summary: 'Unlock a session locked after inactivity, with the same user’s password and a new code.',
    input: z.strictObject({ password: f.password, code: f.totpCode }),
    access: 'public',
  }),
  'auth.activity': channel<SessionInfo>()({
    summary: 'The person at the window is working (keyboard or pointer input): resets the idle lock.',
    input: noInput,
    access: 'session',
  }),
  'auth.signOut': channel<null>()({
    summary: 'End the session bound to this window.',
    input: noInput,
    access: 'public',
  }),
}
