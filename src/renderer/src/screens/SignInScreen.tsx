// Sign-in: username, password and a current authenticator code, on an approved workstation.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { AuthLayout } from '../components/AuthLayout'
import { Button } from '../components/Button'
import { CodeField, Field } from '../components/Field'
import { ErrorAlert, fieldError } from '../components/Alert'
import { alpr, settle, type AppErrorData } from '../api'
import { useApp } from '../store/session'

const LABELS = { username: 'Username', password: 'Password', code: 'Authenticator code' }

export function SignInScreen() {
  const notice = useApp((s) => s.notice)
  const clearNotice = useApp((s) => s.clearNotice)
  const signedIn = useApp((s) => s.signedIn)
  const refreshStatus = useApp((s) => s.refreshStatus)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const usernameRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    usernameRef.current?.focus()
  }, [])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await settle(() => alpr().auth.signIn({ username, password, code, bannerAcknowledged: true }))
    setBusy(false)
    if (result.ok) {
      signedIn(result.value)
      return
    }
    clearNotice()
    setError(result.error)
    // The workstation's approval changed since this screen loaded: show its current state.
    const deviceRefused = result.error.code === 'DEVICE_NOT_APPROVED' || result.error.code === 'DEVICE_REVOKED'
    if (deviceRefused && useApp.getState().status?.device.status === 'approved') void refreshStatus()
  }

  const shown = error ?? notice
  return (
    <AuthLayout>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <p className="muted">Use your agency account and the authenticator enrolled for it.</p>
        <ErrorAlert error={shown} labels={LABELS} />
        <Field
          label="Username"
          value={username}
          onChange={setUsername}
          inputRef={usernameRef}
          autoComplete="username"
          autoCapitalize="none"
          error={fieldError(error, 'username')}
        />
        <Field label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" error={fieldError(error, 'password')} />
        <CodeField value={code} onChange={setCode} error={fieldError(error, 'code')} />
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy} className="btn-block">
            Sign in
          </Button>
        </div>
        <p className="muted small">Repeated failed attempts lock the account until an ALPR Administrator releases it.</p>
      </form>
    </AuthLayout>
  )
}
