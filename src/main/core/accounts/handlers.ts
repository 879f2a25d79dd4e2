// Handlers: Account lifecycle and the annual access review (issue 6).
import type { Services } from '../app/services'

export function accountHandlers(_services: Services) {
  return {}
}
