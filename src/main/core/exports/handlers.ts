// Handlers: the exports ledger: what was downloaded, printed or shared, what is overdue for destruction,
// and the certificate of destruction, given once, under the certifier's own name.
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'

type ExportHandlers = Pick<Handlers, 'exports.list' | 'exports.mine' | 'exports.overdue' | 'exports.certifyDestruction'>

export function exportHandlers({ store }: Services): ExportHandlers {
  return {
    'exports.list': async ({ status, limit }, ctx) => store.exportLedger.list(ctx.now, status, limit),

    // Any signed-in person: only their own items, so the shell can remind them of deadlines.
    'exports.mine': async (_input, ctx) => store.exportLedger.openFor(ctx.user!.id, ctx.now),

    'exports.overdue': async (_input, ctx) => store.exportLedger.list(ctx.now, 'overdue', 1000),

    'exports.certifyDestruction': async ({ exportId, note }, ctx) => {
      const item = await store.exportLedger.get(exportId, ctx.now)
      if (!item) throw new AppError('NOT_FOUND', 'No export with that id is in the ledger.')
      if (item.destroyedAt !== null) {
        throw new AppError('CONFLICT', `The destruction of ${exportId} was already certified; a certificate is given once.`)
      }
      if (!(await store.exports.certifyDestruction(exportId, ctx.user!.id, ctx.now, note))) {
        throw new AppError('CONFLICT', `The destruction of ${exportId} was already certified; a certificate is given once.`)
      }
      ctx.note({ exportId })
      return (await store.exportLedger.get(exportId, ctx.now))!
    },
  }
}
