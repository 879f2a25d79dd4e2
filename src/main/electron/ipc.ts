// The only IPC the main process answers: one ipcMain.handle per contract channel, each passing the
// sender as the transport saw it to core.dispatch. Every decision (sender, session, permission) is core's.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNEL_NAMES, ipcChannel } from '../../shared/contract'
import { errorData, type Result } from '../../shared/errors'
import type { CallContext } from '../core/access/types'
import type { Core } from '../core/app/create-core'
import { originOf } from './hardening'

/** Who called: the webContents, the origin of the calling frame, and whether that frame is the main one. */
export function callContextOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): CallContext {
  const frame = event.senderFrame
  return {
    senderId: String(event.sender.id),
    origin: frame ? originOf(frame.url) : '',
    isMainFrame: frame !== null && frame === event.sender.mainFrame,
  }
}

export interface IpcOptions {
  reportFailure?: (channel: string, error: unknown) => void
}

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, core: Pick<Core, 'dispatch' | 'forgetSender'>, options: IpcOptions = {}): void {
  const watched = new Set<string>()
  // A session lives as long as the webContents that signed in; it ends when that webContents is destroyed.
  const watch = (sender: WebContents): void => {
    const id = String(sender.id)
    if (watched.has(id)) return
    watched.add(id)
    sender.once('destroyed', () => {
      watched.delete(id)
      core.forgetSender(id)
    })
  }

  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<Result<unknown>> => {
      watch(event.sender)
      try {
        return await core.dispatch(callContextOf(event), name, input)
      } catch (error) {
        // dispatch answers refusals itself; this only keeps an unexpected throw from reaching the page as a stack.
        options.reportFailure?.(name, error)
        return { ok: false, error: errorData('INTERNAL') }
      }
    })
  }
}
