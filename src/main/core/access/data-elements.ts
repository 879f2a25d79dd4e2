// What the access log records of a call's input: the data elements used to query (plates, filters,
// time ranges, record ids), never secrets. Long values are cut so one call cannot flood the log.

const SECRET_KEYS = new Set(['password', 'newPassword', 'code', 'secret', 'token', 'streamUsername', 'streamPassword'])
/**
 * The userinfo of anything URL-shaped (rtsp://user:pass@host): everything from "scheme://" to the last '@'
 * of the value, so a password holding '@', '/' or a space is still cut whole. Over-cutting a later '@' in
 * the same value is the safe side.
 */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[\s\S]*@/gi
/**
 * Fields that hold a camera's stream address as typed. Typed without "scheme://" (admin:pass@host/..., rtsp:/,
 * rtsp//) the userinfo is not URL-shaped, so here everything before the last '@' is withheld whatever precedes it.
 */
const SOURCE_KEYS = new Set(['source', 'sourceUrl'])
/** Credentials passed as query parameters (http://cam/video.cgi?user=admin&pwd=secret): the value is withheld. */
const QUERY_CREDENTIAL = /([?&;](?:user|username|usr|login|pwd|pass|passwd|password|token|auth|key|apikey|api_key|secret)=)[^&#;\s]*/gi
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

/** Removes credentials embedded in URLs; before any cut, so a cut cannot leave a password without its '@'. */
export const withoutUserinfo = (text: string): string =>
  (text.includes('@') ? text.replace(URL_USERINFO, '$1') : text).replace(QUERY_CREDENTIAL, '$1[withheld]')

/** A stream address without anything before its last '@' (after the URL-shaped cut), nor query credentials. */
export function withoutSourceUserinfo(text: string): string {
  const safe = withoutUserinfo(text)
  const at = safe.lastIndexOf('@')
  return at < 0 ? safe : `[withheld]${safe.slice(at)}`
}

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') {
    const safe = withoutUserinfo(value)
    return safe.length > MAX_STRING ? `${safe.slice(0, MAX_STRING)}… (${safe.length} chars)` : safe
  }
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
  if (SOURCE_KEYS.has(key) && typeof value === 'string') return clean(withoutSourceUserinfo(value), depth)
  if (FILE_KEY.test(key)) return typeof value === 'string' ? `[file of ${Math.floor((value.length * 3) / 4)} bytes withheld]` : '[withheld]'
  return clean(value, depth)
}
