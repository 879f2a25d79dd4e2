// Starts a worker thread from a built .js file, or from a .ts source under plain Node (tests, CLI,
// browser harness) by registering tsx inside the worker first.
import { Worker } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'

export function spawnWorker(entry: string | URL, workerData: unknown): Worker {
  const url = entry instanceof URL ? entry : pathToFileURL(entry)
  if (url.pathname.endsWith('.ts')) {
    return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), { workerData: { entry: url.href, data: workerData } })
  }
  return new Worker(url, { workerData: { entry: url.href, data: workerData } })
}
