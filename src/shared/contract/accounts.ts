// Channels of the account lifecycle (DOMAIN.md, "People and roles"): requests and approvals, job
// classifications, training records, re-training, suspension, re-activation, departures, and the annual
// access review with its signed report.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { AccountOverview, AccountRequest, AccountsOverview, DocumentFile, Enrollment, JobClassification, ReviewSession } from '../models'

const reason = z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500)
const classification = z.string().trim().min(2, 'Required').max(80)
const course = z.string().trim().min(2, 'Required').max(120)
const trainer = f.personName

export const accountChannels = {
  'accounts.overview': channel<AccountsOverview>()({
    summary:
      'Every account with roles, classification, last use of the system, training, last review and what is due; the classification list, re-training orders and review sessions.',
    input: noInput,
    access: 'accounts.review',
  }),
  'accounts.setClassification': channel<JobClassification[]>()({
    summary: 'Add a job classification to the list or change whether it is authorized; de-authorizing one suspends its holders at once.',
    input: z.strictObject({ name: classification, authorized: z.boolean() }),
    access: 'users.manage',
  }),
  'accounts.changeClassification': channel<AccountOverview>()({
    summary: 'Record a user’s new job classification; one that is not authorized ends access at once.',
    input: z.strictObject({ userId: f.recordId, classification }),
    access: 'users.manage',
  }),
  'accounts.recordTraining': channel<AccountOverview>()({
    summary: 'Record a completed training: course, completion date and trainer.',
    input: z.strictObject({ userId: f.recordId, course, completedOn: f.isoDate, trainer }),
    access: 'users.manage',
  }),
  'accounts.retrainEveryone': channel<AccountsOverview>()({
    summary:
      'Require everyone to train again (a change in law or technology): all current training stops counting now. The administrator’s own new training is recorded with the order.',
    input: z.strictObject({ reason, course, trainer }),
    access: 'users.manage',
  }),
  'accounts.suspend': channel<AccountOverview>()({
    summary: 'Suspend an account, with the reason.',
    input: z.strictObject({ userId: f.recordId, reason }),
    access: 'users.manage',
  }),
  'accounts.reactivate': channel<AccountOverview>()({
    summary: 'Re-activate a suspended account; needs a training record completed after the suspension.',
    input: z.strictObject({ userId: f.recordId, reason }),
    access: 'users.manage',
  }),
  'accounts.depart': channel<AccountOverview>()({
    summary: 'Delete the account of someone who left: credentials and personal details are wiped; the audit trail stays under a tombstone id.',
    input: z.strictObject({ userId: f.recordId, reason }),
    access: 'users.manage',
  }),
  'accounts.request': channel<AccountRequest>()({
    summary: 'Request an account for a person, with their job classification and why they need ALPR access.',
    input: z.strictObject({
      username: f.username,
      displayName: f.personName,
      agency: f.agencyName,
      unit: f.unitName,
      roles: f.roles,
      classification,
      justification: reason,
    }),
    access: 'accounts.review',
  }),
  'accounts.requests': channel<AccountRequest[]>()({
    summary: 'Account requests, pending first.',
    input: noInput,
    access: 'accounts.review',
  }),
  'accounts.approveRequest': channel<Enrollment>()({
    summary: 'Approve a request: creates the account with its training record; returns the authenticator enrollment.',
    input: z.strictObject({
      requestId: f.recordId,
      password: f.password,
      trainingCompletedOn: f.isoDate,
      course,
      trainer,
      reason,
    }),
    access: 'users.manage',
  }),
  'accounts.rejectRequest': channel<AccountRequest>()({
    summary: 'Reject a request, with the reason.',
    input: z.strictObject({ requestId: f.recordId, reason }),
    access: 'users.manage',
  }),
  'accounts.startReview': channel<ReviewSession>()({
    summary: 'Start an annual access review session.',
    input: noInput,
    access: 'accounts.review',
  }),
  'accounts.review': channel<AccountOverview>()({
    summary: 'Approve or revoke an account’s access in a review session, with the reason; a revocation suspends it.',
    input: z.strictObject({ sessionId: f.recordId, userId: f.recordId, decision: z.enum(['approved', 'revoked']), reason }),
    access: 'accounts.review',
  }),
  'accounts.exportReview': channel<DocumentFile>()({
    summary: 'The review session as a signed PDF report.',
    input: z.strictObject({ sessionId: f.recordId }),
    access: 'accounts.review',
  }),
}
