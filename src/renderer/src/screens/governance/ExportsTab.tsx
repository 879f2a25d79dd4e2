// The exports ledger: destruction deadlines and certificates (issue 7).
export function ExportsTab() {
  return <p className="muted">Not built yet.</p>
}
