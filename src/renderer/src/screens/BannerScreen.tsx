// The use-of-system notice (CJIS): shown before setup or sign-in and acknowledged by a deliberate click.
import { useEffect, useRef } from 'react'
import { AuthLayout } from '../components/AuthLayout'
import { Button } from '../components/Button'
import { useApp } from '../store/session'

export function BannerScreen() {
  const status = useApp((s) => s.status)
  const acknowledge = useApp((s) => s.acknowledgeBanner)
  const headingRef = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  if (!status) return null
  return (
    <AuthLayout wide>
      <section className="banner" aria-labelledby="banner-title">
        <p className="banner-kicker">Use-of-system notice</p>
        <h1 id="banner-title" ref={headingRef} tabIndex={-1}>
          {status.banner.title}
        </h1>
        <div className="banner-text">
          {status.banner.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <div className="actions">
          <Button variant="primary" onClick={acknowledge}>
            I understand and agree
          </Button>
        </div>
        <p className="muted small">Your acknowledgement is recorded with your sign-in.</p>
      </section>
    </AuthLayout>
  )
}
