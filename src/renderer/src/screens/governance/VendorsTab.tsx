// Vendor hosting contracts (DOMAIN.md "Third-party hosting"): each required item shown as met or missing,
// the contract's dates and renewal, and expired or soon-expiring contracts flagged.
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { VendorContract, VendorStorageLocation } from '../../../../shared/models'
import { STORAGE_LABELS, STORAGE_LOCATIONS } from '../../../../shared/contract/vendors'
import { alpr, type AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert, Notice, fieldError } from '../../components/Alert'
import { formatDate } from '../../format'
import { can, signedInCall, useApp } from '../../store/session'
import { Badge } from '../admin/cells'
import { SelectField, TextAreaField } from './form-fields'
import './governance.css'

const LABELS: Record<string, string> = {
  vendor: 'Vendor',
  service: 'Service',
  signedOn: 'Signed on',
  expiresOn: 'Expires on',
  renewedOn: 'Last renewed on',
  lastVendorAuditOn: 'Vendor’s last audit',
}

// Dates are stored as local midnight of the day entered, so they are read back as local dates.
const iso = (ms: number | null) => (ms === null ? '' : formatDate(ms))

interface Draft {
  id?: string
  vendor: string
  service: string
  signedOn: string
  expiresOn: string
  renewedOn: string
  dataOwnedByAgency: boolean
  storageLocation: VendorStorageLocation
  staffTrained: boolean
  staffBackgroundChecked: boolean
  vendorAudits: boolean
  lastVendorAuditOn: string
  breachPolicy: boolean
  notes: string
}

const EMPTY: Draft = {
  vendor: '',
  service: '',
  signedOn: '',
  expiresOn: '',
  renewedOn: '',
  dataOwnedByAgency: false,
  storageLocation: 'unknown',
  staffTrained: false,
  staffBackgroundChecked: false,
  vendorAudits: false,
  lastVendorAuditOn: '',
  breachPolicy: false,
  notes: '',
}

const draftOf = (c: VendorContract): Draft => ({
  id: c.id,
  vendor: c.vendor,
  service: c.service,
  signedOn: iso(c.signedOn),
  expiresOn: iso(c.expiresOn),
  renewedOn: iso(c.renewedOn),
  dataOwnedByAgency: c.dataOwnedByAgency,
  storageLocation: c.storageLocation,
  staffTrained: c.staffTrained,
  staffBackgroundChecked: c.staffBackgroundChecked,
  vendorAudits: c.vendorAudits,
  lastVendorAuditOn: iso(c.lastVendorAuditOn),
  breachPolicy: c.breachPolicy,
  notes: c.notes,
})

const CHECKS: { key: 'dataOwnedByAgency' | 'staffTrained' | 'staffBackgroundChecked' | 'vendorAudits' | 'breachPolicy'; label: string }[] = [
  { key: 'dataOwnedByAgency', label: 'The contract states the agency owns its data' },
  { key: 'staffTrained', label: 'Vendor staff with access must be trained' },
  { key: 'staffBackgroundChecked', label: 'Vendor staff with access must be background-checked' },
  { key: 'vendorAudits', label: 'The vendor must audit its service periodically' },
  { key: 'breachPolicy', label: 'The contract includes a data-breach policy' },
]

function ContractCard({ c, canManage, onEdit }: { c: VendorContract; canManage: boolean; onEdit(): void }) {
  const missing = c.items.filter((i) => !i.met).length
  return (
    <article className={`duty ${c.expired || missing ? 'duty-overdue' : c.renewalDue ? 'duty-attention' : 'duty-met'}`} aria-label={c.vendor}>
      <div className="duty-head">
        <h3>{c.vendor}</h3>
        <span className="nowrap">
          {c.expired ? <Badge tone="danger">Expired</Badge> : c.renewalDue ? <Badge tone="warning">Renewal due</Badge> : <Badge tone="ok">Current</Badge>}{' '}
          {missing ? <Badge tone="danger">{`${missing} item${missing === 1 ? '' : 's'} missing`}</Badge> : <Badge tone="ok">All items met</Badge>}
        </span>
      </div>
      <p className="duty-source">{`${c.service} · signed ${formatDate(c.signedOn)} · expires ${formatDate(c.expiresOn)}${c.renewedOn ? ` · renewed ${formatDate(c.renewedOn)}` : ''}`}</p>
      <ul className="item-list">
        {c.items.map((i) => (
          <li key={i.key}>
            <Badge tone={i.met ? 'ok' : 'danger'}>{i.met ? 'Met' : 'Missing'}</Badge>
            <span>{i.label}</span>
            <span className="item-detail">{i.detail}</span>
          </li>
        ))}
      </ul>
      {c.notes ? <p className="small muted">{c.notes}</p> : null}
      {canManage ? (
        <div className="actions">
          <Button size="small" onClick={onEdit}>
            Edit or renew
          </Button>
        </div>
      ) : null}
    </article>
  )
}

export function VendorsTab() {
  const session = useApp((s) => s.session)
  const canManage = can(session, 'governance.manage')
  const [contracts, setContracts] = useState<VendorContract[] | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [done, setDone] = useState<string | null>(null)

  const load = useCallback(async () => {
    const result = await signedInCall(() => alpr().vendors.list({}))
    if (result.ok) setContracts(result.value)
    else setError(result.error)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d))

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (!draft) return
    setBusy(true)
    const { id, renewedOn, lastVendorAuditOn, ...rest } = draft
    const result = await signedInCall(() =>
      alpr().vendors.save({ ...(id ? { id } : {}), ...rest, renewedOn: renewedOn || null, lastVendorAuditOn: lastVendorAuditOn || null }),
    )
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setError(null)
    setDraft(null)
    setDone(`Contract with ${result.value.vendor} saved.`)
    void load()
  }

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">If a vendor hosts any ALPR information, its contract must contain each item below. A contract lacking one is shown on the compliance dashboard.</p>
        {canManage && !draft ? (
          <div className="toolbar-actions">
            <Button variant="primary" onClick={() => { setDraft(EMPTY); setError(null); setDone(null) }}>
              Record a contract
            </Button>
          </div>
        ) : null}
      </div>
      {done ? <Notice tone="success" live title={done} /> : null}
      {draft ? (
        <form className="panel form gov-form" onSubmit={save} noValidate aria-labelledby="vendor-form-title">
          <h3 id="vendor-form-title">{draft.id ? `Contract with ${draft.vendor}` : 'Record a vendor contract'}</h3>
          <ErrorAlert error={error} labels={LABELS} />
          <div className="grid-2">
            <Field label="Vendor" value={draft.vendor} onChange={set('vendor')} autoComplete="off" error={fieldError(error, 'vendor')} />
            <Field label="Service" value={draft.service} onChange={set('service')} autoComplete="off" error={fieldError(error, 'service')} hint="What the vendor hosts or does with the data." />
          </div>
          <div className="grid-3">
            <Field label="Signed on" type="date" value={draft.signedOn} onChange={set('signedOn')} error={fieldError(error, 'signedOn')} />
            <Field label="Expires on" type="date" value={draft.expiresOn} onChange={set('expiresOn')} error={fieldError(error, 'expiresOn')} />
            <Field label="Last renewed on" type="date" value={draft.renewedOn} onChange={set('renewedOn')} error={fieldError(error, 'renewedOn')} hint="Leave empty if never renewed." />
          </div>
          <SelectField
            label="Where the data is stored"
            value={draft.storageLocation}
            onChange={(v) => set('storageLocation')(v as VendorStorageLocation)}
            options={STORAGE_LOCATIONS.map((l) => ({ value: l, label: STORAGE_LABELS[l] }))}
            hint="Only the United States or Canada is allowed."
          />
          <fieldset className="fieldset">
            <legend>Terms in the contract</legend>
            {CHECKS.map((c) => (
              <div className="check" key={c.key}>
                <input id={`vendor-${c.key}`} type="checkbox" checked={draft[c.key]} onChange={(e) => set(c.key)(e.target.checked)} />
                <label htmlFor={`vendor-${c.key}`}>{c.label}</label>
              </div>
            ))}
            <Field label="Vendor’s last audit" type="date" value={draft.lastVendorAuditOn} onChange={set('lastVendorAuditOn')} error={fieldError(error, 'lastVendorAuditOn')} hint="An audit older than 12 months no longer counts." />
          </fieldset>
          <TextAreaField label="Notes" value={draft.notes} onChange={set('notes')} rows={2} />
          <div className="actions">
            <Button type="submit" variant="primary" busy={busy}>
              Save contract
            </Button>
            <Button onClick={() => setDraft(null)}>Cancel</Button>
          </div>
        </form>
      ) : null}
      <ErrorAlert error={draft ? null : error} />
      {contracts === null ? <p className="muted">Loading…</p> : null}
      {contracts?.length === 0 ? <p className="muted">No vendor contract on record: no vendor hosts this agency’s ALPR information.</p> : null}
      <div className="duties" data-testid="vendor-contracts">
        {contracts?.map((c) => (
          <ContractCard key={c.id} c={c} canManage={canManage} onEdit={() => { setDraft(draftOf(c)); setError(null); setDone(null) }} />
        ))}
      </div>
    </div>
  )
}
