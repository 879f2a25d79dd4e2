// The frame of every screen before the shell: the product mark, one centred panel, and this workstation.
import type { ReactNode } from 'react'
import { useApp } from '../store/session'
import { WorkstationStatus } from './WorkstationStatus'

export function AuthLayout({ children, wide = false, showWorkstation = true }: { children: ReactNode; wide?: boolean; showWorkstation?: boolean }) {
  const status = useApp((s) => s.status)
  // A workstation nobody may sign in on says so first, above everything else.
  const blocked = status !== null && !status.setupRequired && status.device.status !== 'approved'
  return (
    <div className="auth-page">
      <header className="auth-brand">
        <span className="brand-mark" aria-hidden="true">
          ALPR
        </span>
        <span className="brand-text">
          <span className="brand-name">ALPR Workstation</span>
          {status?.agencyName ? <span className="brand-agency">{status.agencyName}</span> : null}
        </span>
      </header>
      {showWorkstation && blocked && status ? (
        <div className="auth-alert">
          <WorkstationStatus device={status.device} />
        </div>
      ) : null}
      <main className={wide ? 'auth-panel auth-panel-wide' : 'auth-panel'}>{children}</main>
      {showWorkstation && status && !blocked ? (
        <footer className="auth-footer">
          <WorkstationStatus device={status.device} setupRequired={status.setupRequired} />
        </footer>
      ) : null}
    </div>
  )
}
