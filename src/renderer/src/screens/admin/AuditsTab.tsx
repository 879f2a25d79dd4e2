// Audits: evidence for a period, findings, two-person approval (issue 6).
export function AuditsTab() {
  return <p className="muted">Not built yet.</p>
}
