// This workstation's identity and approval. Only approved, agency-issued machines may be used to sign in.
import type { DeviceInfo } from '../../../shared/models'
import { useApp } from '../store/session'
import { useState } from 'react'
import { Button } from './Button'

const STATUS_WORDS: Record<DeviceInfo['status'], string> = {
  approved: 'Approved',
  pending: 'Not approved',
  revoked: 'Approval revoked',
}

export function WorkstationStatus({ device, setupRequired = false }: { device: DeviceInfo; setupRequired?: boolean }) {
  const refreshStatus = useApp((s) => s.refreshStatus)
  const [checking, setChecking] = useState(false)
  const approved = device.status === 'approved'
  const check = async () => {
    setChecking(true)
    await refreshStatus()
    setChecking(false)
  }
  return (
    <section className={`workstation ${approved ? '' : 'workstation-blocked'}`} aria-labelledby="workstation-heading" data-testid="workstation-status">
      <div className="workstation-row">
        <h2 id="workstation-heading" className="workstation-heading">
          This workstation
        </h2>
        <span className="workstation-name">{device.name}</span>
        <span className="workstation-id mono" title="Workstation identifier">
          {device.id}
        </span>
        <span className={`badge badge-${approved ? 'ok' : device.status === 'revoked' ? 'danger' : 'warning'}`}>{STATUS_WORDS[device.status]}</span>
      </div>
      {!approved && setupRequired ? (
        <p className="workstation-note">The first administrator’s workstation is approved as agency-issued when first-run setup finishes.</p>
      ) : null}
      {!approved && !setupRequired ? (
        <div className="workstation-notice" data-testid="device-notice">
          <p>
            {device.status === 'revoked'
              ? 'This workstation’s approval has been revoked. Nobody can sign in here until an ALPR Administrator approves it again.'
              : 'This workstation is not approved as an agency-issued machine. An ALPR Administrator must approve it (Administration → Workstations, from an approved workstation) before anyone can sign in here.'}
          </p>
          <Button size="small" onClick={() => void check()} busy={checking}>
            Check approval again
          </Button>
        </div>
      ) : null}
    </section>
  )
}
