// The Electron entry: one instance, hardened web contents, the encrypted store behind core, the renderer
// served over app://alpr, the contract's IPC, and the window. Any decision beyond wiring lives in core.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain } from 'electron'
import { type Core, createCore } from '../core/app/create-core'
import { StoreOpenError } from '../core/store'
import { hardenApp } from './hardening'
import { utilityProcessTransport } from './recognition-process'
import { registerIpc } from './ipc'
import { safeStorageKeyProtector } from './key-protector'
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol'
import { createMainWindow } from './window'

const here = import.meta.dirname // out/main
const PRELOAD = join(here, '../preload/index.cjs')
const RENDERER_ROOT = join(here, '../renderer')
const STORE_WORKER = join(here, 'store-worker.js')
const RECOGNITION_PROCESS = join(here, 'recognition-process.js')

const reportFailure = (channel: string, error: unknown): void =>
  console.error(`[alpr] ${channel} failed: ${error instanceof Error ? error.message : String(error)}`)

/** better-sqlite3 built for Electron's ABI by scripts/prepare-electron.mjs (node_modules keeps Node's build). */
function electronNativeBinding(): string | undefined {
  const file = join(app.getAppPath(), 'build', 'electron-native', 'better_sqlite3.node')
  return existsSync(file) ? file : undefined
}

function fail(title: string, message: string): void {
  dialog.showErrorBox(title, message)
  app.exit(1)
}

async function start(): Promise<void> {
  let keyProtector
  try {
    keyProtector = await safeStorageKeyProtector()
  } catch (error) {
    return fail('The store key cannot be protected', (error as Error).message)
  }

  const nativeBinding = electronNativeBinding()
  let core: Core
  try {
    core = await createCore({
      dataDir: join(app.getPath('userData'), 'store'),
      appOrigin: APP_ORIGIN,
      keyProtector,
      nativeBinding,
      storeWorkerEntry: STORE_WORKER,
      // Live capture and footage recognise frames in a utility process, never on the main thread.
      recognition: { transport: utilityProcessTransport(RECOGNITION_PROCESS) },
      reportFailure,
    })
  } catch (error) {
    const hint = nativeBinding ? '' : '\n\nThe Electron build of the database module is missing: run `npm start`, which builds it.'
    const message = error instanceof StoreOpenError ? error.message : `Unexpected failure: ${(error as Error).message}`
    return fail('The encrypted store could not be opened', message + hint)
  }

  serveRenderer(RENDERER_ROOT, core.resolveMedia)
  registerIpc(ipcMain, core, { reportFailure })
  createMainWindow(PRELOAD)

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(PRELOAD)
  })
  app.on('window-all-closed', () => app.quit())
  let closed = false
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closed = true
    core.close().catch((error: unknown) => reportFailure('store.close', error)).finally(() => app.quit())
  })
}

// Before ready: the scheme's privileges and the web-contents limits must exist before any page does.
registerAppScheme()
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  hardenApp(app)
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: Error) => fail('The application could not start', error.message))
}
