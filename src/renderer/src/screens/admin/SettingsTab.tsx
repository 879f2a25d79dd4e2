// The policy settings: each with its current value, default, the range the policy allows and why, edited
// one at a time. The core refuses values outside the range with the reason and logs every change.
import { useEffect, useState, type FormEvent } from 'react'
import type { SettingInfo } from '../../../../shared/models'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert, Notice, SuccessNotice } from '../../components/Alert'
import { alpr, type AppErrorData } from '../../api'
import { formatDateTime } from '../../format'
import { useAdmin } from '../../store/admin'
import { signedInCall } from '../../store/session'

const rangeText = (s: SettingInfo): string => {
  if (s.min === null && s.max === null) return ''
  if (typeof s.default === 'number') return `Allowed: ${s.min ?? '…'}–${s.max ?? '…'}${s.unit ? ` ${s.unit}` : ''}`
  return s.min === null ? `Up to ${s.max} characters` : `${s.min}–${s.max} characters`
}

function SettingRow({ setting, onSaved }: { setting: SettingInfo; onSaved(setting: SettingInfo, note: string): void }) {
  const [value, setValue] = useState(String(setting.value))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppErrorData | null>(null)
  const changed = value !== String(setting.value)
  const numeric = typeof setting.default === 'number'

  const save = async (e: FormEvent) => {
    e.preventDefault()
    if (!changed || busy) return
    const next = numeric ? (value.trim() === '' ? Number.NaN : Number(value)) : value
    setBusy(true)
    setError(null)
    const result = await signedInCall(() => alpr().settings.change({ key: setting.key, value: Number.isNaN(next) ? value : next }))
    setBusy(false)
    if (!result.ok) return setError(result.error)
    setValue(String(result.value.value))
    onSaved(result.value, `${setting.label}: ${String(setting.value)} → ${String(result.value.value)}. The change is in the access log.`)
  }

  return (
    <form className="setting" onSubmit={save} noValidate aria-label={setting.label} data-testid={`setting-${setting.key}`} style={{ padding: '14px 0', borderBottom: '1px solid var(--border)' }}>
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <div>
          <Field
            label={setting.label}
            value={value}
            onChange={setValue}
            inputMode={numeric ? 'numeric' : undefined}
            mono={setting.key === 'caseNumberPattern'}
            autoComplete="off"
            error={error?.message}
            hint={[rangeText(setting), `Default: ${String(setting.default)}${numeric && setting.unit ? ` ${setting.unit}` : ''}`].filter(Boolean).join(' · ')}
          />
        </div>
        <div>
          <p className="small" style={{ marginTop: 28 }}>
            {setting.explanation}
          </p>
          <p className="muted small">{setting.changedAt ? `Last changed ${formatDateTime(setting.changedAt)}` : 'Default value; never changed'}</p>
        </div>
      </div>
      {changed ? (
        <div className="actions">
          <Button type="submit" variant="primary" size="small" busy={busy}>
            {`Save ${setting.label.toLowerCase()}`}
          </Button>
          <Button size="small" onClick={() => setValue(String(setting.value))} disabled={busy}>
            Undo
          </Button>
        </div>
      ) : null}
    </form>
  )
}

export function SettingsTab() {
  const settings = useAdmin((s) => s.settings)
  const settingsError = useAdmin((s) => s.settingsError)
  const loadSettings = useAdmin((s) => s.loadSettings)
  const replaceSetting = useAdmin((s) => s.replaceSetting)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    void loadSettings()
  }, [loadSettings])

  const inactivity = settings?.find((s) => s.key === 'inactivityDays')

  return (
    <div className="tab-body">
      <div className="toolbar">
        <p className="muted">Every number the policy sets, within the range the policy allows. Each change is logged with the old and new value.</p>
        <div className="toolbar-actions">
          <Button onClick={() => void loadSettings()}>Refresh</Button>
        </div>
      </div>
      {inactivity ? (
        <Notice tone={Number(inactivity.value) > 90 ? 'warning' : 'info'} title="Inactivity: CJIS 90 days or the policy’s 12 months" testId="inactivity-note">
          <p>
            {`Accounts with search or alert-watch permissions not used to access ALPR information for ${String(inactivity.value)} days, and administrator- or auditor-only accounts not used at all for that long, are suspended automatically and need re-training to come back. The FBI CJIS Security Policy requires disabling inactive accounts after 90 days (the default); the agency’s ALPR policy allows up to 12 months. ${Number(inactivity.value) > 90 ? 'The current value meets the ALPR policy but not CJIS.' : 'The current value meets both.'}`}
          </p>
        </Notice>
      ) : null}
      <SuccessNotice message={message} />
      <ErrorAlert error={settingsError} />
      {settings === null ? <p className="muted">Loading settings…</p> : null}
      {settings?.map((s) => (
        <SettingRow
          key={`${s.key}-${String(s.value)}`}
          setting={s}
          onSaved={(saved, note) => {
            replaceSetting(saved)
            setMessage(note)
          }}
        />
      ))}
    </div>
  )
}
