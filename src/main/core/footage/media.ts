// Short-lived addresses for playing a footage job's video in the window. A token is a random bearer secret
// bound to the session that asked for it: it stops working when that session ends, locks or is replaced,
// and after a few minutes without use; it follows the session's idle lock and maximum age as the guard
// applies them; and it serves only the file the job processed (same size, modification time and inode). The transport (harness server, app protocol) asks `resolve` for
// every request and serves the bytes with ranges; it never learns the path from the renderer.
import { randomBytes } from 'node:crypto'
import { sessionLimits } from '../access/guard'
import type { SessionManager, Session } from '../auth/sessions'
import type { Clock } from '../clock'
import { resolveSettings } from '../settings/definitions'
import type { Store } from '../store'
import { videoMime } from './files'
import { fileIdentity } from './probe'

/** A token lives this long after it was issued or last used (seeking keeps a playing video's token alive). */
export const MEDIA_TOKEN_TTL_MS = 10 * 60_000

export interface MediaFile {
  path: string
  mime: string
  size: number
}

interface Grant {
  senderId: string
  sessionId: string
  jobId: string
  path: string
  mime: string
  expiresAt: number
  /** The file as the job recorded it: a file that differs is not the one processed. */
  file: { size: number | null; mtimeMs: number | null; ino: string | null }
}

/** What a media URL's path looks like: /media/<43 base64url characters>. */
export const MEDIA_PATH = /^\/media\/([A-Za-z0-9_-]{43})$/

export class MediaTokens {
  private readonly grants = new Map<string, Grant>()

  constructor(
    private readonly sessions: SessionManager,
    private readonly clock: Clock,
    private readonly store: Store,
  ) {}

  issue(
    session: Session,
    job: { id: string; path: string; fileName: string; sizeBytes: number | null; fileMtimeMs: number | null; fileIno: string | null },
  ): { url: string; mime: string; expiresAt: number } {
    const now = this.clock.now()
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token)
    const token = randomBytes(32).toString('base64url')
    const grant: Grant = {
      senderId: session.senderId,
      sessionId: session.id,
      jobId: job.id,
      path: job.path,
      mime: videoMime(job.fileName),
      expiresAt: now + MEDIA_TOKEN_TTL_MS,
      file: { size: job.sizeBytes, mtimeMs: job.fileMtimeMs, ino: job.fileIno },
    }
    this.grants.set(token, grant)
    return { url: `/media/${token}`, mime: grant.mime, expiresAt: grant.expiresAt }
  }

  /** The file a media URL path names, or null: unknown or expired token, session gone, locked or too old, file gone or changed. */
  async resolve(urlPath: string): Promise<MediaFile | null> {
    const token = MEDIA_PATH.exec(urlPath)?.[1]
    const grant = token ? this.grants.get(token) : undefined
    if (!token || !grant) return null
    const now = this.clock.now()
    // The limits the guard applies: an idle-locked or expired session's token serves nothing. The maximum age
    // is checked here rather than by lookup, which would end the session: the person's next call should
    // still hear that their session expired, not that they are not signed in.
    const limits = sessionLimits(resolveSettings(await this.store.settings.all()))
    const looked = this.sessions.lookup(grant.senderId, now, { idleMs: limits.idleMs, maxAgeMs: Infinity })
    const sameSession = looked.kind !== 'none' && looked.session.id === grant.sessionId
    const tooOld = looked.kind !== 'none' && now - looked.session.startedAt >= limits.maxAgeMs
    if (grant.expiresAt <= now || !sameSession || tooOld) {
      this.grants.delete(token)
      return null
    }
    // A locked session plays nothing, but its video resumes once the person unlocks it.
    if (looked.kind !== 'active') return null
    const info = await fileIdentity(grant.path).catch(() => null)
    if (!info || !sameFile(info, grant.file)) return null
    grant.expiresAt = now + MEDIA_TOKEN_TTL_MS
    return { path: grant.path, mime: grant.mime, size: info.size }
  }

  /** Ends the tokens of a job (its file should no longer be served) or all of them (core closing). */
  revoke(jobId?: string): void {
    for (const [token, grant] of this.grants) if (!jobId || grant.jobId === jobId) this.grants.delete(token)
  }
}

const sameFile = (now: { size: number; mtimeMs: number; ino: string }, job: Grant['file']): boolean =>
  now.size === job.size && now.mtimeMs === job.mtimeMs && (job.ino === null || now.ino === job.ino)
