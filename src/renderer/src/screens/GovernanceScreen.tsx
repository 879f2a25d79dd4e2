// Governance: the duties California's ALPR law puts on the data itself (retention, holds, exports,
// sharing, vendors, the public policy), each tab shown to those whose roles allow it.
import { useState } from 'react'
import type { Permission } from '../../../shared/roles'
import { SectionHeader } from '../components/SectionHeader'
import { TabPanel, Tabs, type TabItem } from '../components/Tabs'
import { can, useApp } from '../store/session'
import { ComplianceTab } from './governance/ComplianceTab'
import { RetentionTab } from './governance/RetentionTab'
import { ExportsTab } from './governance/ExportsTab'
import { SharingTab } from './governance/SharingTab'
import { VendorsTab } from './governance/VendorsTab'
import { PolicyTab } from './governance/PolicyTab'

type GovernanceTab = 'compliance' | 'retention' | 'exports' | 'sharing' | 'vendors' | 'policy'

const TABS: (TabItem<GovernanceTab> & { permission: Permission })[] = [
  { id: 'compliance', label: 'Compliance', permission: 'governance.read' },
  { id: 'retention', label: 'Retention and holds', permission: 'holds.manage' },
  { id: 'exports', label: 'Exports ledger', permission: 'governance.read' },
  { id: 'sharing', label: 'Sharing', permission: 'governance.read' },
  { id: 'vendors', label: 'Vendors', permission: 'governance.read' },
  { id: 'policy', label: 'Public policy', permission: 'governance.read' },
]

export function GovernanceScreen() {
  const session = useApp((s) => s.session)
  const tabs = TABS.filter((t) => can(session, t.permission))
  const [tab, setTab] = useState<GovernanceTab | null>(null)
  const selected = tabs.find((t) => t.id === tab)?.id ?? tabs[0]?.id ?? null

  return (
    <>
      <SectionHeader title="Governance">Retention and holds, the exports ledger, sharing with public agencies, vendor contracts and the public policy the law requires.</SectionHeader>
      {selected ? (
        <>
          <Tabs tabs={tabs} selected={selected} onSelect={(id) => setTab(id as GovernanceTab)} label="Governance" />
          <TabPanel id={selected}>
            {selected === 'compliance' ? <ComplianceTab /> : null}
            {selected === 'retention' ? <RetentionTab /> : null}
            {selected === 'exports' ? <ExportsTab /> : null}
            {selected === 'sharing' ? <SharingTab /> : null}
            {selected === 'vendors' ? <VendorsTab /> : null}
            {selected === 'policy' ? <PolicyTab /> : null}
          </TabPanel>
        </>
      ) : (
        <p className="muted">Your roles do not include any governance task.</p>
      )}
    </>
  )
}
