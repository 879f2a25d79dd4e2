// The row that ends a form: its submit button, and Cancel, which waits while the form's call is in progress.
import type { ReactNode } from 'react'
import { Button, type ButtonProps } from './Button'

export function FormActions({
  submitLabel,
  busy,
  onCancel,
  variant = 'primary',
}: {
  submitLabel: ReactNode
  busy: boolean
  onCancel(): void
  variant?: ButtonProps['variant']
}) {
  return (
    <div className="actions">
      <Button type="submit" variant={variant} busy={busy}>
        {submitLabel}
      </Button>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
    </div>
  )
}
