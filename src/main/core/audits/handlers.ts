// Handlers of audits: assemble the evidence for a period, record the findings (the performer), approve and
// sign the report (a different person), hand out the kept report, and the administrator's overview.
import { createHash, randomInt, randomUUID } from 'node:crypto'
import type { AuditDetail, AuditEvidence, AuditSummary, SampleReview } from '../../../shared/models'
import { rolesGrant } from '../../../shared/roles'
import type { Handlers, HandlerContext } from '../access/types'
import type { Services } from '../app/services'
import { addMonths, DAY } from '../clock'
import type { PdfDocumentSpec } from '../documents/pdf'
import { renderSignedPdf, verifySignedContent } from '../documents/signed-pdf'
import type { Signature } from '../store/repositories/signing'
import { AppError } from '../errors'
import { recordedExport } from '../exports/ledger'
import type { AuditRow } from '../store/repositories/audits'
import { ALPR_ACCESS_CHANNELS } from './channels'
import { accountEvidence, assembleEvidence } from './evidence'
import { localDate, startOfLocalDay } from '../local-time'
import { detectMisuse, USUAL_HOURS_DAYS } from './misuse'
import { auditReportSpec, periodText } from './report'

type AuditHandlers = Pick<
  Handlers,
  | 'audits.list'
  | 'audits.get'
  | 'audits.create'
  | 'audits.perform'
  | 'audits.approve'
  | 'audits.report'
  | 'audits.verifyReport'
  | 'audits.overview'
>

/** Audits may cover at most this long a period. */
const MAX_PERIOD_DAYS = 3 * 366
/** The overview's misuse flags cover this many days back from now. */
export const OVERVIEW_FLAG_DAYS = 30
/** Accounts appear as due on the overview this long before their training or review lapses. */
const DUE_SOON = 30 * DAY

export function auditHandlers({ store }: Services): AuditHandlers {
  /** Lists and reports are for those who perform or approve audits. */
  const requireAuditRole = (ctx: HandlerContext) => {
    const roles = ctx.user?.roles ?? []
    if (!rolesGrant(roles, 'audits.perform') && !rolesGrant(roles, 'audits.approve')) throw new AppError('PERMISSION_DENIED')
  }
  const requireAudit = async (id: string, ctx: HandlerContext): Promise<AuditRow> => {
    ctx.note({ auditId: id })
    const row = await store.audits.get(id)
    if (!row) throw new AppError('NOT_FOUND', 'No audit with that id exists.')
    return row
  }

  return {
    'audits.list': async (_input, ctx) => {
      requireAuditRole(ctx)
      return (await store.audits.list()).map(toSummary)
    },

    'audits.get': async ({ id }, ctx) => {
      requireAuditRole(ctx)
      return toDetail(await requireAudit(id, ctx))
    },

    'audits.create': async ({ periodStart, periodEnd, sampleSize }, ctx) => {
      const start = startOfLocalDay(periodStart)
      const [y, m, d] = periodEnd.split('-').map(Number) as [number, number, number]
      const end = new Date(y, m - 1, d + 1).getTime()
      if (end <= start) {
        throw new AppError('INVALID_INPUT', 'The period must end on or after the day it starts.', { periodEnd: 'On or after the start' })
      }
      if (start > ctx.now) {
        throw new AppError('INVALID_INPUT', 'An audit covers a past period; this one starts in the future.', { periodStart: 'Not in the future' })
      }
      // A period still under way would be audited on part of its activity and then count as audited in full.
      if (end > ctx.now) {
        throw new AppError(
          'INVALID_INPUT',
          `An audit covers a period that has ended; ${periodEnd} is not over yet. End the period on ${localDate(startOfLocalDay(localDate(ctx.now)) - 1)} or earlier.`,
          { periodEnd: 'A day that has ended' },
        )
      }
      if (end - start > MAX_PERIOD_DAYS * DAY) {
        throw new AppError('INVALID_INPUT', 'An audit covers at most three years; choose a shorter period.', { periodEnd: 'At most three years after the start' })
      }
      // One open audit per period: otherwise a performer could assemble drafts until a sample suits them.
      const open = await store.audits.openOverlapping(start, end)
      if (open.length > 0) {
        throw new AppError(
          'CONFLICT',
          `Audit ${open[0]!.id} of an overlapping period is still ${open[0]!.status === 'draft' ? 'a draft' : 'awaiting approval'}; complete it before assembling another for this period.`,
        )
      }
      // The seed is the product's, never the caller's, so the sample cannot be steered; it is kept with the audit.
      const sampleSeed = randomInt(0, 2 ** 31 - 1)
      const maxLogId = await store.audits.maxLogId()
      const evidence = await assembleEvidence(store, {
        periodStart: start,
        periodEnd: end,
        sampleSize,
        seed: sampleSeed,
        maxLogId,
        now: ctx.now,
        settings: ctx.settings,
      })
      const id = newAuditId(ctx.now)
      ctx.note({ auditId: id })
      const row = await store.audits.create({
        id,
        periodStart: start,
        periodEnd: end,
        createdBy: ctx.user!.id,
        createdAt: ctx.now,
        sampleSeed,
        sampleChannels: JSON.stringify(evidence.sample.channels),
        sampleMaxLogId: maxLogId,
        evidence: JSON.stringify(evidence),
        flagCount: evidence.misuse.flags.length,
      })
      return toDetail(row)
    },

    'audits.perform': async ({ id, findings, remedialActions, sampleReviews }, ctx) => {
      const audit = await requireAudit(id, ctx)
      if (audit.status !== 'draft') {
        throw new AppError('CONFLICT', `This audit was already performed by ${audit.performedByName ?? 'someone else'}; its findings cannot be changed.`)
      }
      const sampled = new Set((JSON.parse(audit.evidence) as AuditEvidence).sample.entries.map((e) => e.id))
      const seen = new Set<number>()
      for (const [i, review] of sampleReviews.entries()) {
        if (!sampled.has(review.entryId) || seen.has(review.entryId)) {
          throw new AppError('INVALID_INPUT', `Entry #${review.entryId} is not a search of this audit’s sample, or is assessed twice.`, {
            [`sampleReviews.${i}.entryId`]: 'Not in the sample, or listed twice',
          })
        }
        seen.add(review.entryId)
      }
      if (!(await store.audits.markPerformed(id, ctx.user!.id, ctx.now, findings, remedialActions, JSON.stringify(sampleReviews)))) {
        throw new AppError('CONFLICT', 'This audit was performed by someone else a moment ago; reload it.')
      }
      return toDetail((await store.audits.get(id))!)
    },

    'audits.approve': async ({ id, note }, ctx) => {
      const audit = await requireAudit(id, ctx)
      if (audit.status === 'draft') {
        throw new AppError('CONFLICT', 'This audit has not been performed yet: its findings must be recorded before it can be approved.')
      }
      if (audit.status === 'approved') {
        throw new AppError('CONFLICT', `This audit was already approved by ${audit.approvedByName ?? 'someone else'}.`)
      }
      if (audit.performedBy === ctx.user!.id) {
        throw new AppError(
          'SECOND_PERSON_REQUIRED',
          'You performed this audit, so you cannot approve it. Another ALPR Administrator or a Supervisor must review and approve it.',
        )
      }
      const approver = ctx.user!
      const keepUntil = addMonths(ctx.now, 12 * ctx.settings.recordRetentionYears)
      const detail = { ...toDetail(audit), approvalNote: note || null }
      const spec = auditReportSpec(detail, {
        agencyName: ctx.settings.agencyName,
        performedBy: audit.performedByName ?? audit.performedBy ?? '—',
        approvedBy: `${approver.displayName} (${approver.username})`,
        approvedAt: ctx.now,
        keepUntil,
      })
      const signed = await renderSignedPdf(store, spec, {
        name: `${approver.displayName} (${approver.username})`,
        statement: `Approved on behalf of ${ctx.settings.agencyName}. The agency key signs the report’s content.`,
      })
      const reportSha256 = createHash('sha256').update(signed.pdf).digest('hex')
      const approved = await store.audits.approve({
        id,
        approvedBy: approver.id,
        approvedAt: ctx.now,
        note,
        reportPdf: signed.pdf,
        reportSha256,
        reportSpec: JSON.stringify({ ...spec, createdAt: spec.createdAt.toISOString() }),
        reportSignature: JSON.stringify(signed.signature),
        keepUntil,
      })
      if (!approved) throw new AppError('CONFLICT', 'This audit changed while it was being approved; reload it.')
      ctx.note({ reportSha256 })
      return toDetail((await store.audits.get(id))!)
    },

    'audits.report': async ({ id }, ctx) => {
      requireAuditRole(ctx)
      const audit = await requireAudit(id, ctx)
      const report = audit.status === 'approved' ? await store.audits.report(id) : null
      if (!report) throw new AppError('CONFLICT', 'Only an approved audit has a signed report.')
      const evidence = JSON.parse(audit.evidence) as AuditEvidence
      return recordedExport(store, ctx, {
        kind: 'audit-report',
        format: 'pdf',
        description: `Signed audit report ${audit.id}, period ${periodText(audit)}`,
        itemCount: evidence.sample.entries.length,
        fileName: `audit-${audit.id}-${localDate(audit.periodStart)}.pdf`,
        bytes: Buffer.from(report.pdf),
      })
    },

    'audits.verifyReport': async ({ pdfBase64 }, ctx) => {
      const roles = ctx.user?.roles ?? []
      if (!rolesGrant(roles, 'audits.perform') && !rolesGrant(roles, 'accessLog.read')) throw new AppError('PERMISSION_DENIED')
      // The bytes decide: a report changed in any way has another SHA-256 and is not one this agency kept.
      const sha256 = createHash('sha256').update(Buffer.from(pdfBase64, 'base64')).digest('hex')
      ctx.note({ reportSha256: sha256 })
      const kept = await store.audits.reportBySha256(sha256)
      if (!kept) {
        return {
          sha256,
          found: false,
          audit: null,
          signatureValid: false,
          summary: 'This PDF is not an approved audit report kept by this agency: no kept report has these exact bytes.',
        }
      }
      ctx.note({ auditId: kept.id })
      const spec = JSON.parse(kept.spec) as Omit<PdfDocumentSpec, 'signature' | 'createdAt'> & { createdAt: string }
      const signatureValid = await verifySignedContent(store, { ...spec, createdAt: new Date(spec.createdAt) }, JSON.parse(kept.signature) as Signature)
      const { spec: _spec, signature: _signature, ...audit } = kept
      return {
        sha256,
        found: true,
        audit,
        signatureValid,
        summary: signatureValid
          ? `This PDF is the signed report of audit ${kept.id}, approved ${localDate(kept.approvedAt)}; its signature verifies with the agency key.`
          : `This PDF is the report kept for audit ${kept.id}, but its signature does NOT verify with the agency key: the kept record was altered or the key changed.`,
      }
    },

    'audits.overview': async (_input, ctx) => {
      const from = ctx.now - OVERVIEW_FLAG_DAYS * DAY
      const facts = await store.audits.misuseFacts(from, ctx.now + 1, [...ALPR_ACCESS_CHANNELS])
      const history = await store.audits.misuseFacts(from - USUAL_HOURS_DAYS * DAY, from, [...ALPR_ACCESS_CHANNELS])
      const last = await store.audits.latestApproved()
      const counts = await store.audits.countByStatus()
      const accountsDue: { userId: string; username: string; what: string; at: number | null }[] = []
      for (const fact of await store.users.listAll()) {
        if (fact.status !== 'active') continue
        const a = accountEvidence(fact, ctx.settings, ctx.now)
        const due = (what: string, at: number | null) => {
          if (at === null) accountsDue.push({ userId: a.userId, username: a.username, what: `${what}: none on record`, at })
          else if (at - ctx.now <= DUE_SOON) accountsDue.push({ userId: a.userId, username: a.username, what: at <= ctx.now ? `${what} lapsed` : `${what} due`, at })
        }
        due('Training', a.trainingExpiresAt)
        due('Annual review', a.reviewExpiresAt)
      }
      return {
        flagsFrom: from,
        flagsTo: ctx.now,
        flags: detectMisuse(facts, ctx.settings, ALPR_ACCESS_CHANNELS, { history }),
        lastApprovedAudit: last,
        auditDueAt: last ? addMonths(last.periodEnd, 12) : null,
        auditsAwaitingApproval: counts.performed,
        draftAudits: counts.draft,
        overdueExports: (await store.exports.overdue(ctx.now)).length,
        accountsDue: accountsDue.sort((a, b) => (a.at ?? 0) - (b.at ?? 0)),
      }
    },
  }
}

/** A new audit id: the day it was assembled and a random part, short enough to quote. */
function newAuditId(now: number): string {
  return `AU-${localDate(now).replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`
}

function toSummary(row: Omit<AuditRow, 'evidence' | 'sampleReviews'>): AuditSummary {
  return {
    id: row.id,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    status: row.status,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt,
    performedBy: row.performedBy,
    performedByName: row.performedByName,
    performedAt: row.performedAt,
    approvedBy: row.approvedBy,
    approvedByName: row.approvedByName,
    approvedAt: row.approvedAt,
    reportSha256: row.reportSha256,
    keepUntil: row.keepUntil,
    flagCount: row.flagCount,
  }
}

function toDetail(row: AuditRow): AuditDetail {
  return {
    ...toSummary(row),
    sampleSeed: row.sampleSeed,
    evidence: JSON.parse(row.evidence) as AuditEvidence,
    sampleReviews: JSON.parse(row.sampleReviews) as SampleReview[],
    findings: row.findings,
    remedialActions: row.remedialActions,
    approvalNote: row.approvalNote,
  }
}
