// Messages. `ErrorAlert` shows a refusal as the core's own sentence plus, per field, what was wrong; it is the
// screen's single role="alert". `Notice` is for calm information and confirmations.
import { useEffect, useRef, type ReactNode } from 'react'
import type { AppErrorData } from '../api'

export function ErrorAlert({ error, labels = {}, title }: { error: AppErrorData | null; labels?: Record<string, string>; title?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  // A refusal the person cannot see is no refusal: bring it into view when it changes.
  useEffect(() => {
    if (error) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [error])
  if (!error) return null
  const details = Object.entries(error.details ?? {})
  return (
    <div className="alert alert-danger" role="alert" ref={ref}>
      {title ? <p className="alert-title">{title}</p> : null}
      <p className="alert-message">{error.message}</p>
      {details.length > 0 ? (
        <ul className="alert-details">
          {details.map(([field, problem]) => (
            <li key={field}>
              <span className="alert-field">{labels[field] ?? field}:</span> {problem}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export function Notice({
  tone = 'info',
  title,
  children,
  live = false,
  testId,
}: {
  tone?: 'info' | 'warning' | 'success' | 'danger'
  title?: ReactNode
  children?: ReactNode
  /** Announce changes politely (role="status"). */
  live?: boolean
  testId?: string
}) {
  return (
    <div className={`alert alert-${tone}`} role={live ? 'status' : undefined} data-testid={testId}>
      {title ? <p className="alert-title">{title}</p> : null}
      {children}
    </div>
  )
}

/** The confirmation of what the last action did, announced politely; nothing when there is none. */
export function SuccessNotice({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Notice tone="success" live>
      <p>{message}</p>
    </Notice>
  )
}

/** The problem the core reported for one field, if any. */
export function fieldError(error: AppErrorData | null, field: string): string | undefined {
  return error?.details?.[field]
}
