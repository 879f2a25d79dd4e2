// The locked session: after idle time the work is hidden until the same person enters the password and a
// new code. Anyone else at the keyboard can only sign that person out.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { AuthLayout } from '../components/AuthLayout'
import { Button } from '../components/Button'
import { CodeField, Field } from '../components/Field'
import { ErrorAlert, fieldError } from '../components/Alert'
import { alpr, settle, type AppErrorData } from '../api'
import { formatTime, roleNames } from '../format'
import { useApp } from '../store/session'

/** Refusals after which the person stays on the lock screen to try again; any other ends the session here. */
const RETRY_CODES = new Set(['INVALID_CREDENTIALS', 'CODE_ALREADY_USED', 'INVALID_INPUT', 'INTERNAL'])

export function LockedScreen() {
  const session = useApp((s) => s.session)
  const signedIn = useApp((s) => s.signedIn)
  const ended = useApp((s) => s.ended)
  const signOut = useApp((s) => s.signOut)
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [signingOut, setSigningOut] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    passwordRef.current?.focus()
  }, [])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    const result = await settle(() => alpr().auth.unlock({ password, code }))
    setBusy(false)
    if (result.ok) {
      signedIn(result.value)
      return
    }
    if (RETRY_CODES.has(result.error.code)) setError(result.error)
    else ended(result.error)
  }

  const doSignOut = async () => {
    setSigningOut(true)
    await signOut()
  }

  const user = session?.user
  return (
    <AuthLayout>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="locked-title">
        <p className="banner-kicker">Session locked</p>
        <h1 id="locked-title">Locked after inactivity</h1>
        {user ? (
          <div className="locked-user" data-testid="locked-user">
            <p className="locked-name">{user.displayName}</p>
            <p className="muted">
              <span className="mono">{user.username}</span> · {user.agency} · {user.unit}
            </p>
            <p className="muted small">{roleNames(user.roles)}</p>
          </div>
        ) : null}
        <p className="muted">
          Enter {user ? `${user.displayName}’s` : 'the'} password and a new authenticator code to continue.
          {session ? ` The session ends at ${formatTime(session.endsAt)} regardless.` : ''}
        </p>
        <ErrorAlert error={error} labels={{ password: 'Password', code: 'Authenticator code' }} />
        <Field label="Password" type="password" value={password} onChange={setPassword} inputRef={passwordRef} autoComplete="current-password" error={fieldError(error, 'password')} />
        <CodeField value={code} onChange={setCode} error={fieldError(error, 'code')} />
        <div className="actions">
          <Button type="submit" variant="primary" busy={busy} disabled={signingOut}>
            Unlock
          </Button>
          <Button onClick={() => void doSignOut()} busy={signingOut} disabled={busy}>
            Sign out
          </Button>
        </div>
        <p className="muted small">Not {user ? user.displayName : 'you'}? Sign out; the next person signs in with their own account.</p>
      </form>
    </AuthLayout>
  )
}
