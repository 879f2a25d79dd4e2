// The compliance dashboard: each duty, its evidence, what is missing or overdue (issue 7).
export function ComplianceTab() {
  return <p className="muted">Not built yet.</p>
}
