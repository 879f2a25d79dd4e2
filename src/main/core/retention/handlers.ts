// Handlers: retention runs: the periods in force, the record of every purge, and a purge on demand.
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'

type RetentionHandlers = Pick<Handlers, 'retention.overview' | 'retention.runs' | 'retention.runNow'>

export function retentionHandlers({ store, retention }: Services): RetentionHandlers {
  return {
    'retention.overview': async (_input, ctx) => {
      const [lastRun] = await store.retention.runs(1)
      const key = await store.signing.publicKey()
      return {
        readRetentionDays: ctx.settings.readRetentionDays,
        hotListRetentionDays: ctx.settings.hotListRetentionDays,
        recordRetentionYears: ctx.settings.recordRetentionYears,
        exportDestructionDays: ctx.settings.exportDestructionDays,
        lastRun: lastRun ?? null,
        nextRunAt: retention.nextRunAt(),
        ...(await store.holds.summary(ctx.now)),
        // For the administrator to record outside the system: see AccessLogRepository.verify's limit.
        signingKey: { keyId: key.keyId, publicKeyPem: key.pem },
      }
    },

    'retention.runs': async ({ limit }) => store.retention.runs(limit),

    'retention.runNow': async (_input, ctx) => {
      const run = await retention.runNow('manual', ctx.user!.id)
      ctx.note({ runId: run.id, readsDeleted: run.readsDeleted, accessLogDeleted: run.accessLogDeleted })
      return run
    },
  }
}
