// Search: plate and read search with a stated purpose (filled by a later issue).
import { PlannedScreen } from '../components/SectionHeader'

export function SearchScreen() {
  return (
    <PlannedScreen
      title="Search"
      what="Search will find stored plate reads by full or partial plate, time range and camera; every search asks for a case or incident number, or a suspect’s last name, and is written to the access log."
      note="Searching is not available in this version."
    />
  )
}
