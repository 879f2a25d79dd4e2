// Select and text-area fields for the governance forms, labelled like Field so tests and screen readers
// find them by their label, with the problem the core reported shown under them.
import { useId, type ReactNode } from 'react'

interface Common {
  label: string
  value: string
  onChange(value: string): void
  hint?: ReactNode
  error?: string | undefined
}

function Frame({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={['field', error ? 'has-error' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  )
}

const describedBy = (id: string, hint: unknown, error: unknown) => [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined

export function SelectField({ label, value, onChange, hint, error, options }: Common & { options: readonly { value: string; label: string }[] }) {
  const id = `s${useId()}`
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  )
}

export function TextAreaField({ label, value, onChange, hint, error, rows = 3 }: Common & { rows?: number }) {
  const id = `t${useId()}`
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} value={value} rows={rows} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} spellCheck />
    </Frame>
  )
}

/** The problem the core reported for a field, looking also under a nested path (selection.plate). */
export function problem(error: { details?: Record<string, string> } | null, ...fields: string[]): string | undefined {
  for (const f of fields) {
    const found = error?.details?.[f]
    if (found) return found
  }
  return undefined
}
