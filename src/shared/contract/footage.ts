// Footage review (issue 5, item 4): video files processed for reads in the background, their progress, the
// timeline of reads found, and a short-lived address to play the file. Starting a job, its reads and its
// video are accesses to ALPR information (a purpose; the case it names is recorded with every read); the
// progress bar's counts are not.
import { z } from 'zod'
import { channel } from './define'
import { withPurpose } from './purpose'
import type { FootageJob, FootageMedia, FootageTimeline } from '../models'

const jobId = z.string().uuid()

export const footageChannels = {
  'footage.start': channel<FootageJob[]>()({
    summary:
      'Process a video file, or every video file in a folder (not its sub-folders), for plate reads: one background job per file.',
    input: withPurpose({
      /** A video file or a folder of them, on this workstation. */
      path: z.string().trim().min(1, 'Enter the path of a video file or a folder of videos.').max(4096),
      /** When the recording started (ms since the epoch), if known; otherwise the file's modification time. */
      recordedAt: z.number().int().min(0).optional(),
      /** Issuing state of the plates expected in the footage (enables its formats' O/0, I/1 fixes). */
      state: z.string().regex(/^[A-Z]{2}$/).optional(),
    }),
    access: 'footage.review',
    alprAccess: true,
  }),
  'footage.jobs': channel<FootageJob[]>()({
    summary: 'The footage jobs this person started, newest first (counts and progress only).',
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    access: 'footage.review',
  }),
  'footage.progress': channel<FootageJob[]>()({
    summary: 'Progress of the named footage jobs: frames done and total, reads found, time left.',
    input: z.strictObject({ jobIds: z.array(jobId).min(1).max(100) }),
    access: 'footage.review',
    // A progress bar refreshing itself is not the person's activity: the idle lock still applies.
    touchesSession: false,
  }),
  'footage.cancel': channel<FootageJob>()({
    summary: 'Stop a queued or running footage job; the reads it already stored are kept.',
    input: z.strictObject({ jobId }),
    access: 'footage.review',
  }),
  'footage.reads': channel<FootageTimeline>()({
    summary: 'The reads found in a footage job, in video order, with their positions and plate crops.',
    input: withPurpose({ jobId }),
    access: 'footage.review',
    alprAccess: true,
  }),
  'footage.media': channel<FootageMedia>()({
    summary: 'A short-lived address, bound to this session, from which the window plays the job’s video file.',
    input: withPurpose({ jobId }),
    access: 'footage.review',
    alprAccess: true,
  }),
}
