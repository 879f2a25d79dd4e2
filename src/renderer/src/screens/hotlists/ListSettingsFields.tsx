// The settings of a hot list as form fields: name, source, priority, colour, sound, covert flag, retention and
// description. Used when creating a manual list, importing a file as a new list, and editing a list.
import type { HotListRecord, HotListSound } from '../../../../shared/models'
import { HOT_LIST_PRIORITY_LABELS, HOT_LIST_SOUNDS, type HotListSettings } from '../../../../shared/contract/hotlists'
import type { AppErrorData } from '../../api'
import { Field } from '../../components/Field'
import { fieldError } from '../../components/Alert'
import { SelectField, TextAreaField } from '../governance/form-fields'
import { SOUND_LABELS } from './format'

export interface SettingsDraft {
  name: string
  source: string
  priority: '1' | '2' | '3'
  color: string
  sound: HotListSound
  covert: boolean
  /** Empty: the agency's default period. */
  retentionDays: string
  description: string
}

export const EMPTY_SETTINGS: SettingsDraft = {
  name: '',
  source: '',
  priority: '2',
  color: '#c62828',
  sound: 'alarm',
  covert: false,
  retentionDays: '',
  description: '',
}

export const SETTINGS_LABELS: Record<string, string> = {
  name: 'List name',
  source: 'Source',
  priority: 'Priority',
  color: 'Colour',
  sound: 'Sound',
  retentionDays: 'Retention (days)',
  description: 'Description',
}

export const draftOf = (l: HotListRecord): SettingsDraft => ({
  name: l.name,
  source: l.source,
  priority: String(l.priority) as SettingsDraft['priority'],
  color: l.color,
  sound: l.sound,
  covert: l.covert,
  retentionDays: l.retentionDays === null ? '' : String(l.retentionDays),
  description: l.description,
})

/** The draft as the channel takes it; a retention that is not a whole number is sent as-is for the core to refuse. */
export const settingsOf = (d: SettingsDraft): HotListSettings => ({
  name: d.name,
  source: d.source,
  priority: Number(d.priority) as 1 | 2 | 3,
  color: d.color,
  sound: d.sound,
  covert: d.covert,
  retentionDays: d.retentionDays.trim() === '' ? null : Number(d.retentionDays),
  description: d.description,
})

/** Problems of the settings, found under `prefix` (e.g. "newList.") in the core's answer. */
const at = (error: AppErrorData | null, prefix: string, field: string) => fieldError(error, `${prefix}${field}`)

export function ListSettingsFields({
  draft,
  onChange,
  error,
  prefix = '',
  defaultRetentionDays,
  idPrefix,
}: {
  draft: SettingsDraft
  onChange(d: SettingsDraft): void
  error: AppErrorData | null
  prefix?: string
  defaultRetentionDays: number | null
  idPrefix: string
}) {
  const set = <K extends keyof SettingsDraft>(key: K) => (value: SettingsDraft[K]) => onChange({ ...draft, [key]: value })
  return (
    <>
      <div className="grid-2">
        <Field label="List name" value={draft.name} onChange={set('name')} autoComplete="off" error={at(error, prefix, 'name')} />
        <Field
          label="Source"
          value={draft.source}
          onChange={set('source')}
          autoComplete="off"
          error={at(error, prefix, 'source')}
          hint="Where the list comes from, e.g. “CA DOJ SVS extract”."
        />
      </div>
      <div className="grid-3">
        <SelectField
          label="Priority"
          value={draft.priority}
          onChange={(v) => set('priority')(v as SettingsDraft['priority'])}
          options={([1, 2, 3] as const).map((p) => ({ value: String(p), label: HOT_LIST_PRIORITY_LABELS[p] }))}
          error={at(error, prefix, 'priority')}
          hint="Alerts of priority 1 come first."
        />
        <div className={['field', at(error, prefix, 'color') ? 'has-error' : ''].filter(Boolean).join(' ')}>
          <label htmlFor={`${idPrefix}-color`}>Colour</label>
          <div className="hl-color-input">
            <input id={`${idPrefix}-color`} type="color" value={draft.color} onChange={(e) => set('color')(e.target.value)} />
            <span className="mono">{draft.color}</span>
          </div>
          {at(error, prefix, 'color') ? <p className="field-error">{at(error, prefix, 'color')}</p> : null}
        </div>
        <SelectField
          label="Sound"
          value={draft.sound}
          onChange={(v) => set('sound')(v as HotListSound)}
          options={HOT_LIST_SOUNDS.map((s) => ({ value: s, label: SOUND_LABELS[s] }))}
          error={at(error, prefix, 'sound')}
        />
      </div>
      <div className="grid-2">
        <Field
          label="Retention (days)"
          value={draft.retentionDays}
          onChange={set('retentionDays')}
          inputMode="numeric"
          autoComplete="off"
          error={at(error, prefix, 'retentionDays')}
          hint={`Leave empty for the agency’s period${defaultRetentionDays ? ` (${defaultRetentionDays} days)` : ''}. A list not refreshed within its period is deleted.`}
        />
        <div className="check hl-covert">
          <input id={`${idPrefix}-covert`} type="checkbox" checked={draft.covert} onChange={(e) => set('covert')(e.target.checked)} />
          <label htmlFor={`${idPrefix}-covert`}>Covert list</label>
          <p className="check-hint">Its hits are shown only to people allowed to see covert alerts (supervisors).</p>
        </div>
      </div>
      <TextAreaField label="Description" value={draft.description} onChange={set('description')} rows={2} error={at(error, prefix, 'description')} />
    </>
  )
}
