// A one-channel contract that accesses ALPR information (a plate search), served by the real guard over
// a real core's store. The guard is generic, so this is how purpose checking is exercised before the
// product's own search channels exist.
import { z } from 'zod'
import { channel } from '../../src/shared/contract/define'
import { withPurpose } from '../../src/shared/contract/purpose'
import type { Core } from '../../src/main/core/app/create-core'
import { createDispatcher, type Dispatch } from '../../src/main/core/access/guard'
import { SessionManager } from '../../src/main/core/auth/sessions'
import type { Clock } from '../../src/main/core/clock'
import { APP_ORIGIN } from './lab'

export const searchContract = {
  'reads.search': channel<{ plate: string; purpose: string | null }>()({
    summary: 'Search reads of a plate (test channel).',
    input: withPurpose({ plate: z.string().min(2).max(10) }),
    access: 'reads.search',
    alprAccess: true,
  }),
}

export interface SearchDesk {
  dispatch: Dispatch
  /** The session manager this dispatcher consults (separate from the core's own). */
  sessions: SessionManager
}

export function searchDesk(core: Core, clock: Clock): SearchDesk {
  const sessions = new SessionManager()
  const dispatch = createDispatcher(
    searchContract,
    { 'reads.search': async (input: { plate: string }, ctx) => ({ plate: input.plate, purpose: ctx.purpose }) },
    { store: core.store, clock, sessions, deviceId: core.device.id, appOrigin: APP_ORIGIN },
  )
  return { dispatch, sessions }
}
