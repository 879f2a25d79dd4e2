// The agency registry: every agency ALPR information may be shared with, and the form that registers one.
// The form offers every kind of requester so that a refusal (federal, out-of-state, private, vendor) is the
// core's decision, shown with its reason, rather than an option silently missing.
import { useState, type FormEvent } from 'react'
import type { AgencyRecord, RequesterType } from '../../../../../shared/models'
import { REQUESTER_TYPES, REQUESTER_TYPE_LABELS } from '../../../../../shared/contract/sharing'
import { alpr, type AppErrorData } from '../../../api'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { ErrorAlert, Notice, fieldError } from '../../../components/Alert'
import { Table, type Column } from '../../../components/Table'
import { formatDate } from '../../../format'
import { signedInCall } from '../../../store/session'
import { SelectField } from '../form-fields'

const LABELS = { name: 'Agency name', type: 'Kind of agency', state: 'State', contactPhone: 'Known phone number' }

export function AgenciesPanel({ agencies, canManage, onChanged }: { agencies: AgencyRecord[] | null; canManage: boolean; onChanged(): void }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [type, setType] = useState<RequesterType>('county_agency')
  const [state, setState] = useState('CA')
  const [contactPhone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [added, setAdded] = useState<string | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const result = await signedInCall(() => alpr().sharing.addAgency({ name, type, state, contactPhone }))
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      setAdded(null)
      return
    }
    setError(null)
    setAdded(result.value.name)
    setName('')
    setPhone('')
    setOpen(false)
    onChanged()
  }

  const columns: Column<AgencyRecord>[] = [
    { header: 'Agency', cell: (a) => <span className="cell-main">{a.name}</span> },
    { header: 'Kind', cell: (a) => REQUESTER_TYPE_LABELS[a.type] },
    { header: 'State', cell: (a) => a.state },
    { header: 'Known phone', cell: (a) => <span className="tabular">{a.contactPhone || '—'}</span> },
    { header: 'Shares produced', cell: (a) => <span className="tabular">{a.sharesProduced}</span> },
    { header: 'Last shared', cell: (a) => <span className="tabular">{formatDate(a.lastSharedAt)}</span> },
  ]

  return (
    <section className="gov-section" aria-labelledby="agencies-title">
      <div className="toolbar">
        <h2 id="agencies-title">Agencies</h2>
        {canManage && !open ? (
          <div className="toolbar-actions">
            <Button variant="primary" onClick={() => setOpen(true)}>
              Register an agency
            </Button>
          </div>
        ) : null}
      </div>
      <p className="muted">Only California public agencies (the state, counties, cities and their agencies or districts) can receive ALPR information (Civil Code 1798.90.55(b)). This list is the record of every agency shared with.</p>
      {added ? <Notice tone="success" live title={`${added} registered`} /> : null}
      {open ? (
        <form className="panel form gov-form" onSubmit={submit} noValidate aria-labelledby="agency-form-title">
          <h3 id="agency-form-title">Register an agency</h3>
          <ErrorAlert error={error} labels={LABELS} title={error?.code === 'SHARE_RECIPIENT_NOT_ALLOWED' ? 'This requester cannot receive ALPR information' : undefined} />
          <div className="grid-2">
            <Field label="Agency name" value={name} onChange={setName} autoComplete="off" error={fieldError(error, 'name')} />
            <SelectField
              label="Kind of agency"
              value={type}
              onChange={(v) => setType(v as RequesterType)}
              options={REQUESTER_TYPES.map((t) => ({ value: t, label: REQUESTER_TYPE_LABELS[t] }))}
              error={fieldError(error, 'type')}
            />
            <Field label="State" value={state} onChange={setState} maxLength={2} className="field-state" autoComplete="off" error={fieldError(error, 'state')} hint="Two letters. Agencies of other states are refused." />
            <Field label="Known phone number" value={contactPhone} onChange={setPhone} autoComplete="off" error={fieldError(error, 'contactPhone')} hint="A number you found yourself (not one the requester gave), for call-back verification." />
          </div>
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Register agency
            </Button>
            <Button onClick={() => { setOpen(false); setError(null) }}>Cancel</Button>
          </div>
        </form>
      ) : null}
      <Table caption="Registered agencies" columns={columns} rows={agencies ?? []} rowKey={(a) => a.id} empty={agencies ? 'No agency registered yet.' : 'Loading…'} testId="agencies-table" />
    </section>
  )
}
