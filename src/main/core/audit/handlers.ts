// Handlers over the access log: recent entries and chain verification.
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'

type AccessLogHandlers = Pick<Handlers, 'accessLog.list' | 'accessLog.verify'>

export function accessLogHandlers({ store }: Services): AccessLogHandlers {
  return {
    'accessLog.list': ({ limit, beforeId }) => store.accessLog.list(limit, beforeId),
    'accessLog.verify': () => store.accessLog.verify(),
  }
}
