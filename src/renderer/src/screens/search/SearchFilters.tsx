// The search form: plate (exact, wildcard or similar), time range, cameras, a location radius, minimum
// confidence, hot-list hits and the order of results. Each problem appears under the field it concerns.
import type { FormEvent, Ref } from 'react'
import type { SearchCamera } from '../../../../shared/models'
import type { AppErrorData } from '../../api'
import { Button } from '../../components/Button'
import { Field } from '../../components/Field'
import { ErrorAlert } from '../../components/Alert'
import { SelectField } from '../governance/form-fields'
import type { FormProblems, HitsFilter, PlateMode, SearchForm, SortOrder } from './search-query'

const MODES: { value: PlateMode; label: string }[] = [
  { value: 'exact', label: 'Exact plate' },
  { value: 'pattern', label: 'Wildcard pattern (* and ?)' },
  { value: 'similar', label: 'Similar plates (misreads)' },
]

const PLATE_HINT: Record<PlateMode, string> = {
  exact: 'The whole plate, for example 7ABC123. Spaces and dashes are ignored.',
  pattern: '* stands for any characters, ? for exactly one: 7AB*, *BC12?.',
  similar: 'Also finds plates that differ by common misreads (0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G), closest first.',
}

const HITS: { value: HitsFilter; label: string }[] = [
  { value: 'any', label: 'With or without hits' },
  { value: 'with', label: 'Only reads with a hit' },
  { value: 'without', label: 'Only reads without a hit' },
]

export interface SearchFiltersProps {
  form: SearchForm
  onChange(form: SearchForm): void
  cameras: SearchCamera[] | null
  camerasError: AppErrorData | null
  problems: FormProblems
  busy: boolean
  onSubmit(): void
  onClear(): void
  plateRef?: Ref<HTMLInputElement>
}

export function SearchFilters({ form, onChange, cameras, camerasError, problems, busy, onSubmit, onClear, plateRef }: SearchFiltersProps) {
  const set = <K extends keyof SearchForm>(key: K, value: SearchForm[K]) => onChange({ ...form, [key]: value })
  const sorts: { value: SortOrder; label: string }[] = [
    { value: 'newest', label: 'Newest first' },
    { value: 'oldest', label: 'Oldest first' },
    ...(form.mode === 'similar' ? [{ value: 'similarity' as const, label: 'Closest match first' }] : []),
  ]
  const setMode = (mode: PlateMode) => {
    // "Closest match first" belongs to a similar-plate search: it is its natural order, and only its.
    const sort: SortOrder = mode === 'similar' ? 'similarity' : form.sort === 'similarity' ? 'newest' : form.sort
    onChange({ ...form, mode, sort })
  }
  const toggleCamera = (id: string, on: boolean) =>
    set('cameraIds', on ? [...form.cameraIds, id] : form.cameraIds.filter((c) => c !== id))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit()
  }

  return (
    <form className="panel search-form" onSubmit={submit} noValidate aria-label="Search filters">
      <div className="search-row search-row-plate">
        <SelectField label="Match" value={form.mode} onChange={(v) => setMode(v as PlateMode)} options={MODES} />
        <Field
          label="Plate"
          value={form.plate}
          onChange={(v) => set('plate', v.toUpperCase())}
          inputRef={plateRef}
          error={problems.plate}
          hint={PLATE_HINT[form.mode]}
          maxLength={20}
          autoComplete="off"
          mono
          className="search-plate"
        />
        <Field label="Read from" type="datetime-local" value={form.from} onChange={(v) => set('from', v)} error={problems.from} />
        <Field label="Read until" type="datetime-local" value={form.to} onChange={(v) => set('to', v)} error={problems.to} />
      </div>
      <div className="search-row">
        <Field
          label="Minimum confidence (%)"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={1}
          value={form.minConfidence}
          onChange={(v) => set('minConfidence', v)}
          error={problems.minConfidence}
          placeholder="any"
        />
        <SelectField label="Hot-list hits" value={form.hits} onChange={(v) => set('hits', v as HitsFilter)} options={HITS} />
        <SelectField label="Order" value={form.sort} onChange={(v) => set('sort', v as SortOrder)} options={sorts} error={problems.sort} />
      </div>
      <div className="search-groups">
        <fieldset className="fieldset search-near">
          <legend>Near a location</legend>
          <div className="search-row search-row-near">
            <Field label="Latitude" inputMode="decimal" value={form.latitude} onChange={(v) => set('latitude', v)} error={problems.latitude} placeholder="38.5816" />
            <Field label="Longitude" inputMode="decimal" value={form.longitude} onChange={(v) => set('longitude', v)} error={problems.longitude} placeholder="-121.4944" />
            <Field label="Radius (m)" inputMode="numeric" value={form.radius} onChange={(v) => set('radius', v)} error={problems.radius} placeholder="500" />
          </div>
        </fieldset>
        <fieldset className={['fieldset', 'search-cameras', problems.cameraIds ? 'has-error' : ''].filter(Boolean).join(' ')}>
          <legend>Cameras</legend>
          {camerasError ? (
            <ErrorAlert error={camerasError} title="The camera list could not be loaded." />
          ) : cameras === null ? (
            <p className="muted">Loading cameras…</p>
          ) : cameras.length === 0 ? (
            <p className="muted">No cameras are registered; reads from footage and from every source are searched.</p>
          ) : (
            <>
              <p className="muted small search-cameras-hint">
                {form.cameraIds.length === 0 ? 'All cameras are searched. Tick cameras to search only those.' : `${form.cameraIds.length} of ${cameras.length} cameras ticked.`}
              </p>
              <ul className="camera-list">
                {cameras.map((camera) => (
                  <li key={camera.id} className="check">
                    <input
                      type="checkbox"
                      id={`cam-${camera.id}`}
                      checked={form.cameraIds.includes(camera.id)}
                      onChange={(e) => toggleCamera(camera.id, e.target.checked)}
                    />
                    <label htmlFor={`cam-${camera.id}`}>
                      {camera.name}
                      {camera.enabled ? null : <span className="muted small"> (disabled)</span>}
                    </label>
                    {camera.location ? <p className="check-hint">{camera.location}</p> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          {problems.cameraIds ? <p className="field-error">{problems.cameraIds}</p> : null}
        </fieldset>
      </div>
      <div className="actions">
        <Button type="submit" variant="primary" busy={busy}>
          Search
        </Button>
        <Button onClick={onClear} disabled={busy}>
          Clear filters
        </Button>
      </div>
    </form>
  )
}
