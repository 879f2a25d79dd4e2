// Handlers: Retention runs and holds on reads (issue 7).
import type { Services } from '../app/services'

export function retentionHandlers(_services: Services) {
  return {}
}
