// The alert panel: open hot-list hits, most urgent first, in the list's colour, with sound by priority until
// someone opens them (LiveMonitor plays the sounds and announces new alerts, in any section). Each card says
// plainly that a hit is unverified and must not be acted on yet, shows whether the match is exact or only
// POSSIBLE (with the differing characters), and the list's age.
import type { HitAlert, LiveFeed } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { formatTime } from '../../format'
import { useNow } from '../../hooks/useNow'
import { useLive } from '../../store/live'
import { ago, alertColor, describeDifferences, listAge, matchLabel, verificationStatus } from './live-format'
import { PlateText } from './PlateText'

/** Most urgent first: priority, exact before possible, then newest. */
export function sortAlerts(alerts: HitAlert[]): HitAlert[] {
  const rank = (a: HitAlert) => (a.match === 'exact' ? 0 : 1)
  return [...alerts].sort((a, b) => a.priority - b.priority || rank(a) - rank(b) || b.createdAt - a.createdAt)
}

export const verifyButtonId = (hitId: number) => `alert-verify-${hitId}`
export const resolvedItemId = (hitId: number) => `alert-resolved-${hitId}`

function AlertCard({ alert, now, onOpen }: { alert: HitAlert; now: number; onOpen(id: number): void }) {
  const status = verificationStatus(alert)
  const age = listAge(alert.listRefreshedAt, now)
  const color = alertColor(alert)
  const possible = alert.match === 'possible'
  return (
    <li
      className={`alert-card priority-${alert.priority} ${alert.acknowledgedAt === null ? 'is-new' : ''}`}
      style={{ ['--list-color' as string]: color }}
      data-testid={`alert-${alert.id}`}
    >
      <div className="alert-card-head">
        <span className="alert-priority">Priority {alert.priority}</span>
        <span className={`match-badge ${possible ? 'match-possible' : 'match-exact'}`}>{matchLabel(alert)}</span>
        {alert.covert ? <span className="badge badge-warning">Covert list — do not broadcast</span> : null}
        <span className="alert-list-name">{alert.listName}</span>
        <span className={`list-age ${age.stale ? 'is-stale' : ''}`}>
          {age.stale ? 'Stale: ' : ''}
          {age.text}
        </span>
      </div>
      <div className="alert-card-body">
        <div className="alert-plates">
          <div>
            <span className="field-label">Read</span>
            <PlateText plate={alert.readPlate} compareTo={possible ? alert.entryPlate : undefined} size="large" />
            <span className="muted small">{alert.readState ?? 'state unknown'} · {Math.round(alert.readConfidence * 100)}%</span>
          </div>
          <div>
            <span className="field-label">Listed</span>
            <PlateText plate={alert.entryPlate} compareTo={possible ? alert.readPlate : undefined} size="large" />
            <span className="muted small">{alert.entryState ?? 'any state'}</span>
          </div>
        </div>
        <dl className="alert-facts">
          {possible ? (
            <div>
              <dt>Differs</dt>
              <dd className="differences" data-testid="differences">
                {describeDifferences(alert.readPlate, alert.entryPlate).join('; ') || 'the plates differ in length'}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Reason</dt>
            <dd>{alert.entryReason || '—'}</dd>
          </div>
          <div>
            <dt>Vehicle</dt>
            <dd>{alert.entryVehicle || '—'}</dd>
          </div>
          <div>
            <dt>Camera</dt>
            <dd>
              {alert.cameraName ?? '—'} · <span className="tabular">{formatTime(alert.readAt)}</span> <span className="muted">({ago(alert.readAt, now)})</span>
            </dd>
          </div>
        </dl>
      </div>
      <div className="alert-card-foot">
        <p className={`hit-status tone-${status.tone}`} data-testid="hit-status">
          {status.text}
        </p>
        {alert.acknowledgedAt !== null ? (
          <span className="muted small">
            Opened by {alert.acknowledgedBy ?? 'a dispatcher'} at {formatTime(alert.acknowledgedAt)}
          </span>
        ) : null}
        <Button
          id={verifyButtonId(alert.id)}
          variant={alert.acknowledgedAt === null ? 'danger' : 'primary'}
          aria-label={`Verify hit ${alert.readPlate}, ${alert.listName}`}
          onClick={() => onOpen(alert.id)}
        >
          Verify
        </Button>
      </div>
    </li>
  )
}

function ResolvedList({ resolved, onOpen }: { resolved: HitAlert[]; onOpen(id: number): void }) {
  if (resolved.length === 0) return null
  return (
    <section className="resolved" aria-labelledby="resolved-title">
      <h3 id="resolved-title">Recently resolved</h3>
      <ul>
        {resolved.map((a) => {
          const status = verificationStatus(a)
          return (
            <li key={a.id} id={resolvedItemId(a.id)} tabIndex={-1} data-testid={`resolved-${a.id}`} style={{ ['--list-color' as string]: alertColor(a) }}>
              <PlateText plate={a.readPlate} />
              <span className="muted">{a.listName}</span>
              <span className={`hit-status tone-${status.tone}`}>{status.text}</span>
              <Button size="small" variant="ghost" onClick={() => onOpen(a.id)} aria-label={`Show hit ${a.readPlate}`}>
                Show
              </Button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function ListsInForce({ lists, now }: { lists: LiveFeed['lists']; now: number }) {
  if (lists.length === 0) return <p className="muted small">No hot lists are in force: reads are not being matched against any list.</p>
  return (
    <ul className="lists-in-force" aria-label="Hot lists in force">
      {lists.map((l) => {
        const age = listAge(l.refreshedAt, now)
        return (
          <li key={l.id} className={age.stale ? 'is-stale' : undefined}>
            <span className="list-name">{l.name}</span> <span className="muted">P{l.priority} · {l.entries} entries ·</span>{' '}
            <span className={age.stale ? 'stale-text' : 'muted'}>
              {age.stale ? 'stale, ' : ''}
              {age.text}
            </span>
          </li>
        )
      })}
    </ul>
  )
}

export function AlertPanel({ onOpen }: { onOpen(id: number): void }) {
  const alerts = useLive((s) => s.alerts)
  const resolved = useLive((s) => s.resolved)
  const lists = useLive((s) => s.lists)
  const muted = useLive((s) => s.muted)
  const feedStatus = useLive((s) => s.status)
  const updatedAt = useLive((s) => s.updatedAt)
  const setMuted = useLive((s) => s.setMuted)
  const now = useNow(15_000)
  const sorted = sortAlerts(alerts)
  const unacknowledged = alerts.filter((a) => a.acknowledgedAt === null).length
  const sound = useLive((s) => s.sound)
  const staleLists = lists.filter((l) => listAge(l.refreshedAt, now).stale)

  return (
    <section
      className={`alert-panel ${unacknowledged > 0 ? 'has-new' : ''} ${alerts.length > 0 ? 'has-open' : ''}`}
      aria-labelledby="alert-panel-title"
      data-testid="alert-panel"
      data-last-sound={sound.last ?? undefined}
      data-sounds-played={sound.count}
    >
      <div className="alert-panel-head">
        <h2 id="alert-panel-title" tabIndex={-1}>
          Hot-list alerts{' '}
          <span className="alert-count" data-testid="alert-count">
            {updatedAt === null ? 'not known yet' : alerts.length === 0 ? 'none open' : `${alerts.length} open${unacknowledged ? `, ${unacknowledged} not yet opened` : ''}`}
          </span>
        </h2>
        <div className="alert-panel-tools">
          <span className="muted small">
            <kbd>Alt+A</kbd> newest alert
          </span>
          <Button
            size="small"
            variant={muted ? 'danger' : 'secondary'}
            aria-pressed={muted}
            className={muted ? 'mute-on' : undefined}
            onClick={() => setMuted(!muted)}
            data-testid="mute-toggle"
          >
            {muted ? 'Sound muted — turn on' : 'Sound on — mute'}
          </Button>
        </div>
      </div>
      {muted ? (
        <p className="sound-warning" data-testid="muted-warning">
          Alert sounds are muted on this workstation. New alerts are shown but make no sound.
        </p>
      ) : sound.blocked ? (
        <p className="sound-warning">Sound is held back until you press a key or click in this window.</p>
      ) : null}
      {sorted.length === 0 ? (
        <p className="alert-empty">
          {feedStatus === 'live'
            ? 'No open alerts. A read that matches a hot list appears here, with sound, within a second.'
            : updatedAt === null
              ? 'Waiting for the live feed: open alerts are not known yet.'
              : 'No open alerts when the feed last answered; new ones cannot arrive until it is back.'}
        </p>
      ) : (
        <ol className="alert-cards" aria-label="Open alerts, most urgent first">
          {sorted.map((a) => (
            <AlertCard key={a.id} alert={a} now={now} onOpen={onOpen} />
          ))}
        </ol>
      )}
      {staleLists.length > 0 ? (
        <p className="sound-warning" data-testid="stale-lists">
          Stale hot list{staleLists.length === 1 ? '' : 's'}: {staleLists.map((l) => `${l.name} (${listAge(l.refreshedAt, now).text})`).join('; ')}. Entries may
          have been cleared since; the CLETS/NCIC re-check decides.
        </p>
      ) : null}
      <ResolvedList resolved={resolved} onOpen={onOpen} />
      <details className="lists-details">
        <summary>Hot lists in force ({lists.length})</summary>
        <ListsInForce lists={lists} now={now} />
      </details>
    </section>
  )
}
