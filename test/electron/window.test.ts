// The window is isolated and sandboxed, runs no Node in the page or its workers, and loads only app://alpr.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => {
  const created: Array<{ options: unknown; loaded: string[]; listeners: Record<string, () => void> }> = []
  class BrowserWindow {
    readonly loaded: string[] = []
    readonly listeners: Record<string, () => void> = {}
    shown = false
    constructor(readonly options: unknown) {
      created.push(this)
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url)
      return Promise.resolve()
    }
    once(event: string, listener: () => void): this {
      this.listeners[event] = listener
      return this
    }
    show(): void {
      this.shown = true
    }
  }
  return { created, BrowserWindow }
})

vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, protocol: {} }))

const { createMainWindow, windowOptions } = await import('../../src/main/electron/window')

describe('the application window', () => {
  beforeEach(() => {
    electron.created.length = 0
  })

  it('isolates the page from Node and Electron: context isolation, sandbox, no Node integration anywhere', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    })
  })

  it('keeps web security on and refuses webviews and insecure content', () => {
    const prefs = windowOptions('/p.cjs').webPreferences
    expect(prefs?.webSecurity).toBe(true)
    expect(prefs?.allowRunningInsecureContent).toBe(false)
    expect(prefs?.webviewTag).toBe(false)
    expect(prefs?.spellcheck).toBe(false)
  })

  it('keeps alerts on time in the background: no throttling, sound without a key press', () => {
    const prefs = windowOptions('/p.cjs').webPreferences
    expect(prefs?.backgroundThrottling).toBe(false)
    expect(prefs?.autoplayPolicy).toBe('no-user-gesture-required')
  })

  it('loads the preload it is given and paints a dark background before the page does', () => {
    const options = windowOptions('/app/out/preload/index.cjs')
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs')
    expect(options.backgroundColor).toMatch(/^#[0-3][0-9a-f][0-3][0-9a-f][0-3][0-9a-f]$/i)
  })

  it('creates the window with those options, loads app://alpr/index.html and shows it once ready', () => {
    const window = createMainWindow('/app/out/preload/index.cjs') as unknown as (typeof electron.created)[number] & { shown: boolean }
    expect(electron.created).toHaveLength(1)
    expect(window.options).toEqual(windowOptions('/app/out/preload/index.cjs'))
    expect(window.loaded).toEqual(['app://alpr/index.html'])
    expect(window.shown).toBe(false)
    window.listeners['ready-to-show']?.()
    expect(window.shown).toBe(true)
  })
})
