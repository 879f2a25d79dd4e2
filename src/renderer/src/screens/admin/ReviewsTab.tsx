// The annual access review (issue 6).
export function ReviewsTab() {
  return <p className="muted">Not built yet.</p>
}
