// Vendor hosting contracts and their required items (issue 7).
export function VendorsTab() {
  return <p className="muted">Not built yet.</p>
}
