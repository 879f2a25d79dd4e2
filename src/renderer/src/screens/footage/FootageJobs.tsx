// The footage jobs of this person: a progress bar per file (frames, reads found, time left), Cancel while
// it runs, and Review to open its timeline. Counts only: plates appear in the review, under the purpose.
import type { FootageJob } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { formatDateTime } from '../../format'
import { formatPosition, formatSize, formatTimeLeft } from './format'

const STATUS_LABEL: Record<FootageJob['status'], string> = {
  queued: 'Waiting',
  running: 'Processing',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
}
const STATUS_BADGE: Record<FootageJob['status'], string> = {
  queued: 'badge',
  running: 'badge badge-info',
  done: 'badge badge-ok',
  cancelled: 'badge badge-warning',
  failed: 'badge badge-danger',
}

export interface FootageJobsProps {
  jobs: FootageJob[]
  selectedId: string | null
  cancelling: string | null
  onCancel(job: FootageJob): void
  onReview(job: FootageJob): void
}

export function FootageJobs({ jobs, selectedId, cancelling, onCancel, onReview }: FootageJobsProps) {
  if (jobs.length === 0) {
    return (
      <section className="panel" aria-labelledby="footage-jobs-title">
        <h2 id="footage-jobs-title">Your footage</h2>
        <p className="muted">No video has been processed under your account yet.</p>
      </section>
    )
  }
  return (
    <section className="panel" aria-labelledby="footage-jobs-title">
      <h2 id="footage-jobs-title">Your footage</h2>
      <ul className="footage-jobs" data-testid="footage-jobs">
        {jobs.map((job) => (
          <JobRow
            key={job.id}
            job={job}
            selected={job.id === selectedId}
            cancelling={cancelling === job.id}
            onCancel={() => onCancel(job)}
            onReview={() => onReview(job)}
          />
        ))}
      </ul>
    </section>
  )
}

function JobRow({ job, selected, cancelling, onCancel, onReview }: { job: FootageJob; selected: boolean; cancelling: boolean; onCancel(): void; onReview(): void }) {
  const active = job.status === 'queued' || job.status === 'running'
  const total = job.framesTotal ?? 0
  const percent = total > 0 ? Math.min(100, Math.round((job.framesDone / total) * 100)) : 0
  const reads = `${job.readsFound} ${job.readsFound === 1 ? 'read' : 'reads'} found`
  return (
    <li className={['footage-job', selected ? 'is-selected' : ''].filter(Boolean).join(' ')} data-testid="footage-job" data-status={job.status}>
      <div className="footage-job-head">
        <p className="footage-job-name">
          <span className="mono">{job.fileName}</span> <span className={STATUS_BADGE[job.status]}>{STATUS_LABEL[job.status]}</span>
        </p>
        <div className="footage-job-actions">
          {active ? (
            <Button size="small" variant="danger" busy={cancelling} onClick={onCancel} aria-label={`Cancel processing ${job.fileName}`}>
              Cancel
            </Button>
          ) : null}
          <Button size="small" variant={selected ? 'primary' : 'secondary'} onClick={onReview} disabled={job.status === 'queued' || (job.status === 'failed' && job.readsFound === 0)} aria-label={`Review ${job.fileName}`}>
            {selected ? 'Reviewing' : 'Review'}
          </Button>
        </div>
      </div>
      {job.status === 'running' || job.status === 'queued' ? (
        <>
          <progress
            className="footage-progress"
            max={total || 1}
            value={total ? job.framesDone : undefined}
            aria-label={`Progress of ${job.fileName}`}
            data-testid="footage-progress"
          />
          <p className="footage-job-facts" data-testid="footage-progress-text">
            {job.status === 'queued'
              ? 'Waiting for the file before it.'
              : total
                ? `${job.framesDone} of ${total} frames (${percent}%) · ${reads} · ${formatTimeLeft(job.etaMs)}`
                : `Reading the file… · ${reads}`}
          </p>
        </>
      ) : (
        <p className="footage-job-facts">
          {job.framesDone} frames · {reads}
          {job.durationMs !== null ? ` · ${formatPosition(job.durationMs)} long` : ''} · {formatSize(job.sizeBytes)}
          {job.finishedAt ? ` · finished ${formatDateTime(job.finishedAt)}` : ''}
        </p>
      )}
      {job.error ? (
        <p className={job.status === 'failed' ? 'footage-job-error' : 'footage-job-note'} data-testid="footage-job-message">
          {job.error}
        </p>
      ) : null}
      {job.timeEstimated ? (
        <p className="footage-job-note" data-testid="footage-times-estimated">
          Read times are estimated from the file’s modification time less its length (no recording start was given).
        </p>
      ) : null}
      <p className="footage-job-meta muted">
        {job.caseNumber ? <>Case <span className="mono">{job.caseNumber}</span> · </> : null}
        started {formatDateTime(job.startedAt)}
        {job.sha256 ? (
          <>
            {' '}· SHA-256 <span className="mono footage-hash" title={job.sha256}>{job.sha256.slice(0, 16)}…</span>
          </>
        ) : null}
      </p>
    </li>
  )
}
