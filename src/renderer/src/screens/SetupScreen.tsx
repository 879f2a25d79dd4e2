// First-run setup: the agency and its first ALPR Administrator, then the authenticator enrollment, which
// finishes setup, approves this workstation and signs the administrator in.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Enrollment } from '../../../shared/models'
import { AuthLayout } from '../components/AuthLayout'
import { Button } from '../components/Button'
import { Field } from '../components/Field'
import { ErrorAlert, fieldError } from '../components/Alert'
import { PasswordRules } from '../components/PasswordRules'
import { QrEnrollment } from '../components/QrEnrollment'
import { alpr, localError, settle, type AppErrorData } from '../api'
import { todayIso } from '../format'
import { useApp } from '../store/session'

const LABELS: Record<string, string> = {
  agencyName: 'Agency name',
  username: 'Username',
  displayName: 'Display name',
  agency: 'Agency',
  unit: 'Unit',
  password: 'Password',
  confirm: 'Confirm password',
  trainingCompletedOn: 'Training completed on',
  code: 'Authenticator code',
}

interface SetupForm {
  agencyName: string
  username: string
  displayName: string
  agency: string
  unit: string
  password: string
  confirm: string
  trainingCompletedOn: string
}

const EMPTY: SetupForm = { agencyName: '', username: '', displayName: '', agency: '', unit: '', password: '', confirm: '', trainingCompletedOn: '' }

export function SetupScreen() {
  const signedIn = useApp((s) => s.signedIn)
  const refreshStatus = useApp((s) => s.refreshStatus)
  const acknowledgeBanner = useApp((s) => s.acknowledgeBanner)
  const [form, setForm] = useState<SetupForm>(EMPTY)
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const firstRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (!enrollment) firstRef.current?.focus()
  }, [enrollment])

  // Someone finished setup from another window meanwhile: this system now only needs signing in.
  const alreadyDone = async () => {
    await refreshStatus()
    acknowledgeBanner()
  }

  const set = (key: keyof SetupForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }))

  const begin = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (form.password !== form.confirm) {
      setError(localError('The two passwords are not the same.', { confirm: 'Enter the same password twice.' }))
      return
    }
    setBusy(true)
    const { confirm: _confirm, ...input } = form
    const result = await settle(() => alpr().setup.begin(input))
    setBusy(false)
    if (!result.ok) {
      if (result.error.code === 'SETUP_ALREADY_DONE') return alreadyDone()
      setError(result.error)
      return
    }
    setError(null)
    setCode('')
    setEnrollment(result.value)
  }

  const complete = async () => {
    if (busy) return
    setBusy(true)
    const result = await settle(() => alpr().setup.complete({ code, bannerAcknowledged: true }))
    setBusy(false)
    if (!result.ok) {
      if (result.error.code === 'SETUP_ALREADY_DONE') return alreadyDone()
      setError(result.error)
      if (result.error.code === 'ENROLLMENT_NOT_STARTED') setEnrollment(null)
      return
    }
    signedIn(result.value)
  }

  const back = () => {
    setEnrollment(null)
    setError(null)
    setCode('')
  }

  return (
    <AuthLayout wide>
      <div className="setup">
        <p className="banner-kicker">First-run setup · Step {enrollment ? '2' : '1'} of 2</p>
        <h1>{enrollment ? 'Enroll your authenticator' : 'Set up this ALPR system'}</h1>
        {enrollment ? (
          <QrEnrollment
            enrollment={enrollment}
            code={code}
            onCodeChange={setCode}
            onSubmit={() => void complete()}
            submitLabel="Finish setup"
            busy={busy}
            error={error}
            whose="your"
            showHeading={false}
            secondary={
              <Button onClick={back} disabled={busy}>
                Back to the details
              </Button>
            }
          />
        ) : (
          <form className="form" onSubmit={begin} noValidate aria-label="Agency and first administrator">
            <p className="muted">
              Name the agency and create its first ALPR Administrator, the custodian of the system. This workstation becomes the first approved, agency-issued machine.
            </p>
            <ErrorAlert error={error} labels={LABELS} />
            <fieldset className="fieldset">
              <legend>Agency</legend>
              <Field label="Agency name" value={form.agencyName} onChange={set('agencyName')} inputRef={firstRef} autoComplete="organization" error={fieldError(error, 'agencyName')} hint="As it appears on the agency’s published ALPR usage and privacy policy." />
            </fieldset>
            <fieldset className="fieldset">
              <legend>First ALPR Administrator</legend>
              <div className="grid-2">
                <Field label="Username" value={form.username} onChange={set('username')} autoComplete="off" autoCapitalize="none" error={fieldError(error, 'username')} hint="3–32 characters: letters, digits, dot, dash or underscore." />
                <Field label="Display name" value={form.displayName} onChange={set('displayName')} autoComplete="off" error={fieldError(error, 'displayName')} hint="The person’s full name, shown in logs and audits." />
                <Field label="Agency" value={form.agency} onChange={set('agency')} autoComplete="off" error={fieldError(error, 'agency')} hint="The administrator’s own agency." />
                <Field label="Unit" value={form.unit} onChange={set('unit')} autoComplete="off" error={fieldError(error, 'unit')} />
                <Field label="Password" type="password" value={form.password} onChange={set('password')} autoComplete="new-password" error={fieldError(error, 'password')} />
                <Field label="Confirm password" type="password" value={form.confirm} onChange={set('confirm')} autoComplete="new-password" error={fieldError(error, 'confirm')} />
              </div>
              <PasswordRules password={form.password} confirm={form.confirm} username={form.username} displayName={form.displayName} />
              <Field
                label="Training completed on"
                type="date"
                value={form.trainingCompletedOn}
                onChange={set('trainingCompletedOn')}
                max={todayIso()}
                className="field-date"
                error={fieldError(error, 'trainingCompletedOn')}
                hint="The date the administrator completed ALPR system use and privacy training. Access needs current training."
              />
            </fieldset>
            <div className="actions">
              <Button type="submit" variant="primary" busy={busy}>
                Continue
              </Button>
            </div>
          </form>
        )}
      </div>
    </AuthLayout>
  )
}
