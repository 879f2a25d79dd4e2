// While the first status call is on its way, and when the core cannot be reached at all.
import { AuthLayout } from '../components/AuthLayout'
import { Button } from '../components/Button'
import { ErrorAlert } from '../components/Alert'
import { useApp } from '../store/session'

export function StartupScreen() {
  const phase = useApp((s) => s.phase)
  const startupError = useApp((s) => s.startupError)
  const start = useApp((s) => s.start)
  return (
    <AuthLayout showWorkstation={false}>
      {phase === 'unavailable' ? (
        <div className="form">
          <h1>The workstation cannot start</h1>
          <ErrorAlert error={startupError} />
          <div className="actions">
            <Button variant="primary" onClick={() => void start()}>
              Try again
            </Button>
          </div>
        </div>
      ) : (
        <p className="muted" role="status">
          Starting…
        </p>
      )}
    </AuthLayout>
  )
}
