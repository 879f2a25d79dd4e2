// Handlers: Sharing with California public agencies, records requests, vendor contracts (issue 7).
import type { Services } from '../app/services'

export function sharingHandlers(_services: Services) {
  return {}
}
