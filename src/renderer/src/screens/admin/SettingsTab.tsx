// Policy settings within the bounds of DOMAIN.md (issue 6).
export function SettingsTab() {
  return <p className="muted">Not built yet.</p>
}
