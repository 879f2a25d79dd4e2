// Handlers of a read's detail, its correction and exports of selected reads. Each is an access to ALPR
// information: the guard has checked the purpose and logs the call; these handlers add what was seen or changed.
import { rolesGrant } from '../../../shared/roles'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { AppError } from '../errors'
import { toReadDetail } from './detail'
import { exportReads } from './export'

type ReadChannels = 'reads.detail' | 'reads.correct' | 'reads.export'

const notFound = () => new AppError('NOT_FOUND', 'This read does not exist. Retention may have deleted it.')

export function readHandlers({ store }: Services): Pick<Handlers, ReadChannels> {
  return {
    'reads.detail': async (input, ctx) => {
      const record = await store.readDetails.get(input.readId, rolesGrant(ctx.user!.roles, 'alerts.covert'))
      if (!record) throw notFound()
      ctx.note({ readPlate: record.plate, hitIds: record.hits.map((h) => h.id), corrections: record.corrections.length })
      return toReadDetail(record)
    },

    'reads.correct': async (input, ctx) => {
      if (input.plate === undefined && input.state === undefined) {
        throw new AppError('INVALID_INPUT', 'Enter the corrected characters or the corrected state.', { plate: 'Enter the corrected characters or state.' })
      }
      const outcome = await store.readDetails.correct({
        readId: input.readId,
        plate: input.plate,
        state: input.state,
        reason: input.reason,
        by: ctx.user!.id,
        at: ctx.now,
      })
      if (outcome.kind === 'missing') throw notFound()
      if (outcome.kind === 'unchanged') {
        throw new AppError('INVALID_INPUT', 'The correction is the same as the read: nothing to correct.', { plate: 'The same as the read.' })
      }
      // Both values in the log (the policy's data-accuracy duty): what the read said and what it says now.
      ctx.note({
        correctionId: outcome.correctionId,
        originalPlate: outcome.original.plate,
        originalState: outcome.original.state,
        correctedPlate: outcome.corrected.plate,
        correctedState: outcome.corrected.state,
      })
      const record = await store.readDetails.get(input.readId, rolesGrant(ctx.user!.roles, 'alerts.covert'))
      if (!record) throw notFound()
      return toReadDetail(record)
    },

    'reads.export': async (input, ctx) => exportReads(store, ctx, input.readIds, rolesGrant(ctx.user!.roles, 'alerts.covert'), input.format),
  }
}
