// Footage review's channels. A job belongs to the person who started it: another person's job id is
// answered as not found, so ids do not reveal what others are processing.
import { randomUUID } from 'node:crypto'
import type { FootageJob, FootageRead } from '../../../shared/models'
import type { Handlers } from '../access/types'
import { validatePurpose } from '../access/purpose'
import type { Services } from '../app/services'
import { AppError } from '../errors'
import { lastMomentOfLocalDay, localDate } from '../local-time'
import type { FootageJobRow } from '../store/repositories/footage'
import { videoFilesAt } from './files'
import type { MediaTokens } from './media'
import type { FootageRunner } from './runner'

type FootageHandlers = Pick<
  Handlers,
  'footage.start' | 'footage.jobs' | 'footage.progress' | 'footage.cancel' | 'footage.reads' | 'footage.media'
>

export function footageHandlers({ store }: Services, runner: FootageRunner, media: MediaTokens): FootageHandlers {
  const toJob = (row: FootageJobRow): FootageJob => ({
    id: row.id,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    durationMs: row.durationMs,
    sha256: row.sha256,
    caseNumber: row.caseNumber,
    status: row.status,
    framesTotal: row.framesTotal,
    framesDone: row.framesDone,
    readsFound: row.readsFound,
    error: row.error,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    timeEstimated: row.timeEstimated,
    etaMs: row.status === 'running' ? runner.etaMs(row) : null,
  })

  const ownJob = async (jobId: string, userId: string): Promise<FootageJobRow> => {
    const row = await store.footage.get(jobId)
    if (!row || row.startedBy !== userId) throw new AppError('NOT_FOUND', 'No footage job of yours has that id.')
    return row
  }

  return {
    'footage.start': async ({ path, recordedAt, state, purpose }, ctx) => {
      // Footage is brought in for a case, and its reads are kept under a hold for that case (they are often
      // older than the retention period, and would otherwise be purged within the hour).
      const caseNumber = validatePurpose(purpose, ctx.settings).caseNumber
      if (!caseNumber) {
        throw new AppError(
          'PURPOSE_TOO_VAGUE',
          `Footage is processed for a case: enter its case or incident number (for example ${ctx.settings.caseNumberExample}). A last name alone is not enough, because the reads found are kept under a hold for that case.`,
        )
      }
      const files = await videoFilesAt(path)
      const reviewAt = holdReviewAt(ctx.now, ctx.settings.readRetentionDays)
      const jobs = files.map((f) => ({
        id: randomUUID(),
        fileName: f.name,
        path: f.path,
        sizeBytes: f.size,
        fileMtimeMs: f.modifiedAt,
        caseNumber,
        purpose: ctx.purpose!,
        startedBy: ctx.user!.id,
        startedAt: ctx.now,
        timeEstimated: recordedAt === undefined,
        hold: { id: holdId(ctx.now), reason: `Footage ${f.name} processed for case ${caseNumber}`, reviewAt },
      }))
      await store.footage.create(jobs)
      for (const job of jobs) runner.enqueue(job.id, { recordedAt: recordedAt ?? null, state: state ?? null, holdId: job.hold.id })
      ctx.note({ footageJobIds: jobs.map((j) => j.id), files: files.map((f) => f.name), holdIds: jobs.map((j) => j.hold.id) })
      return (await store.footage.getMany(jobs.map((j) => j.id))).map(toJob)
    },

    'footage.jobs': async ({ limit }, ctx) => (await store.footage.listByUser(ctx.user!.id, limit)).map(toJob),

    'footage.progress': async ({ jobIds }, ctx) =>
      (await store.footage.getMany(jobIds)).filter((row) => row.startedBy === ctx.user!.id).map(toJob),

    'footage.cancel': async ({ jobId }, ctx) => {
      const row = await ownJob(jobId, ctx.user!.id)
      if (row.status !== 'queued' && row.status !== 'running') {
        throw new AppError('CONFLICT', 'That footage job has already ended.')
      }
      if (!(await runner.cancel(jobId))) {
        await store.footage.finish(jobId, 'cancelled', 'Cancelled; the reads found before were kept.', ctx.now)
      }
      ctx.note({ footageJobId: jobId })
      return toJob((await store.footage.get(jobId))!)
    },

    'footage.reads': async ({ jobId }, ctx) => {
      const row = await ownJob(jobId, ctx.user!.id)
      const reads: FootageRead[] = (await store.footage.reads(jobId)).map((r) => ({
        id: r.id,
        plate: r.plate,
        state: r.state,
        confidence: r.confidence,
        chars: r.chars,
        footageMs: r.footageMs,
        readAt: r.readAt,
        crop: r.crop ? `data:image/jpeg;base64,${Buffer.from(r.crop).toString('base64')}` : null,
      }))
      ctx.note({ footageJobId: jobId, readIds: reads.map((r) => r.id) })
      return { job: toJob(row), reads }
    },

    'footage.media': async ({ jobId }, ctx) => {
      const row = await ownJob(jobId, ctx.user!.id)
      ctx.note({ footageJobId: jobId, file: row.fileName })
      return media.issue(ctx.session!, row)
    },
  }
}

/** A hold's id in the form holds.place gives them: HOLD-<UTC date>-<8 random hex digits>. */
const holdId = (now: number): string =>
  `HOLD-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`

/** The end of the local day `days` after today: the hold is reviewed when the reads would otherwise have expired. */
function holdReviewAt(now: number, days: number): number {
  const today = new Date(now)
  return lastMomentOfLocalDay(localDate(new Date(today.getFullYear(), today.getMonth(), today.getDate() + days, 12).getTime()))
}
