// One retention purge (DOMAIN.md "Retention"), driven from the main thread in small store steps so that
// every other store query waits for one step at most, never for the whole purge.
import type { RetentionRun, RetentionRunKind } from '../../../shared/models'
import { type Clock, DAY } from '../clock'
import { resolveSettings } from '../settings/definitions'
import type { Store } from '../store'
import { accessLogCutoff, type ReadCursor } from '../store/repositories/retention'

export const SYSTEM_RETENTION_CHANNEL = 'system.retention'

export interface PurgeOptions {
  store: Store
  clock: Clock
  /** This workstation, for the access-log entry. */
  deviceId: string
  kind: RetentionRunKind
  /** The person who asked for a manual run. */
  requestedBy?: string | null
  /** Reads (and access-log entries) removed per step: small steps keep the longest wait of other queries short (see bench:retention). */
  batchSize?: number
  /** Access-log entries removed per step; each step writes one signed checkpoint, so steps are larger. */
  logBatchSize?: number
  /** Free pages returned to the file system per step. */
  vacuumPages?: number
  /** Asked between steps; a purge that should stop ends after the current step as 'stopped'. */
  shouldStop?: () => boolean
}

export const DEFAULT_BATCH = 250
const DEFAULT_LOG_BATCH = 2_000
const DEFAULT_VACUUM_PAGES = 2_000

/** Runs a purge to the end and answers its record. Never throws for a failure inside it: the run records it. */
export async function runPurge(options: PurgeOptions): Promise<RetentionRun> {
  const { store, clock, kind } = options
  const batch = options.batchSize ?? DEFAULT_BATCH
  const stop = options.shouldStop ?? (() => false)
  const now = clock.now()
  const settings = resolveSettings(await store.settings.all())
  const readCutoff = now - settings.readRetentionDays * DAY
  // Recorded with the run; the access-log step computes the same cutoff itself from the stored setting.
  const logCutoff = accessLogCutoff(now, settings.recordRetentionYears)
  const { runId, orphaned } = await store.retention.beginRun({
    kind,
    requestedBy: options.requestedBy ?? null,
    startedAt: now,
    readCutoff,
    logCutoff,
  })
  // A run cut off by a crash removed records too: its counts go in the log like any run's.
  for (const run of orphaned) await logRun(options, clock.now(), run, 0)

  let run: RetentionRun
  let emailMessagesDeleted = 0
  try {
    let stopped = false
    let cursor: ReadCursor | null = null
    for (;;) {
      const step = await store.retention.purgeReads(runId, readCutoff, cursor, batch)
      cursor = step.cursor
      if (step.done) break
      if (stop()) {
        stopped = true
        break
      }
    }
    let hotListCursor = 0
    while (!stopped) {
      const step = await store.retention.purgeHotLists(runId, now, settings.hotListRetentionDays, hotListCursor, batch)
      hotListCursor = step.cursor
      if (step.done) break
      stopped = stop()
    }
    // Original e-mail messages of transfers are kept for their own period (set when each was kept).
    if (!stopped) emailMessagesDeleted = await store.sharing.deleteExpiredEmails(now)
    while (!stopped) {
      const step = await store.retention.purgeAccessLog(runId, now, options.logBatchSize ?? DEFAULT_LOG_BATCH)
      if (step.done) break
      stopped = stop()
    }
    for (;;) {
      const step = await store.retention.reclaimSpace(runId, options.vacuumPages ?? DEFAULT_VACUUM_PAGES)
      if (step.remaining === 0 || step.freed === 0) break
      if (stop()) {
        stopped = true
        break
      }
    }
    run = await store.retention.finishRun(runId, clock.now(), stopped ? 'stopped' : 'completed', null)
  } catch (error) {
    run = await store.retention.finishRun(runId, clock.now(), 'failed', String((error as Error)?.message ?? error).slice(0, 500))
  }
  // Every run is logged with its counts, also one that removed nothing: the log shows the purge ran.
  await logRun(options, clock.now(), run, emailMessagesDeleted)
  // Last, so the WAL no longer holds the pages as they were before the purge.
  await store.retention.checkpointWal()
  return run
}

async function logRun(options: PurgeOptions, at: number, run: RetentionRun, emailMessagesDeleted: number): Promise<void> {
  await options.store.accessLog.append({
    at,
    userId: null,
    username: null,
    agency: null,
    unit: null,
    deviceId: options.deviceId,
    channel: SYSTEM_RETENTION_CHANNEL,
    dataElements: {
      runId: run.id,
      kind: run.kind,
      readCutoff: run.readCutoff,
      readsDeleted: run.readsDeleted,
      imagesDeleted: run.imagesDeleted,
      correctionsDeleted: run.correctionsDeleted,
      hitsDeleted: run.hitsDeleted,
      heldReadsKept: run.heldReadsKept,
      emailMessagesDeleted,
      hotListsDeleted: run.hotListsDeleted,
      hotListEntriesDeleted: run.hotListEntriesDeleted,
      accessLogDeleted: run.accessLogDeleted,
      pagesFreed: run.pagesFreed,
    },
    purpose: null,
    outcome: run.outcome === 'failed' ? 'failed' : 'allowed',
    code: run.outcome === 'completed' ? null : run.outcome.toUpperCase(),
    message: run.error,
  })
}
