// Adding or editing a camera: what and where it is, its source, frame rate and region of interest.
// Stored stream credentials are never shown: the form says they are stored, and blank fields keep them.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CameraRecord, CameraSourceKind } from '../../../../shared/models'
import type { ChannelInput } from '../../../../shared/contract'
import { FormActions } from '../../components/FormActions'
import { Field } from '../../components/Field'
import { ErrorAlert, fieldError } from '../../components/Alert'
import { SelectField } from '../governance/form-fields'
import { alpr, localError, type AppErrorData } from '../../api'
import { signedInCall } from '../../store/session'

export const SOURCE_KINDS: { value: CameraSourceKind; label: string; hint: string }[] = [
  { value: 'rtsp', label: 'RTSP stream', hint: 'For example rtsp://192.0.2.10:554/stream1. Credentials may be typed in the address or below.' },
  { value: 'http', label: 'HTTP(S) stream', hint: 'For example http://192.0.2.10/video.mjpg. Credentials may be typed in the address or below.' },
  { value: 'udp', label: 'UDP stream', hint: 'For example udp://192.0.2.10:5000, or udp://@:5000 to listen on every interface.' },
  { value: 'device', label: 'Video device (V4L2/USB)', hint: 'A device of this workstation, for example /dev/video0.' },
  { value: 'file', label: 'Video file replayed as a camera', hint: 'The full path of a video file on this workstation, for example /srv/video/gate.mp4.' },
]

const LABELS: Record<string, string> = {
  name: 'Name',
  kind: 'Kind',
  latitude: 'Latitude',
  longitude: 'Longitude',
  location: 'Location',
  direction: 'Direction',
  sourceKind: 'Source kind',
  source: 'Source',
  streamUsername: 'Stream user name',
  streamPassword: 'Stream password',
  clearCredentials: 'Clear the stored credentials',
  fps: 'Frame rate',
  roi: 'Region of interest',
  'roi.0': 'Region of interest',
  'roi.1': 'Region of interest',
  'roi.2': 'Region of interest',
  'roi.3': 'Region of interest',
}

const takesCredentials = (kind: CameraSourceKind) => kind === 'rtsp' || kind === 'http'
const numberText = (n: number | null) => (n === null ? '' : String(n))
const roiText = (roi: CameraRecord['roi']) => (roi ? roi.join(', ') : '')

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string }

function parseNumber(text: string, what: string): Parsed<number | null> {
  if (!text.trim()) return { ok: true, value: null }
  const value = Number(text.trim())
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: `${what} is a number.` }
}

function parseRoi(text: string): Parsed<[number, number, number, number] | null> {
  if (!text.trim()) return { ok: true, value: null }
  const parts = text.split(',').map((p) => Number(p.trim()))
  if (parts.length !== 4 || parts.some((p) => !Number.isFinite(p))) {
    return { ok: false, problem: 'Four fractions separated by commas: x, y, width, height (for example 0.1, 0.4, 0.8, 0.5).' }
  }
  return { ok: true, value: parts as [number, number, number, number] }
}

export function CameraForm({ camera, onSaved, onCancel }: { camera: CameraRecord | null; onSaved(camera: CameraRecord, created: boolean): void; onCancel(): void }) {
  const [name, setName] = useState(camera?.name ?? '')
  const [kind, setKind] = useState<'fixed' | 'mobile'>(camera?.kind === 'mobile' ? 'mobile' : 'fixed')
  const [latitude, setLatitude] = useState(numberText(camera?.latitude ?? null))
  const [longitude, setLongitude] = useState(numberText(camera?.longitude ?? null))
  const [location, setLocation] = useState(camera?.location ?? '')
  const [direction, setDirection] = useState(camera?.direction ?? '')
  const [sourceKind, setSourceKind] = useState<CameraSourceKind>(camera?.sourceKind ?? 'rtsp')
  const [source, setSource] = useState(camera?.sourceUrl ?? '')
  const [streamUsername, setStreamUsername] = useState('')
  const [streamPassword, setStreamPassword] = useState('')
  const [clearCredentials, setClearCredentials] = useState(false)
  const [fps, setFps] = useState(String(camera?.fps ?? 5))
  const [roi, setRoi] = useState(roiText(camera?.roi ?? null))
  const [enabled, setEnabled] = useState(true)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const firstRef = useRef<HTMLInputElement>(null)

  useEffect(() => firstRef.current?.focus(), [])

  const credentialsStored = !!camera?.hasCredentials && takesCredentials(sourceKind)
  const kindHint = SOURCE_KINDS.find((k) => k.value === sourceKind)?.hint

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    const lat = parseNumber(latitude, 'Latitude')
    const lon = parseNumber(longitude, 'Longitude')
    const rate = parseNumber(fps, 'The frame rate')
    const region = parseRoi(roi)
    const problems: Record<string, string> = {}
    if (!lat.ok) problems.latitude = lat.problem
    if (!lon.ok) problems.longitude = lon.problem
    if (!rate.ok) problems.fps = rate.problem
    else if (rate.value === null) problems.fps = 'Enter a frame rate between 0.5 and 30 frames per second.'
    if (!region.ok) problems.roi = region.problem
    if (!lat.ok || !lon.ok || !rate.ok || rate.value === null || !region.ok) {
      setError(localError('Some of the information entered is not valid.', problems))
      return
    }
    const credentials = takesCredentials(sourceKind) && (streamUsername || streamPassword) ? { streamUsername, streamPassword } : {}
    setBusy(true)
    const result = await signedInCall(() => {
      if (!camera) {
        return alpr().cameras.create({
          name, kind, latitude: lat.value, longitude: lon.value, location, direction, sourceKind, source, ...credentials, fps: rate.value!, roi: region.value, enabled,
        })
      }
      // Only what changed is sent, so the access log records what the administrator changed.
      const change: Omit<ChannelInput<'cameras.update'>, 'cameraId'> = {}
      if (name !== camera.name) change.name = name
      if (kind !== camera.kind) change.kind = kind
      if (lat.value !== camera.latitude || lon.value !== camera.longitude) {
        change.latitude = lat.value
        change.longitude = lon.value
      }
      if (location !== camera.location) change.location = location
      if (direction !== (camera.direction ?? '')) change.direction = direction
      if (sourceKind !== camera.sourceKind) change.sourceKind = sourceKind
      if (sourceKind !== camera.sourceKind || source !== camera.sourceUrl) change.source = source
      if (rate.value !== camera.fps) change.fps = rate.value ?? undefined
      if (JSON.stringify(region.value) !== JSON.stringify(camera.roi)) change.roi = region.value
      if (clearCredentials && credentialsStored) change.clearCredentials = true
      return alpr().cameras.update({ cameraId: camera.id, ...change, ...credentials })
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    // The typed credentials leave the form as soon as they are stored.
    setStreamUsername('')
    setStreamPassword('')
    onSaved(result.value, !camera)
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="camera-form-title" data-testid="camera-form">
      <h2 id="camera-form-title">{camera ? `Edit camera: ${camera.name}` : 'New camera'}</h2>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="grid-2">
        <Field label="Name" value={name} onChange={setName} inputRef={firstRef} autoComplete="off" error={fieldError(error, 'name')} hint="Unique; shown on the Live screen and beside every read." />
        <SelectField
          label="Kind"
          value={kind}
          onChange={(v) => setKind(v === 'mobile' ? 'mobile' : 'fixed')}
          options={[
            { value: 'fixed', label: 'Fixed (pole or building)' },
            { value: 'mobile', label: 'Mobile (vehicle-mounted)' },
          ]}
          error={fieldError(error, 'kind')}
        />
      </div>
      <div className="grid-2">
        <Field label="Location" value={location} onChange={setLocation} autoComplete="off" error={fieldError(error, 'location')} hint="Where it is, for example “Main St at 1st Ave, pole 4”." />
        <Field label="Direction" value={direction} onChange={setDirection} autoComplete="off" error={fieldError(error, 'direction')} hint="The traffic it faces, for example “northbound”." />
      </div>
      <div className="grid-2">
        <Field label="Latitude" value={latitude} onChange={setLatitude} inputMode="decimal" autoComplete="off" mono error={fieldError(error, 'latitude')} hint="Degrees, −90 to 90; blank if unknown." />
        <Field label="Longitude" value={longitude} onChange={setLongitude} inputMode="decimal" autoComplete="off" mono error={fieldError(error, 'longitude')} hint="Degrees, −180 to 180; blank if unknown." />
      </div>
      <div className="grid-2">
        <SelectField
          label="Source kind"
          value={sourceKind}
          onChange={(v) => setSourceKind(v as CameraSourceKind)}
          options={SOURCE_KINDS.map(({ value, label }) => ({ value, label }))}
          error={fieldError(error, 'sourceKind')}
        />
        <Field label="Source" value={source} onChange={setSource} autoComplete="off" autoCapitalize="none" mono error={fieldError(error, 'source')} hint={kindHint} />
      </div>
      {takesCredentials(sourceKind) ? (
        <fieldset className="fieldset">
          <legend>Stream credentials</legend>
          {credentialsStored ? (
            <p className="muted small" data-testid="credentials-stored">
              Credentials stored — leave blank to keep; tick to clear. They are never shown again.
            </p>
          ) : (
            <p className="muted small">Optional. Stored encrypted and never shown again after saving.</p>
          )}
          <div className="grid-2">
            <Field label="Stream user name" value={streamUsername} onChange={setStreamUsername} autoComplete="off" autoCapitalize="none" error={fieldError(error, 'streamUsername')} />
            <Field label="Stream password" type="password" value={streamPassword} onChange={setStreamPassword} autoComplete="new-password" error={fieldError(error, 'streamPassword')} />
          </div>
          {credentialsStored ? (
            <div className="check">
              <input id="camera-clear-credentials" type="checkbox" checked={clearCredentials} onChange={(e) => setClearCredentials(e.target.checked)} />
              <label htmlFor="camera-clear-credentials">Clear the stored credentials</label>
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <div className="grid-2">
        <Field label="Frame rate" value={fps} onChange={setFps} inputMode="decimal" autoComplete="off" mono error={fieldError(error, 'fps')} hint="Frames read per second, 0.5 to 30. Default 5." />
        <Field
          label="Region of interest"
          value={roi}
          onChange={setRoi}
          autoComplete="off"
          mono
          error={fieldError(error, 'roi') ?? fieldError(error, 'roi.0') ?? fieldError(error, 'roi.1') ?? fieldError(error, 'roi.2') ?? fieldError(error, 'roi.3')}
          hint="x, y, width, height as fractions of the frame (0 to 1), for example 0.1, 0.4, 0.8, 0.5. Blank for the whole frame."
        />
      </div>
      {!camera ? (
        <div className="check">
          <input id="camera-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <label htmlFor="camera-enabled">Start capturing as soon as it is saved</label>
        </div>
      ) : null}
      <FormActions submitLabel={camera ? 'Save changes' : 'Add camera'} busy={busy} onCancel={onCancel} />
    </form>
  )
}
