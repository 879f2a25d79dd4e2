// Retention and holds: the periods in force, every purge and what it removed, and the holds that keep reads
// for a case past the retention period, with their reviews. Holds are for investigators, supervisors and the
// administrator; the purge record is for those who read governance records.
import { useEffect, useState, type FormEvent } from 'react'
import type { HoldRecord, RetentionOverview, RetentionRun, SigningKeyInfo } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { FormActions } from '../../components/FormActions'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { DateField, Field } from '../../components/Field'
import { ErrorAlert, fieldError, Notice } from '../../components/Alert'
import { Table, type Column } from '../../components/Table'
import { formatDate, formatDateTime, todayIso } from '../../format'
import { can, signedInCall, useApp } from '../../store/session'
import { Badge } from '../admin/cells'

const n = (value: number): string => value.toLocaleString('en-US')

const RUN_OUTCOME: Record<RetentionRun['outcome'], { tone: 'ok' | 'warning' | 'danger' | 'info'; words: string }> = {
  completed: { tone: 'ok', words: 'Completed' },
  running: { tone: 'info', words: 'Running' },
  stopped: { tone: 'warning', words: 'Stopped' },
  failed: { tone: 'danger', words: 'Failed' },
}
const RUN_KIND: Record<RetentionRun['kind'], string> = { startup: 'At start-up', scheduled: 'Scheduled', manual: 'By hand' }

function runSummary(r: RetentionRun): string {
  const parts = [`${n(r.readsDeleted)} read${r.readsDeleted === 1 ? '' : 's'}`]
  if (r.imagesDeleted) parts.push(`${n(r.imagesDeleted)} with images`)
  if (r.hitsDeleted) parts.push(`${n(r.hitsDeleted)} hits`)
  if (r.correctionsDeleted) parts.push(`${n(r.correctionsDeleted)} corrections`)
  return parts.join(' · ')
}

function PurgeRecord() {
  const session = useApp((s) => s.session)
  const [overview, setOverview] = useState<(RetentionOverview & { signingKey: SigningKeyInfo }) | null>(null)
  const [runs, setRuns] = useState<RetentionRun[] | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [running, setRunning] = useState(false)
  const [lastManual, setLastManual] = useState<RetentionRun | null>(null)

  const load = async () => {
    const [o, r] = await Promise.all([signedInCall(() => alpr().retention.overview({})), signedInCall(() => alpr().retention.runs({ limit: 20 }))])
    if (o.ok) setOverview(o.value)
    if (r.ok) setRuns(r.value)
    setError(!o.ok ? o.error : !r.ok ? r.error : null)
  }
  useEffect(() => {
    void load()
  }, [])

  const runNow = async () => {
    setRunning(true)
    const result = await signedInCall(() => alpr().retention.runNow({}))
    setRunning(false)
    setConfirming(false)
    if (!result.ok) return setError(result.error)
    setLastManual(result.value)
    await load()
  }

  const columns: Column<RetentionRun>[] = [
    {
      header: 'Started',
      cell: (r) => (
        <>
          <span className="cell-main tabular">{formatDateTime(r.startedAt)}</span>
          <span className="cell-sub">{RUN_KIND[r.kind]}</span>
        </>
      ),
    },
    { header: 'Reads removed', cell: (r) => <span className="tabular">{runSummary(r)}</span> },
    { header: 'Kept by holds', cell: (r) => <span className="tabular">{n(r.heldReadsKept)}</span> },
    { header: 'Hot lists · entries', cell: (r) => <span className="tabular">{`${n(r.hotListsDeleted)} · ${n(r.hotListEntriesDeleted)}`}</span> },
    { header: 'Log entries', cell: (r) => <span className="tabular">{n(r.accessLogDeleted)}</span> },
    { header: 'Pages freed', cell: (r) => <span className="tabular">{n(r.pagesFreed)}</span> },
    {
      header: 'Outcome',
      cell: (r) => (
        <>
          <Badge tone={RUN_OUTCOME[r.outcome].tone}>{RUN_OUTCOME[r.outcome].words}</Badge>
          {r.error ? <span className="cell-sub wrap">{r.error}</span> : null}
        </>
      ),
    },
  ]

  return (
    <section aria-labelledby="purge-title" style={{ marginTop: 32 }}>
      <div className="toolbar">
        <h2 id="purge-title">Retention purge</h2>
        <div className="toolbar-actions">
          <Button onClick={() => void load()}>Refresh</Button>
          {can(session, 'governance.manage') ? (
            <Button variant="primary" onClick={() => setConfirming(true)}>
              Run purge now
            </Button>
          ) : null}
        </div>
      </div>
      <ErrorAlert error={error} />
      {lastManual ? (
        <Notice tone="success" live title="Purge finished" testId="purge-result">
          <p>{`Removed ${runSummary(lastManual)}, ${n(lastManual.hotListsDeleted)} hot lists, ${n(lastManual.hotListEntriesDeleted)} hot-list entries and ${n(lastManual.accessLogDeleted)} access-log entries; holds kept ${n(lastManual.heldReadsKept)} expired read${lastManual.heldReadsKept === 1 ? '' : 's'}.`}</p>
        </Notice>
      ) : null}
      {overview ? (
        <div data-testid="retention-overview">
          <dl className="enrollment-facts" style={{ marginBottom: 20 }}>
            <div>
              <dt>Reads</dt>
              <dd>{`Deleted ${overview.readRetentionDays} days after they were taken, with their images, corrections and hits, unless a hold names them.`}</dd>
            </div>
            <div>
              <dt>Hot lists</dt>
              <dd>{`A list not refreshed within its own period (or ${overview.hotListRetentionDays} days) is deleted; an entry goes at its expiry, or once older than its list’s period (or ${overview.hotListRetentionDays} days).`}</dd>
            </div>
            <div>
              <dt>Access log</dt>
              <dd>{`Entries are kept ${overview.recordRetentionYears} years; older ones are removed behind a checkpoint signed with the agency key, so the chain still verifies.`}</dd>
            </div>
            <div>
              <dt>Signing key</dt>
              <dd data-testid="signing-key">
                <span>
                  Key id <strong className="mono">{overview.signingKey.keyId}</strong>. The key is kept in this database, so a checkpoint or
                  report can be trusted only against a copy of this id kept elsewhere: record it, and the public key below, outside the system
                  (it is also printed on signed reports).
                </span>
                <details>
                  <summary>Public key</summary>
                  <pre className="mono small">{overview.signingKey.publicKeyPem}</pre>
                </details>
              </dd>
            </div>
            <div>
              <dt>Exports</dt>
              <dd>{`Anything downloaded, printed or shared must be destroyed within ${overview.exportDestructionDays} days (see the exports ledger).`}</dd>
            </div>
            <div>
              <dt>Last purge</dt>
              <dd>{overview.lastRun ? `${formatDateTime(overview.lastRun.startedAt)}: ${RUN_OUTCOME[overview.lastRun.outcome].words.toLowerCase()}, ${runSummary(overview.lastRun)} removed` : 'None yet.'}</dd>
            </div>
            <div>
              <dt>Next purge</dt>
              <dd>{overview.nextRunAt ? formatDateTime(overview.nextRunAt) : 'Not scheduled on this workstation.'}</dd>
            </div>
            <div>
              <dt>Holds</dt>
              <dd>{`${n(overview.activeHolds)} open, keeping ${n(overview.heldReads)} read${overview.heldReads === 1 ? '' : 's'}; ${n(overview.reviewsDue)} due for review.`}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      <Table
        caption="Retention purges, newest first"
        columns={columns}
        rows={runs ?? []}
        rowKey={(r) => r.id}
        empty={runs ? 'No purge has run yet.' : 'Loading…'}
        rowClassName={(r) => (r.outcome === 'failed' ? 'row-alert' : r.outcome === 'stopped' ? 'row-attention' : undefined)}
        testId="retention-runs"
      />
      <ConfirmDialog
        open={confirming}
        title="Run the retention purge now?"
        confirmLabel="Run purge"
        tone="danger"
        busy={running}
        onConfirm={() => void runNow()}
        onCancel={() => setConfirming(false)}
      >
        <p>Every read, hot list and access-log entry past its retention period is deleted for good, except reads under a hold. The purge is recorded in the access log.</p>
      </ConfirmDialog>
    </section>
  )
}

const HOLD_LABELS: Record<string, string> = {
  caseNumber: 'Case number',
  reason: 'Reason',
  reviewOn: 'Review on',
  readIds: 'Read ids',
  nextReviewOn: 'Next review on',
  note: 'Note',
}

/** "12, 13 40" → [12, 13, 40]; anything that is not a whole number is reported. */
function parseReadIds(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean)
  const ids = parts.map(Number)
  return parts.length > 0 && ids.every((id) => Number.isInteger(id) && id > 0) ? ids : null
}

function PlaceHoldForm({ onPlaced, onCancel }: { onPlaced(hold: HoldRecord): void; onCancel(): void }) {
  const [caseNumber, setCaseNumber] = useState('')
  const [reason, setReason] = useState('')
  const [reviewOn, setReviewOn] = useState('')
  const [readIds, setReadIds] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const ids = parseReadIds(readIds)
    if (!ids) {
      setError({ code: 'INVALID_INPUT', message: 'Some of the information entered is not valid.', details: { readIds: 'Read ids as whole numbers, separated by commas or spaces' } })
      return
    }
    setBusy(true)
    // Placing a hold names reads, an access to ALPR information: the hold's case number is its purpose.
    const result = await signedInCall(() => alpr().holds.place({ purpose: { caseNumber }, caseNumber, reason, reviewOn, readIds: ids }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setCaseNumber('')
    setReason('')
    setReviewOn('')
    setReadIds('')
    onPlaced(result.value)
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="place-hold-title">
      <h3 id="place-hold-title">Place a hold</h3>
      <p className="muted">Held reads are kept past the retention period until the hold is released. Placing a hold is an access to ALPR information, recorded under the case number.</p>
      <ErrorAlert error={error} labels={HOLD_LABELS} />
      <div className="grid-2">
        <Field label="Case number" value={caseNumber} onChange={setCaseNumber} autoComplete="off" mono error={fieldError(error, 'caseNumber') ?? fieldError(error, 'purpose.caseNumber')} />
        <DateField label="Review on" value={reviewOn} onChange={setReviewOn} min={todayIso()} error={fieldError(error, 'reviewOn')} hint="Within a year. The hold is listed as due for review once this day is over." />
      </div>
      <Field label="Reason" value={reason} onChange={setReason} autoComplete="off" error={fieldError(error, 'reason')} hint="Why the reads are needed: the investigation or the evidence they are." />
      <Field label="Read ids" value={readIds} onChange={setReadIds} autoComplete="off" mono error={fieldError(error, 'readIds')} hint="The ids of the reads to keep, separated by commas or spaces (shown with each read in search results)." />
      <FormActions submitLabel="Place hold" busy={busy} onCancel={onCancel} />
    </form>
  )
}

type HoldAction = { kind: 'review' | 'release'; hold: HoldRecord }

function HoldActionDialog({ action, onDone, onCancel }: { action: HoldAction | null; onDone(hold: HoldRecord): void; onCancel(): void }) {
  const [date, setDate] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  useEffect(() => {
    setDate('')
    setText('')
    setError(null)
  }, [action])

  const confirm = async () => {
    if (!action) return
    setBusy(true)
    const result =
      action.kind === 'review'
        ? await signedInCall(() => alpr().holds.review({ holdId: action.hold.id, nextReviewOn: date, note: text }))
        : await signedInCall(() => alpr().holds.release({ holdId: action.hold.id, reason: text }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    onDone(result.value)
  }

  const review = action?.kind === 'review'
  return (
    <ConfirmDialog
      open={action !== null}
      title={review ? `Review the hold for case ${action?.hold.caseNumber ?? ''}` : `Release the hold for case ${action?.hold.caseNumber ?? ''}?`}
      confirmLabel={review ? 'Record review' : 'Release hold'}
      tone={review ? 'primary' : 'danger'}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      {review ? (
        <p>The hold stays in place. Say why it is still needed and when to look at it again.</p>
      ) : (
        <p>{`Its ${n(action?.hold.heldReads ?? 0)} reads are then deleted by the next purge once they are past the retention period.`}</p>
      )}
      <ErrorAlert error={error} labels={HOLD_LABELS} />
      {review ? (
        <DateField label="Next review on" value={date} onChange={setDate} min={todayIso()} error={fieldError(error, 'nextReviewOn')} />
      ) : null}
      <Field label={review ? 'Note' : 'Reason for release'} value={text} onChange={setText} autoComplete="off" error={fieldError(error, review ? 'note' : 'reason')} />
    </ConfirmDialog>
  )
}

function Holds() {
  const [holds, setHolds] = useState<HoldRecord[] | null>(null)
  const [includeReleased, setIncludeReleased] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [action, setAction] = useState<HoldAction | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [placing, setPlacing] = useState(false)

  const load = async (released = includeReleased) => {
    const result = await signedInCall(() => alpr().holds.list({ includeReleased: released }))
    if (result.ok) setHolds(result.value)
    setError(result.ok ? null : result.error)
  }
  useEffect(() => {
    void load(includeReleased)
  }, [includeReleased])

  const due = holds?.filter((h) => h.reviewDue).length ?? 0
  const columns: Column<HoldRecord>[] = [
    {
      header: 'Case',
      cell: (h) => (
        <>
          <span className="cell-main mono">{h.caseNumber}</span>
          <span className="cell-sub mono">{h.id}</span>
        </>
      ),
    },
    { header: 'Reason', cell: (h) => <span className="wrap">{h.reason}</span>, className: 'wrap' },
    { header: 'Reads', cell: (h) => <span className="tabular">{h.releasedAt ? `${n(h.heldReads)} of ${n(h.readCount)}` : n(h.heldReads)}</span> },
    {
      header: 'Placed',
      cell: (h) => (
        <>
          <span className="cell-main tabular">{formatDate(h.placedAt)}</span>
          <span className="cell-sub">{h.placedByName ?? h.placedBy}</span>
        </>
      ),
    },
    {
      header: 'Review',
      cell: (h) =>
        h.releasedAt ? (
          <>
            <Badge tone="neutral">Released</Badge>
            <span className="cell-sub">{`${formatDate(h.releasedAt)} · ${h.releasedByName ?? ''}`}</span>
          </>
        ) : (
          <>
            <span className="cell-main tabular">
              {formatDate(h.reviewAt)} {h.reviewDue ? <Badge tone="danger">Review due</Badge> : null}
            </span>
            {h.reviews[0] ? (
              <span className="cell-sub" style={{ whiteSpace: 'normal', maxWidth: '18rem' }}>{`Reviewed ${formatDate(h.reviews[0].at)}: ${h.reviews[0].note}`}</span>
            ) : null}
          </>
        ),
    },
    {
      header: 'Actions',
      cell: (h) =>
        h.releasedAt ? null : (
          <div className="row-actions">
            <Button size="small" onClick={() => setAction({ kind: 'review', hold: h })} aria-label={`Review hold for case ${h.caseNumber}`}>
              Review
            </Button>
            <Button size="small" variant="danger" onClick={() => setAction({ kind: 'release', hold: h })} aria-label={`Release hold for case ${h.caseNumber}`}>
              Release
            </Button>
          </div>
        ),
      className: 'cell-actions',
    },
  ]

  return (
    <section aria-labelledby="holds-title">
      <div className="toolbar">
        <h2 id="holds-title">Holds</h2>
        <div className="toolbar-actions">
          <div className="check">
            <input id="holds-released" type="checkbox" checked={includeReleased} onChange={(e) => setIncludeReleased(e.target.checked)} />
            <label htmlFor="holds-released">Show released holds</label>
          </div>
          {placing ? null : (
            <Button
              variant="primary"
              onClick={() => {
                setMessage(null)
                setPlacing(true)
              }}
            >
              Place a hold
            </Button>
          )}
        </div>
      </div>
      {due > 0 ? (
        <Notice tone="warning" title={`${due} hold${due === 1 ? '' : 's'} due for review`} testId="holds-due">
          <p>Review each: extend it with a note if the reads are still needed, or release it.</p>
        </Notice>
      ) : null}
      {message ? (
        <Notice tone="success" live testId="holds-message">
          <p>{message}</p>
        </Notice>
      ) : null}
      {placing ? (
        <PlaceHoldForm
          onCancel={() => setPlacing(false)}
          onPlaced={(hold) => {
            setMessage(`Hold ${hold.id} placed for case ${hold.caseNumber} on ${n(hold.readCount)} read${hold.readCount === 1 ? '' : 's'}.`)
            setPlacing(false)
            void load()
          }}
        />
      ) : null}
      <ErrorAlert error={error} />
      <Table
        caption="Holds on reads, reviews due first"
        columns={columns}
        rows={holds ?? []}
        rowKey={(h) => h.id}
        empty={holds ? 'No holds.' : 'Loading…'}
        rowClassName={(h) => (h.reviewDue ? 'row-alert' : undefined)}
        testId="holds-table"
      />
      <HoldActionDialog
        action={action}
        onCancel={() => setAction(null)}
        onDone={(hold) => {
          setMessage(hold.releasedAt ? `Hold for case ${hold.caseNumber} released.` : `Review recorded; next review on ${formatDate(hold.reviewAt)}.`)
          setAction(null)
          void load()
        }}
      />
    </section>
  )
}

export function RetentionTab() {
  const session = useApp((s) => s.session)
  return (
    <div className="tab-body">
      {can(session, 'holds.manage') ? <Holds /> : null}
      {can(session, 'governance.read') ? <PurgeRecord /> : null}
    </div>
  )
}
