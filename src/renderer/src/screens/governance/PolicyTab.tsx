// The public policy document and transparency report (issue 7).
export function PolicyTab() {
  return <p className="muted">Not built yet.</p>
}
