// Handlers of the live feed (live.feed). Placeholder until the capture work lands.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'

export function liveHandlers(_services: Services): Pick<Handlers, 'live.feed'> {
  return {
    'live.feed': async () => {
      throw new AppError('INTERNAL', 'The live feed is not available yet.')
    },
  }
}
