// Agencies, share requests, records requests and subpoenas (issue 7).
export function SharingTab() {
  return <p className="muted">Not built yet.</p>
}
