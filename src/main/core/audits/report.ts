// The audit report as a document: every part of the evidence, the findings and remedial actions, and who
// performed and approved it. Approval signs it with the agency key (documents/signed-pdf.ts).
import type { AuditDetail, AuditEvidence, MisuseFlag, SampleReview } from '../../../shared/models'
import type { PdfDocumentSpec, PdfSection } from '../documents/pdf'
import { localDate, localDateTime, timeZoneName } from '../local-time'

const KIND_LABEL: Record<MisuseFlag['kind'], string> = {
  'repeat-plate': 'Same plate repeatedly',
  'outside-hours': 'Outside working hours',
  'purpose-reuse': 'Purpose reused',
  'refused-access': 'Refused accesses',
}

export const misuseKindLabel = (kind: MisuseFlag['kind']): string => KIND_LABEL[kind]

/** The last day of a period whose end is exclusive (midnight after its last day). */
export const lastDayOf = (periodEnd: number): number => periodEnd - 1

export function periodText(a: Pick<AuditDetail, 'periodStart' | 'periodEnd'>): string {
  return `${localDate(a.periodStart)} to ${localDate(lastDayOf(a.periodEnd))}`
}

export interface ReportPeople {
  agencyName: string
  performedBy: string
  approvedBy: string
  approvedAt: number
  keepUntil: number
}

export function auditReportSpec(audit: AuditDetail, people: ReportPeople): Omit<PdfDocumentSpec, 'signature'> {
  const e = audit.evidence
  return {
    title: 'ALPR system audit report',
    subtitle: `${people.agencyName} · period ${periodText(audit)}`,
    createdAt: new Date(people.approvedAt),
    facts: [
      ['Audit', audit.id],
      ['Period', `${periodText(audit)} (${timeZoneName()})`],
      ['Evidence assembled', `${localDateTime(e.assembledAt)} by ${audit.createdByName ?? audit.createdBy}`],
      ['Performed by', `${people.performedBy} on ${localDateTime(audit.performedAt)}`],
      ['Approved by', `${people.approvedBy} on ${localDateTime(people.approvedAt)}`],
      ['Kept until', localDate(people.keepUntil)],
    ],
    sections: [
      summarySection(e),
      sampleSection(e, audit.sampleReviews),
      accountsSection(e),
      sharingSection(e),
      retentionSection(e),
      hotListSection(e),
      exportsSection(e),
      correctionsSection(e),
      misuseSection(e),
      { heading: 'Findings', paragraphs: paragraphs(audit.findings) },
      { heading: 'Remedial actions', paragraphs: paragraphs(audit.remedialActions, 'None recorded.') },
      {
        heading: 'Approval',
        paragraphs: [
          `Performed by ${people.performedBy}; approved by ${people.approvedBy}, a different person, as the agency’s audit procedure requires.`,
          ...(audit.approvalNote ? [`Approver’s note: ${audit.approvalNote}`] : []),
        ],
      },
    ],
    footer: `Audit ${audit.id} · contains ALPR information: handle under the agency’s ALPR policy`,
  }
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

const paragraphs = (text: string | null, none = '—'): string[] => {
  const parts = (text ?? '').split(/\n\s*\n|\r?\n/).map((p) => p.trim()).filter(Boolean)
  return parts.length ? parts : [none]
}

function summarySection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Summary',
    bullets: [
      `${count(e.sample.population, 'search', 'searches')} in the period; ${e.sample.entries.length} sampled at random for review.`,
      `${count(e.accounts.rows.length, 'account')} (${e.accounts.departures} departed); ${e.accounts.withIssues} with an issue.`,
      e.sharing.kept
        ? `${count(e.sharing.records.length, 'share')} produced in the period; ${e.sharing.withIssues} with an issue. ${requestsText(e.sharing)}`
        : 'Sharing records are not kept by this installation.',
      `${count(e.retention.readsPastRetention, 'read')} kept past the ${e.retention.readRetentionDays}-day retention period without a hold.`,
      `${count(e.hotLists.overdueEntries, 'hot-list entry', 'hot-list entries')} past retention.`,
      `${count(e.exports.overdue.length, 'export')} overdue for destruction; ${e.exports.createdInPeriod} made in the period.`,
      `${count(e.corrections.length, 'correction')} of reads in the period.`,
      `${count(e.misuse.flags.length, 'misuse flag')}.`,
    ],
  }
}

function sampleSection(e: AuditEvidence, reviews: SampleReview[]): PdfSection {
  const byEntry = new Map(reviews.map((r) => [r.entryId, r]))
  const questionable = reviews.filter((r) => r.assessment === 'questionable').length
  return {
    heading: 'Searches and their purposes (random sample)',
    paragraphs: [
      `${e.sample.entries.length} of ${e.sample.population} searches drawn at random (seed ${e.sample.seed}, chosen by the product; log entries up to #${e.sample.maxLogId}; the same seed over the same entries draws the same sample). Each purpose should name a specific investigation.`,
      `${reviews.length} of ${e.sample.entries.length} assessed by the performer; ${questionable} questionable.`,
    ],
    table: {
      columns: [{ label: 'Entry', width: 36 }, { label: 'Time', width: 62 }, { label: 'User', width: 55 }, { label: 'Channel', width: 66 }, { label: 'Query' }, { label: 'Purpose', width: 95 }, { label: 'Assessment', width: 80 }],
      rows: e.sample.entries.map((s) => {
        const review = byEntry.get(s.id)
        const assessment = review ? `${review.assessment === 'adequate' ? 'Adequate' : 'Questionable'}${review.note ? `: ${review.note}` : ''}` : 'Not assessed'
        return [`#${s.id}`, localDateTime(s.at), s.username ?? '—', s.channel, s.query || '—', s.purpose ?? '—', assessment]
      }),
    },
  }
}

function accountsSection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Account status',
    paragraphs: [
      `${e.accounts.trainingRecordsInPeriod} training records and ${e.accounts.reviewsInPeriod} access reviews in the period. Status as of ${localDateTime(e.assembledAt)}.`,
    ],
    table: {
      columns: [{ label: 'Account', width: 70 }, { label: 'Status', width: 50 }, { label: 'Roles', width: 70 }, { label: 'Training until', width: 54 }, { label: 'Review until', width: 54 }, { label: 'Last ALPR access', width: 54 }, { label: 'Last use', width: 50 }, { label: 'Issues' }],
      rows: e.accounts.rows.map((a) => [
        a.username,
        a.status,
        a.roles.join(', '),
        localDate(a.trainingExpiresAt),
        localDate(a.reviewExpiresAt),
        localDate(a.lastAccessAt),
        localDate(a.lastUsedAt),
        a.issues.join(' ') || 'None',
      ]),
    },
  }
}

/** Requests made in the period that handed over no data: counted, not listed as sharing. */
function requestsText(s: { pending: number; declined: number; approvedNotProduced: number }): string {
  return `Requests made in the period that shared nothing: ${s.declined} declined, ${s.pending} pending, ${s.approvedNotProduced} approved but not produced.`
}

function sharingSection(e: AuditEvidence): PdfSection {
  if (!e.sharing.kept) {
    return { heading: 'Sharing', paragraphs: ['This installation does not keep sharing records, so sharing could not be audited from the product.'] }
  }
  return {
    heading: 'Sharing',
    paragraphs: [`Shares produced in the period (data handed to another agency). ${requestsText(e.sharing)}`],
    table: {
      columns: [{ label: 'Produced', width: 60 }, { label: 'Agency' }, { label: 'Requester', width: 80 }, { label: 'Purpose', width: 110 }, { label: 'Approved by', width: 70 }, { label: 'Issues', width: 90 }],
      rows: e.sharing.records.map((s) => [
        localDate(s.producedAt ?? s.createdAt),
        [s.agency, s.agencyType, s.agencyState].filter(Boolean).join(' · ') || '—',
        s.requester ?? '—',
        s.purpose ?? '—',
        s.approvedBy ?? '—',
        s.issues.join(' ') || 'None',
      ]),
    },
  }
}

function retentionSection(e: AuditEvidence): PdfSection {
  const r = e.retention
  return {
    heading: 'Retention of reads',
    facts: [
      ['Retention period', `${r.readRetentionDays} days (reads older than ${localDateTime(r.cutoff)})`],
      ['Past retention, no hold', `${r.readsPastRetention}${r.oldestPastRetention ? ` (oldest ${localDate(r.oldestPastRetention)})` : ''}${r.readsPastRetention === 0 ? ' — compliant' : ' — NOT compliant'}`],
      ['Under open holds', String(r.readsHeld)],
      [
        'Retention runs in the period',
        r.runs.kept
          ? `${r.runs.count} runs, ${r.runs.failed} failed, ${r.runs.readsDeleted} reads deleted; last finished ${localDateTime(r.runs.lastFinishedAt)}`
          : 'Not recorded by this installation',
      ],
    ],
  }
}

function hotListSection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Hot-list retention',
    table: {
      columns: [{ label: 'List' }, { label: 'Kind', width: 50 }, { label: 'Retention', width: 60 }, { label: 'Entries', width: 50 }, { label: 'Past retention', width: 70 }, { label: 'Last refreshed', width: 80 }],
      rows: e.hotLists.lists.map((l) => [l.name, l.kind, `${l.retentionDays} days`, String(l.entries), String(l.overdueEntries), localDateTime(l.refreshedAt)]),
    },
  }
}

function exportsSection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Exports overdue for destruction',
    table: {
      columns: [{ label: 'Export', width: 100 }, { label: 'Kind', width: 70 }, { label: 'Description' }, { label: 'Made by', width: 70 }, { label: 'Destroy by', width: 65 }],
      rows: e.exports.overdue.map((x) => [x.id, x.kind, x.description, x.createdBy, localDate(x.destroyBy)]),
    },
  }
}

function correctionsSection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Corrections of reads',
    table: {
      columns: [{ label: 'Date', width: 72 }, { label: 'Read', width: 40 }, { label: 'Original', width: 70 }, { label: 'Corrected', width: 70 }, { label: 'Reason' }, { label: 'By', width: 65 }],
      rows: e.corrections.map((c) => [
        localDateTime(c.correctedAt),
        `#${c.readId}`,
        [c.originalPlate, c.originalState].filter(Boolean).join(' '),
        [c.correctedPlate, c.correctedState].filter(Boolean).join(' '),
        c.reason,
        c.correctedBy,
      ]),
    },
  }
}

function misuseSection(e: AuditEvidence): PdfSection {
  return {
    heading: 'Misuse flags',
    paragraphs: ['A flag is a pattern to look at, not a finding by itself. The rules:'],
    bullets: e.misuse.rules,
    table: {
      columns: [{ label: 'Pattern', width: 90 }, { label: 'User', width: 65 }, { label: 'What was seen' }, { label: 'When', width: 110 }],
      rows: e.misuse.flags.map((f) => [
        KIND_LABEL[f.kind],
        f.username ?? '—',
        `${f.summary} Entries: ${f.entryIds.map((id) => `#${id}`).join(', ')}${f.count > f.entryIds.length ? ' …' : ''}`,
        f.firstAt === f.lastAt ? localDateTime(f.firstAt) : `${localDateTime(f.firstAt)} to ${localDateTime(f.lastAt)}`,
      ]),
    },
  }
}
