// Correcting a misread (the policy's data-accuracy duty): new characters and/or state, and the reason. The
// original is kept beside the correction; both are in the access log.
import { useState, type FormEvent } from 'react'
import type { ReadDetail } from '../../../../shared/models'
import { alpr, localError, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert, fieldError, SuccessNotice } from '../../components/Alert'
import { withPurpose } from '../../store/purpose'
import { TextAreaField } from '../governance/form-fields'

const LABELS = { plate: 'Corrected characters', state: 'Corrected state', reason: 'Reason for the correction' }

export function CorrectionForm({ detail, onCorrected }: { detail: ReadDetail; onCorrected(detail: ReadDetail): void }) {
  const [open, setOpen] = useState(false)
  const [plate, setPlate] = useState(detail.plate)
  const [state, setState] = useState(detail.state ?? '')
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const start = () => {
    setPlate(detail.plate)
    setState(detail.state ?? '')
    setReason('')
    setError(null)
    setDone(null)
    setOpen(true)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const newPlate = plate.toUpperCase().replace(/[\s-]/g, '')
    const newState = state.trim().toUpperCase()
    const plateChanged = newPlate !== detail.plate
    const stateChanged = newState !== (detail.state ?? '')
    if (!plateChanged && !stateChanged) {
      setError(localError('Change the characters or the state (or both) before saving a correction.', { plate: 'Same as the read now shows.' }))
      return
    }
    if (reason.trim().length < 5) {
      setError(localError('Say why the read is corrected.', { reason: 'At least 5 characters.' }))
      return
    }
    setBusy(true)
    setError(null)
    const result = await withPurpose('search', (purpose) =>
      alpr().reads.correct({
        purpose,
        readId: detail.id,
        ...(plateChanged ? { plate: newPlate } : {}),
        ...(stateChanged ? { state: newState === '' ? null : newState } : {}),
        reason: reason.trim(),
      }),
    )
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    const last = result.value.corrections.at(-1)
    setOpen(false)
    setDone(
      last
        ? `Corrected from ${last.originalPlate} ${last.originalState ?? '(no state)'} to ${last.correctedPlate} ${last.correctedState ?? '(no state)'}. The original is kept beside the correction.`
        : 'The correction is saved; the original is kept beside it.',
    )
    onCorrected(result.value)
  }

  return (
    <section className="read-section correction" aria-labelledby="read-correct">
      <h3 id="read-correct">Correct a misread</h3>
      <SuccessNotice message={done} />
      {open ? (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="muted">
            Compare the crop with the characters. The reader’s original text stays on record beside your correction, with your
            name and reason.
          </p>
          <ErrorAlert error={error} labels={LABELS} />
          <div className="correction-fields">
            <Field
              label={LABELS.plate}
              value={plate}
              onChange={(v) => setPlate(v.toUpperCase())}
              error={fieldError(error, 'plate')}
              maxLength={20}
              autoComplete="off"
              mono
              autoFocus
            />
            <Field
              label={LABELS.state}
              value={state}
              onChange={(v) => setState(v.toUpperCase())}
              error={fieldError(error, 'state')}
              maxLength={2}
              autoComplete="off"
              hint="Two letters, e.g. CA; empty when it cannot be told."
              mono
            />
          </div>
          <TextAreaField label={LABELS.reason} value={reason} onChange={setReason} error={fieldError(error, 'reason')} rows={2} />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Save correction
            </Button>
            <Button onClick={() => setOpen(false)} disabled={busy}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <Button onClick={start}>Correct this read</Button>
      )}
    </section>
  )
}
