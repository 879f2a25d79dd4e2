// The access log, newest first, and the check of its hash chain that shows whether any entry was removed or changed.
import { useEffect } from 'react'
import type { AccessLogEntry } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ErrorAlert, Notice } from '../../components/Alert'
import { Table, type Column } from '../../components/Table'
import { formatDateTime, shortId } from '../../format'
import { useAdmin } from '../../store/admin'
import { Badge } from './cells'

const OUTCOME: Record<AccessLogEntry['outcome'], { tone: 'ok' | 'warning' | 'danger'; words: string }> = {
  allowed: { tone: 'ok', words: 'Allowed' },
  refused: { tone: 'warning', words: 'Refused' },
  failed: { tone: 'danger', words: 'Failed' },
}

function dataElementsText(elements: Record<string, unknown>): string {
  const parts = Object.entries(elements).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
  return parts.join(' · ')
}

function ChainResult() {
  const verification = useAdmin((s) => s.verification)
  const verifyError = useAdmin((s) => s.verifyError)
  if (verifyError) return <ErrorAlert error={verifyError} title="The chain could not be verified" />
  if (!verification) return null
  const { result, at } = verification
  if (result.ok) {
    return (
      <Notice tone="success" live title="Chain intact" testId="chain-result">
        <p>
          {`All ${result.entries.toLocaleString('en-US')} entries verified at ${formatDateTime(at)}: every entry links to the one before it, so none was removed or changed.`}
        </p>
      </Notice>
    )
  }
  return (
    <div className="alert alert-danger alert-strong" role="alert" data-testid="chain-result">
      <p className="alert-title">Chain broken</p>
      {result.firstBroken ? (
        <p>
          {`The first broken link is at entry #${result.firstBroken.id}: ${result.firstBroken.reason}`}
        </p>
      ) : (
        <p>The chain does not hold.</p>
      )}
      <p className="small">{`${result.entries.toLocaleString('en-US')} entries checked at ${formatDateTime(at)}. Entries from this point on cannot be trusted as recorded; report this to the ALPR Administrator and keep the database as it is for investigation.`}</p>
    </div>
  )
}

export function AccessLogTab() {
  const log = useAdmin((s) => s.log)
  const logError = useAdmin((s) => s.logError)
  const logHasMore = useAdmin((s) => s.logHasMore)
  const logLoadingMore = useAdmin((s) => s.logLoadingMore)
  const loadLog = useAdmin((s) => s.loadLog)
  const loadOlderLog = useAdmin((s) => s.loadOlderLog)
  const verify = useAdmin((s) => s.verify)
  const verifying = useAdmin((s) => s.verifying)
  useEffect(() => {
    void loadLog()
    // Load once when the tab opens.
  }, [])

  const workstation = (e: AccessLogEntry): string => e.deviceName ?? shortId(e.deviceId)

  const columns: Column<AccessLogEntry>[] = [
    { header: 'Time', cell: (e) => <span className="tabular">{formatDateTime(e.at)}</span>, colClass: 'col-time' },
    {
      header: 'User · agency / unit',
      cell: (e) => {
        if (!e.username && !e.agency) return <span className="muted">—</span>
        const where = [e.agency, e.unit].filter(Boolean).join(' / ')
        return (
          <>
            <span className="cell-main mono truncate" title={e.username ?? undefined}>
              {e.username ?? '—'}
            </span>
            {where ? (
              <span className="cell-sub truncate" title={where}>
                {where}
              </span>
            ) : null}
          </>
        )
      },
      colClass: 'col-user',
    },
    {
      header: 'Workstation',
      cell: (e) => (
        <span className="truncate" title={`${workstation(e)} (${e.deviceId})`}>
          {workstation(e)}
        </span>
      ),
      colClass: 'col-workstation',
    },
    {
      header: 'Channel and data elements',
      cell: (e) => {
        const text = dataElementsText(e.dataElements)
        return (
          <>
            <span className="cell-main mono truncate" title={e.channel}>
              {e.channel}
            </span>
            {text ? (
              <span className="cell-sub truncate mono" title={text}>
                {text}
              </span>
            ) : null}
          </>
        )
      },
    },
    { header: 'Outcome', cell: (e) => <Badge tone={OUTCOME[e.outcome].tone}>{OUTCOME[e.outcome].words}</Badge>, colClass: 'col-outcome' },
    {
      header: 'Code',
      cell: (e) =>
        e.code ? (
          <>
            <span className="cell-main mono truncate" title={e.code}>
              {e.code}
            </span>
            {e.message ? (
              <span className="cell-sub truncate" title={e.message}>
                {e.message}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">—</span>
        ),
      colClass: 'col-code',
    },
    {
      header: 'Purpose',
      cell: (e) =>
        e.purpose ? (
          <span className="truncate" title={e.purpose}>
            {e.purpose}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
      colClass: 'col-purpose',
    },
  ]

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">{log ? `Newest first · ${log.length} entr${log.length === 1 ? 'y' : 'ies'} shown` : 'Loading the access log…'}</p>
        <div className="toolbar-actions">
          <Button onClick={() => void loadLog()}>Refresh</Button>
          <Button variant="primary" onClick={() => void verify()} busy={verifying}>
            Verify chain
          </Button>
        </div>
      </div>
      <ChainResult />
      <ErrorAlert error={logError} />
      <Table
        caption="Access log, newest first"
        columns={columns}
        rows={log ?? []}
        rowKey={(e) => e.id}
        empty={log ? 'The access log is empty.' : 'Loading…'}
        rowClassName={(e) => (e.outcome === 'allowed' ? undefined : e.outcome === 'failed' ? 'row-alert' : 'row-refused')}
        testId="access-log-table"
        fixed
      />
      {logHasMore ? (
        <div className="actions">
          <Button onClick={() => void loadOlderLog()} busy={logLoadingMore}>
            Load older entries
          </Button>
        </div>
      ) : null}
    </div>
  )
}
