// Handlers of the camera registry. Every change is followed by a capture refresh, so a new, changed or
// disabled camera is started, restarted or stopped at once. Credentials are accepted here and never answered.
import { randomUUID } from 'node:crypto'
import { AppError } from '../errors'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import type { CameraRecord, CameraSourceKind } from '../../../shared/models'
import type { CameraChange, CameraRow, CameraWrite } from '../store/repositories/cameras'
import { parseSource, type ParsedSource, SourceProblem, type StreamCredentials } from './source'

type CameraHandlers = Pick<Handlers, 'cameras.list' | 'cameras.create' | 'cameras.update' | 'cameras.setEnabled'>

const TAKES_CREDENTIALS = new Set<CameraSourceKind>(['rtsp', 'http'])

// Like the guard's schema refusals: the general sentence, and what to fix under the field concerned.
const invalid = (field: string, message: string) => new AppError('INVALID_INPUT', undefined, { [field]: message })

function checkedSource(kind: CameraSourceKind, source: string): ParsedSource {
  try {
    return parseSource(kind, source)
  } catch (error) {
    if (error instanceof SourceProblem) throw invalid(error.field, error.message)
    throw error
  }
}

/** Credentials typed in their own fields, if any; blank fields mean none were given. */
function typedCredentials(kind: CameraSourceKind, username: string | undefined, password: string | undefined): StreamCredentials | null {
  const user = username?.trim() ?? ''
  const pass = password ?? ''
  if (!user && !pass) return null
  if (!TAKES_CREDENTIALS.has(kind)) throw invalid('streamUsername', 'Only RTSP and HTTP streams take a user name and password.')
  if (!user) throw invalid('streamUsername', 'Enter the user name that goes with the password.')
  return { username: user, password: pass }
}

function oneWayOfGiving(typed: StreamCredentials | null, parsed: ParsedSource | null): StreamCredentials | null {
  if (typed && parsed?.credentials) {
    throw invalid('source', 'Give the credentials either in the address or in the user name and password fields, not both.')
  }
  return typed ?? parsed?.credentials ?? null
}

export function cameraHandlers({ store, capture }: Services): CameraHandlers {
  const record = (row: CameraRow): CameraRecord => ({
    ...row,
    status: capture.statuses().find((s) => s.cameraId === row.id) ?? null,
  })

  const requireManaged = async (id: string): Promise<CameraRow> => {
    const row = await store.cameras.get(id)
    if (!row) throw new AppError('NOT_FOUND', 'No camera with that id exists.')
    if (row.kind === 'footage') throw new AppError('CONFLICT', 'This entry stands for reviewed footage and is not a camera managed here.')
    return row
  }

  const written = (outcome: CameraWrite, name: string | undefined) => {
    if (outcome === 'name_taken') {
      throw new AppError('CONFLICT', `A camera named “${name}” already exists. Choose another name.`, {
        name: 'Another camera already has this name.',
      })
    }
    if (outcome === 'not_found') throw new AppError('NOT_FOUND', 'No camera with that id exists.')
  }

  const changed = async (id: string): Promise<CameraRecord> => {
    await capture.refresh()
    const row = await store.cameras.get(id)
    if (!row) throw new AppError('NOT_FOUND', 'No camera with that id exists.')
    return record(row)
  }

  return {
    'cameras.list': async () => {
      const statuses = new Map(capture.statuses().map((s) => [s.cameraId, s]))
      return (await store.cameras.list()).map((row) => ({ ...row, status: statuses.get(row.id) ?? null }))
    },

    'cameras.create': async (input, ctx) => {
      const parsed = checkedSource(input.sourceKind, input.source)
      const credentials = oneWayOfGiving(typedCredentials(input.sourceKind, input.streamUsername, input.streamPassword), parsed)
      const id = randomUUID()
      written(
        await store.cameras.create({
          id,
          name: input.name,
          kind: input.kind,
          latitude: input.latitude,
          longitude: input.longitude,
          location: input.location,
          direction: input.direction || null,
          sourceKind: input.sourceKind,
          sourceUrl: parsed.url,
          credentials,
          fps: input.fps,
          roi: input.roi,
          enabled: input.enabled,
          createdAt: ctx.now,
          createdBy: ctx.user!.id,
        }),
        input.name,
      )
      // The address as stored (credentials split out): the log's copy of the typed source withholds any userinfo.
      ctx.note({ createdCameraId: id, sourceAddress: parsed.url })
      return changed(id)
    },

    'cameras.update': async (input, ctx) => {
      const existing = await requireManaged(input.cameraId)
      const sourceKind = input.sourceKind ?? existing.sourceKind
      if (input.source === undefined && sourceKind !== existing.sourceKind) {
        throw invalid('source', 'Enter the source again for the new kind of source.')
      }
      // A camera registered without a source (before sources existed) can still have its other details changed.
      if (!sourceKind && (input.source !== undefined || input.streamUsername || input.streamPassword)) {
        throw invalid('sourceKind', 'Choose the kind of source.')
      }
      const parsed = input.source === undefined || !sourceKind ? null : checkedSource(sourceKind, input.source)
      const given = sourceKind ? oneWayOfGiving(typedCredentials(sourceKind, input.streamUsername, input.streamPassword), parsed) : null
      if (given && input.clearCredentials) {
        throw invalid('clearCredentials', 'Either clear the stored credentials or enter new ones, not both.')
      }

      const change: CameraChange = {
        name: input.name,
        kind: input.kind,
        latitude: input.latitude,
        longitude: input.longitude,
        location: input.location,
        direction: input.direction === undefined ? undefined : input.direction || null,
        sourceKind: input.sourceKind,
        sourceUrl: parsed?.url,
        fps: input.fps,
        roi: input.roi,
      }
      if (given) change.credentials = given
      // Devices, files and UDP streams have no use for credentials: a switch to one of them drops any stored.
      else if (input.clearCredentials || (sourceKind && !TAKES_CREDENTIALS.has(sourceKind) && existing.hasCredentials)) change.credentials = null

      written(await store.cameras.update(existing.id, change, ctx.now, ctx.user!.id), input.name)
      ctx.note({
        changedCameraId: existing.id,
        changedFields: Object.entries(change)
          .filter(([, v]) => v !== undefined)
          .map(([k]) => k),
        ...(parsed ? { sourceAddress: parsed.url } : {}),
      })
      return changed(existing.id)
    },

    'cameras.setEnabled': async ({ cameraId, enabled }, ctx) => {
      const existing = await requireManaged(cameraId)
      if (!(await store.cameras.setEnabled(existing.id, enabled, ctx.now, ctx.user!.id))) {
        throw new AppError('NOT_FOUND', 'No camera with that id exists.')
      }
      ctx.note({ changedCameraId: existing.id, enabled })
      return changed(existing.id)
    },
  }
}
