// The heading of a shell section. It takes the focus when the section opens, so keyboard and screen-reader
// users land at the top of the new content.
import { useEffect, useRef, type ReactNode } from 'react'

export function SectionHeader({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus({ preventScroll: true })
  }, [title])
  return (
    <header className="section-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {children ? <div className="section-lede">{children}</div> : null}
      </div>
      {actions ? <div className="section-actions">{actions}</div> : null}
    </header>
  )
}

/** An honest empty state for a screen that a later version fills: what it will do, and nothing made up. */
export function PlannedScreen({ title, what, note }: { title: string; what: string; note: string }) {
  return (
    <>
      <SectionHeader title={title} />
      <div className="empty-state">
        <p className="empty-what">{what}</p>
        <p className="muted">{note}</p>
      </div>
    </>
  )
}
