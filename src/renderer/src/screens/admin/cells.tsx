// Small cells shared by the administration tables: status badges and expiry dates that warn before they lapse.
import { formatDate } from '../../format'

const DAY = 24 * 60 * 60_000

export function Badge({ tone, children }: { tone: 'ok' | 'warning' | 'danger' | 'neutral' | 'info'; children: string }) {
  return <span className={`badge badge-${tone}`}>{children}</span>
}

/** An expiry date: red once past, amber within 30 days. */
export function Expiry({ at, missing = 'None' }: { at: number | null; missing?: string }) {
  if (at === null) return <Badge tone="danger">{missing}</Badge>
  const now = Date.now()
  if (at <= now) {
    return (
      <span className="expiry expiry-past">
        <Badge tone="danger">Expired</Badge> <span className="tabular">{formatDate(at)}</span>
      </span>
    )
  }
  if (at - now <= 30 * DAY) {
    return (
      <span className="expiry expiry-soon">
        <span className="tabular">{formatDate(at)}</span> <Badge tone="warning">{`${Math.ceil((at - now) / DAY)} d`}</Badge>
      </span>
    )
  }
  return <span className="tabular">{formatDate(at)}</span>
}
