// Handlers: sharing with California public agencies (DOMAIN.md "Sharing"). A share goes request → decision by a
// second person → produced file in the exports ledger → (for e-mail) the original message kept. Records requests
// and subpoenas are logged and routed to an ALPR Administrator.
import { createHash, randomUUID } from 'node:crypto'
import type { RecordsRequest } from '../../../shared/models'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { AppError } from '../errors'
import { DAY } from '../clock'
import { ledgerEntry, newExportId, noteExport } from '../exports/ledger'
import { localDayEnd, startOfLocalDay } from '../local-time'
import type { RecordsRequestRow } from '../store/repositories/sharing'
import { REQUESTER_TYPE_LABELS } from '../../../shared/contract/sharing'
import { admissibleAgency } from './recipients'
import { describeSelection, MAX_SHARE_READS, selectionOf, shareCsv } from './share-file'

type SharingHandlers = Pick<
  Handlers,
  | 'sharing.agencies'
  | 'sharing.addAgency'
  | 'sharing.list'
  | 'sharing.request'
  | 'sharing.reads'
  | 'sharing.decide'
  | 'sharing.produce'
  | 'sharing.keepEmail'
  | 'sharing.recordsRequests'
  | 'sharing.logRecordsRequest'
  | 'sharing.closeRecordsRequest'
>

/** A request is due at the end of its due day (local time); overdue only from the next day. */
export const toRecordsRequest = (row: RecordsRequestRow, now: number): RecordsRequest => ({
  ...row,
  overdue: row.status === 'open' && localDayEnd(row.dueAt) <= now,
})
/** The largest message kept: an .eml with the CSV attached stays far below this. */
const MAX_MESSAGE_BYTES = 20 * 1024 * 1024

export function sharingHandlers({ store }: Services): SharingHandlers {
  const requireShare = async (id: string) => {
    const share = await store.sharing.share(id)
    if (!share) throw new AppError('NOT_FOUND', 'No share request with that id exists.')
    return share
  }

  return {
    'sharing.agencies': async () => store.sharing.agencies(),

    'sharing.addAgency': async (input, ctx) => {
      const type = admissibleAgency(input.type, input.state)
      const agency = await store.sharing.addAgency({
        id: randomUUID(),
        name: input.name,
        type,
        contactPhone: input.contactPhone,
        createdBy: ctx.user!.id,
        createdAt: ctx.now,
      })
      if (!agency) throw new AppError('CONFLICT', 'An agency with that name is already registered.')
      ctx.note({ agencyId: agency.id, agencyType: REQUESTER_TYPE_LABELS[type] })
      return agency
    },

    'sharing.list': async () => store.sharing.shares(),

    'sharing.request': async (input, ctx) => {
      const agency = await store.sharing.agency(input.agencyId)
      if (!agency) throw new AppError('NOT_FOUND', 'That agency is not in the registry. Register it first; only California public agencies can be registered.')
      const selection = selectionOf(input.selection)
      if ('plate' in selection && selection.to <= selection.from) {
        throw new AppError('INVALID_INPUT', 'The end date is before the start date.', { 'selection.to': 'On or after the start date' })
      }
      // The share names the reads that exist now; a range reaching past today would promise reads not yet made.
      if ('plate' in selection && selection.to > localDayEnd(ctx.now)) {
        throw new AppError('INVALID_INPUT', 'The end date is after today. A share can only carry reads that already exist.', { 'selection.to': 'Today or earlier' })
      }
      const reads = await store.sharing.selectReadIds(selection, MAX_SHARE_READS + 1)
      if (reads.length === 0) throw new AppError('NOT_FOUND', 'No reads match what was asked for, so there is nothing to share.')
      if (reads.length > MAX_SHARE_READS) {
        throw new AppError(
          'INVALID_INPUT',
          `More than ${MAX_SHARE_READS.toLocaleString('en-US')} reads match. Narrow the date range, or record several requests.`,
          { 'selection.from': `At most ${MAX_SHARE_READS.toLocaleString('en-US')} reads` },
        )
      }
      const share = await store.sharing.createShare({
        id: `SH-${randomUUID().slice(0, 8).toUpperCase()}`,
        agencyId: agency.id,
        requester: input.requester,
        requesterTitle: input.requesterTitle,
        purpose: ctx.purpose!,
        need: input.need,
        verification: input.verification,
        transfer: input.transfer,
        selection,
        requestedBy: ctx.user!.id,
        createdAt: ctx.now,
      }, reads)
      ctx.note({ shareId: share.id, agencyId: agency.id, items: reads.length })
      return share
    },

    'sharing.reads': async ({ shareId }, ctx) => {
      const share = await requireShare(shareId)
      const reads = await store.sharing.shareReads(share.id)
      ctx.note({ shareId, items: reads.length })
      return reads
    },

    'sharing.decide': async ({ shareId, approve, note }, ctx) => {
      const share = await requireShare(shareId)
      // Two people: whoever entered the request cannot also approve it.
      if (share.requestedBy === ctx.user!.id) {
        throw new AppError('CONFLICT', 'You entered this request, so another ALPR Administrator must approve or decline it.')
      }
      if (share.status !== 'pending') throw new AppError('CONFLICT', `This request was already ${share.status}.`)
      if (!(await store.sharing.decide(shareId, approve ? 'approved' : 'declined', ctx.user!.id, ctx.now, note))) {
        throw new AppError('CONFLICT', 'This request was decided by someone else in the meantime.')
      }
      ctx.note({ shareId, decision: approve ? 'approved' : 'declined' })
      return (await store.sharing.share(shareId))!
    },

    'sharing.produce': async ({ shareId }, ctx) => {
      const share = await requireShare(shareId)
      if (share.status !== 'approved') throw new AppError('CONFLICT', 'Only an approved share can be produced.')
      if (share.exportId) throw new AppError('CONFLICT', `This share was already produced as ${share.exportId}.`)
      // Exactly the reads named at request time and approved: never reads that arrived since.
      const reads = await store.sharing.shareReads(share.id)
      if (reads.length === 0) throw new AppError('NOT_FOUND', 'The reads of this share no longer exist (their retention period ended).')
      const deleted = share.itemCount - reads.length
      const exportId = newExportId(ctx.now)
      const { record, file } = ledgerEntry(
        ctx,
        {
          kind: 'share',
          format: 'csv',
          description:
            `Share ${share.id} with ${share.agencyName}: ${describeSelection(share.selection)}` +
            (deleted > 0 ? `; ${reads.length} of the ${share.itemCount} approved reads (${deleted} deleted by the retention purge before production)` : ''),
          itemCount: reads.length,
          fileName: deleted > 0 ? `${exportId}-share-${share.id}-${reads.length}-of-${share.itemCount}-reads.csv` : `${exportId}-share-${share.id}.csv`,
          bytes: Buffer.from(shareCsv(reads), 'utf8'),
          recipient: share.agencyName,
        },
        exportId,
      )
      // Claiming the share and writing its ledger entry are one transaction: two clicks make one file.
      if (!(await store.sharing.produce(share.id, record))) {
        throw new AppError('CONFLICT', 'This share was produced by someone else in the meantime.')
      }
      noteExport(ctx, record)
      ctx.note({ shareId: share.id, agencyId: share.agencyId, readsApproved: share.itemCount, readsDeletedSinceApproval: deleted })
      return file
    },

    'sharing.keepEmail': async ({ shareId, fileName, messageBase64 }, ctx) => {
      // The message's bytes never go to the access log: its size and digest stand for it.
      ctx.note({ messageBase64: '[kept encrypted in the store]' })
      const share = await requireShare(shareId)
      if (share.transfer !== 'email') throw new AppError('CONFLICT', 'This share was not sent by e-mail.')
      if (!share.exportId) throw new AppError('CONFLICT', 'Produce the shared file before keeping the message that carried it.')
      if (!/\.eml$/i.test(fileName)) {
        throw new AppError('INVALID_INPUT', 'Keep the original message as an .eml file (in the mail program: Save as, or drag the message out).', { fileName: 'An .eml file' })
      }
      const bytes = Buffer.from(messageBase64, 'base64')
      if (bytes.byteLength > MAX_MESSAGE_BYTES) throw new AppError('INVALID_INPUT', 'The message is larger than 20 MB.', { messageBase64: 'At most 20 MB' })
      const sha256 = createHash('sha256').update(bytes).digest('hex')
      const id = await store.sharing.keepEmail({
        shareId,
        fileName,
        message: bytes,
        sha256,
        storedBy: ctx.user!.id,
        storedAt: ctx.now,
        deleteAfter: ctx.now + ctx.settings.emailRetentionDays * DAY,
      })
      ctx.note({ shareId, emailId: id, size: bytes.byteLength, sha256 })
      return (await store.sharing.share(shareId))!
    },

    'sharing.recordsRequests': async (_input, ctx) => (await store.sharing.recordsRequests()).map((r) => toRecordsRequest(r, ctx.now)),

    'sharing.logRecordsRequest': async (input, ctx) => {
      const receivedAt = startOfLocalDay(input.receivedOn)
      const dueAt = startOfLocalDay(input.dueOn)
      if (dueAt < receivedAt) throw new AppError('INVALID_INPUT', 'The due date is before the date received.', { dueOn: 'On or after the date received' })
      // Routed to the custodian: the person logging it if they are an administrator, else the longest-serving one.
      const admins = (await store.users.list()).filter((u) => u.status === 'active' && u.roles.includes('administrator'))
      const assignee = admins.find((u) => u.id === ctx.user!.id) ?? admins.sort((a, b) => a.createdAt - b.createdAt)[0]
      if (!assignee) throw new AppError('CONFLICT', 'There is no active ALPR Administrator to route the request to.')
      const row = await store.sharing.logRecordsRequest({
        id: `RR-${randomUUID().slice(0, 8).toUpperCase()}`,
        kind: input.kind,
        receivedAt,
        requester: input.requester,
        asked: input.asked,
        dueAt,
        assignedTo: assignee.id,
        loggedBy: ctx.user!.id,
        createdAt: ctx.now,
      })
      ctx.note({ recordsRequestId: row.id, assignedTo: assignee.id })
      return toRecordsRequest(row, ctx.now)
    },

    'sharing.closeRecordsRequest': async ({ requestId, response }, ctx) => {
      const existing = await store.sharing.recordsRequest(requestId)
      if (!existing) throw new AppError('NOT_FOUND', 'No records request with that id exists.')
      if (!(await store.sharing.closeRecordsRequest(requestId, response, ctx.user!.id, ctx.now))) {
        throw new AppError('CONFLICT', 'This records request is already closed.')
      }
      return toRecordsRequest((await store.sharing.recordsRequest(requestId))!, ctx.now)
    },
  }
}
