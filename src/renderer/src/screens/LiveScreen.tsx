// Live: plate reads and hot-list alerts as they happen (filled by a later issue).
import { PlannedScreen } from '../components/SectionHeader'

export function LiveScreen() {
  return (
    <PlannedScreen
      title="Live"
      what="Live will show plate reads from the agency’s cameras as they arrive and raise an alert when a read matches a hot list, so a dispatcher can verify the hit before anyone acts on it."
      note="No cameras are connected to this workstation yet."
    />
  )
}
