// The worker side of recognition, independent of the kind of worker: loads the pipeline once, then answers
// frames one at a time. worker.ts binds it to a worker_thread; an Electron utilityProcess entry can bind it
// to process.parentPort the same way.
import { RecognitionError } from './errors'
import { RecognitionPipeline } from './pipeline'
import type { HostMessage, MessageEndpoint, WorkerInit } from './protocol'

export async function serveRecognition(endpoint: MessageEndpoint, init: WorkerInit): Promise<void> {
  let pipeline: RecognitionPipeline
  try {
    pipeline = await RecognitionPipeline.load(init.pipeline)
  } catch (error) {
    endpoint.postMessage({ type: 'load-failed', message: (error as Error).message })
    endpoint.close()
    return
  }
  // Frames are handled strictly in order; the host bounds how many wait.
  let chain = Promise.resolve()
  endpoint.onMessage((message: HostMessage) => {
    if (message.type === 'close') {
      chain = chain.then(async () => {
        await pipeline.release()
        endpoint.close()
      })
      return
    }
    if (message.type !== 'recognize') return
    chain = chain.then(async () => {
      const { id, frame, options } = message
      try {
        const image = { data: new Uint8Array(frame.buffer), width: frame.width, height: frame.height }
        if (image.data.length !== frame.width * frame.height * 3) throw new RecognitionError('CORRUPT_INPUT', 'frame size does not match its dimensions')
        const result = await pipeline.recognize(image, options)
        endpoint.postMessage({ type: 'result', id, result })
      } catch (error) {
        const code = RecognitionError.is(error) ? error.code : 'INTERNAL'
        endpoint.postMessage({ type: 'error', id, code, message: (error as Error).message ?? String(error) })
      }
    })
  })
  endpoint.postMessage({ type: 'ready', reader: pipeline.reader.name })
}
