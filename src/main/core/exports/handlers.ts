// Handlers: The exports ledger (issue 7).
import type { Services } from '../app/services'

export function exportHandlers(_services: Services) {
  return {}
}
