// Handlers of hit verification (hits.*). Placeholder until the hot-list work lands.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'

type HitChannels = 'hits.get' | 'hits.acknowledge' | 'hits.check' | 'hits.dispose'

export function hitHandlers(_services: Services): Pick<Handlers, HitChannels> {
  const notYet = async (): Promise<never> => {
    throw new AppError('INTERNAL', 'Hit verification is not available yet.')
  }
  return { 'hits.get': notYet, 'hits.acknowledge': notYet, 'hits.check': notYet, 'hits.dispose': notYet }
}
