// The search form's values as typed, and their translation into the `search.reads` filters. What can be told
// here (a half-given location, a confidence out of range) is refused before any call; the rest the core checks.
import type { ChannelInput } from '../../../../shared/contract'
import { formatDateTime } from '../../format'

export type PlateMode = 'exact' | 'pattern' | 'similar'
export type HitsFilter = 'any' | 'with' | 'without'
export type SortOrder = 'newest' | 'oldest' | 'similarity'

export interface SearchForm {
  mode: PlateMode
  plate: string
  /** `datetime-local` values (local time), '' when open. */
  from: string
  to: string
  cameraIds: string[]
  latitude: string
  longitude: string
  /** Metres. */
  radius: string
  /** Per cent, 0–100. */
  minConfidence: string
  hits: HitsFilter
  sort: SortOrder
}

export const EMPTY_FORM: SearchForm = {
  mode: 'exact',
  plate: '',
  from: '',
  to: '',
  cameraIds: [],
  latitude: '',
  longitude: '',
  radius: '',
  minConfidence: '',
  hits: 'any',
  sort: 'newest',
}

/** The filters of one search, without purpose, limit and cursor (those are added per page). */
export type SearchFilters = Omit<ChannelInput<'search.reads'>, 'purpose' | 'limit' | 'cursor'>

/** The form's field for each filter the core may refuse, so its sentence appears under that field. */
export const FIELD_OF_FILTER: Record<string, keyof SearchForm> = {
  plate: 'plate',
  pattern: 'plate',
  similar: 'plate',
  from: 'from',
  to: 'to',
  cameraIds: 'cameraIds',
  near: 'latitude',
  'near.latitude': 'latitude',
  'near.longitude': 'longitude',
  'near.radiusM': 'radius',
  minConfidence: 'minConfidence',
  hits: 'hits',
  sort: 'sort',
}

const number = (text: string): number | null => {
  const trimmed = text.trim()
  if (trimmed === '') return null
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : Number.NaN
}

const localTime = (value: string): number | null => {
  if (!value) return null
  const at = new Date(value).getTime()
  return Number.isFinite(at) ? at : Number.NaN
}

export type FormProblems = Partial<Record<keyof SearchForm, string>>

/** The filters the form describes, or the problems that keep it from being sent. */
export function toFilters(form: SearchForm): { filters: SearchFilters } | { problems: FormProblems } {
  const problems: FormProblems = {}
  const filters: SearchFilters = { hits: form.hits }
  const plate = form.plate.trim()
  if (plate) {
    if (form.mode === 'exact') filters.plate = plate
    else if (form.mode === 'pattern') filters.pattern = plate
    else filters.similar = plate
  } else if (form.mode === 'similar') {
    problems.plate = 'Enter the plate as read; similar plates are found around it.'
  }
  if (form.mode === 'exact' && /[*?]/.test(plate)) {
    problems.plate = 'An exact plate has no * or ?. Choose “Wildcard pattern” to search with them.'
  }

  const from = localTime(form.from)
  const to = localTime(form.to)
  if (Number.isNaN(from)) problems.from = 'Enter a date and time.'
  else if (from !== null) filters.from = from
  if (Number.isNaN(to)) problems.to = 'Enter a date and time.'
  else if (to !== null) filters.to = to
  if (from !== null && to !== null && !Number.isNaN(from) && !Number.isNaN(to) && from >= to) {
    problems.to = 'The end of the time range must be after its start.'
  }

  if (form.cameraIds.length > 0) filters.cameraIds = form.cameraIds

  const latitude = number(form.latitude)
  const longitude = number(form.longitude)
  const radius = number(form.radius)
  const given = [latitude, longitude, radius].filter((v) => v !== null).length
  if (given > 0) {
    if (latitude === null || Number.isNaN(latitude) || latitude < -90 || latitude > 90) problems.latitude = 'Latitude is a number from -90 to 90.'
    if (longitude === null || Number.isNaN(longitude) || longitude < -180 || longitude > 180) problems.longitude = 'Longitude is a number from -180 to 180.'
    if (radius === null || Number.isNaN(radius) || radius <= 0 || radius > 100_000) problems.radius = 'The radius is from 1 to 100,000 metres.'
    if (!problems.latitude && !problems.longitude && !problems.radius && latitude !== null && longitude !== null && radius !== null) {
      filters.near = { latitude, longitude, radiusM: radius }
    }
  }

  const confidence = number(form.minConfidence)
  if (confidence !== null) {
    if (Number.isNaN(confidence) || confidence < 0 || confidence > 100) problems.minConfidence = 'Enter a percentage from 0 to 100.'
    else if (confidence > 0) filters.minConfidence = confidence / 100
  }

  if (form.sort === 'similarity') {
    if (form.mode !== 'similar') problems.sort = 'Sorting by similarity needs a similar-plate search.'
    else filters.sort = 'similarity'
  } else {
    filters.sort = form.sort
  }

  return Object.keys(problems).length > 0 ? { problems } : { filters }
}

/** The core's problems with the filters, placed under the form's fields. */
export function problemsFromCore(details: Record<string, string> | undefined): FormProblems {
  const problems: FormProblems = {}
  for (const [key, message] of Object.entries(details ?? {})) {
    const field = FIELD_OF_FILTER[key]
    if (field && !problems[field]) problems[field] = message
  }
  return problems
}

/** "10,000+", "1 read", "2,345 reads". */
export function countText(count: number, capped: boolean): string {
  const n = count.toLocaleString('en-US')
  if (capped) return `${n}+ reads`
  return count === 1 ? '1 read' : `${n} reads`
}

/** What was searched, in words, for the results heading. */
export function describeFilters(filters: SearchFilters, cameraNames: Map<string, string>): string {
  const parts: string[] = []
  if (filters.plate) parts.push(`plate ${filters.plate}`)
  if (filters.pattern) parts.push(`pattern ${filters.pattern}`)
  if (filters.similar) parts.push(`plates similar to ${filters.similar}`)
  if (filters.from !== undefined && filters.to !== undefined) parts.push(`${formatDateTime(filters.from)} to ${formatDateTime(filters.to)}`)
  else if (filters.from !== undefined) parts.push(`since ${formatDateTime(filters.from)}`)
  else if (filters.to !== undefined) parts.push(`before ${formatDateTime(filters.to)}`)
  if (filters.cameraIds?.length) parts.push(`camera ${filters.cameraIds.map((id) => cameraNames.get(id) ?? id).join(', ')}`)
  if (filters.near) parts.push(`within ${filters.near.radiusM.toLocaleString('en-US')} m of ${filters.near.latitude}, ${filters.near.longitude}`)
  if (filters.minConfidence !== undefined) parts.push(`confidence ≥ ${Math.round(filters.minConfidence * 100)}%`)
  if (filters.hits === 'with') parts.push('with hot-list hits')
  if (filters.hits === 'without') parts.push('without hot-list hits')
  return parts.length > 0 ? parts.join(' · ') : 'all reads'
}
