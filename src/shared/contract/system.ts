// Channels anyone at the workstation may call before signing in: status, banner and first-run setup.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { Enrollment, SessionInfo, SystemStatus } from '../models'

export const systemChannels = {
  'system.status': channel<SystemStatus>()({
    summary: 'Whether first-run setup is needed, this workstation’s identity and approval, the use-of-system banner.',
    input: noInput,
    access: 'public',
    touchesSession: false,
  }),
  'setup.begin': channel<Enrollment>()({
    summary: 'First run: propose the first ALPR Administrator and receive the authenticator enrollment.',
    input: z.strictObject({
      agencyName: f.agencyName,
      username: f.username,
      displayName: f.personName,
      agency: f.agencyName,
      unit: f.unitName,
      password: f.password,
      trainingCompletedOn: f.isoDate,
    }),
    access: 'public',
  }),
  'setup.complete': channel<SessionInfo>()({
    summary: 'First run: confirm the enrollment with one valid code; creates the administrator, approves this workstation and signs in.',
    input: z.strictObject({ code: f.totpCode, bannerAcknowledged: z.literal(true) }),
    access: 'public',
  }),
}
