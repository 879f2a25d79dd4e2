// Creating an account: who the person is, the roles they hold, their authorized job classification, an
// initial password and their training date.
// The core answers with the authenticator enrollment, finished at once with the person present.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Enrollment } from '../../../../shared/models'
import { ROLE_LABELS, ROLES, type Role } from '../../../../shared/roles'
import { FormActions } from '../../components/FormActions'
import { DateField, Field } from '../../components/Field'
import { SelectField } from '../governance/form-fields'
import { ErrorAlert, fieldError } from '../../components/Alert'
import { PasswordRules } from '../../components/PasswordRules'
import { alpr, localError, type AppErrorData } from '../../api'
import { todayIso } from '../../format'
import { signedInCall } from '../../store/session'

export const ROLE_DUTIES: Record<Role, string> = {
  administrator: 'Custodian of the system: accounts, workstations, settings and audits.',
  supervisor: 'Approves access and reviews hot-list hits; may search.',
  dispatcher: 'Watches live alerts and verifies hits.',
  investigator: 'Searches reads and reviews footage, each time with a purpose.',
  auditor: 'Reads the access log and account status; changes nothing.',
}

const LABELS: Record<string, string> = {
  username: 'Username',
  displayName: 'Display name',
  agency: 'Agency',
  unit: 'Unit',
  roles: 'Roles',
  password: 'Initial password',
  trainingCompletedOn: 'Training completed on',
  classification: 'Job classification',
}

export function CreateUserForm({ defaultAgency, onCreated, onCancel }: { defaultAgency: string; onCreated(enrollment: Enrollment, displayName: string): void; onCancel(): void }) {
  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [agency, setAgency] = useState(defaultAgency)
  const [unit, setUnit] = useState('')
  const [roles, setRoles] = useState<Role[]>([])
  const [password, setPassword] = useState('')
  const [trainingCompletedOn, setTraining] = useState('')
  const [classification, setClassification] = useState('')
  /** The authorized job classifications; null while loading. */
  const [authorized, setAuthorized] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const firstRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    firstRef.current?.focus()
    void signedInCall(() => alpr().accounts.overview({})).then((result) => {
      setAuthorized(result.ok ? result.value.classifications.filter((c) => c.authorized).map((c) => c.name) : [])
    })
  }, [])

  const toggleRole = (role: Role, on: boolean) => setRoles((r) => (on ? ROLES.filter((x) => x === role || r.includes(x)) : r.filter((x) => x !== role)))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (busy) return
    if (roles.length === 0) {
      setError(localError('Choose at least one role for the account.', { roles: 'At least one role' }))
      return
    }
    setBusy(true)
    const result = await signedInCall(() => alpr().users.create({ username, displayName, agency, unit, roles, password, trainingCompletedOn, classification }))
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    onCreated(result.value, displayName.trim())
  }

  const rolesError = fieldError(error, 'roles')
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="create-user-title">
      <h2 id="create-user-title">New account</h2>
      <p className="muted">The person should be present: the next step enrolls their authenticator with one code from their device.</p>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="grid-2">
        <Field label="Username" value={username} onChange={setUsername} inputRef={firstRef} autoComplete="off" autoCapitalize="none" error={fieldError(error, 'username')} hint="3–32 characters: letters, digits, dot, dash or underscore." />
        <Field label="Display name" value={displayName} onChange={setDisplayName} autoComplete="off" error={fieldError(error, 'displayName')} />
        <Field label="Agency" value={agency} onChange={setAgency} autoComplete="off" error={fieldError(error, 'agency')} />
        <Field label="Unit" value={unit} onChange={setUnit} autoComplete="off" error={fieldError(error, 'unit')} />
      </div>
      <fieldset className={`fieldset roles ${rolesError ? 'has-error' : ''}`} aria-describedby={rolesError ? 'roles-error' : undefined}>
        <legend>Roles</legend>
        {rolesError ? (
          <p className="field-error" id="roles-error">
            {rolesError}
          </p>
        ) : null}
        <div className="role-grid">
          {ROLES.map((role) => (
            <div className="check" key={role}>
              <input id={`role-${role}`} type="checkbox" checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} aria-describedby={`role-${role}-duty`} />
              <label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</label>
              <p className="check-hint" id={`role-${role}-duty`}>
                {ROLE_DUTIES[role]}
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <SelectField
        label="Job classification"
        value={classification}
        onChange={setClassification}
        options={[{ value: '', label: authorized === null ? 'Loading…' : 'Choose a classification' }, ...(authorized ?? []).map((name) => ({ value: name, label: name }))]}
        error={fieldError(error, 'classification')}
        hint={
          authorized !== null && authorized.length === 0
            ? 'No job classification is authorized yet. Add one on the Access reviews tab first.'
            : 'Only authorized classifications give ALPR access. Add others on the Access reviews tab.'
        }
      />
      <div className="grid-2">
        <div>
          <Field label="Initial password" type="password" value={password} onChange={setPassword} autoComplete="new-password" error={fieldError(error, 'password')} />
          <PasswordRules password={password} username={username} displayName={displayName} />
        </div>
        <DateField
          label="Training completed on"
          value={trainingCompletedOn}
          onChange={setTraining}
          max={todayIso()}
          error={fieldError(error, 'trainingCompletedOn')}
          hint="Completion of ALPR system use and privacy training. Access needs current training."
        />
      </div>
      <FormActions submitLabel="Create user" busy={busy} onCancel={onCancel} />
    </form>
  )
}
