// Retention runs and holds on reads (issue 7).
export function RetentionTab() {
  return <p className="muted">Not built yet.</p>
}
