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
  /** Latest access to ALPR information. */
  lastAccessAt: number | null
  /** Latest permitted action of any kind (ALPR access, administration, audits). */
  lastUsedAt: number | null
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

// ── Sharing, records requests, vendors, the public policy and the compliance dashboard (issue 7) ──

/** The kinds of California public agency (Civil Code 1798.90.5(f)) the registry admits. */
export type AgencyType = 'state_agency' | 'county_agency' | 'city_agency' | 'political_subdivision'
/** What a requester may claim to be; only an AgencyType in California is admitted. */
export type RequesterType = AgencyType | 'federal_agency' | 'private_entity' | 'vendor'

export interface AgencyRecord {
  id: string
  name: string
  type: AgencyType
  state: 'CA'
  /** A number known to the agency (not one given by the requester), used for call-back verification. */
  contactPhone: string
  createdAt: number
  createdBy: string
  /** Shares produced for this agency, and the latest one. */
  sharesProduced: number
  lastSharedAt: number | null
}

export type ShareTransfer = 'email' | 'portal' | 'media' | 'in_person'
export type ShareStatus = 'pending' | 'approved' | 'declined'

/** What is shared: given reads, or every read of a plate within a time range. */
export type ShareSelection = { readIds: number[] } | { plate: string; from: number; to: number }

export interface ShareRecord {
  id: string
  agencyId: string
  agencyName: string
  agencyType: AgencyType
  requester: string
  requesterTitle: string
  purpose: string
  need: string
  verification: string
  transfer: ShareTransfer
  selection: ShareSelection
  itemCount: number
  status: ShareStatus
  requestedBy: string
  requestedByName: string
  createdAt: number
  approvedBy: string | null
  approvedByName: string | null
  approvedAt: number | null
  decisionNote: string | null
  exportId: string | null
  producedAt: number | null
  /** Kept original e-mail messages of the transfer. */
  emails: { id: number; fileName: string; size: number; sha256: string; storedAt: number; deleteAfter: number }[]
}

export type RecordsRequestKind = 'public_records' | 'subpoena'

export interface RecordsRequest {
  id: string
  kind: RecordsRequestKind
  receivedAt: number
  requester: string
  asked: string
  dueAt: number
  assignedTo: string
  assignedToName: string
  status: 'open' | 'closed'
  response: string | null
  closedAt: number | null
  closedByName: string | null
  loggedByName: string
  overdue: boolean
}

export type VendorStorageLocation = 'us' | 'canada' | 'us_and_canada' | 'outside' | 'unknown'

export interface VendorContractItem {
  key: 'dataOwnership' | 'storageLocation' | 'staffTrained' | 'staffBackgroundChecked' | 'vendorAudits' | 'breachPolicy'
  label: string
  met: boolean
  detail: string
}

export interface VendorContract {
  id: string
  vendor: string
  service: string
  signedOn: number
  expiresOn: number
  renewedOn: number | null
  dataOwnedByAgency: boolean
  storageLocation: VendorStorageLocation
  staffTrained: boolean
  staffBackgroundChecked: boolean
  vendorAudits: boolean
  lastVendorAuditOn: number | null
  breachPolicy: boolean
  notes: string
  updatedAt: number
  items: VendorContractItem[]
  expired: boolean
  /** Expires within the renewal warning window (90 days). */
  renewalDue: boolean
}

export interface PolicyPublication {
  version: number
  publishedAt: number
  publishedBy: string
  publishedByName: string
  sha256: string
}

export interface PolicyStatus {
  /** SHA-256 of the policy HTML the current settings produce. */
  currentSha256: string
  latest: PolicyPublication | null
  /** No publication yet, or the current settings produce a different text than the one last posted. */
  outOfDate: boolean
  /** Settings whose values differ from those of the last publication: key, published value, current value. */
  changedSettings: { key: string; label: string; published: string; current: string }[]
  publications: PolicyPublication[]
}

export type ComplianceState = 'met' | 'attention' | 'missing' | 'overdue'

export interface ComplianceDuty {
  id: string
  duty: string
  /** The statute or policy section the duty comes from. */
  source: string
  state: ComplianceState
  /** What the product holds as evidence. */
  evidence: string[]
  /** What is missing or overdue. */
  problems: string[]
}

// ——— Access-log search and audits (issue 6) ———

/** One page of a filtered access-log search, newest first. */
export interface AccessLogPage {
  entries: AccessLogEntry[]
  /** More (older) entries match; ask again with beforeId = the last entry's id. */
  hasMore: boolean
}

export type MisuseKind = 'repeat-plate' | 'outside-hours' | 'purpose-reuse' | 'refused-access'

/** A pattern in the access log that someone must look at (DOMAIN.md "Audits"). Not a finding of misuse by itself. */
export interface MisuseFlag {
  kind: MisuseKind
  userId: string | null
  username: string | null
  /** One sentence saying what was seen. */
  summary: string
  count: number
  firstAt: number
  lastAt: number
  /** Access-log entry ids behind the flag (the first 50). */
  entryIds: number[]
  plate: string | null
  purpose: string | null
}

export type AuditStatus = 'draft' | 'performed' | 'approved'

export interface AuditSummary {
  id: string
  /** Start of the period (inclusive) and its end (exclusive), ms since epoch, local days of the workstation. */
  periodStart: number
  periodEnd: number
  status: AuditStatus
  createdBy: string
  createdByName: string | null
  createdAt: number
  performedBy: string | null
  performedByName: string | null
  performedAt: number | null
  approvedBy: string | null
  approvedByName: string | null
  approvedAt: number | null
  /** SHA-256 of the signed report PDF kept in the store. */
  reportSha256: string | null
  /** The signed report is kept until this time (record retention). */
  keepUntil: number | null
  flagCount: number
}

export interface SampledSearch {
  id: number
  at: number
  username: string | null
  agency: string | null
  unit: string | null
  channel: string
  /** The data elements used to query, as one line. */
  query: string
  purpose: string | null
}

export interface AccountEvidence {
  userId: string
  username: string
  displayName: string
  status: string
  roles: string[]
  trainingCompletedAt: number | null
  trainingExpiresAt: number | null
  reviewedAt: number | null
  reviewExpiresAt: number | null
  lastAccessAt: number | null
  lastUsedAt: number | null
  /** What an auditor should look at: expired training, lapsed review, inactive but still active, locked. */
  issues: string[]
}

export interface ShareEvidence {
  id: string
  agency: string | null
  agencyType: string | null
  agencyState: string | null
  requester: string | null
  purpose: string | null
  approvedBy: string | null
  approvedAt: number | null
  createdAt: number
  /** The export that carried the data to the agency, and when it was produced. */
  exportId: string | null
  producedAt: number | null
  issues: string[]
}

export interface AuditEvidence {
  assembledAt: number
  /** The seed is chosen by the product; the channels and the newest log entry included let anyone draw it again. */
  sample: { seed: number; population: number; entries: SampledSearch[]; channels: string[]; maxLogId: number }
  accounts: {
    rows: AccountEvidence[]
    departures: number
    trainingRecordsInPeriod: number
    reviewsInPeriod: number
    withIssues: number
  }
  /** `kept: false` when this installation keeps no sharing records yet. */
  /** `records` are the shares produced (data handed over); requests still pending or declined are only counted. */
  sharing:
    | { kept: false }
    | { kept: true; records: ShareEvidence[]; withIssues: number; pending: number; declined: number; approvedNotProduced: number }
  retention: {
    readRetentionDays: number
    cutoff: number
    /** Reads older than the retention period and not under an open hold: should be zero. */
    readsPastRetention: number
    oldestPastRetention: number | null
    readsHeld: number
    runs:
      | { kept: false }
      | { kept: true; count: number; failed: number; readsDeleted: number; lastFinishedAt: number | null }
  }
  hotLists: {
    lists: { id: string; name: string; kind: string; retentionDays: number; entries: number; overdueEntries: number; refreshedAt: number }[]
    overdueEntries: number
  }
  exports: {
    createdInPeriod: number
    overdue: { id: string; kind: string; description: string; createdAt: number; destroyBy: number; createdBy: string }[]
  }
  corrections: {
    id: number
    readId: number
    originalPlate: string
    originalState: string | null
    correctedPlate: string
    correctedState: string | null
    reason: string
    correctedBy: string
    correctedAt: number
  }[]
  misuse: { flags: MisuseFlag[]; rules: string[] }
}

/** The performer's assessment of one sampled search: does its purpose name a specific investigation? */
export interface SampleReview {
  entryId: number
  assessment: 'adequate' | 'questionable'
  note: string
}

export interface AuditDetail extends AuditSummary {
  sampleSeed: number
  evidence: AuditEvidence
  sampleReviews: SampleReview[]
  findings: string | null
  remedialActions: string | null
  approvalNote: string | null
}

export interface AdminOverview {
  /** The window the flags cover. */
  flagsFrom: number
  flagsTo: number
  flags: MisuseFlag[]
  lastApprovedAudit: { id: string; periodStart: number; periodEnd: number; approvedAt: number } | null
  /** Audits are due at least yearly: 12 months after the last approved audit's period end; null when none was ever approved. */
  auditDueAt: number | null
  auditsAwaitingApproval: number
  draftAudits: number
  overdueExports: number
  /** Accounts whose training or review has lapsed or lapses within 30 days. */
  accountsDue: { userId: string; username: string; what: string; at: number | null }[]
}

// ── Account lifecycle and the annual access review (issue 6) ──────────────────────────────────────

export interface TrainingRecordInfo {
  id: number
  course: string
  completedAt: number
  trainer: string | null
  /** When this record stops counting (training period, or an earlier re-training order). */
  expiresAt: number
}

export type DueItem = 'training' | 'review' | 'inactivity' | 'classification' | 'reactivation'

/** One row of the annual access review: an account with everything the reviewer weighs. */
export interface AccountOverview extends UserRecord {
  classification: string | null
  classificationAuthorized: boolean | null
  suspendedAt: number | null
  suspensionReason: string | null
  departedAt: number | null
  /** Whether current training counts now (see trainingExpiresAt). */
  trainingValid: boolean
  lastReviewAt: number | null
  lastReviewDecision: 'approved' | 'revoked' | null
  /** When the account becomes inactive: without another access to ALPR information (accounts holding ALPR permissions) or another use (others). */
  inactiveAfter: number
  /** What needs doing, most urgent first: the deadline (null when there is none) and whether it has passed. */
  due: { item: DueItem; at: number | null; overdue: boolean; text: string }[]
  training: TrainingRecordInfo[]
}

export interface JobClassification {
  name: string
  authorized: boolean
  changedAt: number
}

export interface RetrainingOrder {
  id: number
  orderedAt: number
  orderedBy: string
  reason: string
}

export interface AccountRequest {
  id: string
  username: string
  displayName: string
  agency: string
  unit: string
  roles: Role[]
  classification: string
  justification: string
  requestedBy: string
  requestedAt: number
  status: 'pending' | 'approved' | 'rejected'
  decidedBy: string | null
  decidedAt: number | null
  decisionReason: string | null
  userId: string | null
}

export interface ReviewDecision {
  userId: string
  username: string
  decision: 'approved' | 'revoked'
  reason: string
  reviewedAt: number
}

export interface ReviewSession {
  id: string
  startedAt: number
  startedBy: string
  decisions: ReviewDecision[]
}

export interface AccountsOverview {
  accounts: AccountOverview[]
  classifications: JobClassification[]
  retrainingOrders: RetrainingOrder[]
  sessions: ReviewSession[]
}

// ── Settings (issue 6) ────────────────────────────────────────────────────────────────────────────

export interface SettingInfo {
  key: string
  label: string
  value: number | string
  default: number | string
  /** The range the agency's policy allows (numbers), or the length limits (text). */
  min: number | null
  max: number | null
  unit: string | null
  explanation: string
  changedAt: number | null
  changedBy: string | null
}

// --- Retention, holds and the exports ledger (issue 7) ---

export type RetentionRunKind = 'startup' | 'scheduled' | 'manual'
export type RetentionRunOutcome = 'running' | 'completed' | 'stopped' | 'failed'

/** One purge: what it removed, what holds kept, and how it ended. */
export interface RetentionRun {
  id: number
  kind: RetentionRunKind
  /** The person who asked for a manual run. */
  requestedBy: string | null
  startedAt: number
  finishedAt: number | null
  /** Reads taken before this instant were due for deletion. */
  readCutoff: number
  /** Access-log entries written before this instant were due for deletion. */
  logCutoff: number
  readsDeleted: number
  imagesDeleted: number
  correctionsDeleted: number
  hitsDeleted: number
  /** Reads older than the cutoff that remain because a hold names them. */
  heldReadsKept: number
  hotListsDeleted: number
  hotListEntriesDeleted: number
  accessLogDeleted: number
  /** Database pages given back to the file system. */
  pagesFreed: number
  outcome: RetentionRunOutcome
  error: string | null
}

export interface RetentionOverview {
  readRetentionDays: number
  hotListRetentionDays: number
  recordRetentionYears: number
  exportDestructionDays: number
  lastRun: RetentionRun | null
  /** When the next scheduled purge starts; null when scheduling is off. */
  nextRunAt: number | null
  activeHolds: number
  heldReads: number
  reviewsDue: number
}

export interface HoldReview {
  at: number
  by: string
  byName: string | null
  note: string
  previousReviewAt: number
  nextReviewAt: number
}

export interface HoldRecord {
  id: string
  caseNumber: string
  reason: string
  reviewAt: number
  placedBy: string
  placedByName: string | null
  placedAt: number
  /** Reads named when the hold was placed. */
  readCount: number
  /** Reads the hold still keeps (after release, until they expire). */
  heldReads: number
  releasedAt: number | null
  releasedBy: string | null
  releasedByName: string | null
  releaseReason: string | null
  /** Open and its review date has come. */
  reviewDue: boolean
  reviews: HoldReview[]
}

export type ExportFormat = 'csv' | 'pdf' | 'html' | 'print' | 'email' | 'media'
export type ExportStatus = 'open' | 'overdue' | 'destroyed'

/** An entry of the exports ledger: a download, print or share of ALPR information and its destruction. */
export interface ExportLedgerItem {
  id: string
  kind: string
  format: ExportFormat
  description: string
  itemCount: number
  sha256: string | null
  purpose: string | null
  createdBy: string
  createdByName: string | null
  createdAt: number
  recipient: string | null
  destroyBy: number
  destroyedAt: number | null
  destroyedBy: string | null
  destroyedByName: string | null
  destructionNote: string | null
  status: ExportStatus
}

/** One read as a share names and carries it: what was read, when and where. */
export interface SharedRead {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  camera: string | null
  location: string | null
  latitude: number | null
  longitude: number | null
  source: string
}

/** Whether a PDF is a kept, approved audit report of this agency, and whether its signature still verifies. */
export interface ReportVerification {
  /** SHA-256 of the PDF as given. */
  sha256: string
  /** True when the PDF is byte for byte the report kept with an approved audit. */
  found: boolean
  audit: { id: string; periodStart: number; periodEnd: number; approvedAt: number; approvedByName: string | null } | null
  /** True when the kept content's signature verifies with the agency key; false when not found. */
  signatureValid: boolean
  /** The answer in one sentence. */
  summary: string
}

/**
 * The agency signing key's public half, shown so an administrator can record it outside the system: the
 * key is kept in the same database as what it signs, so only a copy kept elsewhere tells it from a substitute.
 */
export interface SigningKeyInfo {
  keyId: string
  publicKeyPem: string
}

// ── Live capture, hot-list hits (issue 4) ──────────────────────────────────────────────────────────────

/** A camera's capture state as the Live screen shows it. */
export type CameraState = 'disabled' | 'connecting' | 'live' | 'retrying' | 'error'

export interface CameraStatus {
  cameraId: string
  name: string
  kind: 'fixed' | 'mobile' | 'footage'
  location: string
  state: CameraState
  /** Frames recognised per second over the last few seconds (live only). */
  fps: number | null
  /** When the current state began (retrying since…, live since…). */
  since: number
  /** Why it is retrying or in error; never contains the source address or credentials. */
  reason: string | null
  /** The next connection attempt, while retrying. */
  nextAttemptAt: number | null
  readsToday: number
  lastReadAt: number | null
}

export type HitMatch = 'exact' | 'possible'
export type HitDisposition = 'confirmed' | 'misread' | 'wrong_state' | 'not_actionable' | 'dismissed'
export type HotListSound = 'alarm' | 'chime' | 'beep' | 'none'

/** A read as the live feed shows it. */
export interface LiveRead {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  cameraName: string | null
  /** The plate crop as a data: URL (JPEG), when one was stored. */
  crop: string | null
  /** Hits this read produced that the viewer may see. */
  hitIds: number[]
}

/** An alert on the Live screen: a hit and what it is about, without the images. */
export interface HitAlert {
  id: number
  readId: number
  match: HitMatch
  /** Positions where the read differs from the listed plate by an OCR confusion (0 when exact). */
  differences: number
  readPlate: string
  readState: string | null
  readConfidence: number
  readAt: number
  cameraName: string | null
  listId: string | null
  listName: string
  priority: 1 | 2 | 3
  color: string
  sound: HotListSound
  covert: boolean
  entryPlate: string
  entryState: string | null
  entryReason: string
  entryVehicle: string
  /** When the list was last refreshed (its age is shown beside every hit). */
  listRefreshedAt: number | null
  createdAt: number
  acknowledgedAt: number | null
  acknowledgedBy: string | null
  visualMatch: boolean | null
  stateMatch: boolean | null
  cletsChecked: boolean | null
  cletsResult: string | null
  disposition: HitDisposition | null
  dispositionNote: string | null
  disposedAt: number | null
  disposedBy: string | null
}

/** What the verification screen puts side by side: the alert, the read's images and per-character confidence. */
export interface HitDetail extends HitAlert {
  readChars: { char: string; confidence: number }[]
  crop: string | null
  scene: string | null
  entrySourceRef: string
  entryEnteredAt: number | null
  cameraLocation: string | null
  latitude: number | null
  longitude: number | null
}

/** One answer of the live feed: reads after the cursor, every open alert the viewer may see, camera states. */
export interface LiveFeed {
  reads: LiveRead[]
  alerts: HitAlert[]
  cameras: CameraStatus[]
  /** Pass back as `afterReadId` to get only newer reads. */
  lastReadId: number
  /** Hot lists in force with their last refresh, shown beside the alerts. */
  lists: { id: string; name: string; refreshedAt: number; priority: 1 | 2 | 3; entries: number }[]
}

export type CameraSourceKind = 'rtsp' | 'http' | 'udp' | 'device' | 'file'

/** A registered camera as administrators see it. Credentials are never part of it: only whether some are stored. */
export interface CameraRecord {
  id: string
  name: string
  kind: 'fixed' | 'mobile' | 'footage'
  latitude: number | null
  longitude: number | null
  location: string
  direction: string | null
  sourceKind: CameraSourceKind | null
  /** The stream address or device/file path, without credentials. */
  sourceUrl: string | null
  hasCredentials: boolean
  fps: number
  /** [x, y, w, h] as fractions of the frame; null for the whole frame. */
  roi: [number, number, number, number] | null
  enabled: boolean
  createdAt: number
  createdBy: string | null
  updatedAt: number | null
  updatedBy: string | null
  updatedByName: string | null
  /** The capture state, when capture knows the camera. */
  status: CameraStatus | null
}

// --- Footage review (issue 5, item 4) ---

export type FootageJobStatus = 'queued' | 'running' | 'done' | 'cancelled' | 'failed'

/** One video file being (or having been) processed for reads. Counts only: no plates, never the file's path. */
export interface FootageJob {
  id: string
  /** The file's name only (never its folder). */
  fileName: string
  sizeBytes: number | null
  /** Known once the file has been opened. */
  durationMs: number | null
  /** SHA-256 of the file (hex), known once it has been read through. */
  sha256: string | null
  /** The case the footage was processed for (the purpose's case number), when there was one. */
  caseNumber: string | null
  status: FootageJobStatus
  framesTotal: number | null
  framesDone: number
  readsFound: number
  /** Why the job failed, or what a cancelled job kept; a sentence without the file's path. */
  error: string | null
  startedAt: number
  finishedAt: number | null
  /** Read times are estimated (the file's modification time less its duration): no recording start was given. */
  timeEstimated: boolean
  /** Estimated time left for this job in ms (null when not running or not yet known). */
  etaMs: number | null
}

/** A read found in footage, placed on the video's timeline. */
export interface FootageRead {
  id: number
  plate: string
  state: string | null
  confidence: number
  chars: { char: string; confidence: number }[]
  /** Position in the video, ms. */
  footageMs: number
  /** When the read happened (recording start or file time + position). */
  readAt: number
  /** The plate crop as a data: URL (JPEG), when one was kept. */
  crop: string | null
}

/** A job's reads in video order. */
export interface FootageTimeline {
  job: FootageJob
  reads: FootageRead[]
}

/** A short-lived address the video element plays the job's file from. */
export interface FootageMedia {
  /** Relative URL `/media/<token>` on the app's own origin. */
  url: string
  mime: string
  expiresAt: number
}

// ── Hot lists (issue 4, item 3) ──────────────────────────────────────────────────────────────────────
export type HotListKind = 'file' | 'manual'

/** A hot list as the Hot lists screen shows it; covert lists are included, marked, for hotlists.manage holders. */
export interface HotListRecord {
  id: string
  name: string
  source: string
  kind: HotListKind
  priority: 1 | 2 | 3
  color: string
  sound: HotListSound
  covert: boolean
  /** The list's own retention period; null when it follows the agency's hotListRetentionDays. */
  retentionDays: number | null
  /** The period in force (own or agency default). */
  effectiveRetentionDays: number
  description: string
  refreshedAt: number
  /** Age of the last refresh at the time of the answer, and whether that is stale (file lists: over 24 h). */
  ageMs: number
  stale: boolean
  /** When the retention purge deletes the whole list unless it is refreshed before. */
  expiresAt: number
  entries: number
  createdAt: number
  createdByName: string | null
  updatedByName: string | null
}

export interface HotListEntryRecord {
  id: number
  listId: string
  plate: string
  state: string | null
  reason: string
  vehicle: string
  sourceRef: string
  enteredAt: number | null
  /** Manual entries' mandatory expiry; null for entries of file lists (they live as long as the list). */
  expiresAt: number | null
  createdAt: number
  addedByName: string | null
}

export interface HotListEntryPage {
  entries: HotListEntryRecord[]
  /** Entries matching the search (all of the list's without one). */
  total: number
}

/** One row of a CSV file that was not accepted, and every reason why. */
export interface HotListImportRejection {
  /** Line of the file where the row starts (the header is line 1). */
  line: number
  /** The row's plate cell as written (cut to 20 characters), to find it in the file. */
  plate: string
  reasons: string[]
}

/** What a CSV file would give (validateImport) or gave (import). */
export interface HotListImportReport {
  fileName: string
  sha256: string
  bytes: number
  /** Data rows (not counting the header). */
  rows: number
  accepted: number
  rejected: number
  /** The first rejected rows (at most HOT_LIST_REPORT_LIMIT); `rejected` is the full count. */
  rejections: HotListImportRejection[]
  /** Which header of the file was read as which field. */
  columns: { field: string; header: string }[]
  /** Headers of the file that were not used. */
  ignoredColumns: string[]
}

export interface HotListImportResult {
  list: HotListRecord
  report: HotListImportReport
  /** Entries of the list that the import replaced (0 for a new list). */
  replacedEntries: number
}

// ── Plate search, read detail, corrections (issue 5, items 1–3, 5) ──────────────────────────────────────

/** A purpose the core accepted, as the access log will record it (shown as "the purpose in force"). */
export interface PurposeInForce {
  caseNumber: string | null
  lastName: string | null
  note: string | null
  text: string
}

/** A camera as the search filters offer it (no source address, no credentials). */
export interface SearchCamera {
  id: string
  name: string
  kind: 'fixed' | 'mobile' | 'footage'
  location: string
  latitude: number | null
  longitude: number | null
  enabled: boolean
}

/** One read in a result list. */
export interface ReadSummary {
  id: number
  plate: string
  state: string | null
  confidence: number
  readAt: number
  cameraId: string | null
  cameraName: string | null
  latitude: number | null
  longitude: number | null
  source: 'camera' | 'footage'
  /** The footage file's name, for reads from footage. */
  footageName: string | null
  /** Whether the read has a hot-list hit the viewer may see. */
  hasHits: boolean
  /** Whether the read was corrected (the plate shown is the corrected one). */
  corrected: boolean
  /** The plate crop as a data: URL (JPEG), when one was stored. */
  crop: string | null
  /** For a similar-plate search: positions that differ from the plate searched (0 = the same plate). */
  differences: number | null
}

/**
 * One page of search results. There is no exact total over millions: a capped count and `hasMore`. A search
 * whose filters match rarely stops after a bounded scan, so a page may hold fewer reads than asked for (even
 * none) while `hasMore` is true: ask for the next page to go on scanning.
 */
export interface ReadSearchPage {
  reads: ReadSummary[]
  /** Pass back as `cursor` (with the same filters) for the next page; null when there is none. */
  nextCursor: string | null
  hasMore: boolean
  /** Matching reads counted up to `SEARCH_COUNT_CAP` on the first page; null on later pages. */
  count: number | null
  /** True when there are more than `count` (shown as "10,000+"). */
  countCapped: boolean
}

/** A hot-list hit as a read's history shows it. */
export interface ReadHitHistory {
  id: number
  listName: string
  entryPlate: string
  entryState: string | null
  entryReason: string
  match: HitMatch
  differences: number
  priority: 1 | 2 | 3
  covert: boolean
  createdAt: number
  disposition: HitDisposition | null
  disposedAt: number | null
}

export interface ReadHoldInfo {
  id: string
  caseNumber: string
  reason: string
  reviewAt: number
  placedAt: number
  releasedAt: number | null
}

/** A correction: the original beside what it was corrected to (the original is never lost). */
export interface ReadCorrection {
  id: number
  originalPlate: string
  originalState: string | null
  correctedPlate: string
  correctedState: string | null
  reason: string
  correctedBy: string
  /** Display name of who corrected it (null when the account is gone). */
  correctedByName: string | null
  correctedAt: number
}

/** Everything known about one read. */
export interface ReadDetail extends ReadSummary {
  chars: { char: string; confidence: number }[]
  /** The frame-by-frame readings that formed the read. */
  readings: { ms: number; text: string; confidence: number }[]
  reader: string | null
  scene: string | null
  camera: { id: string; name: string; kind: 'fixed' | 'mobile' | 'footage'; location: string; direction: string | null; latitude: number | null; longitude: number | null } | null
  footage: { jobId: string | null; fileName: string | null; sha256: string | null; caseNumber: string | null; positionMs: number | null } | null
  hits: ReadHitHistory[]
  holds: ReadHoldInfo[]
  /** Oldest first; the first one's original is what the reader produced. */
  corrections: ReadCorrection[]
}
