// Administration: accounts, workstations and the access log, each shown to those whose roles allow it.
import { useEffect } from 'react'
import type { Permission } from '../../../shared/roles'
import { SectionHeader } from '../components/SectionHeader'
import { TabPanel, Tabs, type TabItem } from '../components/Tabs'
import { can, useApp } from '../store/session'
import { useAdmin, type AdminTab } from '../store/admin'
import { UsersTab } from './admin/UsersTab'
import { WorkstationsTab } from './admin/WorkstationsTab'
import { CamerasTab } from './admin/CamerasTab'
import { AccessLogTab } from './admin/AccessLogTab'
import { OverviewTab } from './admin/OverviewTab'
import { ReviewsTab } from './admin/ReviewsTab'
import { SettingsTab } from './admin/SettingsTab'
import { AuditsTab } from './admin/AuditsTab'

/** A tab is shown to those holding any of its permissions. */
const TABS: (TabItem<AdminTab> & { permission: Permission | Permission[] })[] = [
  { id: 'overview', label: 'Overview', permission: 'audits.perform' },
  { id: 'users', label: 'Users', permission: 'users.read' },
  { id: 'reviews', label: 'Access reviews', permission: 'accounts.review' },
  { id: 'devices', label: 'Workstations', permission: 'devices.manage' },
  { id: 'cameras', label: 'Cameras', permission: 'cameras.manage' },
  { id: 'settings', label: 'Settings', permission: 'settings.manage' },
  { id: 'log', label: 'Access log', permission: 'accessLog.read' },
  { id: 'audits', label: 'Audits', permission: ['audits.perform', 'audits.approve'] },
]

export function AdminScreen() {
  const session = useApp((s) => s.session)
  const tab = useAdmin((s) => s.tab)
  const setTab = useAdmin((s) => s.setTab)
  const tabs = TABS.filter((t) => [t.permission].flat().some((p) => can(session, p)))
  const selected = tabs.find((t) => t.id === tab)?.id ?? tabs[0]?.id ?? null

  useEffect(() => {
    if (selected && selected !== tab) setTab(selected)
  }, [selected, tab, setTab])

  return (
    <>
      <SectionHeader title="Administration">Accounts and their authenticators, approved workstations, cameras, and the access log auditors rely on.</SectionHeader>
      {selected ? (
        <>
          <Tabs tabs={tabs} selected={selected} onSelect={setTab} label="Administration" />
          <TabPanel id={selected}>
            {selected === 'users' ? <UsersTab /> : null}
            {selected === 'devices' ? <WorkstationsTab /> : null}
            {selected === 'cameras' ? <CamerasTab /> : null}
            {selected === 'log' ? <AccessLogTab /> : null}
            {selected === 'overview' ? <OverviewTab /> : null}
            {selected === 'reviews' ? <ReviewsTab /> : null}
            {selected === 'settings' ? <SettingsTab /> : null}
            {selected === 'audits' ? <AuditsTab /> : null}
          </TabPanel>
        </>
      ) : (
        <p className="muted">Your roles do not include any administration task.</p>
      )}
    </>
  )
}
