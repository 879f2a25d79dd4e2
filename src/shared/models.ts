// The shapes of data that cross the IPC boundary (outputs of channels). Plain data only.
import type { Permission, Role } from './roles'

export type DeviceStatus = 'pending' | 'approved' | 'revoked'

export interface DeviceInfo {
  id: string
  name: string
  status: DeviceStatus
  registeredAt: number
  decidedAt: number | null
  decidedBy: string | null
  /** True for the workstation answering this call. */
  current: boolean
}

export interface UseBanner {
  title: string
  paragraphs: string[]
}

export interface SystemStatus {
  setupRequired: boolean
  agencyName: string | null
  device: DeviceInfo
  banner: UseBanner
}

export interface UserSummary {
  id: string
  username: string
  displayName: string
  agency: string
  unit: string
  roles: Role[]
  permissions: Permission[]
}

export type SessionState = 'active' | 'locked'

export interface SessionInfo {
  user: UserSummary
  state: SessionState
  startedAt: number
  /** When the session ends regardless of activity (maximum age). */
  endsAt: number
  /** When the session locks without activity; null when this workstation is exempt. */
  locksAt: number | null
}

export type AccountStatus = 'active' | 'suspended' | 'deleted'

export interface UserRecord extends UserSummary {
  status: AccountStatus
  totpEnrolled: boolean
  lockedAt: number | null
  createdAt: number
  approvedBy: string | null
  approvedAt: number | null
  trainingCompletedAt: number | null
  trainingExpiresAt: number | null
  reviewExpiresAt: number | null
  lastAccessAt: number | null
}

/** An authenticator enrollment waiting for its first valid code. */
export interface Enrollment {
  userId: string | null
  username: string
  /** Base32 secret, shown for manual entry when a QR code cannot be scanned. */
  secret: string
  otpauthUri: string
  /** PNG data URL of the otpauth:// QR code. */
  qrDataUrl: string
}

export type AccessOutcome = 'allowed' | 'refused' | 'failed'

export interface AccessLogEntry {
  id: number
  at: number
  userId: string | null
  username: string | null
  agency: string | null
  unit: string | null
  deviceId: string
  /** The workstation's name as registered, for people reading the log. */
  deviceName: string | null
  channel: string
  dataElements: Record<string, unknown>
  purpose: string | null
  outcome: AccessOutcome
  code: string | null
  message: string | null
}

export interface ChainVerification {
  ok: boolean
  entries: number
  /** The first row whose link does not hold, and why. */
  firstBroken: { id: number; reason: string } | null
}

/** A file produced for the user to save (an export, a report, the public policy). */
export interface DocumentFile {
  fileName: string
  mimeType: 'text/csv' | 'application/pdf' | 'text/html'
  /** The file's bytes, base64. */
  dataBase64: string
  sha256: string
  /** Set when the file carries ALPR information: its entry in the exports ledger. */
  exportId: string | null
  /** When the exports ledger expects it destroyed (ms since epoch). */
  destroyBy: number | null
}
