// Sessions live in memory, one per sender (a window, or a harness connection), and are never persisted:
// restarting the app signs everyone out. Idle time locks a session; its maximum age ends it.
import { randomUUID } from 'node:crypto'

export interface Session {
  id: string
  senderId: string
  userId: string
  startedAt: number
  lastActivityAt: number
  locked: boolean
  /** Set for workstations the administrator exempted from the idle lock (dispatch in a secure room). */
  idleExempt: boolean
}

export interface SessionLimits {
  idleMs: number
  maxAgeMs: number
}

export type SessionLookup =
  | { kind: 'none' }
  | { kind: 'expired'; session: Session }
  | { kind: 'locked'; session: Session }
  | { kind: 'active'; session: Session }

export class SessionManager {
  private readonly bySender = new Map<string, Session>()

  start(senderId: string, userId: string, now: number, idleExempt = false): Session {
    const session: Session = { id: randomUUID(), senderId, userId, startedAt: now, lastActivityAt: now, locked: false, idleExempt }
    this.bySender.set(senderId, session)
    return session
  }

  /** Looks up the sender's session and applies the idle lock and the maximum age as of `now`. */
  lookup(senderId: string, now: number, limits: SessionLimits): SessionLookup {
    const session = this.bySender.get(senderId)
    if (!session) return { kind: 'none' }
    if (now - session.startedAt >= limits.maxAgeMs) {
      this.bySender.delete(senderId)
      return { kind: 'expired', session }
    }
    if (!session.idleExempt && now - session.lastActivityAt >= limits.idleMs) session.locked = true
    return session.locked ? { kind: 'locked', session } : { kind: 'active', session }
  }

  touch(session: Session, now: number): void {
    session.lastActivityAt = now
  }

  unlock(session: Session, now: number): void {
    session.locked = false
    session.lastActivityAt = now
  }

  end(senderId: string): void {
    this.bySender.delete(senderId)
  }

  /** Ends every session of a user (account reset, lockout, revocation). */
  endForUser(userId: string): void {
    for (const [sender, session] of this.bySender) if (session.userId === userId) this.bySender.delete(sender)
  }

  endAll(): void {
    this.bySender.clear()
  }
}
