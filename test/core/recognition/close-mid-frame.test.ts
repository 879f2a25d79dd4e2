// Closing recognition while a frame is being read (the app closing, a footage job cancelled, the last camera
// disabled) must not take the process down: terminating a worker thread mid-inference aborts it from
// onnxruntime's native code ("terminate called after throwing an instance of 'Napi::Error'"), which vitest
// reports as a crashed worker. The worker is asked to finish the frame and release its models instead.
import { describe, expect, it } from 'vitest'
import { RecognitionClient } from '../../../src/main/core/recognition/client'
import { renderScene } from './render'

describe('closing the recognition worker', () => {
  it('waits for the frame in hand and ends the worker cleanly, at any moment of the inference', async () => {
    const image = await renderScene({ text: '7ABC123' })
    for (const delayMs of [20, 120]) {
      const client = new RecognitionClient()
      await client.start()
      const frame = { ...image, data: image.data.slice() }
      const outcome = client.recognize(frame).then(
        () => 'read',
        (error: Error) => error.message,
      )
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      await client.close()
      // The frame in hand is either answered or refused as closed; either way the process lives on.
      expect(await outcome).toMatch(/read|closed/)
    }
  }, 120_000)
})
