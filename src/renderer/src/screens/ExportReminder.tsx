// The reminder after sign-in: one's own exported files overdue for destruction, or due within three days
// (DOMAIN.md "Retention": overdue items are listed and reminded). Dismissed for this session only.
import { useEffect, useState } from 'react'
import type { ExportLedgerItem } from '../../../shared/models'
import { alpr } from '../api'
import { Button } from '../components/Button'
import { Notice } from '../components/Alert'
import { formatDate } from '../format'
import { signedInCall } from '../store/session'

const DUE_SOON_MS = 3 * 24 * 60 * 60 * 1000

/** `signedInAt` is the session's start on the core's clock: the deadlines are compared with the same clock. */
export function ExportReminder({ signedInAt }: { signedInAt: number }) {
  const [items, setItems] = useState<ExportLedgerItem[]>([])
  const [dismissed, setDismissed] = useState(false)

  useEffect(() => {
    let live = true
    setDismissed(false)
    void signedInCall(() => alpr().exports.mine({})).then((result) => {
      const until = signedInAt + DUE_SOON_MS
      if (live && result.ok) setItems(result.value.filter((e) => e.status === 'overdue' || e.destroyBy <= until))
    })
    return () => {
      live = false
    }
  }, [signedInAt])

  if (dismissed || items.length === 0) return null
  const overdue = items.filter((e) => e.status === 'overdue').length
  const soon = items.length - overdue
  const parts = [
    overdue > 0 ? `${overdue} overdue for destruction` : null,
    soon > 0 ? `${soon} due for destruction within 3 days` : null,
  ].filter(Boolean)
  return (
    <Notice
      tone={overdue > 0 ? 'danger' : 'warning'}
      title={`You have exported files to destroy: ${parts.join(', ')}.`}
      testId="export-reminder"
    >
      <ul className="export-reminder-list">
        {items.slice(0, 5).map((e) => (
          <li key={e.id}>
            <span className="mono">{e.id}</span> · {e.description} · destroy by <strong className="tabular">{formatDate(e.destroyBy)}</strong>
            {e.status === 'overdue' ? ' (overdue)' : ''}
          </li>
        ))}
        {items.length > 5 ? <li>{`and ${items.length - 5} more`}</li> : null}
      </ul>
      <p className="small">Destroy each copy, then ask an administrator to certify its destruction in the exports ledger.</p>
      <Button onClick={() => setDismissed(true)}>Dismiss</Button>
    </Notice>
  )
}
