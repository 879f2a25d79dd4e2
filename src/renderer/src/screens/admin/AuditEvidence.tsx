// The evidence of an audit as assembled for its period: the sample of searches with their purposes, account
// status, sharing, retention, hot lists, overdue exports, corrections and misuse flags.
import type { ReactNode } from 'react'
import type { AuditEvidence as Evidence, SampleReview } from '../../../../shared/models'
import { Table } from '../../components/Table'
import { formatDate, formatDateTime } from '../../format'
import { Badge } from './cells'
import { MisuseFlagsTable } from './misuse'

function Section({ id, title, children, status }: { id: string; title: string; children: ReactNode; status?: { ok: boolean; words: string } }) {
  return (
    <section className="evidence-section" aria-labelledby={id}>
      <h3 id={id}>
        {title} {status ? <Badge tone={status.ok ? 'ok' : 'danger'}>{status.words}</Badge> : null}
      </h3>
      {children}
    </section>
  )
}

const ASSESSMENT: Record<SampleReview['assessment'], { tone: 'ok' | 'danger'; words: string }> = {
  adequate: { tone: 'ok', words: 'Adequate' },
  questionable: { tone: 'danger', words: 'Questionable' },
}

export interface AuditEvidenceProps {
  evidence: Evidence
  reviews: SampleReview[]
  /** Set while the performer records findings: each sampled purpose can be assessed. */
  onAssess?: (entryId: number, assessment: SampleReview['assessment'] | null) => void
}

export function AuditEvidenceView({ evidence: e, reviews, onAssess }: AuditEvidenceProps) {
  const accountsWithIssues = e.accounts.rows.filter((a) => a.issues.length > 0)
  const review = (id: number) => reviews.find((r) => r.entryId === id)
  return (
    <div data-testid="audit-evidence">
      <Section id="ev-sample" title="Searches and their purposes (random sample)">
        <p className="muted">{`${e.sample.entries.length} of ${e.sample.population} searches in the period, drawn at random (seed ${e.sample.seed}). Check that each purpose names a specific investigation; ${reviews.length} of ${e.sample.entries.length} assessed.`}</p>
        <Table
          caption="Sampled searches"
          columns={[
            { header: 'Entry', cell: (s) => <span className="tabular">#{s.id}</span> },
            { header: 'Time', cell: (s) => <span className="tabular">{formatDateTime(s.at)}</span> },
            { header: 'User', cell: (s) => <span className="mono">{s.username ?? '—'}</span> },
            { header: 'Channel', cell: (s) => <span className="mono">{s.channel}</span> },
            { header: 'Query', cell: (s) => <span className="mono">{s.query || '—'}</span>, className: 'wrap' },
            { header: 'Purpose', cell: (s) => s.purpose ?? <Badge tone="danger">None</Badge>, className: 'wrap' },
            {
              header: 'Assessment',
              cell: (s) => {
                const r = review(s.id)
                if (onAssess) {
                  return (
                    <select
                      className="assessment"
                      aria-label={`Assessment of entry ${s.id}`}
                      value={r?.assessment ?? ''}
                      onChange={(ev) => onAssess(s.id, (ev.target.value || null) as SampleReview['assessment'] | null)}
                    >
                      <option value="">Not assessed</option>
                      <option value="adequate">Adequate</option>
                      <option value="questionable">Questionable</option>
                    </select>
                  )
                }
                return r ? <Badge tone={ASSESSMENT[r.assessment].tone}>{ASSESSMENT[r.assessment].words}</Badge> : <span className="muted">Not assessed</span>
              },
            },
          ]}
          rows={e.sample.entries}
          rowKey={(s) => s.id}
          empty="No searches in this period."
          testId="audit-sample"
        />
      </Section>

      <Section id="ev-accounts" title="Account status" status={{ ok: accountsWithIssues.length === 0, words: accountsWithIssues.length ? `${accountsWithIssues.length} with issues` : 'No issues' }}>
        <p className="muted">{`${e.accounts.rows.length} accounts, ${e.accounts.departures} departed; ${e.accounts.trainingRecordsInPeriod} training records and ${e.accounts.reviewsInPeriod} access reviews in the period. Status as of ${formatDateTime(e.assembledAt)}.`}</p>
        <Table
          caption="Accounts"
          columns={[
            { header: 'Account', cell: (a) => <span className="mono">{a.username}</span> },
            { header: 'Status', cell: (a) => <Badge tone={a.status === 'active' ? 'ok' : 'neutral'}>{a.status}</Badge> },
            { header: 'Roles', cell: (a) => a.roles.join(', ') },
            { header: 'Training until', cell: (a) => <span className="tabular">{formatDate(a.trainingExpiresAt)}</span> },
            { header: 'Review until', cell: (a) => <span className="tabular">{formatDate(a.reviewExpiresAt)}</span> },
            { header: 'Last ALPR access', cell: (a) => <span className="tabular">{formatDate(a.lastAccessAt)}</span> },
            { header: 'Last use', cell: (a) => <span className="tabular">{formatDate(a.lastUsedAt)}</span> },
            { header: 'Issues', cell: (a) => (a.issues.length ? a.issues.join(' ') : <span className="muted">None</span>), className: 'wrap' },
          ]}
          rows={e.accounts.rows}
          rowKey={(a) => a.userId}
          empty="No accounts."
          rowClassName={(a) => (a.issues.length ? 'row-attention' : undefined)}
        />
      </Section>

      <Section id="ev-sharing" title="Sharing" status={e.sharing.kept ? { ok: e.sharing.withIssues === 0, words: e.sharing.withIssues ? `${e.sharing.withIssues} with issues` : `${e.sharing.records.length} records` } : undefined}>
        {e.sharing.kept ? (
          <>
            <p className="muted">{`Shares produced in the period. Requests that shared nothing: ${e.sharing.declined} declined, ${e.sharing.pending} pending, ${e.sharing.approvedNotProduced} approved but not produced.`}</p>
            <Table
              caption="Shares produced"
              columns={[
                { header: 'Produced', cell: (s) => <span className="tabular">{formatDate(s.producedAt ?? s.createdAt)}</span> },
                { header: 'Agency', cell: (s) => [s.agency, s.agencyState].filter(Boolean).join(' · ') || '—' },
                { header: 'Requester', cell: (s) => s.requester ?? '—' },
                { header: 'Purpose', cell: (s) => s.purpose ?? '—', className: 'wrap' },
                { header: 'Approved by', cell: (s) => s.approvedBy ?? '—' },
                { header: 'Issues', cell: (s) => s.issues.join(' ') || <span className="muted">None</span>, className: 'wrap' },
              ]}
              rows={e.sharing.records}
              rowKey={(s) => s.id}
              empty="No sharing in this period."
            />
          </>
        ) : (
          <p className="muted">This installation does not keep sharing records, so sharing cannot be audited from the product.</p>
        )}
      </Section>

      <Section id="ev-retention" title="Retention of reads" status={{ ok: e.retention.readsPastRetention === 0, words: e.retention.readsPastRetention === 0 ? 'Compliant' : 'Not compliant' }}>
        <dl className="facts">
          <dt>Retention period</dt>
          <dd>{`${e.retention.readRetentionDays} days (reads before ${formatDateTime(e.retention.cutoff)})`}</dd>
          <dt>Kept past retention without a hold</dt>
          <dd data-testid="reads-past-retention">{`${e.retention.readsPastRetention}${e.retention.oldestPastRetention ? ` (oldest ${formatDate(e.retention.oldestPastRetention)})` : ''}`}</dd>
          <dt>Reads under open holds</dt>
          <dd>{e.retention.readsHeld}</dd>
          <dt>Retention runs in the period</dt>
          <dd>
            {e.retention.runs.kept
              ? `${e.retention.runs.count} runs, ${e.retention.runs.failed} failed, ${e.retention.runs.readsDeleted} reads deleted; last finished ${formatDateTime(e.retention.runs.lastFinishedAt)}`
              : 'Not recorded by this installation'}
          </dd>
        </dl>
      </Section>

      <Section id="ev-hotlists" title="Hot-list retention" status={{ ok: e.hotLists.overdueEntries === 0, words: e.hotLists.overdueEntries ? `${e.hotLists.overdueEntries} entries past retention` : 'Compliant' }}>
        <Table
          caption="Hot lists"
          columns={[
            { header: 'List', cell: (l) => l.name },
            { header: 'Kind', cell: (l) => l.kind },
            { header: 'Retention', cell: (l) => `${l.retentionDays} days` },
            { header: 'Entries', cell: (l) => l.entries },
            { header: 'Past retention', cell: (l) => (l.overdueEntries ? <Badge tone="danger">{String(l.overdueEntries)}</Badge> : '0') },
            { header: 'Last refreshed', cell: (l) => <span className="tabular">{formatDateTime(l.refreshedAt)}</span> },
          ]}
          rows={e.hotLists.lists}
          rowKey={(l) => l.id}
          empty="No hot lists."
        />
      </Section>

      <Section id="ev-exports" title="Exports overdue for destruction" status={{ ok: e.exports.overdue.length === 0, words: e.exports.overdue.length ? `${e.exports.overdue.length} overdue` : 'None overdue' }}>
        <p className="muted">{`${e.exports.createdInPeriod} export${e.exports.createdInPeriod === 1 ? ' was' : 's were'} made in the period.`}</p>
        <Table
          caption="Overdue exports"
          columns={[
            { header: 'Export', cell: (x) => <span className="mono">{x.id}</span> },
            { header: 'Kind', cell: (x) => x.kind },
            { header: 'Description', cell: (x) => x.description, className: 'wrap' },
            { header: 'Made by', cell: (x) => <span className="mono">{x.createdBy}</span> },
            { header: 'Destroy by', cell: (x) => <span className="tabular">{formatDate(x.destroyBy)}</span> },
          ]}
          rows={e.exports.overdue}
          rowKey={(x) => x.id}
          empty="No export is overdue."
        />
      </Section>

      <Section id="ev-corrections" title="Corrections of reads">
        <Table
          caption="Corrections"
          columns={[
            { header: 'Date', cell: (c) => <span className="tabular">{formatDateTime(c.correctedAt)}</span> },
            { header: 'Read', cell: (c) => `#${c.readId}` },
            { header: 'Original', cell: (c) => <span className="mono">{[c.originalPlate, c.originalState].filter(Boolean).join(' ')}</span> },
            { header: 'Corrected', cell: (c) => <span className="mono">{[c.correctedPlate, c.correctedState].filter(Boolean).join(' ')}</span> },
            { header: 'Reason', cell: (c) => c.reason, className: 'wrap' },
            { header: 'By', cell: (c) => <span className="mono">{c.correctedBy}</span> },
          ]}
          rows={e.corrections}
          rowKey={(c) => c.id}
          empty="No corrections in this period."
        />
      </Section>

      <Section id="ev-misuse" title="Misuse flags" status={{ ok: e.misuse.flags.length === 0, words: e.misuse.flags.length ? `${e.misuse.flags.length} flags` : 'None' }}>
        <ul className="rules-list">
          {e.misuse.rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        <MisuseFlagsTable flags={e.misuse.flags} empty="No misuse flags in this period." testId="audit-flags" />
      </Section>
    </div>
  )
}
