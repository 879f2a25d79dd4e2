// The auditors' filters over the access log as one SQL WHERE clause with bound parameters. Exact filters
// (user, plate, channel) use the indexes of migration 004; text filters are substring matches (LIKE).
import type { AccessLogEntry, AccessOutcome } from '../../../../shared/models'

export interface AccessLogFilter {
  /** Exact username. */
  user?: string | undefined
  /** Exact `plate` data element (already normalized: upper case, no spaces). */
  plate?: string | undefined
  /** Substring of the data elements' JSON text. */
  text?: string | undefined
  /** Substring of the purpose. */
  purposeText?: string | undefined
  channel?: string | undefined
  outcome?: AccessOutcome | undefined
  /** Inclusive start, ms. */
  from?: number | undefined
  /** Exclusive end, ms. */
  to?: number | undefined
  /** Only entries up to this id (an export fixes the log's head before it counts and fetches). */
  throughId?: number | undefined
}

/** LIKE pattern matching `text` anywhere, with LIKE's own wildcards taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * `pageByIdBounds`: the time clauses are written `+at`, so the planner does not walk the time index and then
 * sort the whole range for every page; the caller bounds the ids instead (see AccessLogRepository.search).
 */
export function filterWhere(
  filter: AccessLogFilter,
  options: { pageByIdBounds?: boolean } = {},
): { sql: string; params: Record<string, string | number> } {
  const at = options.pageByIdBounds ? '+at' : 'at'
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  if (filter.user) {
    clauses.push('username = @user')
    params.user = filter.user
  }
  if (filter.plate) {
    clauses.push(`json_extract(data_elements, '$.plate') = @plate`)
    params.plate = filter.plate
  }
  if (filter.text) {
    clauses.push(`data_elements LIKE @text ESCAPE '\\'`)
    params.text = containing(filter.text)
  }
  if (filter.purposeText) {
    clauses.push(`purpose LIKE @purpose ESCAPE '\\'`)
    params.purpose = containing(filter.purposeText)
  }
  if (filter.channel) {
    clauses.push('channel = @channel')
    params.channel = filter.channel
  }
  if (filter.outcome) {
    clauses.push('outcome = @outcome')
    params.outcome = filter.outcome
  }
  if (filter.from !== undefined) {
    clauses.push(`${at} >= @from`)
    params.from = filter.from
  }
  if (filter.to !== undefined) {
    clauses.push(`${at} < @to`)
    params.to = filter.to
  }
  if (filter.throughId !== undefined) {
    clauses.push('id <= @throughId')
    params.throughId = filter.throughId
  }
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params }
}

export const ENTRY_COLUMNS = `id, at, user_id AS userId, username, agency, unit, device_id AS deviceId,
  (SELECT name FROM devices d WHERE d.id = access_log.device_id) AS deviceName, channel,
  data_elements AS dataElements, purpose, outcome, code, message`

export type RawEntry = Omit<AccessLogEntry, 'dataElements'> & { dataElements: string }

export const toEntry = (r: RawEntry): AccessLogEntry => ({
  ...r,
  dataElements: JSON.parse(r.dataElements) as Record<string, unknown>,
})
