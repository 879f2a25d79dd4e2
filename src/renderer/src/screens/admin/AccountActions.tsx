// An administrator's lifecycle actions on one account: record training, change the job classification,
// suspend or re-activate (re-activation needs training after the suspension), and delete on departure.
import { useState, type FormEvent, type ReactNode } from 'react'
import type { AccountOverview, JobClassification } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert } from '../../components/Alert'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { alpr, type AppErrorData, type Result } from '../../api'
import { formatDate, todayIso } from '../../format'
import { signedInCall } from '../../store/session'

const LABELS = { course: 'Course', completedOn: 'Completed on', trainer: 'Trainer', classification: 'Job classification', reason: 'Reason' }

function ActionForm({ title, children, submit, label, tone = 'secondary', onSubmit }: { title: string; children: ReactNode; submit: boolean; label: string; tone?: 'primary' | 'secondary' | 'danger'; onSubmit(): void }) {
  const handle = (e: FormEvent) => {
    e.preventDefault()
    onSubmit()
  }
  return (
    <form className="form" onSubmit={handle} noValidate aria-label={title}>
      <h3>{title}</h3>
      {children}
      <div className="actions">
        <Button type="submit" variant={tone} busy={submit}>
          {label}
        </Button>
      </div>
    </form>
  )
}

export function AccountActions({
  account,
  classifications,
  onChanged,
  onClose,
}: {
  account: AccountOverview
  classifications: JobClassification[]
  onChanged(account: AccountOverview, note: string): void
  onClose(): void
}) {
  const [course, setCourse] = useState('ALPR system use and privacy training')
  const [completedOn, setCompletedOn] = useState(todayIso())
  const [trainer, setTrainer] = useState('')
  const [classification, setClassification] = useState(account.classification ?? '')
  const [reason, setReason] = useState('')
  const [departReason, setDepartReason] = useState('')
  const [confirmDepart, setConfirmDepart] = useState(false)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<AppErrorData | null>(null)
  const suspended = account.status === 'suspended'

  const run = async (what: string, call: () => Promise<Result<AccountOverview>>, note: (a: AccountOverview) => string) => {
    setBusy(what)
    setError(null)
    const result = await signedInCall(call)
    setBusy(null)
    if (!result.ok) return setError(result.error)
    onChanged(result.value, note(result.value))
    if (what === 'reason') setReason('')
  }

  return (
    <section className="panel" aria-labelledby="manage-title">
      <p className="panel-kicker">Account lifecycle</p>
      <h2 id="manage-title">{`${account.displayName} (${account.username})`}</h2>
      <ErrorAlert error={error} labels={LABELS} />
      {account.training.length > 0 ? (
        <p className="muted small">
          {`Latest training: ${account.training[0]!.course}, ${formatDate(account.training[0]!.completedAt)}${account.training[0]!.trainer ? `, trainer ${account.training[0]!.trainer}` : ''}; counts until ${formatDate(account.training[0]!.expiresAt)}.`}
        </p>
      ) : null}
      <div className="grid-2">
        <ActionForm
          title="Record training"
          label="Record training"
          submit={busy === 'training'}
          onSubmit={() =>
            void run(
              'training',
              () => alpr().accounts.recordTraining({ userId: account.id, course, completedOn, trainer }),
              (a) => `Training recorded for ${a.username}.`,
            )
          }
        >
          <Field label="Course" value={course} onChange={setCourse} autoComplete="off" error={error?.details?.course} />
          <Field label="Completed on" type="date" className="field-date" value={completedOn} onChange={setCompletedOn} max={todayIso()} error={error?.details?.completedOn} />
          <Field label="Trainer" value={trainer} onChange={setTrainer} autoComplete="off" error={error?.details?.trainer} />
        </ActionForm>

        <div>
          <ActionForm
            title="Classification"
            label="Save classification"
            submit={busy === 'classification'}
            onSubmit={() =>
              void run(
                'classification',
                () => alpr().accounts.changeClassification({ userId: account.id, classification }),
                (a) => (a.status === 'suspended' && !suspended ? `${a.username} now holds “${classification}”, which is not authorized: access ended at once.` : `${a.username}’s classification is “${classification}”.`),
              )
            }
          >
            <Field
              label="Job classification"
              value={classification}
              onChange={setClassification}
              list="classification-options"
              autoComplete="off"
              error={error?.details?.classification}
              hint="A classification not authorized for ALPR access ends access at once; coming back means re-applying and re-training."
            />
            <datalist id="classification-options">
              {classifications.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.authorized ? 'Authorized' : 'Not authorized'}
                </option>
              ))}
            </datalist>
          </ActionForm>

          <ActionForm
            title={suspended ? 'Re-activate' : 'Suspend'}
            label={suspended ? 'Re-activate account' : 'Suspend account'}
            tone={suspended ? 'primary' : 'danger'}
            submit={busy === 'reason'}
            onSubmit={() =>
              void run(
                'reason',
                () => (suspended ? alpr().accounts.reactivate({ userId: account.id, reason }) : alpr().accounts.suspend({ userId: account.id, reason })),
                (a) => (suspended ? `${a.username} is active again.` : `${a.username} is suspended and signed out.`),
              )
            }
          >
            {suspended ? (
              <p className="muted small">{`Suspended: ${account.suspensionReason ?? 'no reason recorded'}. Re-activation needs a training record completed after ${formatDate(account.suspendedAt)}.`}</p>
            ) : null}
            <Field label="Reason" value={reason} onChange={setReason} autoComplete="off" error={error?.details?.reason} />
          </ActionForm>
        </div>
      </div>

      <div className="actions">
        <Button variant="danger" onClick={() => setConfirmDepart(true)}>
          Delete account (departure)
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>

      <ConfirmDialog
        open={confirmDepart}
        title="Delete this account?"
        confirmLabel="Delete account"
        tone="danger"
        busy={busy === 'depart'}
        onConfirm={() =>
          void run(
            'depart',
            () => alpr().accounts.depart({ userId: account.id, reason: departReason }),
            (a) => `The account was deleted. Its audit trail stays under ${a.username}.`,
          ).then(() => setConfirmDepart(false))
        }
        onCancel={() => setConfirmDepart(false)}
      >
        <p>{`${account.displayName}’s password, authenticator and personal details are wiped and the username is replaced by a tombstone id. Access-log entries, training records and reviews stay.`}</p>
        <Field label="Reason for departure" value={departReason} onChange={setDepartReason} autoComplete="off" />
      </ConfirmDialog>
    </section>
  )
}
