// The application's state machine: which screen a person sees (banner, setup, sign-in, lock, shell),
// the workstation's status, the session, and the section of the shell. Screens read it; calls change it.
import { create } from 'zustand'
import type { SessionInfo, SystemStatus } from '../../../shared/models'
import type { Permission } from '../../../shared/roles'
import { ERROR_SENTENCES } from '../../../shared/errors'
import { alpr, apiAvailable, settle, type AppErrorData, type Result } from '../api'

export type Phase = 'starting' | 'unavailable' | 'banner' | 'setup' | 'signIn' | 'locked' | 'app'
export type Section = 'live' | 'search' | 'footage' | 'hotlists' | 'governance' | 'admin'

export const ADMIN_PERMISSIONS: Permission[] = [
  'users.read',
  'devices.manage',
  'accessLog.read',
  'accounts.review',
  'settings.manage',
  'audits.perform',
  'audits.approve',
  'cameras.manage',
]
export const GOVERNANCE_PERMISSIONS: Permission[] = ['governance.read', 'governance.manage', 'holds.manage']

/** The shell's sections; one with `permissions` is shown to those holding any of them. */
export const SECTIONS: { id: Section; label: string; key: string; permissions?: Permission[] }[] = [
  { id: 'live', label: 'Live', key: '1', permissions: ['alerts.monitor'] },
  { id: 'search', label: 'Search', key: '2', permissions: ['reads.search'] },
  { id: 'footage', label: 'Footage', key: '3', permissions: ['footage.review'] },
  { id: 'hotlists', label: 'Hot lists', key: '4', permissions: ['hotlists.manage'] },
  { id: 'governance', label: 'Governance', key: '5', permissions: GOVERNANCE_PERMISSIONS },
  { id: 'admin', label: 'Administration', key: '6', permissions: ADMIN_PERMISSIONS },
]

interface AppState {
  phase: Phase
  status: SystemStatus | null
  session: SessionInfo | null
  /** The use-of-system banner was acknowledged in this window since the last sign-out. */
  bannerAcknowledged: boolean
  /** A message for the sign-in screen: why the person is back there (session ended, account locked…). */
  notice: AppErrorData | null
  /** Why the app could not start (no core, status refused). */
  startupError: AppErrorData | null
  section: Section

  start(): Promise<void>
  refreshStatus(): Promise<void>
  acknowledgeBanner(): void
  signedIn(session: SessionInfo): void
  updateSession(session: SessionInfo): void
  locked(): void
  ended(reason: AppErrorData): void
  signOut(): Promise<void>
  checkSession(): Promise<void>
  /** The person pressed a key or used the pointer: resets the idle lock in the core. */
  reportActivity(): Promise<void>
  setSection(section: Section): void
  clearNotice(): void
}

const SESSION_ENDING_CODES = new Set([
  'NOT_AUTHENTICATED',
  'SESSION_EXPIRED',
  'ACCOUNT_INACTIVE',
  'ACCOUNT_SUSPENDED',
  'ACCOUNT_LOCKED',
  'DEVICE_NOT_APPROVED',
  'DEVICE_REVOKED',
])

export const useApp = create<AppState>()((set, get) => ({
  phase: 'starting',
  status: null,
  session: null,
  bannerAcknowledged: false,
  notice: null,
  startupError: null,
  section: 'live',

  async start() {
    if (!apiAvailable()) {
      set({
        phase: 'unavailable',
        startupError: {
          code: 'INTERNAL',
          message: 'This page must be opened inside the ALPR workstation application; the application core is not reachable from here.',
        },
      })
      return
    }
    set({ phase: 'starting', startupError: null })
    const status = await settle(() => alpr().system.status({}))
    if (!status.ok) {
      set({ phase: 'unavailable', startupError: status.error })
      return
    }
    set({ status: status.value })
    // A session may already be bound to this window (the window was reloaded).
    const session = status.value.setupRequired ? null : await settle(() => alpr().auth.session({}))
    if (session?.ok && session.value) {
      set({ session: session.value, bannerAcknowledged: true, phase: session.value.state === 'locked' ? 'locked' : 'app' })
      return
    }
    set({ phase: 'banner' })
  },

  async refreshStatus() {
    const status = await settle(() => alpr().system.status({}))
    if (status.ok) set({ status: status.value })
  },

  acknowledgeBanner() {
    const { status } = get()
    set({ bannerAcknowledged: true, phase: status?.setupRequired ? 'setup' : 'signIn' })
  },

  signedIn(session) {
    set({ session, phase: session.state === 'locked' ? 'locked' : 'app', notice: null })
    void get().refreshStatus()
  },

  updateSession(session) {
    set({ session })
  },

  locked() {
    const { session, phase } = get()
    if (phase !== 'app' && phase !== 'locked') return
    set({ phase: 'locked', session: session ? { ...session, state: 'locked' } : session })
  },

  ended(reason) {
    const { phase } = get()
    if (phase !== 'app' && phase !== 'locked') return
    // The person who was signed in may not be the next one at the keyboard, but the banner was
    // acknowledged in this window; the next sign-in still sends the acknowledgement.
    set({ phase: 'signIn', session: null, notice: reason, section: 'live' })
    void get().refreshStatus()
  },

  async signOut() {
    await settle(() => alpr().auth.signOut({}))
    // Whoever signs in next acknowledges the banner again.
    set({ phase: 'banner', session: null, bannerAcknowledged: false, notice: null, section: 'live' })
    void get().refreshStatus()
  },

  async reportActivity() {
    if (get().phase !== 'app') return
    const result = await signedInCall(() => alpr().auth.activity({}))
    if (result.ok && get().phase === 'app') set({ session: result.value })
  },

  async checkSession() {
    const { phase, session } = get()
    if (phase !== 'app' && phase !== 'locked') return
    const result = await settle(() => alpr().auth.session({}))
    if (get().phase !== phase) return
    if (!result.ok) return // A failed poll is not a reason to end anything; the next one tries again.
    const next = result.value
    if (!next) {
      const expired = session !== null && Date.now() >= session.endsAt
      get().ended(
        expired
          ? { code: 'SESSION_EXPIRED', message: ERROR_SENTENCES.SESSION_EXPIRED }
          : {
              code: 'NOT_AUTHENTICATED',
              message: 'Your session has ended: it reached its maximum length, or it was ended by an administrator. Sign in again with your password and authenticator code.',
            },
      )
      return
    }
    if (next.state === 'locked') set({ session: next, phase: 'locked' })
    else set({ session: next, phase: 'app' })
  },

  setSection(section) {
    set({ section })
  },

  clearNotice() {
    set({ notice: null })
  },
}))

/** Whether the signed-in user holds a permission. */
export function can(session: SessionInfo | null, permission: Permission): boolean {
  return session?.user.permissions.includes(permission) ?? false
}

export function canOpen(session: SessionInfo | null, section: Section): boolean {
  const permissions = SECTIONS.find((s) => s.id === section)?.permissions
  return !permissions || permissions.some((p) => can(session, p))
}

/**
 * Runs a call made inside a session. A locked session shows the lock screen; an ended one (expired, signed
 * out elsewhere, account or workstation no longer allowed) returns to sign-in with the reason. The Result
 * is passed on either way so the screen can show its own refusals.
 */
export async function signedInCall<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  const result = await settle(call)
  if (!result.ok) {
    const { code } = result.error
    if (code === 'SESSION_LOCKED') useApp.getState().locked()
    else if (SESSION_ENDING_CODES.has(code)) useApp.getState().ended(result.error)
  }
  return result
}
