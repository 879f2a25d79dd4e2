// Handlers: Audits and misuse flags (issue 6).
import type { Services } from '../app/services'

export function auditHandlers(_services: Services) {
  return {}
}
