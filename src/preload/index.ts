// The sandboxed preload: exposes `window.alpr`, one named method per contract channel, and nothing else.
// ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, ipcChannel, splitChannel } from '../shared/contract'

const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {}
for (const name of CHANNEL_NAMES) {
  const [domain, method] = splitChannel(name)
  api[domain] ??= {}
  api[domain][method] = (input: unknown) => ipcRenderer.invoke(ipcChannel(name), input ?? {})
}

contextBridge.exposeInMainWorld('alpr', api)
