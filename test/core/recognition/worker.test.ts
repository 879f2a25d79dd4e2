// Recognition runs in a worker thread: frames are transferred (not copied), a dead worker is restarted
// with back-off, and the frame it was holding is reported lost instead of hanging the caller.
import { afterEach, describe, expect, it } from 'vitest'
import type { Worker } from 'node:worker_threads'
import { RecognitionClient } from '../../../src/main/core/recognition/client'
import { RecognitionError } from '../../../src/main/core/recognition/errors'
import { renderScene } from './render'

let client: RecognitionClient | null = null
afterEach(async () => {
  await client?.close()
  client = null
})

describe('the recognition worker', () => {
  it('reads a frame off the main thread, taking the frame buffer with it', async () => {
    client = new RecognitionClient()
    const scene = await renderScene({ text: '7ABC123', noise: 6 })
    const result = await client.recognize(scene)
    expect(result.plates[0]?.text).toBe('7ABC123')
    expect(scene.data.byteLength).toBe(0) // transferred, not copied
  }, 30_000)

  it('restarts after the worker dies, failing only the frame in flight', async () => {
    const workers: Worker[] = []
    client = new RecognitionClient({ backoffMs: { first: 20, max: 200 }, onWorker: (w) => workers.push(w) })
    await client.start()
    const lost = client.recognize(await renderScene({ text: '7ABC123' }))
    await workers[0]!.terminate() // as a native crash in onnxruntime would
    await expect(lost).rejects.toSatisfy((e) => RecognitionError.is(e, 'WORKER_DIED'))
    const result = await client.recognize(await renderScene({ text: '4XYZ987', noise: 6 }))
    expect(result.plates[0]?.text).toBe('4XYZ987')
    expect(client.restarts).toBe(1)
    expect(workers).toHaveLength(2)
  }, 45_000)

  it('drops frames beyond its queue instead of letting them pile up', async () => {
    client = new RecognitionClient({ maxQueue: 1 })
    await client.start()
    const first = client.recognize(await renderScene({ text: '7ABC123' }))
    await expect(client.recognize(await renderScene({ text: '7ABC123' }))).rejects.toSatisfy((e) => RecognitionError.is(e, 'WORKER_BUSY'))
    await first
  }, 30_000)
})
