// The administrator's home: misuse flags and what is due (issue 6).
export function OverviewTab() {
  return <p className="muted">Not built yet.</p>
}
