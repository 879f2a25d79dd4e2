// A camera's source as an administrator enters it, checked and split: the address kept for display, and the
// stream credentials kept apart (whether typed in their own fields or embedded as rtsp://user:pass@host/...).
// Only capture ever sees the two joined again (withCredentials), to hand the address to ffmpeg.
import { statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import type { CameraSourceKind } from '../../../shared/models'

export interface StreamCredentials {
  username: string
  password: string
}

export interface ParsedSource {
  kind: CameraSourceKind
  /** The address or path without credentials. */
  url: string
  /** Credentials found in the address, if any. */
  credentials: StreamCredentials | null
}

/** Why a source was refused: a sentence for the person, keyed by the form field it concerns. */
export class SourceProblem extends Error {
  constructor(
    readonly field: 'source' | 'streamUsername' | 'streamPassword',
    message: string,
  ) {
    super(message)
    this.name = 'SourceProblem'
  }
}

const SCHEMES: Record<'rtsp' | 'http' | 'udp', string[]> = {
  rtsp: ['rtsp', 'rtsps'],
  http: ['http', 'https'],
  udp: ['udp'],
}
const LABEL: Record<CameraSourceKind, string> = {
  rtsp: 'An RTSP stream address starts with rtsp:// or rtsps://, for example rtsp://192.0.2.10:554/stream1.',
  http: 'An HTTP stream address starts with http:// or https://, for example http://192.0.2.10/video.mjpg.',
  udp: 'A UDP stream address looks like udp://192.0.2.10:5000 (or udp://@:5000 to listen on every interface).',
  device: 'A video device is named /dev/videoN (or a stable name under /dev/v4l/by-id or /dev/v4l/by-path).',
  file: 'A video file is given by its full path, for example /srv/video/gate-camera.mp4.',
}
const DEVICE = /^\/dev\/(video\d{1,3}|v4l\/by-(id|path)\/[A-Za-z0-9._:+-]{1,200})$/
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
const IPV6 = /^\[[0-9A-Fa-f:.]{2,45}(%[A-Za-z0-9]{1,16})?\]$/
// Anything ffmpeg or a log could misread: control characters and white space.
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const UNSAFE = /[\s\u0000-\u001f\u007f]/

/**
 * Checks a source for its kind and splits credentials out of a stream address. Throws SourceProblem with a
 * sentence that never repeats the address (it may carry a password).
 */
export function parseSource(kind: CameraSourceKind, raw: string): ParsedSource {
  const text = raw.trim()
  if (!text) throw new SourceProblem('source', 'Enter the camera’s source. ' + LABEL[kind])
  if (UNSAFE.test(text)) throw new SourceProblem('source', 'The source must not contain spaces or control characters.')
  if (kind === 'device') {
    if (!DEVICE.test(text)) throw new SourceProblem('source', LABEL.device)
    return { kind, url: text, credentials: null }
  }
  if (kind === 'file') return { kind, url: checkVideoFile(text), credentials: null }
  return parseStream(kind, text)
}

function parseStream(kind: 'rtsp' | 'http' | 'udp', text: string): ParsedSource {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/.exec(text)
  if (!m) throw new SourceProblem('source', LABEL[kind])
  const scheme = m[1]!.toLowerCase()
  const authority = m[2]!
  const rest = m[3]!
  if (!SCHEMES[kind].includes(scheme)) throw new SourceProblem('source', LABEL[kind])
  // The userinfo ends at the last '@' of the authority, so a password with an unencoded '@' still splits right.
  const at = authority.lastIndexOf('@')
  const userinfo = at >= 0 ? authority.slice(0, at) : null
  const hostPort = authority.slice(at + 1)
  checkHostPort(kind, hostPort)

  let credentials: StreamCredentials | null = null
  if (userinfo) {
    if (kind === 'udp') throw new SourceProblem('source', 'UDP streams take no user name or password; remove them from the address.')
    const colon = userinfo.indexOf(':')
    const username = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo)
    const password = colon >= 0 ? decode(userinfo.slice(colon + 1)) : ''
    if (!username) throw new SourceProblem('source', 'The address has a password but no user name before it.')
    credentials = { username, password }
  }
  checkQuery(rest)
  // ffmpeg's UDP listener form udp://@:port keeps its (empty) '@'.
  const kept = kind === 'udp' && userinfo === '' ? `@${hostPort}` : hostPort
  const url = `${scheme}://${kept}${rest}`
  if (url.length > 2000) throw new SourceProblem('source', 'The stream address is too long (2,000 characters at most).')
  return { kind, url, credentials }
}

/** Query parameter names cameras use for credentials (video.cgi?user=admin&pwd=...). */
const CREDENTIAL_PARAM = /^(user|username|usr|login|pwd|pass|passwd|password|token|auth|key|apikey|api_key|secret)$/i

/**
 * Refuses credentials in the query string: they would be stored and shown with the address. The sentence
 * names the parameter, never its value.
 */
function checkQuery(rest: string): void {
  const q = rest.indexOf('?')
  if (q < 0) return
  const query = rest.slice(q + 1).split('#')[0]!
  for (const pair of query.split(/[&;]/)) {
    const name = decode(pair.split('=')[0]!)
    if (CREDENTIAL_PARAM.test(name)) {
      throw new SourceProblem(
        'source',
        `The address carries a credential in its “${name}” parameter. Remove it from the address and enter the user name and password in their own fields, where they are kept apart and never shown.`,
      )
    }
  }
}

function checkHostPort(kind: 'rtsp' | 'http' | 'udp', hostPort: string): void {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostPort)
  if (!m) throw new SourceProblem('source', 'The stream address has an unreadable host or port. ' + LABEL[kind])
  const host = m[1]!
  const port = m[2] === undefined ? null : Number(m[2])
  if (port !== null && (port < 1 || port > 65535)) throw new SourceProblem('source', 'The port must be between 1 and 65535.')
  if (kind === 'udp') {
    if (port === null) throw new SourceProblem('source', 'A UDP stream address needs a port, for example udp://192.0.2.10:5000.')
    if (host === '') return
  }
  if (!host) throw new SourceProblem('source', 'The stream address has no host. ' + LABEL[kind])
  if (!HOSTNAME.test(host) && !IPV6.test(host)) {
    throw new SourceProblem('source', 'The stream address has an invalid host name. ' + LABEL[kind])
  }
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    // A literal '%' that is not an escape: take the text as typed.
    return part
  }
}

function checkVideoFile(path: string): string {
  if (!isAbsolute(path)) throw new SourceProblem('source', 'Give the video file’s full path, starting from the root (for example /srv/video/gate-camera.mp4).')
  let isFile = false
  try {
    isFile = statSync(path).isFile()
  } catch {
    throw new SourceProblem('source', 'No video file exists at that path on this workstation.')
  }
  if (!isFile) throw new SourceProblem('source', 'That path is not a regular file; give the path of a video file.')
  return path
}

/**
 * The address with credentials put back, for ffmpeg only: percent-encoded so any character in a user name
 * or password survives (RFC 3986 userinfo).
 */
export function withCredentials(url: string, credentials: StreamCredentials | null): string {
  if (!credentials) return url
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/.exec(url)
  if (!m) return url
  const userinfo = encodeURIComponent(credentials.username) + (credentials.password ? `:${encodeURIComponent(credentials.password)}` : '')
  return `${m[1]}${userinfo}@${m[2]}`
}

/** Credentials as stored in cameras.source_credentials (the whole database is encrypted). */
export const encodeCredentials = (c: StreamCredentials | null): string | null => (c ? JSON.stringify(c) : null)

export function decodeCredentials(stored: string | null): StreamCredentials | null {
  if (!stored) return null
  const value = JSON.parse(stored) as Partial<StreamCredentials>
  return typeof value.username === 'string' ? { username: value.username, password: value.password ?? '' } : null
}
