// Handlers of plate search: the purpose check before any access, the cameras for the filters, and the search.
// The guard has already checked the purpose of every search and writes the access log; these handlers add what
// the search found (counts and the ids returned) to that entry.
import { rolesGrant } from '../../../shared/roles'
import { SEARCH_COUNT_CAP } from '../../../shared/contract/search'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { validatePurpose } from '../access/purpose'
import { AppError } from '../errors'
import { jpegDataUrl } from '../reads/images'
import { decodeCursor, encodeCursor } from './cursor'

type SearchChannels = 'purpose.check' | 'purpose.format' | 'search.cameras' | 'search.reads'

export function searchHandlers({ store }: Services): Pick<Handlers, SearchChannels> {
  return {
    'purpose.check': async (input, ctx) => {
      const user = ctx.user!
      if (!rolesGrant(user.roles, 'reads.search') && !rolesGrant(user.roles, 'footage.review')) throw new AppError('PERMISSION_DENIED')
      const purpose = validatePurpose(input.purpose, ctx.settings)
      ctx.note({ purposeChecked: purpose.text })
      return { caseNumber: purpose.caseNumber, lastName: purpose.lastName, note: purpose.note, text: purpose.text }
    },

    'purpose.format': async (_input, ctx) => ({ caseNumberExample: ctx.settings.caseNumberExample }),

    'search.cameras': async () =>
      (await store.search.cameras()).map((c) => ({
        id: c.id,
        name: c.name,
        kind: c.kind,
        location: c.location,
        latitude: c.latitude,
        longitude: c.longitude,
        enabled: c.enabled,
      })),

    'search.reads': async (input, ctx) => {
      const sort = input.sort ?? (input.similar !== undefined ? 'similarity' : 'newest')
      const after = input.cursor ? decodeCursor(sort, input.cursor) : null
      const answer = await store.search.search({
        plate: input.plate,
        pattern: input.pattern,
        similar: input.similar,
        from: input.from,
        to: input.to,
        cameraIds: input.cameraIds,
        near: input.near,
        minConfidence: input.minConfidence,
        hits: input.hits,
        covert: rolesGrant(ctx.user!.roles, 'alerts.covert'),
        sort,
        limit: input.limit,
        after,
        // The count is for the first page; later pages go on from the cursor.
        countCap: after ? undefined : SEARCH_COUNT_CAP,
      })
      const ids = answer.rows.map((r) => r.id)
      ctx.note({
        // The plate elements as searched (capitals, no spaces or dashes), which audits filter on.
        ...(input.plate !== undefined ? { plate: input.plate } : {}),
        ...(input.pattern !== undefined ? { pattern: input.pattern } : {}),
        ...(input.similar !== undefined ? { similar: input.similar } : {}),
        hits: input.hits,
        sort,
        page: after ? 'next' : 'first',
        resultCount: ids.length,
        ...(answer.count !== null ? { matchCount: answer.countCapped ? `${SEARCH_COUNT_CAP}+` : answer.count } : {}),
        // Every id shown (a page holds at most SEARCH_PAGE_MAX), so an audit can tell which reads were seen.
        readIds: ids,
      })
      return {
        reads: answer.rows.map((r) => ({ ...r, crop: jpegDataUrl(r.crop) })),
        nextCursor: answer.next ? encodeCursor(sort, answer.next) : null,
        hasMore: answer.next !== null,
        count: answer.count,
        countCapped: answer.countCapped,
      }
    },
  }
}
