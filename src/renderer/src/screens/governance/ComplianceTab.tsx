// The compliance dashboard: each duty of the ALPR law and the agency's policy, the evidence the product holds
// for it, and what is missing or overdue, worst first.
import { useCallback, useEffect, useState } from 'react'
import type { ComplianceDuty, ComplianceState } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { ErrorAlert } from '../../components/Alert'
import { signedInCall } from '../../store/session'
import { Badge } from '../admin/cells'
import './governance.css'

const STATE: Record<ComplianceState, { tone: 'ok' | 'warning' | 'danger'; words: string; rank: number }> = {
  overdue: { tone: 'danger', words: 'Overdue', rank: 0 },
  missing: { tone: 'danger', words: 'Missing', rank: 1 },
  attention: { tone: 'warning', words: 'Needs attention', rank: 2 },
  met: { tone: 'ok', words: 'Met', rank: 3 },
}

export function ComplianceTab() {
  const [duties, setDuties] = useState<ComplianceDuty[] | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setBusy(true)
    const result = await signedInCall(() => alpr().compliance.dashboard({}))
    setBusy(false)
    if (result.ok) {
      setDuties([...result.value].sort((a, b) => STATE[a.state].rank - STATE[b.state].rank))
      setError(null)
    } else setError(result.error)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const open = duties?.filter((d) => d.state !== 'met').length ?? 0
  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">
          {duties ? (open ? `${open} of ${duties.length} duties need action.` : `All ${duties.length} duties are met.`) : 'Checking each duty…'}
        </p>
        <div className="toolbar-actions">
          <Button onClick={() => void load()} busy={busy}>
            Check again
          </Button>
        </div>
      </div>
      <ErrorAlert error={error} />
      <div className="duties" data-testid="compliance-duties">
        {duties?.map((d) => (
          <article key={d.id} className={`duty duty-${d.state}`} aria-labelledby={`duty-${d.id}`}>
            <div className="duty-head">
              <h3 id={`duty-${d.id}`}>{d.duty}</h3>
              <Badge tone={STATE[d.state].tone}>{STATE[d.state].words}</Badge>
            </div>
            <p className="duty-source">{d.source}</p>
            {d.evidence.length ? (
              <ul className="duty-evidence" aria-label="Evidence held">
                {d.evidence.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : null}
            {d.problems.length ? (
              <ul className="duty-problems" aria-label="Missing or overdue">
                {d.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </article>
        ))}
      </div>
    </div>
  )
}
