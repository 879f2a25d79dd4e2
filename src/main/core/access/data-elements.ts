// What the access log records of a call's input: the data elements used to query (plates, filters,
// time ranges, record ids), never secrets. Long values are cut so one call cannot flood the log.

const SECRET_KEYS = new Set(['password', 'newPassword', 'code', 'secret', 'token'])
/** Uploaded file contents (an e-mail message, a CSV): the log records their size, never their bytes. */
const FILE_KEY = /Base64$/
/** Recorded in its own column. */
const SEPARATE_KEYS = new Set(['purpose'])
const MAX_STRING = 200
const MAX_ITEMS = 50
const MAX_DEPTH = 4

export function dataElementsOf(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return input === undefined ? {} : { input: clean(input, 0) }
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input).slice(0, MAX_ITEMS)) {
    if (SEPARATE_KEYS.has(key)) continue
    out[key] = redact(key, value, 1)
  }
  return out
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}… (${value.length} chars)` : value
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value
  if (depth >= MAX_DEPTH) return '[nested]'
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => clean(v, depth + 1))
  return Object.fromEntries(
    Object.entries(value)
      .slice(0, MAX_ITEMS)
      .map(([k, v]) => [k, redact(k, v, depth + 1)]),
  )
}

function redact(key: string, value: unknown, depth: number): unknown {
  if (SECRET_KEYS.has(key)) return '[withheld]'
  if (FILE_KEY.test(key)) return typeof value === 'string' ? `[file of ${Math.floor((value.length * 3) / 4)} bytes withheld]` : '[withheld]'
  return clean(value, depth)
}
