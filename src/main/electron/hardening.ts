// App-wide limits on every web page: it stays on app://alpr, opens no windows, attaches no webviews,
// and is granted no permission. Registered once, before any window exists.
import type { App, Event, Session, WebContents } from 'electron'
import { APP_HOST, APP_SCHEME } from './protocol'

/** True only for URLs on the app's own origin (app://alpr/...). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  } catch {
    return false
  }
}

/** The origin of a URL as Chromium sees it; app:// is a standard scheme there, though Node's URL calls it opaque. */
export function originOf(url: string | null | undefined): string {
  if (!url) return ''
  try {
    const parsed = new URL(url)
    if (parsed.origin !== 'null') return parsed.origin
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : 'null'
  } catch {
    return ''
  }
}

type UrlEvent = Event<{ url: string }>

const keepOnApp = (event: UrlEvent): void => {
  if (!isAppUrl(event.url)) event.preventDefault()
}

const hardenedSessions = new WeakSet<Session>()

/**
 * Denies every permission. Camera access is not needed in the renderer: capture runs ffmpeg in the main
 * process, so the page never opens a device itself.
 */
export function denyAllPermissions(session: Session): void {
  if (hardenedSessions.has(session)) return
  hardenedSessions.add(session)
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', keepOnApp)
  contents.on('will-frame-navigate', keepOnApp)
  contents.on('will-redirect', keepOnApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  denyAllPermissions(contents.session)
}

/** Applies the limits to every webContents the app ever creates (windows, devtools, anything). */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
