// Recording a share request: which registered agency, who asked and in what role, their stated purpose and
// need, how the request was verified, how it will travel, and what is asked for (a plate over a range of days,
// or read numbers). The case number is this agency's purpose for the access, written to the access log.
import { useState, type FormEvent } from 'react'
import type { AgencyRecord, ShareTransfer } from '../../../../../shared/models'
import { SHARE_TRANSFERS, SHARE_TRANSFER_LABELS } from '../../../../../shared/contract/sharing'
import { alpr, localError, type AppErrorData } from '../../../api'
import { Button } from '../../../components/Button'
import { Field } from '../../../components/Field'
import { ErrorAlert, fieldError } from '../../../components/Alert'
import { todayIso } from '../../../format'
import { signedInCall } from '../../../store/session'
import { SelectField, TextAreaField, problem } from '../form-fields'

const LABELS: Record<string, string> = {
  agencyId: 'Requesting agency',
  requester: 'Requester’s name',
  requesterTitle: 'Requester’s title',
  need: 'Stated purpose and need',
  verification: 'How the request was verified',
  transfer: 'How it will be sent',
  'selection.plate': 'Plate',
  'selection.from': 'From',
  'selection.to': 'To',
  'selection.readIds': 'Read numbers',
  purpose: 'Case or incident number',
}

export function ShareRequestForm({ agencies, onDone, onCancel }: { agencies: AgencyRecord[]; onDone(id: string): void; onCancel(): void }) {
  const [agencyId, setAgency] = useState(agencies[0]?.id ?? '')
  const [requester, setRequester] = useState('')
  const [requesterTitle, setTitle] = useState('')
  const [need, setNeed] = useState('')
  const [verification, setVerification] = useState('')
  const [transfer, setTransfer] = useState<ShareTransfer>('email')
  const [by, setBy] = useState<'plate' | 'reads'>('plate')
  const [plate, setPlate] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [readIds, setReadIds] = useState('')
  const [caseNumber, setCase] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    let selection: { plate: string; from: string; to: string } | { readIds: number[] }
    if (by === 'plate') selection = { plate, from, to }
    else {
      const ids = readIds.split(/[\s,]+/).filter(Boolean).map(Number)
      if (ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
        setError(localError('List the read numbers, separated by commas.', { 'selection.readIds': 'Whole numbers, separated by commas' }))
        return
      }
      selection = { readIds: ids }
    }
    setBusy(true)
    const result = await signedInCall(() =>
      alpr().sharing.request({ purpose: { caseNumber }, agencyId, requester, requesterTitle, need, verification, transfer, selection }),
    )
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    onDone(result.value.id)
  }

  return (
    <form className="panel form gov-form" onSubmit={submit} noValidate aria-labelledby="share-form-title">
      <h3 id="share-form-title">Record a share request</h3>
      <p className="muted">A second ALPR Administrator approves or declines it; only then can the file be produced.</p>
      <ErrorAlert error={error} labels={LABELS} />
      <div className="grid-2">
        <SelectField label="Requesting agency" value={agencyId} onChange={setAgency} options={agencies.map((a) => ({ value: a.id, label: a.name }))} error={fieldError(error, 'agencyId')} />
        <SelectField
          label="How it will be sent"
          value={transfer}
          onChange={(v) => setTransfer(v as ShareTransfer)}
          options={SHARE_TRANSFERS.map((t) => ({ value: t, label: SHARE_TRANSFER_LABELS[t] }))}
          hint={transfer === 'email' ? 'Keep the sent message (.eml) afterwards; it is retained for the set period.' : undefined}
        />
        <Field label="Requester’s name" value={requester} onChange={setRequester} autoComplete="off" error={fieldError(error, 'requester')} />
        <Field label="Requester’s title" value={requesterTitle} onChange={setTitle} autoComplete="off" error={fieldError(error, 'requesterTitle')} />
      </div>
      <TextAreaField label="Stated purpose and need" value={need} onChange={setNeed} error={fieldError(error, 'need')} hint="What the requesting agency is investigating and why it needs these reads." />
      <TextAreaField
        label="How the request was verified"
        value={verification}
        onChange={setVerification}
        rows={2}
        error={fieldError(error, 'verification')}
        hint="For example: called back the agency’s records desk at its known number and confirmed the requester and case."
      />
      <fieldset className="fieldset">
        <legend>What is shared</legend>
        <SelectField
          label="Select reads by"
          value={by}
          onChange={(v) => setBy(v as 'plate' | 'reads')}
          options={[
            { value: 'plate', label: 'A plate over a range of days' },
            { value: 'reads', label: 'Read numbers' },
          ]}
        />
        {by === 'plate' ? (
          <div className="grid-3">
            <Field label="Plate" value={plate} onChange={setPlate} mono autoComplete="off" error={problem(error, 'selection.plate', 'selection')} />
            <Field label="From" type="date" value={from} onChange={setFrom} max={todayIso()} error={problem(error, 'selection.from')} />
            <Field label="To" type="date" value={to} onChange={setTo} max={todayIso()} error={problem(error, 'selection.to')} hint="Both days included (this workstation’s time zone). The reads that match now are fixed with the request; at most 5,000." />
          </div>
        ) : (
          <Field label="Read numbers" value={readIds} onChange={setReadIds} mono autoComplete="off" error={problem(error, 'selection.readIds', 'selection')} hint="Separated by commas." />
        )}
      </fieldset>
      <Field
        label="Case or incident number"
        value={caseNumber}
        onChange={setCase}
        mono
        autoComplete="off"
        error={problem(error, 'purpose', 'purpose.caseNumber')}
        hint="Your agency’s purpose for this access; it is written to the access log."
      />
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Record request
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  )
}
