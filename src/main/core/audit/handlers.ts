// Handlers over the access log: filtered search, exports for auditors, and chain verification.
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { exportAccessLog } from './export'

type AccessLogHandlers = Pick<Handlers, 'accessLog.search' | 'accessLog.export' | 'accessLog.verify'>

export function accessLogHandlers({ store }: Services): AccessLogHandlers {
  return {
    'accessLog.search': ({ limit, beforeId, ...filter }) => store.accessLog.search(filter, limit, beforeId),
    'accessLog.export': ({ format, purpose: _purpose, ...filter }, ctx) => exportAccessLog(store, ctx, filter, format),
    'accessLog.verify': () => store.accessLog.verify(),
  }
}
