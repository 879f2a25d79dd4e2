// Authenticator enrollment: the QR code to scan, the secret for manual entry, and one code to prove it works.
// Used by first-run setup and by administrators creating a user or resetting an authenticator.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react'
import type { Enrollment } from '../../../shared/models'
import type { AppErrorData } from '../api'
import { Button } from './Button'
import { CodeField } from './Field'
import { ErrorAlert, fieldError } from './Alert'

function issuerOf(uri: string): string | null {
  try {
    return new URL(uri).searchParams.get('issuer')
  } catch {
    return null
  }
}

export interface QrEnrollmentProps {
  enrollment: Enrollment
  code: string
  onCodeChange(code: string): void
  onSubmit(): void
  submitLabel: string
  busy: boolean
  error: AppErrorData | null
  /** Whose authenticator this is, in words ("your", "mchen’s"). */
  whose?: string
  /** Buttons beside the submit button (Back, Close). */
  secondary?: ReactNode
  headingLevel?: 2 | 3
  /** False when the screen's own heading already says what this is. */
  showHeading?: boolean
}

export function QrEnrollment({ enrollment, code, onCodeChange, onSubmit, submitLabel, busy, error, whose, secondary, headingLevel = 2, showHeading = true }: QrEnrollmentProps) {
  const codeRef = useRef<HTMLInputElement>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const issuer = issuerOf(enrollment.otpauthUri)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'

  // Show the whole enrollment (QR code first), and put the cursor in the code field.
  useEffect(() => {
    formRef.current?.scrollIntoView?.({ block: 'nearest' })
    codeRef.current?.focus({ preventScroll: true })
  }, [enrollment.secret])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit()
  }

  return (
    <form ref={formRef} className="enrollment" onSubmit={submit} noValidate aria-label={`Enroll ${whose ?? 'the'} authenticator`}>
      {showHeading ? <Heading className="enrollment-heading">Enroll {whose ?? 'the'} authenticator</Heading> : null}
      <div className="enrollment-body">
        <div className="qr-frame">
          <img src={enrollment.qrDataUrl} alt="Authenticator enrollment QR code" width={220} height={220} />
        </div>
        <div className="enrollment-steps">
          <ol className="steps">
            <li>Open an authenticator app (any app that supports time-based codes, RFC 6238) on the phone or token issued for this account.</li>
            <li>Scan the QR code. If it cannot be scanned, add the account by hand with this key:</li>
          </ol>
          <dl className="enrollment-facts">
            <div>
              <dt>Key</dt>
              <dd>
                <code className="secret" data-testid="enrollment-secret">
                  {enrollment.secret}
                </code>
              </dd>
            </div>
            <div>
              <dt>Account</dt>
              <dd className="mono">{enrollment.username}</dd>
            </div>
            {issuer ? (
              <div>
                <dt>Issuer</dt>
                <dd>{issuer}</dd>
              </div>
            ) : null}
            <div>
              <dt>Type</dt>
              <dd>Time-based, 6 digits, 30 seconds</dd>
            </div>
          </dl>
          <ol className="steps" start={3}>
            <li>Enter the code the app now shows. The enrollment is finished only when a valid code is accepted.</li>
          </ol>
          <ErrorAlert error={error} labels={{ code: 'Authenticator code', userId: 'Account' }} />
          <CodeField value={code} onChange={onCodeChange} error={fieldError(error, 'code')} inputRef={codeRef} />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              {submitLabel}
            </Button>
            {secondary}
          </div>
          <p className="muted small">Keep this key private: anyone who has it can produce codes for this account.</p>
        </div>
      </div>
    </form>
  )
}
