// Channels of audits (DOMAIN.md "Audits"): evidence assembled for a period, findings recorded by one person,
// approval by a different person, the signed report; and the administrator's overview with misuse flags.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import { withPurpose } from './purpose'
import type { AdminOverview, AuditDetail, AuditSummary, DocumentFile, ReportVerification } from '../models'

const auditId = f.recordId

export const auditChannels = {
  'audits.list': channel<AuditSummary[]>()({
    summary: 'Every audit, newest first (for those who perform or approve audits).',
    input: noInput,
    // Performers (audits.perform) and approvers (audits.approve) both need it; the handler checks either.
    access: 'session',
  }),
  'audits.get': channel<AuditDetail>()({
    summary: 'One audit with its evidence, findings and approval.',
    input: z.strictObject({ id: auditId }),
    access: 'session',
  }),
  'audits.create': channel<AuditDetail>()({
    summary: 'Assemble the evidence for a period into a new draft audit.',
    input: z.strictObject({
      periodStart: f.isoDate,
      periodEnd: f.isoDate,
      /** The seed of the random sample is chosen by the product and kept with the audit; callers cannot set it. */
      sampleSize: z.number().int().min(1).max(200).default(25),
    }),
    access: 'audits.perform',
  }),
  'audits.perform': channel<AuditDetail>()({
    summary: 'Record the findings and remedial actions of a draft audit; the caller is the person who performed it.',
    input: z.strictObject({
      id: auditId,
      findings: z.string().trim().min(1, 'Required').max(10_000),
      remedialActions: z.string().trim().max(10_000).default(''),
      /** The performer's assessment of each sampled search's purpose (entries not listed stay unassessed). */
      sampleReviews: z
        .array(
          z.strictObject({
            entryId: z.number().int().positive(),
            assessment: z.enum(['adequate', 'questionable']),
            note: z.string().trim().max(500).default(''),
          }),
        )
        .max(200)
        .default([]),
    }),
    access: 'audits.perform',
  }),
  'audits.approve': channel<AuditDetail>()({
    summary: 'Approve a performed audit (a different person from the performer); signs and keeps the report.',
    input: z.strictObject({ id: auditId, note: z.string().trim().max(2_000).default('') }),
    access: 'audits.approve',
  }),
  'audits.report': channel<DocumentFile>()({
    summary: 'The signed report of an approved audit, as kept; the copy handed out is recorded in the exports ledger.',
    input: withPurpose({ id: auditId }),
    access: 'session',
    // The report names plates queried and their purposes: handing out a copy is an access to ALPR information.
    alprAccess: true,
  }),
  'audits.verifyReport': channel<ReportVerification>()({
    summary: 'Whether a PDF is a kept, approved audit report of this agency (by its SHA-256) and its signature still verifies.',
    input: z.strictObject({
      /** The PDF's bytes, base64 (at most about 20 MB). */
      pdfBase64: z.string().min(4).max(28_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not a file'),
    }),
    // Performers (audits.perform) and log reviewers (accessLog.read) both need it; the handler checks either.
    access: 'session',
  }),
  'audits.overview': channel<AdminOverview>()({
    summary: 'The administrator’s home: recent misuse flags and what is due.',
    input: noInput,
    access: 'audits.perform',
  }),
}
