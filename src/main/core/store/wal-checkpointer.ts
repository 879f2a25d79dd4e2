// Folds the WAL into the database file on a thread of its own (the store worker's "checkpointer" role).
// In the SQLCipher scheme a checkpoint decrypts each page it copies out of the WAL and encrypts it again for the
// database file; done by the writer (SQLite's automatic checkpoint after each commit) it took a third of the
// writer's time at ingest. Passive checkpoints never block the writer or a reader; when the WAL has grown long
// (the writer never paused while every frame was copied, so it could not start the file over) one restart
// checkpoint waits for the writer's transaction in progress and lets the next one start the WAL from its beginning.
import type { Db } from './database'

/**
 * WAL frames (pages, 4 KiB each) after which the checkpointer restarts the WAL: 128 MiB. The restart waits for
 * the writer's transaction in progress, which goes on adding frames meanwhile, so under sustained ingest the file
 * peaks near twice this (220–280 MiB measured); a lower threshold only made restarts, and the writer's pauses,
 * more frequent (16,384 frames: 5,200 against 6,100 reads/s in one bench:store ingest each, and the same peak).
 */
export const WAL_RESTART_FRAMES = 32_768

export interface CheckpointerOptions {
  /** Wait between checkpoints while the WAL has nothing new. */
  idleMs: number
  /** Wait after a checkpoint that copied frames (ingest is running). */
  activeMs: number
  /** WAL length (frames) that calls for a restart checkpoint. */
  restartFrames: number
}

const DEFAULTS: CheckpointerOptions = { idleMs: 500, activeMs: 20, restartFrames: WAL_RESTART_FRAMES }

export interface CheckpointStep {
  /** Frames in the WAL and frames already in the database file, after this step. */
  walFrames: number
  checkpointed: number
  restarted: boolean
}

interface CheckpointRow {
  busy: number
  log: number
  checkpointed: number
}

export class WalCheckpointer {
  private timer: NodeJS.Timeout | null = null
  private last: CheckpointStep | null = null

  constructor(
    private readonly db: Db,
    private readonly options: CheckpointerOptions = DEFAULTS,
  ) {}

  start(): void {
    this.schedule(this.options.idleMs)
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** One pass: a passive checkpoint, and a restart checkpoint if the WAL has grown past `restartFrames`. */
  step(): CheckpointStep {
    let row = this.checkpoint('PASSIVE')
    let restarted = false
    if (row.log >= this.options.restartFrames) {
      const restart = this.checkpoint('RESTART')
      restarted = restart.busy === 0
      row = restart
    }
    return { walFrames: row.log, checkpointed: row.checkpointed, restarted }
  }

  private checkpoint(mode: 'PASSIVE' | 'RESTART'): CheckpointRow {
    const [row] = this.db.pragma(`wal_checkpoint(${mode})`) as CheckpointRow[]
    return row ?? { busy: 0, log: 0, checkpointed: 0 }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      let next = this.options.idleMs
      try {
        const step = this.step()
        // Frames were copied (or are waiting behind a reader): the writer is busy, come back soon.
        const moved = this.last !== null && (step.walFrames !== this.last.walFrames || step.checkpointed !== this.last.checkpointed)
        if (moved || step.checkpointed < step.walFrames) next = this.options.activeMs
        this.last = step
      } catch {
        // A checkpoint that fails (the disk full, the file locked) is tried again later; the writer's own
        // automatic checkpoint (WAL_BACKSTOP_FRAMES) still bounds the WAL.
      }
      if (this.timer) this.schedule(next)
    }, ms)
  }
}
