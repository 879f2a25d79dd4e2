// A labelled input with an optional hint and the problem the core reported for it.
// The label's text is the field's accessible name exactly (tests and screen readers find fields by it).
import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react'

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string
  value: string
  onChange(value: string): void
  hint?: ReactNode
  error?: string | undefined
  inputRef?: Ref<HTMLInputElement>
  /** Monospaced, for codes and identifiers. */
  mono?: boolean
}

export function Field({ label, value, onChange, hint, error, inputRef, mono, className, id, ...rest }: FieldProps) {
  const autoId = useId()
  const inputId = id ?? `f${autoId}`
  const hintId = hint ? `${inputId}-hint` : undefined
  const errorId = error ? `${inputId}-error` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div className={['field', error ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        ref={inputRef}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={mono ? 'mono' : undefined}
        spellCheck={false}
        {...rest}
      />
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  )
}

/** A date field (YYYY-MM-DD), narrow like the value it holds. */
export function DateField({ className, ...props }: FieldProps) {
  return <Field type="date" className={['field-date', className ?? ''].filter(Boolean).join(' ')} {...props} />
}

/** The six-digit authenticator code field, used wherever a code is asked for. */
export function CodeField(props: { value: string; onChange(value: string): void; error?: string | undefined; inputRef?: Ref<HTMLInputElement>; autoFocus?: boolean }) {
  return (
    <Field
      label="Authenticator code"
      value={props.value}
      onChange={(v) => props.onChange(v.replace(/[^\d]/g, '').slice(0, 6))}
      error={props.error}
      inputRef={props.inputRef}
      autoFocus={props.autoFocus}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      mono
      className="field-code"
      hint="The 6-digit code now shown in the authenticator app."
    />
  )
}
