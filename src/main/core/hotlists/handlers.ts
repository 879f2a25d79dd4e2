// Handlers of hot-list management (hotlists.*): lists and settings, CSV validation and import (new list or
// atomic replacement), manual entries. Counts and ids go to the access log; the file's bytes never do.
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { Handlers, HandlerContext } from '../access/types'
import type { Services } from '../app/services'
import type { HotListRecord } from '../../../shared/models'
import { HOT_LIST_STALE_MS } from '../../../shared/contract/hotlists'
import { DAY } from '../clock'
import { lastMomentOfLocalDay } from '../local-time'
import type { HotListRow } from '../store/repositories/hot-lists'
import { readHotListCsv } from './import-csv'
import { MAX_SOURCE_REF, MAX_VEHICLE, checkPlate, checkState, checkText, looksLikeFormula } from './entry-fields'

type HotListChannels =
  | 'hotlists.list'
  | 'hotlists.entries'
  | 'hotlists.validateImport'
  | 'hotlists.import'
  | 'hotlists.create'
  | 'hotlists.update'
  | 'hotlists.addEntry'
  | 'hotlists.removeEntry'

export function toHotListRecord(row: HotListRow, ctx: Pick<HandlerContext, 'now' | 'settings'>): HotListRecord {
  const effectiveRetentionDays = row.retentionDays ?? ctx.settings.hotListRetentionDays
  const ageMs = Math.max(0, ctx.now - row.refreshedAt)
  return {
    ...row,
    effectiveRetentionDays,
    ageMs,
    // A file list is an extract of another system: a day without a refresh means it may be out of date.
    stale: row.kind === 'file' && ageMs > HOT_LIST_STALE_MS,
    expiresAt: row.refreshedAt + effectiveRetentionDays * DAY,
  }
}

const decode = (base64: string): Buffer => Buffer.from(base64, 'base64')

export function hotListHandlers({ store }: Services): Pick<Handlers, HotListChannels> {
  const requireList = async (id: string) => {
    const row = await store.hotLists.get(id)
    if (!row) throw new AppError('NOT_FOUND', 'No hot list with that id exists.')
    return row
  }
  const record = async (id: string, ctx: HandlerContext) => toHotListRecord((await requireList(id)), ctx)

  return {
    'hotlists.list': async (_input, ctx) => (await store.hotLists.list()).map((r) => toHotListRecord(r, ctx)),

    'hotlists.entries': async ({ listId, plate, limit, offset }, ctx) => {
      await requireList(listId)
      const search = plate.toUpperCase().replace(/[^A-Z0-9]/g, '')
      ctx.note({ listId })
      return store.hotLists.entries(listId, search, limit, offset)
    },

    'hotlists.validateImport': async ({ fileName, fileBase64 }, ctx) => {
      const { report } = await readHotListCsv(fileName, decode(fileBase64), ctx.now)
      ctx.note({ sha256: report.sha256, rowsAccepted: report.accepted, rowsRejected: report.rejected })
      return report
    },

    'hotlists.import': async ({ fileName, fileBase64, sha256, replaceListId, newList }, ctx) => {
      const { report, entries } = await readHotListCsv(fileName, decode(fileBase64), ctx.now)
      if (report.sha256 !== sha256) {
        throw new AppError('CONFLICT', 'This is not the file that was checked. Check the file again before importing it.')
      }
      if (entries.length === 0) throw new AppError('FILE_REFUSED', 'No row of the file could be accepted, so no list was changed. Correct the rows in the report and import again.')
      if (replaceListId) {
        const existing = await requireList(replaceListId)
        if (existing.kind !== 'file') throw new AppError('CONFLICT', 'A manual list is kept entry by entry; import the file as a new list instead.')
      }
      const by = ctx.user!.id
      const rows = entries.map((e) => ({ ...e, createdAt: ctx.now, addedBy: by }))
      const listId = replaceListId ?? randomUUID()
      const target = replaceListId ? { listId } : { newList: { ...newList!, id: listId, kind: 'file' as const, createdAt: ctx.now, createdBy: by } }
      const replacedEntries = await store.hotLists.replaceEntries(target, rows, ctx.now, by)
      ctx.note({ listId, sha256, rowsAccepted: report.accepted, rowsRejected: report.rejected, replacedEntries })
      return { list: await record(listId, ctx), report, replacedEntries }
    },

    'hotlists.create': async (settings, ctx) => {
      const id = randomUUID()
      await store.hotLists.create({ ...settings, id, kind: 'manual', createdAt: ctx.now, createdBy: ctx.user!.id })
      ctx.note({ listId: id })
      return record(id, ctx)
    },

    'hotlists.update': async ({ listId, settings }, ctx) => {
      await requireList(listId)
      await store.hotLists.updateSettings(listId, settings, ctx.user!.id)
      ctx.note({ listId })
      return record(listId, ctx)
    },

    'hotlists.addEntry': async (input, ctx) => {
      const list = toHotListRecord(await requireList(input.listId), ctx)
      if (list.kind !== 'manual') {
        throw new AppError('CONFLICT', 'A file list is replaced as a whole by its next import; add the vehicle to a manual list instead.')
      }
      const details: Record<string, string> = {}
      const field = <T>(name: string, checked: { ok: true; value: T } | { ok: false; reason: string }): T | undefined => {
        if (checked.ok) return checked.value
        // The formula refusal above, when there is one, is the clearer sentence.
        details[name] ??= sentence(checked.reason)
        return undefined
      }
      for (const [name, value] of Object.entries({ plate: input.plate, state: input.state, reason: input.reason, vehicle: input.vehicle, sourceRef: input.sourceRef })) {
        if (looksLikeFormula(value)) details[name] = 'Must not start with = + - @ (it would run as a spreadsheet formula).'
      }
      const plate = field('plate', checkPlate(input.plate))
      const state = field('state', checkState(input.state))
      const reason = field('reason', checkText(input.reason, 'reason', 200, true))
      const vehicle = field('vehicle', checkText(input.vehicle, 'vehicle', MAX_VEHICLE))
      const sourceRef = field('sourceRef', checkText(input.sourceRef, 'source reference', MAX_SOURCE_REF))
      const expiresAt = lastMomentOfLocalDay(input.expiresOn)
      const latest = ctx.now + list.effectiveRetentionDays * DAY
      if (expiresAt <= ctx.now) details.expiresOn = 'The expiry must be a future date.'
      else if (expiresAt > latest + DAY) details.expiresOn = `At most ${list.effectiveRetentionDays} days ahead (the list’s retention period).`
      if (Object.keys(details).length > 0) throw new AppError('INVALID_INPUT', undefined, details)
      if (await store.hotLists.hasEntry(list.id, plate!, state!)) throw new AppError('CONFLICT', 'That plate and state is already on this list.')
      const entryId = await store.hotLists.addEntry(list.id, {
        plate: plate!,
        state: state!,
        reason: reason!,
        vehicle: vehicle!,
        sourceRef: sourceRef!,
        enteredAt: ctx.now,
        expiresAt: Math.min(expiresAt, latest),
        createdAt: ctx.now,
        addedBy: ctx.user!.id,
      })
      ctx.note({ listId: list.id, entryId })
      return record(list.id, ctx)
    },

    'hotlists.removeEntry': async ({ listId, entryId }, ctx) => {
      const list = await requireList(listId)
      if (list.kind !== 'manual') throw new AppError('CONFLICT', 'Entries of a file list change only when the list is replaced by a new import.')
      if (!(await store.hotLists.removeEntry(listId, entryId))) throw new AppError('NOT_FOUND', 'That entry is not on this list.')
      ctx.note({ listId, entryId })
      return record(listId, ctx)
    },
  }
}

/** "the plate is empty" → "The plate is empty." */
const sentence = (reason: string): string => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`
