// Serves the built renderer over app://alpr/ so the page has a real, fixed origin instead of file://.
// Only files inside the renderer folder are served; every response carries the Content-Security-Policy.
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { extname, resolve, sep } from 'node:path'
import { protocol } from 'electron'
import type { MediaFile } from '../core/footage/media'
import { parseRange, rangeHeaders } from '../core/footage/range'

export const APP_SCHEME = 'app'
export const APP_HOST = 'alpr'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
}

export const mimeTypeOf = (file: string): string => MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'

/**
 * The file under `root` that `url` names, or null when the URL is not app://alpr/..., cannot be decoded,
 * or would leave `root` (encoded "..", absolute paths, NUL bytes).
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0')) return null
  if (pathname === '' || pathname === '/') pathname = '/index.html'
  const base = resolve(root)
  const file = resolve(base, '.' + pathname)
  return file.startsWith(base + sep) ? file : null
}

const headers = (contentType: string): Record<string, string> => ({
  'content-type': contentType,
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
})

const notFound = (): Response => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') })

/** Resolves a footage media path (/media/<token>) to its file, or null (the core's resolveMedia). */
export type MediaResolver = (urlPath: string) => Promise<MediaFile | null>

/** A footage video by its short-lived token, with byte ranges so the video element can seek. */
async function mediaResponse(request: Request, resolveMedia: MediaResolver): Promise<Response> {
  const media = await resolveMedia(new URL(request.url).pathname).catch(() => null)
  if (!media) return notFound()
  const range = parseRange(request.headers.get('range'), media.size)
  const { status, headers: extra } = rangeHeaders(range, media.size, media.mime)
  const all = { ...headers(media.mime), ...extra }
  if (request.method === 'HEAD' || range.kind === 'unsatisfiable') return new Response(null, { status, headers: all })
  const stream = createReadStream(media.path, range.kind === 'partial' ? { start: range.start, end: range.end } : {})
  return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers: all })
}

/** The request handler for the app scheme, reading from `root` (out/renderer); /media/ paths go to `resolveMedia`. */
export function appProtocolHandler(root: string, resolveMedia?: MediaResolver): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') })
    }
    if (resolveMedia && new URL(request.url).pathname.startsWith('/media/')) return mediaResponse(request, resolveMedia)
    const file = resolveAppPath(root, request.url)
    if (!file) return notFound()
    let body: Buffer
    try {
      body = await readFile(file)
    } catch {
      return notFound()
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headers(mimeTypeOf(file)) })
  }
}

/** Must run before the app is ready: gives app:// a standard, secure origin that may use fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // stream: media elements read app:// URLs by ranges (footage playback).
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ])
}

/** After ready: serves the renderer (and footage media, when a resolver is given) on the default session. */
export function serveRenderer(root: string, resolveMedia?: MediaResolver): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(root, resolveMedia))
}
