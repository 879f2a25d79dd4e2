// Agency-wide parts of the access review for administrators: the list of job classifications authorized
// for ALPR access, and "re-train everyone" when law or technology changes.
import { useState, type FormEvent } from 'react'
import type { JobClassification, RetrainingOrder } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Table, type Column } from '../../components/Table'
import { alpr, type AppErrorData } from '../../api'
import { formatDate, formatDateTime } from '../../format'
import { signedInCall } from '../../store/session'
import { Badge } from './cells'

export function ClassificationsPanel({ classifications, onChanged }: { classifications: JobClassification[]; onChanged(): void }) {
  const [name, setName] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const [withdraw, setWithdraw] = useState<string | null>(null)

  const set = async (target: string, authorized: boolean) => {
    setBusy(target)
    setError(null)
    const result = await signedInCall(() => alpr().accounts.setClassification({ name: target, authorized }))
    setBusy(null)
    setWithdraw(null)
    if (!result.ok) return setError(result.error)
    if (target === name) setName('')
    onChanged()
  }

  const add = (e: FormEvent) => {
    e.preventDefault()
    void set(name.trim(), true)
  }

  const columns: Column<JobClassification>[] = [
    { header: 'Classification', cell: (c) => c.name },
    { header: 'ALPR access', cell: (c) => (c.authorized ? <Badge tone="ok">Authorized</Badge> : <Badge tone="danger">Not authorized</Badge>) },
    {
      header: 'Change',
      className: 'cell-actions',
      cell: (c) =>
        c.authorized ? (
          <Button size="small" variant="danger" onClick={() => setWithdraw(c.name)} disabled={busy !== null} aria-label={`Withdraw authorization of ${c.name}`}>
            Withdraw
          </Button>
        ) : (
          <Button size="small" onClick={() => void set(c.name, true)} busy={busy === c.name} aria-label={`Authorize ${c.name}`}>
            Authorize
          </Button>
        ),
    },
  ]

  return (
    <section className="panel" aria-labelledby="classifications-title">
      <h2 id="classifications-title">Job classifications</h2>
      <p className="muted small">Only people in an authorized classification may hold an account (Policy: list of authorized users and their job titles).</p>
      <ErrorAlert error={error} labels={{ name: 'Classification' }} />
      <Table caption="Job classifications" columns={columns} rows={classifications} rowKey={(c) => c.name} empty="No classifications yet." testId="classifications" />
      <form className="form" onSubmit={add} noValidate aria-label="Add a classification">
        <Field label="New authorized classification" value={name} onChange={setName} autoComplete="off" error={error?.details?.name} />
        <div className="actions">
          <Button type="submit" busy={busy === name && name !== ''}>
            Add classification
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={withdraw !== null}
        title="Withdraw authorization?"
        confirmLabel="Withdraw"
        tone="danger"
        busy={withdraw !== null && busy === withdraw}
        onConfirm={() => void set(withdraw!, false)}
        onCancel={() => setWithdraw(null)}
      >
        <p>{`Everyone holding “${withdraw ?? ''}” is suspended at once and signed out. Coming back means re-applying and re-training.`}</p>
      </ConfirmDialog>
    </section>
  )
}

export function RetrainPanel({ latest, onDone }: { latest: RetrainingOrder | null; onDone(note: string): void }) {
  const [reason, setReason] = useState('')
  const [course, setCourse] = useState('')
  const [trainer, setTrainer] = useState('')
  const [confirm, setConfirm] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)

  const order = async () => {
    setBusy(true)
    setError(null)
    const result = await signedInCall(() => alpr().accounts.retrainEveryone({ reason, course, trainer }))
    setBusy(false)
    setConfirm(false)
    if (!result.ok) return setError(result.error)
    setReason('')
    onDone('Re-training ordered: everyone else’s training stopped counting now. Record each person’s new training to restore access.')
  }

  return (
    <section className="panel" aria-labelledby="retrain-title">
      <h2 id="retrain-title">Re-train everyone</h2>
      <p className="muted small">
        When the law or the technology changes, everyone must train again. All training completed before the order stops counting at once; your own new training is recorded with the order so you can record the others’.
      </p>
      {latest ? <p className="small">{`Last order ${formatDate(latest.orderedAt)}: ${latest.reason}`}</p> : null}
      <ErrorAlert error={error} labels={{ reason: 'Reason', course: 'New course', trainer: 'Trainer' }} />
      <form
        className="form"
        noValidate
        aria-label="Order re-training"
        onSubmit={(e) => {
          e.preventDefault()
          setConfirm(true)
        }}
      >
        <Field label="Reason (change in law or technology)" value={reason} onChange={setReason} autoComplete="off" error={error?.details?.reason} />
        <Field label="New course" value={course} onChange={setCourse} autoComplete="off" error={error?.details?.course} />
        <Field label="Trainer" value={trainer} onChange={setTrainer} autoComplete="off" error={error?.details?.trainer} />
        <div className="actions">
          <Button type="submit" variant="danger">
            Order re-training
          </Button>
        </div>
      </form>
      <ConfirmDialog open={confirm} title="Require everyone to re-train?" confirmLabel="Order re-training" tone="danger" busy={busy} onConfirm={() => void order()} onCancel={() => setConfirm(false)}>
        <p>{`From ${formatDateTime(Date.now())}, nobody else can use the system until their new training is recorded.`}</p>
      </ConfirmDialog>
    </section>
  )
}
