// Cameras: the registry of fixed and mobile cameras with their source (never its credentials), rate, region of
// interest and capture state; adding, editing, and enabling or disabling (disabling is how a camera is retired).
import { useEffect, useState } from 'react'
import type { CameraRecord, CameraStatus } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { ErrorAlert, SuccessNotice } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDateTime, formatTime } from '../../format'
import { signedInCall } from '../../store/session'
import { Badge } from './cells'
import { CameraForm, SOURCE_KINDS } from './CameraForm'

type Panel = { kind: 'none' } | { kind: 'create' } | { kind: 'edit'; camera: CameraRecord }

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`

function regionText(roi: CameraRecord['roi']): string {
  if (!roi) return 'Whole frame'
  const [x, y, w, h] = roi
  return `${percent(w)} × ${percent(h)} at ${percent(x)}, ${percent(y)}`
}

function CaptureState({ camera }: { camera: CameraRecord }) {
  if (!camera.enabled) return <Badge tone="neutral">Disabled</Badge>
  const s: CameraStatus | null = camera.status
  if (!s) return <span className="muted">Not capturing</span>
  switch (s.state) {
    case 'live':
      return <Badge tone="ok">{s.fps === null ? 'Live' : `Live at ${s.fps.toFixed(1)} fps`}</Badge>
    case 'connecting':
      return <Badge tone="info">Connecting</Badge>
    case 'retrying':
      return (
        <>
          <Badge tone="warning">{`Retrying since ${formatTime(s.since)}`}</Badge>
          {s.reason ? <span className="cell-sub">{s.reason}</span> : null}
        </>
      )
    case 'error':
      return (
        <>
          <Badge tone="danger">Error</Badge>
          {s.reason ? <span className="cell-sub">{s.reason}</span> : null}
        </>
      )
    case 'disabled':
      return <Badge tone="neutral">Disabled</Badge>
  }
}

export function CamerasTab() {
  const [cameras, setCameras] = useState<CameraRecord[] | null>(null)
  const [loadError, setLoadError] = useState<AppErrorData | null>(null)
  const [panel, setPanel] = useState<Panel>({ kind: 'none' })
  const [retiring, setRetiring] = useState<CameraRecord | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [actionError, setActionError] = useState<AppErrorData | null>(null)

  const load = async () => {
    const result = await signedInCall(() => alpr().cameras.list({}))
    if (result.ok) {
      setCameras(result.value)
      setLoadError(null)
    } else setLoadError(result.error)
  }

  useEffect(() => {
    void load()
  }, [])

  const replace = (camera: CameraRecord) =>
    setCameras((list) => {
      const others = (list ?? []).filter((c) => c.id !== camera.id)
      return [...others, camera].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))
    })

  const setEnabled = async (camera: CameraRecord, enabled: boolean) => {
    setBusy(true)
    setMessage(null)
    setActionError(null)
    const result = await signedInCall(() => alpr().cameras.setEnabled({ cameraId: camera.id, enabled }))
    setBusy(false)
    setRetiring(null)
    if (!result.ok) return setActionError(result.error)
    replace(result.value)
    setMessage(enabled ? `${camera.name} is enabled; capture starts now.` : `${camera.name} is disabled; capture stopped. Its reads are kept.`)
  }

  const columns: Column<CameraRecord>[] = [
    {
      header: 'Camera',
      className: 'wrap',
      cell: (c) => (
        <>
          <span className="cell-main">{c.name}</span>
          <span className="cell-sub">{[c.kind === 'mobile' ? 'Mobile' : c.kind === 'fixed' ? 'Fixed' : 'Footage', c.direction].filter(Boolean).join(' · ')}</span>
          <span className="cell-sub small">
            {`Changed ${formatDateTime(c.updatedAt ?? c.createdAt)}`}
            {c.updatedByName ? ` by ${c.updatedByName}` : ''}
          </span>
        </>
      ),
    },
    {
      header: 'Location',
      className: 'wrap',
      cell: (c) => (
        <>
          <span className="cell-main">{c.location || <span className="muted">No description</span>}</span>
          <span className="cell-sub tabular">{c.latitude !== null && c.longitude !== null ? `${c.latitude.toFixed(5)}, ${c.longitude.toFixed(5)}` : 'No coordinates'}</span>
        </>
      ),
    },
    {
      header: 'Source',
      className: 'wrap',
      cell: (c) => (
        <>
          <span className="cell-main mono" style={{ wordBreak: 'break-all' }}>
            {c.sourceUrl ?? '—'}
          </span>
          <span className="cell-sub">
            {SOURCE_KINDS.find((k) => k.value === c.sourceKind)?.label ?? 'No source'}
            {c.hasCredentials ? ' · credentials stored' : ''}
          </span>
        </>
      ),
    },
    {
      header: 'Frames',
      cell: (c) => (
        <>
          <span className="cell-main tabular">{`${c.fps} fps`}</span>
          <span className="cell-sub small">{regionText(c.roi)}</span>
        </>
      ),
    },
    { header: 'Capture', className: 'wrap', cell: (c) => <CaptureState camera={c} /> },
    {
      header: 'Actions',
      className: 'cell-actions',
      cell: (c) =>
        c.kind === 'footage' ? (
          <span className="muted small">Footage review</span>
        ) : (
          <div className="row-actions">
            <Button size="small" onClick={() => { setMessage(null); setPanel({ kind: 'edit', camera: c }) }} aria-label={`Edit ${c.name}`}>
              Edit
            </Button>
            {c.enabled ? (
              <Button size="small" variant="danger" onClick={() => setRetiring(c)} aria-label={`Disable ${c.name}`}>
                Disable
              </Button>
            ) : (
              <Button size="small" variant="primary" busy={busy} onClick={() => void setEnabled(c, true)} aria-label={`Enable ${c.name}`}>
                Enable
              </Button>
            )}
          </div>
        ),
    },
  ]

  const enabledCount = cameras?.filter((c) => c.enabled).length ?? 0
  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">{cameras ? `${cameras.length} camera${cameras.length === 1 ? '' : 's'} · ${enabledCount} enabled` : 'Loading cameras…'}</p>
        <div className="toolbar-actions">
          <Button onClick={() => void load()}>Refresh</Button>
          {panel.kind === 'none' ? (
            <Button variant="primary" onClick={() => { setMessage(null); setPanel({ kind: 'create' }) }}>
              Add camera
            </Button>
          ) : null}
        </div>
      </div>
      <p className="muted small">Cameras are never deleted: their reads refer to them. Disable a camera to retire it. Stream credentials are stored encrypted and never shown.</p>
      <SuccessNotice message={message} />
      <ErrorAlert error={actionError ?? loadError} />
      {panel.kind !== 'none' ? (
        <CameraForm
          key={panel.kind === 'edit' ? panel.camera.id : 'new'}
          camera={panel.kind === 'edit' ? panel.camera : null}
          onCancel={() => setPanel({ kind: 'none' })}
          onSaved={(camera, created) => {
            replace(camera)
            setPanel({ kind: 'none' })
            setMessage(created ? `${camera.name} is added${camera.enabled ? '; capture starts now' : ''}.` : `${camera.name} is saved.`)
          }}
        />
      ) : null}
      <Table
        caption="Cameras"
        columns={columns}
        rows={cameras ?? []}
        rowKey={(c) => c.id}
        empty={cameras ? 'No camera is registered yet. Add one to start live capture.' : 'Loading…'}
        testId="cameras-table"
      />
      <ConfirmDialog
        open={retiring !== null}
        title="Disable this camera?"
        confirmLabel="Disable camera"
        tone="danger"
        busy={busy}
        onConfirm={() => retiring && void setEnabled(retiring, false)}
        onCancel={() => setRetiring(null)}
      >
        {retiring ? (
          <p>
            Capture from <strong>{retiring.name}</strong> stops at once. Its reads are kept for their retention period, and the camera can be enabled again later.
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  )
}
