// The signed PDF of one annual access-review session: every decision with its reason, and the accounts
// the session did not reach with what is due. It names people and roles but carries no ALPR information.
import type { PdfDocumentSpec } from '../documents/pdf'
import type { AccountOverview } from '../../../shared/models'
import type { ReviewRow, ReviewSessionRow } from '../store/repositories/accounts'
import { ROLE_LABELS } from '../../../shared/roles'

const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
const day = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10))

export interface ReviewReportInput {
  agencyName: string
  session: ReviewSessionRow
  startedBy: string
  producedBy: string
  producedAt: number
  reviews: ReviewRow[]
  accounts: AccountOverview[]
  reviewers: Map<string, string>
}

export function reviewReportSpec(input: ReviewReportInput): Omit<PdfDocumentSpec, 'signature'> {
  const byId = new Map(input.accounts.map((a) => [a.id, a]))
  const reviewed = new Set(input.reviews.map((r) => r.userId))
  const approved = input.reviews.filter((r) => r.decision === 'approved').length
  const revoked = input.reviews.length - approved
  const notReached = input.accounts.filter((a) => a.status !== 'deleted' && !reviewed.has(a.id))
  return {
    title: 'Annual ALPR access review',
    subtitle: input.agencyName,
    createdAt: new Date(input.producedAt),
    facts: [
      ['Review session', input.session.id],
      ['Started', `${stamp(input.session.startedAt)} by ${input.startedBy}`],
      ['Report produced', `${stamp(input.producedAt)} by ${input.producedBy}`],
      ['Decisions', `${input.reviews.length} (${approved} approved, ${revoked} revoked)`],
    ],
    sections: [
      {
        heading: 'Decisions',
        paragraphs:
          input.reviews.length === 0
            ? ['No decisions were recorded in this session.']
            : ['Each account’s access was approved or revoked by the named reviewer; a revocation suspended the account at once.'],
        table:
          input.reviews.length === 0
            ? undefined
            : {
                columns: [
                  { label: 'Account', width: 90 },
                  { label: 'Roles', width: 70 },
                  { label: 'Classification', width: 70 },
                  { label: 'Decision', width: 50 },
                  { label: 'Reason' },
                  { label: 'Reviewer', width: 55 },
                  { label: 'When', width: 65 },
                ],
                rows: input.reviews.map((r) => {
                  const a = byId.get(r.userId)
                  return [
                    a ? `${a.username} (${a.displayName})` : r.userId,
                    a ? a.roles.map((role) => ROLE_LABELS[role]).join(', ') || '—' : '—',
                    a?.classification ?? '—',
                    r.decision === 'approved' ? 'Approved' : 'Revoked',
                    r.reason,
                    input.reviewers.get(r.reviewerId ?? '') ?? r.reviewerId ?? '—',
                    stamp(r.reviewedAt),
                  ]
                }),
              },
      },
      {
        heading: 'Accounts not reviewed in this session',
        paragraphs: notReached.length === 0 ? ['Every current account was reviewed in this session.'] : undefined,
        table:
          notReached.length === 0
            ? undefined
            : {
                columns: [
                  { label: 'Account' },
                  { label: 'Status', width: 60 },
                  { label: 'Last ALPR access', width: 80 },
                  { label: 'Last use', width: 70 },
                  { label: 'Training until', width: 80 },
                  { label: 'Review due', width: 80 },
                ],
                rows: notReached.map((a) => [
                  `${a.username} (${a.displayName})`,
                  a.status,
                  day(a.lastAccessAt),
                  day(a.lastUsedAt),
                  day(a.trainingValid ? a.trainingExpiresAt : null),
                  day(a.reviewExpiresAt),
                ]),
              },
      },
    ],
    footer: `Access review ${input.session.id} · ${input.agencyName}`,
  }
}
