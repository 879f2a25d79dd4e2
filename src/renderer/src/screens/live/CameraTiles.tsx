// One tile per camera: where it is, its state in words (live at N fps, retrying since… with the next attempt,
// error with the reason, disabled), how much it has read today, and its latest reads (plate and crop) from
// the feed, so a dispatcher sees at a glance that a camera is reading and what.
import type { CameraStatus, LiveRead } from '../../../../shared/models'
import { formatTime, formatWhen } from '../../format'
import { useNow } from '../../hooks/useNow'
import { ago, cameraStateText } from './live-format'

/** Reads shown on each tile. */
export const TILE_READS = 3

const KIND_LABELS: Record<CameraStatus['kind'], string> = { fixed: 'Fixed', mobile: 'Mobile', footage: 'Video file' }

function LatestReads({ camera, reads }: { camera: CameraStatus; reads: LiveRead[] }) {
  if (reads.length === 0) return null
  return (
    <ul className="camera-latest" aria-label={`Latest reads, ${camera.name}`} data-testid="camera-latest">
      {reads.map((r) => (
        <li key={r.id} title={formatWhen(r.readAt)}>
          {r.crop ? <img src={r.crop} alt={`Plate crop, read ${r.plate}`} /> : <span className="camera-latest-nocrop small">no crop</span>}
          <span className="plate">{r.plate}</span>
          <span className="muted small tabular">
            {formatTime(r.readAt)}:{String(new Date(r.readAt).getSeconds()).padStart(2, '0')}
          </span>
        </li>
      ))}
    </ul>
  )
}

function CameraTile({ camera, reads, now }: { camera: CameraStatus; reads: LiveRead[]; now: number }) {
  return (
    <li className={`camera-tile state-${camera.state}`} data-testid={`camera-${camera.cameraId}`}>
      <div className="camera-head">
        <span className="camera-name">{camera.name}</span>
        <span className="muted small">{KIND_LABELS[camera.kind]}</span>
      </div>
      <p className="camera-location muted small">{camera.location || 'No location recorded'}</p>
      <p className="camera-state">
        <span className="state-dot" aria-hidden="true" />
        {cameraStateText(camera, now)}
      </p>
      {camera.state === 'error' || (camera.state === 'retrying' && camera.reason) ? <p className="camera-reason small">{camera.reason ?? 'No reason given.'}</p> : null}
      <p className="camera-counts small">
        <span className="tabular">{camera.readsToday}</span> read{camera.readsToday === 1 ? '' : 's'} today · latest{' '}
        {camera.lastReadAt === null ? 'none' : <span title={formatWhen(camera.lastReadAt)}>{ago(camera.lastReadAt, now)}</span>}
      </p>
      <LatestReads camera={camera} reads={reads} />
    </li>
  )
}

export function CameraTiles({ cameras, reads, loaded }: { cameras: CameraStatus[]; reads: LiveRead[]; loaded: boolean }) {
  const now = useNow(1000)
  // Each camera's newest reads, whatever order the feed keeps them in.
  const byCamera = new Map<string, LiveRead[]>()
  for (const r of [...reads].sort((a, b) => b.readAt - a.readAt || b.id - a.id)) {
    if (r.cameraId === null) continue
    const list = byCamera.get(r.cameraId) ?? []
    if (list.length < TILE_READS) byCamera.set(r.cameraId, [...list, r])
  }
  const live = cameras.filter((c) => c.state === 'live').length
  const troubled = cameras.filter((c) => c.state === 'retrying' || c.state === 'error').length
  return (
    <section className="live-cameras" aria-labelledby="cameras-title">
      <h2 id="cameras-title">
        Cameras{' '}
        <span className="muted small">
          {!loaded ? '' : cameras.length === 0 ? 'none registered' : `${live} of ${cameras.length} live${troubled ? ` · ${troubled} not reading` : ''}`}
        </span>
      </h2>
      {!loaded ? (
        <p className="muted">Waiting for the live feed…</p>
      ) : cameras.length === 0 ? (
        <p className="muted">No cameras are registered. An administrator adds them under Administration.</p>
      ) : (
        <ul className="camera-tiles">
          {cameras.map((c) => (
            <CameraTile key={c.cameraId} camera={c} reads={byCamera.get(c.cameraId) ?? []} now={now} />
          ))}
        </ul>
      )}
    </section>
  )
}
