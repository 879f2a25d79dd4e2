// Handlers of hit verification (hits.*), DOMAIN.md "Hot lists and hits": a hit is never actionable on its
// own. The dispatcher sees the read's images beside the hot-list record, records each check as its own call
// (so each is its own access-log entry), then a final disposition. A covert list's hit answers NOT_FOUND to
// anyone whose role does not grant alerts.covert, exactly as a missing hit does.
import { AppError } from '../errors'
import type { Handlers, HandlerContext } from '../access/types'
import type { Services } from '../app/services'
import { seesCovertHits } from './matcher'

type HitChannels = 'hits.get' | 'hits.acknowledge' | 'hits.check' | 'hits.dispose'

/** Every hit channel needs a session, so the guard has set the user. */
const viewer = (ctx: HandlerContext) => {
  if (!ctx.user) throw new AppError('NOT_AUTHENTICATED')
  return { userId: ctx.user.id, seeCovert: seesCovertHits(ctx.user.roles) }
}

export function hitHandlers(services: Services): Pick<Handlers, HitChannels> {
  const { store, live } = services
  return {
    'hits.get': async ({ hitId }, ctx) => {
      const hit = await store.hits.detail(hitId, viewer(ctx).seeCovert)
      if (!hit) throw new AppError('NOT_FOUND', 'That hit does not exist.')
      ctx.note({ hitId, readId: hit.readId })
      return hit
    },
    'hits.acknowledge': async ({ hitId }, ctx) => {
      const { userId, seeCovert } = viewer(ctx)
      const hit = await store.hits.acknowledge(hitId, seeCovert, userId, ctx.now)
      ctx.note({ hitId, readId: hit.readId })
      live.notify()
      return hit
    },
    'hits.check': async ({ hitId, check, passed, result }, ctx) => {
      const { userId, seeCovert } = viewer(ctx)
      const hit = await store.hits.check(hitId, seeCovert, check, passed, result || null, userId, ctx.now)
      ctx.note({ hitId, readId: hit.readId })
      live.notify()
      return hit
    },
    'hits.dispose': async ({ hitId, disposition, note }, ctx) => {
      const { userId, seeCovert } = viewer(ctx)
      const hit = await store.hits.dispose(hitId, seeCovert, disposition, note || null, userId, ctx.now)
      ctx.note({ hitId, readId: hit.readId })
      live.notify()
      return hit
    },
  }
}
