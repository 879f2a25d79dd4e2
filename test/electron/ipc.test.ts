// Every contract channel is answered through core.dispatch with the sender as Electron reported it; calls
// from a subframe or another origin are refused by the real core (BAD_SENDER) and the refusal is logged.
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES, ipcChannel } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import type { CallContext } from '../../src/main/core/access/types'
import { type Core, createCore } from '../../src/main/core/app/create-core'

vi.mock('electron', () => ({ protocol: {} }))

const { callContextOf, registerIpc } = await import('../../src/main/electron/ipc')

type InvokeHandler = (event: unknown, input: unknown) => Promise<Result<unknown>>

class FakeSender extends EventEmitter {
  constructor(
    readonly id: number,
    readonly mainFrame: { url: string },
  ) {
    super()
  }
}

function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>()
  const registrations: string[] = []
  return {
    handlers,
    registrations,
    handle(channel: string, handler: (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>) {
      registrations.push(channel)
      handlers.set(channel, handler as unknown as InvokeHandler)
    },
  }
}

let dir: string
let core: Core
const dispatched: Array<{ call: CallContext; channel: string }> = []
const forgotten: string[] = []
const ipcMain = fakeIpcMain()

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alpr-ipc-'))
  core = await createCore({ dataDir: dir, appOrigin: 'app://alpr' })
  registerIpc(ipcMain, {
    dispatch: (call, channel, input) => {
      dispatched.push({ call, channel })
      return core.dispatch(call, channel, input)
    },
    forgetSender: (senderId) => {
      forgotten.push(senderId)
      core.forgetSender(senderId)
    },
  })
})

afterAll(async () => {
  await core?.close()
  rmSync(dir, { recursive: true, force: true })
})

const invoke = (channel: string, event: unknown, input: unknown = {}) => ipcMain.handlers.get(ipcChannel(channel as never))!(event, input)

describe('IPC registration', () => {
  it('registers exactly one handler per contract channel and nothing else', () => {
    expect(CHANNEL_NAMES.length).toBeGreaterThan(5)
    expect([...ipcMain.registrations].sort()).toEqual(CHANNEL_NAMES.map((name) => ipcChannel(name)).sort())
    expect(new Set(ipcMain.registrations).size).toBe(ipcMain.registrations.length)
  })
})

describe('the sender check, through the real core', () => {
  it('answers the app’s own main frame (a public channel succeeds)', async () => {
    const sender = new FakeSender(1, { url: 'app://alpr/index.html' })
    const result = await invoke('system.status', { sender, senderFrame: sender.mainFrame })
    expect(dispatched.at(-1)).toEqual({ channel: 'system.status', call: { senderId: '1', origin: 'app://alpr', isMainFrame: true } })
    expect(result.ok).toBe(true)
  })

  it('refuses a subframe of the app origin with BAD_SENDER and logs the refusal', async () => {
    const sender = new FakeSender(2, { url: 'app://alpr/index.html' })
    const subframe = { url: 'app://alpr/index.html' }
    const result = await invoke('system.status', { sender, senderFrame: subframe })
    expect(dispatched.at(-1)).toEqual({ channel: 'system.status', call: { senderId: '2', origin: 'app://alpr', isMainFrame: false } })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
    const [entry] = await core.store.accessLog.list(10, undefined)
    expect(entry).toMatchObject({ channel: 'system.status', outcome: 'refused', code: 'BAD_SENDER' })
  })

  it('refuses a main frame from another origin with BAD_SENDER and logs the refusal', async () => {
    const sender = new FakeSender(3, { url: 'https://evil.example/page' })
    const result = await invoke('auth.signIn', { sender, senderFrame: sender.mainFrame }, { username: 'x' })
    expect(dispatched.at(-1)).toEqual({ channel: 'auth.signIn', call: { senderId: '3', origin: 'https://evil.example', isMainFrame: true } })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
    const [entry] = await core.store.accessLog.list(10, undefined)
    expect(entry).toMatchObject({ channel: 'auth.signIn', outcome: 'refused', code: 'BAD_SENDER' })
  })

  it('refuses a call whose frame is already gone (no origin)', async () => {
    const sender = new FakeSender(4, { url: 'app://alpr/index.html' })
    const result = await invoke('system.status', { sender, senderFrame: null })
    expect(dispatched.at(-1)?.call).toEqual({ senderId: '4', origin: '', isMainFrame: false })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_SENDER' } })
  })

  it('has logged every refusal, newest first', async () => {
    const entries = await core.store.accessLog.list(10, undefined)
    expect(entries.map((e) => [e.channel, e.code])).toEqual([
      ['system.status', 'BAD_SENDER'],
      ['auth.signIn', 'BAD_SENDER'],
      ['system.status', 'BAD_SENDER'],
      ['system.status', null],
    ])
  })
})

describe('sender lifetime', () => {
  it('forgets a sender’s session once, when its webContents is destroyed', async () => {
    const sender = new FakeSender(9, { url: 'app://alpr/index.html' })
    await invoke('system.status', { sender, senderFrame: sender.mainFrame })
    await invoke('system.status', { sender, senderFrame: sender.mainFrame })
    expect(forgotten).not.toContain('9')
    sender.emit('destroyed')
    sender.emit('destroyed')
    expect(forgotten.filter((id) => id === '9')).toEqual(['9'])
  })
})

describe('callContextOf', () => {
  it('reads the sender id, the frame origin and whether the frame is the main one', () => {
    const mainFrame = { url: 'app://alpr/index.html#/reads' }
    const sender = { id: 42, mainFrame }
    expect(callContextOf({ sender, senderFrame: mainFrame } as never)).toEqual({ senderId: '42', origin: 'app://alpr', isMainFrame: true })
    expect(callContextOf({ sender, senderFrame: { url: 'https://a.example/' } } as never)).toEqual({
      senderId: '42',
      origin: 'https://a.example',
      isMainFrame: false,
    })
  })
})

describe('unexpected failures', () => {
  it('answers INTERNAL, never a stack, when dispatch itself throws', async () => {
    const ipc = fakeIpcMain()
    const reported: string[] = []
    registerIpc(
      ipc,
      { dispatch: () => Promise.reject(new Error('boom at /secret/path')), forgetSender: () => {} },
      { reportFailure: (channel) => reported.push(channel) },
    )
    const sender = new FakeSender(5, { url: 'app://alpr/index.html' })
    const result = await ipc.handlers.get(ipcChannel('system.status'))!({ sender, senderFrame: sender.mainFrame }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('boom')
    expect(reported).toEqual(['system.status'])
  })
})
