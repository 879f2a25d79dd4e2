// Handlers: Policy settings: read and change within DOMAIN.md bounds (issue 6).
import type { Services } from '../app/services'

export function settingsHandlers(_services: Services) {
  return {}
}
