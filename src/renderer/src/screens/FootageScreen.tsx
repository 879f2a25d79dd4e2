// Footage: recorded video and the reads found in it (filled by a later issue).
import { PlannedScreen } from '../components/SectionHeader'

export function FootageScreen() {
  return (
    <PlannedScreen
      title="Footage"
      what="Footage will let investigators review recorded video from the agency’s cameras, or video files brought in for a case, together with the plate reads found in it, each viewing logged with its purpose."
      note="Footage review is not available in this version."
    />
  )
}
