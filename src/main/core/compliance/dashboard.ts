// The compliance dashboard: each duty the ALPR law and the agency's policy put on the agency, the evidence the
// product holds for it, and what is missing or overdue right now. Reads only; every judgement is made here.
import type { ComplianceDuty, ComplianceState } from '../../../shared/models'
import { addMonths, DAY, HOUR, MINUTE } from '../clock'
import { isInactive, reviewExpiresAt, trainingExpiresAt } from '../access/eligibility'
import { localDate } from '../local-time'
import { toRecordsRequest } from '../sharing/handlers'
import type { Settings } from '../settings/definitions'
import type { Store } from '../store'
import { toVendorContract } from '../vendors/contract-items'
import { policyStatus } from '../policy/handlers'

const day = localDate
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`
/** The retention purge runs at least daily; no successful run for this long means it has stopped. */
const RETENTION_RUN_STALE_MS = 2 * DAY
/**
 * The purge runs hourly (retention/scheduler.ts) and a run takes a while, so data that crossed its cutoff since
 * the last run is expected to be there: only data past its period by more than this is overdue.
 */
export const PURGE_GRACE_MS = HOUR + 30 * MINUTE

function duty(d: Omit<ComplianceDuty, 'state'>, worst: ComplianceState | null): ComplianceDuty {
  return { ...d, state: d.problems.length === 0 ? 'met' : (worst ?? 'attention') }
}

export async function complianceDuties(store: Store, settings: Settings, now: number): Promise<ComplianceDuty[]> {
  const duties: ComplianceDuty[] = []

  // Audits, at least yearly.
  const lastAudit = await store.reports.lastApprovedAudit()
  {
    const problems: string[] = []
    const evidence: string[] = []
    if (lastAudit === undefined) problems.push('Audits are not yet recorded in this system.')
    else if (lastAudit === null) problems.push('No audit has been approved yet.')
    else {
      evidence.push(`Last approved audit: ${day(lastAudit)}.`)
      if (addMonths(lastAudit, 12) <= now) problems.push(`No audit approved in the last 12 months (due ${day(addMonths(lastAudit, 12))}).`)
    }
    duties.push(duty({ id: 'audit', duty: 'Audit use of the system at least once a year', source: 'Policy (audits); Civil Code 1798.90.51', evidence, problems }, lastAudit ? 'overdue' : 'missing'))
  }

  // Accounts: training, annual review, inactivity.
  {
    const users = (await store.users.list()).filter((u) => u.status === 'active')
    const expiredTraining = users.filter((u) => (trainingExpiresAt(u, settings) ?? 0) <= now)
    const lapsedReview = users.filter((u) => (reviewExpiresAt(u, settings) ?? 0) <= now)
    // Whatever else is wrong with the account: an active account past the inactivity period should be suspended.
    const inactive = users.filter((u) => isInactive(u, settings, now))
    const problems = [
      ...expiredTraining.map((u) => `Training expired: ${u.displayName} (${u.username}), since ${day(trainingExpiresAt(u, settings) ?? u.createdAt)}.`),
      ...lapsedReview.map((u) => `Annual access review lapsed: ${u.displayName} (${u.username}), since ${day(reviewExpiresAt(u, settings) ?? u.createdAt)}.`),
      ...inactive.map((u) => `Not used for ${settings.inactivityDays} days and not yet suspended: ${u.displayName} (${u.username}).`),
    ]
    duties.push(
      duty(
        {
          id: 'accounts',
          duty: 'Only trained users with a current access review',
          source: 'Civil Code 1798.90.51(b)(2)(B); policy (access approval and annual review)',
          evidence: [`${plural(users.length, 'active account')}; training valid ${settings.trainingValidityMonths} months, reviews ${settings.reviewValidityMonths} months.`],
          problems,
        },
        'overdue',
      ),
    )
  }

  // Downloaded, printed or shared copies destroyed on time.
  {
    const overdue = await store.exports.overdue(now)
    const open = await store.exports.list({ open: true })
    duties.push(
      duty(
        {
          id: 'exports',
          duty: `Destroy downloaded, printed or shared copies within ${settings.exportDestructionDays} days`,
          source: 'Policy (retention of downloaded information)',
          evidence: [`${plural(open.length, 'copy', 'copies')} awaiting a destruction certificate.`],
          problems: overdue.map((e) => `${e.id} (${e.description}) was due for destruction on ${day(e.destroyBy)}.`),
        },
        'overdue',
      ),
    )
  }

  // Sharing: only with California public agencies, a record of each, e-mail messages kept for their period.
  {
    const agencies = await store.sharing.agencies()
    const shares = await store.sharing.shares()
    const pending = shares.filter((s) => s.status === 'pending')
    const withoutMessage = await store.sharing.emailTransfersWithoutMessage()
    const expiredEmails = await store.sharing.expiredEmails(now - PURGE_GRACE_MS)
    const problems = [
      ...withoutMessage.map((s) => `Share ${s.id} with ${s.agencyName} was sent by e-mail, but the original message is not kept.`),
      ...(expiredEmails.length ? [`${plural(expiredEmails.length, 'kept e-mail message')} past the ${settings.emailRetentionDays}-day period ${expiredEmails.length === 1 ? 'is' : 'are'} still stored.`] : []),
      ...pending.filter((s) => s.createdAt + 7 * DAY <= now).map((s) => `Share request ${s.id} from ${s.agencyName} has waited more than 7 days for a decision.`),
    ]
    duties.push(
      duty(
        {
          id: 'sharing',
          duty: 'Share only with California public agencies, with a record of each',
          source: 'Civil Code 1798.90.55(b); policy (sharing)',
          evidence: [
            `${plural(agencies.length, 'registered California public agency', 'registered California public agencies')}; the system refuses federal, out-of-state and private requesters.`,
            `${plural(shares.filter((s) => s.exportId).length, 'share')} produced, ${plural(pending.length, 'request')} pending.`,
          ],
          problems,
        },
        'attention',
      ),
    )
  }

  // Records requests and subpoenas answered by their due date.
  {
    const requests = await store.sharing.recordsRequests()
    const open = requests.filter((r) => r.status === 'open')
    duties.push(
      duty(
        {
          id: 'records-requests',
          duty: 'Answer Public Records Act requests and subpoenas on time',
          source: 'Policy (sharing); Government Code 7920 et seq.',
          evidence: [`${plural(open.length, 'open request')}, routed to the ${settings.administratorTitle}.`],
          problems: open.filter((r) => toRecordsRequest(r, now).overdue).map((r) => `${r.id} from ${r.requester} was due on ${day(r.dueAt)}.`),
        },
        'overdue',
      ),
    )
  }

  // Vendor contracts, where a vendor hosts data.
  {
    const contracts = (await store.vendors.list()).map((c) => toVendorContract(c, now))
    const problems = contracts.flatMap((c) => [
      ...(c.expired ? [`${c.vendor}: contract expired on ${day(c.expiresOn)}.`] : []),
      ...c.items.filter((i) => !i.met).map((i) => `${c.vendor}: ${i.label.toLowerCase()} — ${i.detail}`),
    ])
    duties.push(
      duty(
        {
          id: 'vendors',
          duty: 'Contracts with hosting vendors contain the required terms',
          source: 'Civil Code 1798.90.51, 1798.90.53; policy (third-party hosting)',
          evidence: [contracts.length ? `${plural(contracts.length, 'vendor contract')} on record.` : 'No vendor contract on record: the data is hosted only on agency workstations.'],
          problems,
        },
        contracts.some((c) => c.expired) ? 'overdue' : 'missing',
      ),
    )
  }

  // The public policy, posted and matching what the system enforces.
  {
    const status = policyStatus(settings, await store.policy.latest(), [])
    const problems = !status.latest
      ? ['The usage and privacy policy has never been published.']
      : status.outOfDate
        ? [`The published policy (version ${status.latest.version}) no longer matches the settings: ${status.changedSettings.map((c) => c.label.toLowerCase()).join(', ') || 'the generated text changed'}. Publish it again.`]
        : []
    duties.push(
      duty(
        {
          id: 'policy',
          duty: 'Post a usage and privacy policy that matches practice',
          source: 'Civil Code 1798.90.51(b)',
          evidence: status.latest ? [`Version ${status.latest.version} published ${day(status.latest.publishedAt)} by ${status.latest.publishedByName}.`] : [],
          problems,
        },
        status.latest ? 'attention' : 'missing',
      ),
    )
  }

  // Retention: the purge runs, nothing outlives its period, holds are reviewed.
  {
    const runs = await store.reports.retentionRuns(10)
    const cutoff = now - settings.readRetentionDays * DAY - PURGE_GRACE_MS
    const lingering = await store.reports.readsPastRetention(cutoff)
    const holdsDue = await store.reports.holdsPastReview(now)
    const openHolds = await store.reports.openHolds()
    const problems: string[] = []
    const evidence = [`Reads kept ${settings.readRetentionDays} days; ${plural(openHolds, 'open hold')}.`]
    if (runs === undefined) problems.push('Retention runs are not yet recorded in this system.')
    else if (runs.length === 0) problems.push('No retention run has been recorded.')
    else {
      // Outcomes (migration 005): running, completed, stopped (interrupted, resumes next run), failed.
      const latest = runs[0]!
      evidence.push(`Last retention run ${day(latest.startedAt)}: ${latest.outcome}, ${plural(latest.readsDeleted, 'read')} deleted.`)
      const lastFinished = runs.find((r) => r.outcome !== 'running')
      const lastCompleted = runs.find((r) => r.outcome === 'completed')
      if (lastFinished?.outcome === 'failed') problems.push(`The latest retention run failed (${day(lastFinished.startedAt)}).`)
      if (!lastCompleted) problems.push('No retention run has completed.')
      else if (lastCompleted.startedAt + RETENTION_RUN_STALE_MS <= now) problems.push(`No retention run has completed since ${day(lastCompleted.startedAt)}.`)
    }
    if (lingering > 0) {
      problems.push(`${plural(lingering, 'read')} older than ${settings.readRetentionDays} days and not under a hold ${lingering === 1 ? 'is' : 'are'} still stored.`)
    }
    problems.push(...holdsDue.map((h) => `Hold ${h.id} was due for review on ${day(h.reviewAt)}.`))
    duties.push(
      duty(
        {
          id: 'retention',
          duty: `Delete reads after ${settings.readRetentionDays} days unless held, and review holds`,
          source: 'Civil Code 1798.90.51(b)(2)(G); policy (retention)',
          evidence,
          problems,
        },
        'overdue',
      ),
    )
  }

  return duties
}
