// Starting footage processing: the path of a video file or a folder of them, typed (the browser harness
// cannot hand a picked file's path to the core, and investigators paste paths from evidence folders).
import { useState, type FormEvent } from 'react'
import type { FootageJob } from '../../../../shared/models'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert, fieldError } from '../../components/Alert'
import { withPurpose } from '../../store/purpose'

export function FootageStart({ onStarted }: { onStarted(jobs: FootageJob[]): void }) {
  const [path, setPath] = useState('')
  const [recordedAt, setRecordedAt] = useState('')
  const [state, setState] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  async function submit(e: FormEvent) {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const started = recordedAt ? new Date(recordedAt).getTime() : undefined
    const result = await withPurpose('footage', (purpose) =>
      alpr().footage.start({
        purpose,
        path: path.trim(),
        ...(started !== undefined && Number.isFinite(started) ? { recordedAt: started } : {}),
        ...(state.trim() ? { state: state.trim().toUpperCase() } : {}),
      }),
    )
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setPath('')
    onStarted(result.value)
  }

  const pathError = fieldError(error, 'path')
  const stateError = fieldError(error, 'state') ? 'Two letters, for example CA.' : undefined
  const otherError = error && !pathError && !stateError ? error : null
  return (
    <section className="panel footage-start" aria-labelledby="footage-start-title">
      <h2 id="footage-start-title">Process video</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label="Video file or folder"
          value={path}
          onChange={setPath}
          placeholder="/evidence/26-004417/dashcam.mp4"
          hint="The full path on this workstation. A folder’s video files are processed one after another; its sub-folders are not."
          error={pathError}
          autoComplete="off"
          className="footage-path"
          mono
        />
        <div className="footage-start-options">
          <Field
            label="Recording started (optional)"
            type="datetime-local"
            step={1}
            value={recordedAt}
            onChange={setRecordedAt}
            hint="Read times are this plus the position in the video. Without it they are estimated: the file’s modification time (the end of the recording) less its length."
          />
          <Field
            label="Plate state (optional)"
            value={state}
            onChange={setState}
            maxLength={2}
            placeholder="CA"
            hint="Helps tell O from 0 and I from 1."
            error={stateError}
            autoComplete="off"
            className="footage-state"
            mono
          />
        </div>
        <ErrorAlert error={otherError} />
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy} disabled={!path.trim()}>
            Process
          </Button>
        </div>
      </form>
    </section>
  )
}
