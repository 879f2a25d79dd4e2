// In Electron, recognition runs in a utilityProcess: the same service as under Node, in its own process,
// restarted with back-off when it dies; a frame it was holding fails with a sentence instead of hanging.
// Electron is mocked: utilityProcess.fork starts a real Node child process (support/utility-process.ts) or,
// for the timing of restarts, a scripted process.
import { EventEmitter } from 'node:events'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RecognitionClient } from '../../src/main/core/recognition/client'
import { RecognitionError } from '../../src/main/core/recognition/errors'
import type { WorkerMessage } from '../../src/main/core/recognition/protocol'
import { renderScene } from '../core/recognition/render'
import { NodeUtilityProcess } from './support/utility-process'

type Forked = EventEmitter & { postMessage(message: unknown, transfer?: unknown[]): void; kill(): boolean; pid: number | undefined }

const electron = vi.hoisted(() => ({
  forks: [] as Array<{ modulePath: string; args: string[]; options: unknown; child: unknown }>,
  start: null as ((modulePath: string, args: string[]) => unknown) | null,
}))
vi.mock('electron', () => ({
  utilityProcess: {
    fork: (modulePath: string, args: string[], options: unknown) => {
      const child = electron.start!(modulePath, args)
      electron.forks.push({ modulePath, args, options, child })
      return child
    },
  },
}))

const { createRecognitionClient, RECOGNITION_SERVICE_NAME } = await import('../../src/main/electron/recognition-process')

const ENTRY = resolve('src/main/electron/recognition-process-entry.ts')
const BUILT_ENTRY = resolve('out/main/recognition-process.js')
const children = () => electron.forks.map((f) => f.child as Forked)

let client: RecognitionClient | null = null
const dirs: string[] = []
afterEach(async () => {
  await client?.close()
  client = null
  for (const f of electron.forks.splice(0)) (f.child as Forked).kill()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const exitOf = (child: Forked) => new Promise<number>((done) => child.once('exit', done))
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms))

describe('recognition in a utility process (real child process)', () => {
  it('runs the recognition service in its own process, started with the pipeline settings; frames are copied', async () => {
    electron.start = (modulePath, args) => new NodeUtilityProcess(modulePath, args)
    client = createRecognitionClient(ENTRY, { pipeline: { threads: 1 } })
    const scene = await renderScene({ text: '7ABC123', noise: 6 })
    const result = await client.recognize(scene)
    expect(result.plates[0]?.text).toBe('7ABC123')
    expect(scene.data.byteLength).toBe(scene.width * scene.height * 3) // structured clone: the caller's buffer is untouched
    expect(electron.forks).toHaveLength(1)
    expect(electron.forks[0]).toMatchObject({ modulePath: ENTRY, args: [], options: { serviceName: RECOGNITION_SERVICE_NAME, stdio: 'inherit' } })
    expect(children()[0]!.pid).not.toBe(process.pid)
  })

  it('restarts a killed process, failing only the frame in flight, and reads the next frame', async () => {
    electron.start = (modulePath, args) => new NodeUtilityProcess(modulePath, args)
    client = createRecognitionClient(ENTRY, { backoffMs: { first: 20, max: 200 } })
    await client.start()
    const lost = client.recognize(await renderScene({ text: '7ABC123' }))
    await sleep(0) // the frame has been posted
    process.kill(children()[0]!.pid!, 'SIGKILL') // as a native crash in onnxruntime would
    const error = await lost.catch((e: unknown) => e)
    expect(RecognitionError.is(error, 'WORKER_DIED')).toBe(true)
    expect((error as Error).message).toMatch(/^the recognition worker stopped \(exit \d+\); the frame was lost$/)
    const result = await client.recognize(await renderScene({ text: '4XYZ987', noise: 6 }))
    expect(result.plates[0]?.text).toBe('4XYZ987')
    expect(client.restarts).toBe(1)
    expect(electron.forks).toHaveLength(2)
  }, 45_000)

  it('reports models that will not load, lets the process end, and does not restart it', async () => {
    const modelsDir = mkdtempSync(join(tmpdir(), 'alpr-models-'))
    dirs.push(modelsDir)
    writeFileSync(join(modelsDir, 'plate-ocr.onnx'), 'not a model')
    writeFileSync(join(modelsDir, 'plate-ocr.json'), '{"input": {}}')
    electron.start = (modulePath, args) => new NodeUtilityProcess(modulePath, args)
    client = createRecognitionClient(ENTRY, { pipeline: { modelsDir }, backoffMs: { first: 10, max: 10 } })
    const exited = new Promise<number>((done) => {
      const watch = setInterval(() => {
        if (!children()[0]) return
        clearInterval(watch)
        exitOf(children()[0]!).then(done)
      }, 1)
    })
    const error = await client.start().catch((e: unknown) => e)
    expect(RecognitionError.is(error, 'MODEL_LOAD_FAILED')).toBe(true)
    expect((error as Error).message).toContain('plate-ocr.json does not describe a model')
    expect(await exited).toBe(0)
    await sleep(50)
    expect(electron.forks).toHaveLength(1)
    await expect(client.recognize(await renderScene({ text: '7ABC123' }))).rejects.toSatisfy((e) => RecognitionError.is(e, 'WORKER_CLOSED'))
  })

  // `npm test` builds before it runs the tests; run `npx electron-vite build` first when running this file alone.
  it('runs the built out/main/recognition-process.js, which finds the shipped models from there', async () => {
    expect(existsSync(BUILT_ENTRY), `${BUILT_ENTRY} is missing: run \`npx electron-vite build\` first`).toBe(true)
    electron.start = (modulePath, args) => new NodeUtilityProcess(modulePath, args)
    client = createRecognitionClient(BUILT_ENTRY)
    expect(await client.start()).toMatch(/^plate-ocr/) // resources/models found from out/main; PP-OCRv4 from node_modules
    const result = await client.recognize(await renderScene({ text: '7ABC123', noise: 6 }))
    expect(result.plates[0]?.text).toBe('7ABC123')
  })
})

/** A utility process whose behaviour each test writes: it records what it is sent and answers as told. */
class ScriptedProcess extends EventEmitter {
  pid: number | undefined = 4242
  readonly posted: unknown[] = []
  killed = false
  constructor(private readonly onPost: (child: ScriptedProcess, message: { type: string; id?: number }) => void) {
    super()
  }
  postMessage(message: { type: string; id?: number }, transfer?: unknown[]): void {
    if (transfer?.length) throw new TypeError('utilityProcess.postMessage transfers only MessagePortMain objects')
    this.posted.push(message)
    queueMicrotask(() => this.onPost(this, message))
  }
  reply(message: WorkerMessage): void {
    this.emit('message', message)
  }
  exit(code: number): void {
    if (this.pid === undefined) return
    this.pid = undefined
    this.emit('exit', code)
  }
  kill(): boolean {
    if (this.pid === undefined) return false
    this.killed = true
    setTimeout(() => this.exit(143), 5)
    return true
  }
}

const frame = () => ({ data: new Uint8Array(4 * 2 * 3), width: 4, height: 2 })
const answer = (child: ScriptedProcess, id: number) => child.reply({ type: 'result', id, result: { width: 4, height: 2, plates: [], ms: 1 } })

describe('restarts with back-off (scripted process)', () => {
  it('waits longer after each crash, up to the maximum, and again the first delay once a process has answered', async () => {
    const forkedAt: number[] = []
    let healthy = false
    electron.start = () => {
      forkedAt.push(performance.now())
      return new ScriptedProcess((child, message) => {
        if (message.type === 'init') {
          if (healthy) child.reply({ type: 'ready', reader: 'scripted' })
          else child.exit(1) // dies while loading its models
        }
        if (message.type === 'recognize') answer(child, message.id!)
      })
    }
    client = createRecognitionClient('/app/out/main/recognition-process.js', { backoffMs: { first: 30, max: 240 } })
    const first = await client.start().catch((e: unknown) => e)
    expect(RecognitionError.is(first, 'WORKER_DIED')).toBe(true)
    expect((first as Error).message).toBe('the recognition worker stopped (exit 1) while loading')
    await vi.waitFor(() => expect(forkedAt).toHaveLength(6), { timeout: 3_000, interval: 5 })
    const gaps = forkedAt.slice(1).map((t, i) => t - forkedAt[i]!)
    expect(gaps[0]).toBeGreaterThanOrEqual(28)
    expect(gaps[1]).toBeGreaterThanOrEqual(58) // doubled
    expect(gaps[2]).toBeGreaterThanOrEqual(118)
    expect(gaps[3]).toBeGreaterThanOrEqual(238) // capped at the maximum
    expect(gaps[4]).toBeGreaterThanOrEqual(238)
    expect(gaps[4]).toBeLessThan(400)
    expect(client.restarts).toBe(5)

    healthy = true
    await vi.waitFor(() => expect(forkedAt).toHaveLength(7), { timeout: 1_000, interval: 5 })
    expect((await client.recognize(frame())).plates).toEqual([]) // it answered: the back-off starts again from the first delay
    const diedAt = performance.now()
    ;(children().at(-1) as unknown as ScriptedProcess).exit(1)
    await vi.waitFor(() => expect(forkedAt).toHaveLength(8), { timeout: 1_000, interval: 5 })
    expect(forkedAt[7]! - diedAt).toBeGreaterThanOrEqual(28)
    expect(forkedAt[7]! - diedAt).toBeLessThan(120)
    expect(client.restarts).toBe(7)
  })

  it('fails every frame a dying process holds with WORKER_DIED, and one sent while it restarts is not left hanging', async () => {
    electron.start = () =>
      new ScriptedProcess((child, message) => {
        if (message.type === 'init') child.reply({ type: 'ready', reader: 'scripted' })
      })
    client = createRecognitionClient('/app/out/main/recognition-process.js', { backoffMs: { first: 30, max: 30 } })
    await client.start()
    const held = [client.recognize(frame()), client.recognize(frame())]
    await sleep(0)
    expect((children()[0] as unknown as ScriptedProcess).posted.map((m) => (m as { type: string }).type)).toEqual(['init', 'recognize', 'recognize'])
    const failed = held.map((pending) => expect(pending).rejects.toThrow('the recognition worker stopped (exit 134); the frame was lost'))
    ;(children()[0] as unknown as ScriptedProcess).exit(134)
    await Promise.all(failed)
    // Sent during the back-off: it waits for the restarted process, which takes it.
    const during = client.recognize(frame())
    await vi.waitFor(() => expect(electron.forks).toHaveLength(2), { timeout: 1_000, interval: 5 })
    await sleep(0)
    const second = children()[1] as unknown as ScriptedProcess
    const sent = second.posted.find((m) => (m as { type: string }).type === 'recognize') as { id: number }
    answer(second, sent.id)
    expect((await during).plates).toEqual([])
  })

  it('on close, fails the waiting frames with WORKER_CLOSED, kills the process and starts no other', async () => {
    electron.start = () =>
      new ScriptedProcess((child, message) => {
        if (message.type === 'init') child.reply({ type: 'ready', reader: 'scripted' })
      })
    client = createRecognitionClient('/app/out/main/recognition-process.js', { backoffMs: { first: 5, max: 5 } })
    await client.start()
    const waiting = client.recognize(frame())
    await sleep(0)
    const failed = expect(waiting).rejects.toThrow('the recognition worker was closed')
    await client.close()
    await failed
    const child = children()[0] as unknown as ScriptedProcess
    expect(child.killed).toBe(true)
    expect(child.pid).toBeUndefined() // close waited for the exit
    await sleep(30)
    expect(electron.forks).toHaveLength(1)
  })

  it('answers WORKER_DIED with a sentence when the process cannot be started at all', async () => {
    electron.start = () => {
      throw new Error('utilityProcess cannot be forked before the app is ready')
    }
    client = createRecognitionClient('/app/out/main/recognition-process.js')
    await expect(client.recognize(frame())).rejects.toThrow('the recognition worker could not be started: utilityProcess cannot be forked before the app is ready')
  })
})
