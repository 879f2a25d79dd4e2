// The read feed: newest first, in a scrolling box the keyboard can scroll, each read with its crop; reads
// that produced a hit are marked and lead to the alert.
import type { HitAlert, LiveRead } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { formatDateTime, formatTime } from '../../format'
import { alertColor } from './live-format'

export function ReadFeed({ reads, alerts, loaded, onOpen }: { reads: LiveRead[]; alerts: HitAlert[]; loaded: boolean; onOpen(hitId: number): void }) {
  const byId = new Map(alerts.map((a) => [a.id, a]))
  return (
    <section className="live-feed" aria-labelledby="feed-title">
      <h2 id="feed-title">
        Reads <span className="muted small">newest first · {reads.length === 0 ? 'none yet' : `last ${reads.length}`}</span>
      </h2>
      {reads.length === 0 ? (
        <p className="muted">{loaded ? 'No reads yet in this session. Reads from the cameras appear here as they are stored.' : 'Waiting for the live feed…'}</p>
      ) : (
        <div className="feed-scroll" tabIndex={0} role="region" aria-label="Read feed, scrollable">
          <table className="table feed-table" data-testid="read-feed">
            <thead>
              <tr>
                <th scope="col">Crop</th>
                <th scope="col">Plate</th>
                <th scope="col">State</th>
                <th scope="col">Conf.</th>
                <th scope="col">Camera</th>
                <th scope="col">Time</th>
                <th scope="col">Hit</th>
              </tr>
            </thead>
            <tbody>
              {reads.map((r) => {
                const hit = r.hitIds.map((id) => byId.get(id)).find((a) => a !== undefined)
                return (
                  <tr key={r.id} className={r.hitIds.length > 0 ? 'row-hit' : undefined} style={hit ? { ['--list-color' as string]: alertColor(hit) } : undefined} data-testid={`read-${r.id}`}>
                    <td className="feed-crop">{r.crop ? <img src={r.crop} alt={`Plate crop, read ${r.plate}`} /> : <span className="muted small">no crop</span>}</td>
                    <td>
                      <span className="plate">{r.plate}</span>
                    </td>
                    <td>{r.state ?? '—'}</td>
                    <td className="tabular">{Math.round(r.confidence * 100)}%</td>
                    <td className="feed-camera">
                      <span className="truncate">{r.cameraName ?? '—'}</span>
                    </td>
                    <td className="tabular" title={formatDateTime(r.readAt)}>
                      {formatTime(r.readAt)}:{String(new Date(r.readAt).getSeconds()).padStart(2, '0')}
                    </td>
                    <td>
                      {r.hitIds.length === 0 ? null : hit ? (
                        <Button size="small" variant={hit.disposition === null ? 'danger' : 'secondary'} onClick={() => onOpen(hit.id)} aria-label={`Open alert for read ${r.plate} (${hit.match === 'exact' ? 'exact' : 'possible'} match)`}>
                          {hit.match === 'exact' ? 'HIT' : 'POSSIBLE'}
                        </Button>
                      ) : (
                        <span className="badge badge-danger">HIT</span>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
