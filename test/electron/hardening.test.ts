// Every web page stays on app://alpr, opens no windows, attaches no webviews and is granted no permission.
import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import type { App, WebContents } from 'electron'

vi.mock('electron', () => ({ protocol: {} }))

const { hardenApp, isAppUrl, originOf } = await import('../../src/main/electron/hardening')

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void
type PermissionCheck = (contents: unknown, permission: string, origin: string, details: unknown) => boolean

class FakeSession {
  request: PermissionRequest | null = null
  check: PermissionCheck | null = null
  device: ((details: unknown) => boolean) | null = null
  setPermissionRequestHandler(handler: PermissionRequest): void {
    this.request = handler
  }
  setPermissionCheckHandler(handler: PermissionCheck): void {
    this.check = handler
  }
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
    this.device = handler
  }
}

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler
  }
}

/** Creates a webContents the way Electron would, after hardenApp has registered its handler. */
function hardenedContents(session = new FakeSession()): FakeContents {
  const app = new EventEmitter()
  hardenApp(app as unknown as App)
  const contents = new FakeContents(session)
  app.emit('web-contents-created', {}, contents as unknown as WebContents)
  return contents
}

function navigate(contents: FakeContents, event: string, url: string): boolean {
  let prevented = false
  contents.emit(event, { url, preventDefault: () => (prevented = true) })
  return prevented
}

describe('navigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another origin is prevented', (event) => {
    const contents = hardenedContents()
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'app://alpr.evil.example/index.html',
      'app://other/index.html',
      'app://user:pw@alpr/index.html',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'not a url',
    ]) {
      expect(navigate(contents, event, url), url).toBe(true)
    }
  })

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s within app://alpr is allowed', (event) => {
    const contents = hardenedContents()
    expect(navigate(contents, event, 'app://alpr/index.html')).toBe(false)
    expect(navigate(contents, event, 'app://alpr/')).toBe(false)
  })

  it('denies every window.open, even to the app itself', () => {
    const contents = hardenedContents()
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler?.({ url: 'app://alpr/index.html' })).toEqual({ action: 'deny' })
  })

  it('refuses to attach a webview', () => {
    const contents = hardenedContents()
    let prevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {})
    expect(prevented).toBe(true)
  })
})

describe('permissions', () => {
  it('denies every permission request, camera and microphone included', () => {
    const session = new FakeSession()
    hardenedContents(session)
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'openExternal']) {
      const answers: boolean[] = []
      session.request?.({}, permission, (granted) => answers.push(granted), {})
      expect(answers, permission).toEqual([false])
    }
  })

  it('answers every permission check and device request with no', () => {
    const session = new FakeSession()
    hardenedContents(session)
    expect(session.check?.({}, 'media', 'app://alpr', {})).toBe(false)
    expect(session.check?.({}, 'clipboard-sanitized-write', 'app://alpr', {})).toBe(false)
    expect(session.device?.({ deviceType: 'usb' })).toBe(false)
  })
})

describe('isAppUrl and originOf', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://alpr/index.html')).toBe(true)
    expect(isAppUrl('app://alpr')).toBe(true)
    expect(isAppUrl('app://alprx/index.html')).toBe(false)
    expect(isAppUrl('https://alpr/index.html')).toBe(false)
    expect(isAppUrl('')).toBe(false)
  })

  it('gives app:// URLs their standard origin, which Node alone would call opaque', () => {
    expect(new URL('app://alpr/index.html').origin).toBe('null')
    expect(originOf('app://alpr/index.html#/search')).toBe('app://alpr')
    expect(originOf('https://evil.example:8443/x')).toBe('https://evil.example:8443')
    expect(originOf('about:blank')).toBe('null')
    expect(originOf('')).toBe('')
    expect(originOf(null)).toBe('')
    expect(originOf('::')).toBe('')
  })
})
