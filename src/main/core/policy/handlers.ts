// Handlers: The public policy document, transparency report and compliance dashboard (issue 7).
import type { Services } from '../app/services'

export function policyHandlers(_services: Services) {
  return {}
}
