// Hot lists: vehicles of interest, their sources and retention (filled by a later issue).
import { PlannedScreen } from '../components/SectionHeader'

export function HotListsScreen() {
  return (
    <PlannedScreen
      title="Hot lists"
      what="Hot lists will hold the vehicles of interest imported from California DOJ extracts or entered by hand, each with its source, priority, retention period and the time it was last refreshed."
      note="No hot lists are loaded; matching against reads is not available in this version."
    />
  )
}
