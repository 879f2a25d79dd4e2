// Buttons: a real <button>, with a visible focus ring from the stylesheet and a busy state that keeps its label.
import type { ComponentProps } from 'react'

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost'
  size?: 'normal' | 'small'
  /** A call is in progress: the button is disabled and says so to assistive technology. */
  busy?: boolean
}

export function Button({ variant = 'secondary', size = 'normal', busy = false, type = 'button', className, disabled, children, ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', busy ? 'is-busy' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  )
}
