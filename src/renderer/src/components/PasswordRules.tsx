// The agency's password rules beside a password field, each marked as met or not while typing.
// The core checks them again (and checks the block list of common passwords, which is not shipped here).

export const MIN_PASSWORD_LENGTH = 12

export function passwordRuleState(password: string, person: { username: string; displayName: string }) {
  const lower = password.toLowerCase()
  const names = [person.username, ...person.displayName.split(/\s+/)].map((n) => n.trim().toLowerCase()).filter((n) => n.length >= 3)
  return {
    length: [...password].length >= MIN_PASSWORD_LENGTH,
    noName: password.length > 0 && !names.some((n) => lower.includes(n)),
  }
}

type Mark = 'met' | 'unmet' | 'pending'

function Rule({ mark, children }: { mark: Mark; children: string }) {
  const symbol = mark === 'met' ? '✓' : mark === 'unmet' ? '✗' : '•'
  const words = mark === 'met' ? 'met' : mark === 'unmet' ? 'not met yet' : 'checked when you continue'
  return (
    <li className={`rule rule-${mark}`}>
      <span className="rule-mark" aria-hidden="true">
        {symbol}
      </span>
      {children}
      <span className="visually-hidden"> ({words})</span>
    </li>
  )
}

export function PasswordRules({ password, username, displayName, confirm }: { password: string; username: string; displayName: string; confirm?: string }) {
  const state = passwordRuleState(password, { username, displayName })
  const empty = password.length === 0
  return (
    <ul className="rules" aria-label="Password rules">
      <Rule mark={empty ? 'pending' : state.length ? 'met' : 'unmet'}>{`At least ${MIN_PASSWORD_LENGTH} characters`}</Rule>
      <Rule mark="pending">Not a common or breached password</Rule>
      <Rule mark={empty ? 'pending' : state.noName ? 'met' : 'unmet'}>Does not contain the name or username</Rule>
      {confirm !== undefined ? (
        <Rule mark={confirm.length === 0 ? 'pending' : confirm === password ? 'met' : 'unmet'}>Both entries match</Rule>
      ) : null}
    </ul>
  )
}
