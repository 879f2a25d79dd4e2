// The application window: isolated, sandboxed, no Node in the page, content only from app://alpr.
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { APP_ORIGIN } from './protocol'

export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: 'ALPR Workstation',
    backgroundColor: '#0f1115',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      enableWebSQL: false,
      safeDialogs: true,
      // A dispatch workstation must sound and show a hot-list alert on time even when the window is in the
      // background or minimised, and right after a reload without waiting for a key press.
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    },
  }
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(windowOptions(preloadPath))
  window.once('ready-to-show', () => window.show())
  window.loadURL(APP_ENTRY_URL).catch((error: Error) => console.error(`[alpr] the window failed to load: ${error.message}`))
  return window
}
