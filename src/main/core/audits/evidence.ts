// Assembles the evidence of an audit for a period (DOMAIN.md "Audits"): a random sample of searches with
// their purposes, account status, sharing records, retention compliance, hot-list retention, overdue
// exports, corrections of reads and misuse flags. Account, retention and export states are as of `now`
// (when the audit is assembled); activity (searches, shares, corrections, flags) is that of the period.
import type { AccountEvidence, AuditEvidence, SampledSearch, ShareEvidence } from '../../../shared/models'
import { DAY } from '../clock'
import type { Settings } from '../settings/definitions'
import type { Store } from '../store'
import type { LogFact } from '../store/repositories/audits'
import type { UserRow } from '../store/repositories/users'
import { isInactive, measuredByAlprAccess, unusedSince, reviewExpiresAt as reviewExpiresAtOf, trainingExpiresAt as trainingExpiresAtOf } from '../access/eligibility'
import { ALPR_ACCESS_CHANNELS } from './channels'
import { detectMisuse, misuseRules, USUAL_HOURS_DAYS, type MisuseOptions } from './misuse'
import { drawSample } from './sample'
import { localDate } from '../local-time'

export interface EvidenceRequest {
  periodStart: number
  periodEnd: number
  sampleSize: number
  /** Chosen by the product (never the caller), kept with the audit. */
  seed: number
  /** The newest access-log entry the population may include: entries appended later never enter a redraw. */
  maxLogId: number
  now: number
  settings: Settings
}

/** What a sample was drawn from, as kept with the audit: drawing again from it gives the same searches. */
export interface SampleBasis {
  periodStart: number
  periodEnd: number
  sampleSize: number
  seed: number
  channels: string[]
  maxLogId: number
}

/** Draws (or redraws, from an audit's kept basis) the random sample of searches. */
export async function drawAuditSample(store: Store, b: SampleBasis): Promise<{ population: number; ids: number[] }> {
  const population = await store.audits.searchIds(b.periodStart, b.periodEnd, b.channels, b.maxLogId)
  return { population: population.length, ids: drawSample(population, b.sampleSize, b.seed) }
}

export async function assembleEvidence(store: Store, r: EvidenceRequest, options: MisuseOptions = {}): Promise<AuditEvidence> {
  const channels = [...ALPR_ACCESS_CHANNELS]
  const drawn = await drawAuditSample(store, { ...r, channels })
  const sampled = (await store.audits.logFacts(drawn.ids)).map(toSampledSearch)

  const accounts = (await store.users.listAll()).map((a) => accountEvidence(a, r.settings, r.now))
  const shares = await store.audits.shares(r.periodStart, r.periodEnd)
  const cutoff = r.now - r.settings.readRetentionDays * DAY
  const past = await store.audits.readsPastRetention(cutoff)
  const runs = await store.audits.retentionRuns(r.periodStart, r.periodEnd)
  const lists = await store.audits.hotListRetention(r.now, r.settings.hotListRetentionDays, DAY)
  const overdue = await store.exports.overdue(r.now)
  const names = await store.audits.usernames([...new Set(overdue.map((e) => e.createdBy))])
  const facts = await store.audits.misuseFacts(r.periodStart, r.periodEnd, channels)
  const history = await store.audits.misuseFacts(r.periodStart - USUAL_HOURS_DAYS * DAY, r.periodStart, channels)

  return {
    assembledAt: r.now,
    sample: { seed: r.seed, population: drawn.population, entries: sampled, channels, maxLogId: r.maxLogId },
    accounts: {
      rows: accounts,
      departures: accounts.filter((a) => a.status === 'deleted').length,
      trainingRecordsInPeriod: await store.audits.countTrainingRecords(r.periodStart, r.periodEnd),
      reviewsInPeriod: await store.audits.countReviews(r.periodStart, r.periodEnd),
      withIssues: accounts.filter((a) => a.issues.length > 0).length,
    },
    sharing:
      shares === null
        ? { kept: false }
        : (() => {
            const records = shares.produced.map(shareEvidence)
            return {
              kept: true,
              records,
              withIssues: records.filter((s) => s.issues.length > 0).length,
              pending: shares.pending,
              declined: shares.declined,
              approvedNotProduced: shares.approvedNotProduced,
            }
          })(),
    retention: {
      readRetentionDays: r.settings.readRetentionDays,
      cutoff,
      readsPastRetention: past.count,
      oldestPastRetention: past.oldest,
      readsHeld: past.held,
      runs: runs === null ? { kept: false } : { kept: true, ...runs },
    },
    hotLists: { lists, overdueEntries: lists.reduce((n, l) => n + l.overdueEntries, 0) },
    exports: {
      createdInPeriod: await store.audits.countExportsCreated(r.periodStart, r.periodEnd),
      overdue: overdue.map((e) => ({
        id: e.id,
        kind: e.kind,
        description: e.description,
        createdAt: e.createdAt,
        destroyBy: e.destroyBy,
        createdBy: names[e.createdBy] ?? e.createdBy,
      })),
    },
    corrections: await store.audits.corrections(r.periodStart, r.periodEnd),
    misuse: { flags: detectMisuse(facts, r.settings, channels, { history, ...options }), rules: misuseRules(r.settings) },
  }
}

/** The data elements of an entry as one line ("plate: 7ABC123 · from: …"). */
export function queryText(dataElements: string | Record<string, unknown>): string {
  let elements: Record<string, unknown>
  try {
    elements = typeof dataElements === 'string' ? (JSON.parse(dataElements) as Record<string, unknown>) : dataElements
  } catch {
    return String(dataElements)
  }
  return Object.entries(elements)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ')
}

const toSampledSearch = (f: LogFact): SampledSearch => ({
  id: f.id,
  at: f.at,
  username: f.username,
  agency: f.agency,
  unit: f.unit,
  channel: f.channel,
  query: queryText(f.dataElements),
  purpose: f.purpose,
})

/** What an audit needs of an account: its identity and the fields eligibility judges. */
export type AccountFact = Pick<
  UserRow,
  | 'id'
  | 'username'
  | 'displayName'
  | 'status'
  | 'roles'
  | 'lockedAt'
  | 'createdAt'
  | 'approvedAt'
  | 'lastAccessAt'
  | 'lastUsedAt'
  | 'reactivatedAt'
  | 'trainingCompletedAt'
  | 'retrainingOrderedAt'
  | 'reviewedAt'
  | 'classification'
  | 'classificationAuthorized'
>

/** The account rules are eligibility's own (core/access/eligibility.ts), so an audit judges as the guard does. */
export function accountEvidence(a: AccountFact, s: Settings, now: number): AccountEvidence {
  const trainingExpiresAt = trainingExpiresAtOf(a, s)
  const reviewExpiresAt = reviewExpiresAtOf(a, s)
  const issues: string[] = []
  if (a.status === 'active') {
    if (trainingExpiresAt === null) issues.push('No training record.')
    else if (trainingExpiresAt <= now) issues.push(`Training expired ${localDate(trainingExpiresAt)}.`)
    if (reviewExpiresAt === null) issues.push('Never reviewed.')
    else if (reviewExpiresAt <= now) issues.push(`Annual review lapsed ${localDate(reviewExpiresAt)}.`)
    if (isInactive(a, s, now)) {
      const idleDays = Math.floor((now - unusedSince(a)) / DAY)
      const unused = measuredByAlprAccess(a) ? 'Not used to access ALPR information' : 'Not used'
      issues.push(`${unused} for ${idleDays} days, yet still active (suspension is due after ${s.inactivityDays}).`)
    }
    if (a.classification === null) issues.push('No job classification recorded, yet still active.')
    else if (a.classificationAuthorized !== true) issues.push(`Job classification ${a.classification} is not authorized, yet still active.`)
    if (a.lockedAt !== null) issues.push(`Locked after failed sign-ins since ${localDate(a.lockedAt)}.`)
  }
  return {
    userId: a.id,
    username: a.username,
    displayName: a.displayName,
    status: a.status,
    roles: a.roles,
    trainingCompletedAt: a.trainingCompletedAt,
    trainingExpiresAt,
    reviewedAt: a.reviewedAt,
    reviewExpiresAt,
    lastAccessAt: a.lastAccessAt,
    lastUsedAt: a.lastUsedAt,
    issues,
  }
}

function shareEvidence(s: Omit<ShareEvidence, 'issues'>): ShareEvidence {
  const issues: string[] = []
  if (!s.approvedBy) issues.push('No approval recorded.')
  if (s.agencyState !== null && s.agencyState !== 'CA') issues.push('Agency is not a California agency.')
  if (!s.purpose) issues.push('No purpose recorded.')
  return { ...s, issues }
}
