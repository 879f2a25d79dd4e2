// Search: detectives find stored plate reads under a stated purpose. Nothing is shown and no search control is
// usable until a purpose is in force; each purpose starts a fresh search (screens/search/SearchWorkspace).
import { SectionHeader } from '../components/SectionHeader'
import { Notice } from '../components/Alert'
import { PurposePanel } from '../components/PurposePanel'
import { usePurpose } from '../store/purpose'
import { can, useApp } from '../store/session'
import { SearchWorkspace } from './search/SearchWorkspace'
import './search/search.css'

export function SearchScreen() {
  const session = useApp((s) => s.session)
  const purpose = usePurpose('search')
  const allowed = can(session, 'reads.search')
  return (
    <div className="search-screen">
      <SectionHeader title="Search">
        Find stored plate reads by plate, time, camera and place. Every search, every read opened and every export is written
        to the access log with its purpose.
      </SectionHeader>
      {!allowed ? (
        <Notice tone="warning" title="Your roles do not include searching reads.">
          <p>Searching stored reads is for investigators and supervisors. Ask the ALPR Administrator if your duties need it.</p>
        </Notice>
      ) : (
        <>
          <PurposePanel section="search" access="search plate reads" />
          {purpose ? <SearchWorkspace key={purpose.id} /> : null}
        </>
      )}
    </div>
  )
}
