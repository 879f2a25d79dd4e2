// The administrator's home: what is due (the yearly audit, audits awaiting a second person, overdue exports,
// accounts whose training or review lapses) and the misuse flags of the last 30 days.
import { useEffect, useState } from 'react'
import type { AdminOverview } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ErrorAlert } from '../../components/Alert'
import { Table } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDate } from '../../format'
import { useAdmin } from '../../store/admin'
import { useLogFilters } from '../../store/log-filters'
import { can, signedInCall, useApp } from '../../store/session'
import { MisuseFlagsTable } from './misuse'
import './audit-screens.css'

const MINUTE = 60_000

function Figure({ label, value, note, tone, testId }: { label: string; value: string; note?: string; tone?: 'danger' | 'warning' | 'ok'; testId?: string }) {
  return (
    <div className={`figure ${tone ? `figure-${tone}` : ''}`} data-testid={testId}>
      <span className="figure-label">{label}</span>
      <span className="figure-value">{value}</span>
      {note ? <span className="figure-note">{note}</span> : null}
    </div>
  )
}

export function OverviewTab() {
  const setTab = useAdmin((s) => s.setTab)
  const session = useApp((s) => s.session)
  const showInLog = useLogFilters((s) => s.show)
  const [overview, setOverview] = useState<AdminOverview | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)

  const load = async () => {
    const result = await signedInCall(() => alpr().audits.overview({}))
    if (result.ok) {
      setOverview(result.value)
      setError(null)
    } else setError(result.error)
  }
  useEffect(() => {
    void load()
  }, [])

  const o = overview
  const now = Date.now()
  const auditDue = o?.auditDueAt ?? null
  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">{o ? `Misuse flags from ${formatDate(o.flagsFrom)} to ${formatDate(o.flagsTo)}` : 'Loading…'}</p>
        <div className="toolbar-actions">
          <Button onClick={() => void load()}>Refresh</Button>
          <Button variant="primary" onClick={() => setTab('audits')}>
            Go to audits
          </Button>
        </div>
      </div>
      <ErrorAlert error={error} />
      {o ? (
        <>
          <div className="figures">
            <Figure
              label="Next audit due"
              value={auditDue === null ? 'Now' : formatDate(auditDue)}
              note={o.lastApprovedAudit ? `Last approved audit covered up to ${formatDate(o.lastApprovedAudit.periodEnd - 1)}` : 'No audit has been approved yet'}
              tone={auditDue === null || auditDue <= now ? 'danger' : auditDue - now < 30 * 86_400_000 ? 'warning' : 'ok'}
              testId="figure-audit-due"
            />
            <Figure label="Audits awaiting approval" value={String(o.auditsAwaitingApproval)} note="A different person approves" tone={o.auditsAwaitingApproval ? 'warning' : undefined} />
            <Figure label="Draft audits" value={String(o.draftAudits)} note="Evidence assembled, no findings yet" />
            <Figure label="Exports overdue" value={String(o.overdueExports)} note="Past their destruction deadline" tone={o.overdueExports ? 'danger' : 'ok'} />
            <Figure label="Misuse flags" value={String(o.flags.length)} note="Last 30 days" tone={o.flags.length ? 'warning' : 'ok'} testId="figure-flags" />
          </div>

          <section className="evidence-section" aria-labelledby="overview-flags">
            <h3 id="overview-flags">Misuse flags, last 30 days</h3>
            <p className="muted">Patterns to look at, not findings: the same plate queried repeatedly, searches outside the person’s usual and the agency’s working hours, one purpose reused across many plates and days, and accesses refused for purpose or permission.</p>
            <MisuseFlagsTable
              flags={o.flags}
              empty="No misuse flags in the last 30 days."
              testId="overview-flags"
              onShow={
                can(session, 'accessLog.read')
                  ? (f) => {
                      // Whole minutes, as the viewer's time fields show them, covering the first and the last entry.
                      showInLog({ user: f.username ?? undefined, plate: f.plate ?? undefined, from: Math.floor(f.firstAt / MINUTE) * MINUTE, to: (Math.floor(f.lastAt / MINUTE) + 1) * MINUTE })
                      setTab('log')
                    }
                  : undefined
              }
            />
          </section>

          <section className="evidence-section" aria-labelledby="overview-accounts">
            <h3 id="overview-accounts">Accounts due</h3>
            <Table
              caption="Accounts whose training or annual review has lapsed or lapses within 30 days"
              columns={[
                { header: 'Account', cell: (a) => <span className="mono">{a.username}</span> },
                { header: 'What', cell: (a) => a.what },
                { header: 'When', cell: (a) => <span className="tabular">{formatDate(a.at)}</span> },
              ]}
              rows={o.accountsDue}
              rowKey={(a) => `${a.userId}-${a.what}`}
              empty="No training or review lapses within 30 days."
              rowClassName={(a) => (a.at === null || a.at <= now ? 'row-alert' : 'row-attention')}
            />
          </section>
        </>
      ) : null}
    </div>
  )
}
