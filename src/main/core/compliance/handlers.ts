// Handlers: the compliance dashboard.
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { complianceDuties } from './dashboard'

export function complianceHandlers({ store }: Services): Pick<Handlers, 'compliance.dashboard'> {
  return {
    'compliance.dashboard': async (_input, ctx) => complianceDuties(store, ctx.settings, ctx.now),
  }
}
