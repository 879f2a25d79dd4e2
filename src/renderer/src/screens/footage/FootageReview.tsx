// Reviewing one job: the video, the reads along its length as thumbnails, and the list of reads. Choosing a
// read (on the timeline or in the list) moves the video to that moment and marks the read.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { FootageJob, FootageMedia, FootageRead, FootageTimeline } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { ErrorAlert } from '../../components/Alert'
import { formatDateTime } from '../../format'
import { withPurpose } from '../../store/purpose'
import { formatPosition } from './format'

export interface FootageReviewProps {
  job: FootageJob
  /** The purpose in force (its id): a new purpose loads everything again under it. */
  purposeId: number
}

export function FootageReview({ job, purposeId }: FootageReviewProps) {
  const [timeline, setTimeline] = useState<FootageTimeline | null>(null)
  const [media, setMedia] = useState<FootageMedia | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [videoError, setVideoError] = useState<string | null>(null)
  const [selected, setSelected] = useState<number | null>(null)
  const [playheadMs, setPlayheadMs] = useState(0)
  const [videoMs, setVideoMs] = useState<number | null>(null)
  const videoRef = useRef<HTMLVideoElement>(null)

  // The reads so far; a running job is read again as it finds more.
  useEffect(() => {
    let current = true
    void withPurpose('footage', (purpose) => alpr().footage.reads({ purpose, jobId: job.id })).then((result) => {
      if (!current) return
      if (result.ok) setTimeline(result.value)
      else setError(result.error)
    })
    return () => {
      current = false
    }
  }, [job.id, job.readsFound, job.status, purposeId])

  useEffect(() => {
    let current = true
    setMedia(null)
    setVideoError(null)
    setSelected(null)
    void withPurpose('footage', (purpose) => alpr().footage.media({ purpose, jobId: job.id })).then((result) => {
      if (!current) return
      if (result.ok) setMedia(result.value)
      else setError(result.error)
    })
    return () => {
      current = false
    }
  }, [job.id, purposeId])

  const seek = useCallback((read: FootageRead) => {
    setSelected(read.id)
    const video = videoRef.current
    if (!video) return
    video.pause()
    video.currentTime = read.footageMs / 1000
    setPlayheadMs(read.footageMs)
  }, [])

  const reads = timeline?.reads ?? []
  const durationMs = job.durationMs ?? videoMs ?? Math.max(1, ...reads.map((r) => r.footageMs))
  const at = (ms: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100))}%`

  return (
    <section className="panel footage-review" aria-labelledby="footage-review-title" data-testid="footage-review">
      <h2 id="footage-review-title">
        Review <span className="mono">{job.fileName}</span>
      </h2>
      <ErrorAlert error={error} />
      <div className="footage-player">
        {media ? (
          <video
            ref={videoRef}
            className="footage-video"
            src={media.url}
            controls
            preload="metadata"
            data-testid="footage-video"
            aria-label={`Video ${job.fileName}`}
            onTimeUpdate={(e) => setPlayheadMs(e.currentTarget.currentTime * 1000)}
            onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setVideoMs(e.currentTarget.duration * 1000)}
            onError={() => setVideoError('This video cannot be played in this window (its format is not supported here). The reads and their images below are complete.')}
          />
        ) : (
          <div className="footage-video footage-video-placeholder">Loading the video…</div>
        )}
        {videoError ? <p className="footage-job-note">{videoError}</p> : null}
      </div>

      <h3 className="footage-subhead">Timeline</h3>
      <div className="footage-timeline" data-testid="footage-timeline" role="group" aria-label="Reads along the video">
        <div className="footage-timeline-track" />
        <div className="footage-playhead" style={{ left: at(playheadMs) }} aria-hidden="true" />
        {reads.map((read) => (
          <button
            key={read.id}
            type="button"
            className={['footage-marker', read.id === selected ? 'is-selected' : ''].filter(Boolean).join(' ')}
            style={{ left: at(read.footageMs) }}
            onClick={() => seek(read)}
            aria-pressed={read.id === selected}
            aria-label={`${read.plate} at ${formatPosition(read.footageMs)}`}
            title={`${read.plate} at ${formatPosition(read.footageMs)}`}
            data-testid="footage-marker"
          >
            {read.crop ? <img src={read.crop} alt="" /> : <span className="mono">{read.plate}</span>}
          </button>
        ))}
        <span className="footage-timeline-start mono" aria-hidden="true">0:00.0</span>
        <span className="footage-timeline-end mono" aria-hidden="true">{formatPosition(durationMs)}</span>
      </div>

      <h3 className="footage-subhead">
        Reads <span className="muted">({reads.length})</span>
      </h3>
      {job.timeEstimated ? (
        <p className="footage-job-note" data-testid="footage-review-estimated">
          Times are estimated: the file’s modification time marks the end of the recording, so the start is taken as that time less the
          video’s length. A clock that was off, or a file copied or edited since, moves them.
        </p>
      ) : null}
      {timeline && reads.length === 0 ? (
        <p className="muted">{job.status === 'running' ? 'No plate read yet.' : 'No plate was read in this video.'}</p>
      ) : null}
      <ol className="footage-reads" data-testid="footage-reads">
        {reads.map((read) => (
          <li key={read.id}>
            <button
              type="button"
              className={['footage-read', read.id === selected ? 'is-selected' : ''].filter(Boolean).join(' ')}
              onClick={() => seek(read)}
              aria-pressed={read.id === selected}
              data-testid="footage-read"
              data-ms={read.footageMs}
            >
              <span className="footage-read-crop">{read.crop ? <img src={read.crop} alt={`Plate crop of ${read.plate}`} /> : null}</span>
              <span className="footage-read-plate mono">{read.plate}</span>
              <span className="footage-read-state">{read.state ?? '—'}</span>
              <span className="footage-read-pos mono">{formatPosition(read.footageMs)}</span>
              <span className="footage-read-time">{formatDateTime(read.readAt)}</span>
              <span className="footage-read-conf">{Math.round(read.confidence * 100)}%</span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
