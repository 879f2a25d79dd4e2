// A small typed RPC over a worker's message port: the worker serves an object of objects,
// the main thread calls `proxy.domain.method(...args)` and gets a Promise. AppErrors keep their code.
import type { MessagePort, Worker } from 'node:worker_threads'
import { AppError } from '../errors'
import type { ErrorCode } from '../../../shared/errors'

type AnyFn = (...args: never[]) => unknown

/** The asynchronous view of a synchronous object: every method returns a Promise. */
export type AsyncOf<T> = {
  [K in keyof T as T[K] extends AnyFn ? K : never]: T[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never
}
export type AsyncGroups<T> = { [K in keyof T]: AsyncOf<T[K]> }

interface Request {
  id: number
  group: string
  method: string
  args: unknown[]
}
type SerializedError = { app: true; code: ErrorCode; message: string; details?: Record<string, string> } | { app: false; message: string }
type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError }

export function serveGroups(port: MessagePort, groups: Record<string, object>): void {
  port.on('message', (req: Request) => {
    let response: Response
    try {
      const target = groups[req.group] as Record<string, unknown> | undefined
      const fn = target?.[req.method]
      if (typeof fn !== 'function' || req.method === 'constructor' || !Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(target), req.method)) {
        throw new Error(`unknown method ${req.group}.${req.method}`)
      }
      response = { id: req.id, ok: true, value: (fn as (...a: unknown[]) => unknown).apply(target, req.args) }
    } catch (error) {
      response = { id: req.id, ok: false, error: serializeError(error) }
    }
    port.postMessage(response)
  })
}

function serializeError(error: unknown): SerializedError {
  if (AppError.isAppError(error)) return { app: true, code: error.code, message: error.message, details: error.details }
  return { app: false, message: error instanceof Error ? error.message : String(error) }
}

export function proxyGroups<T>(worker: Worker, groupNames: readonly string[]): AsyncGroups<T> {
  let nextId = 1
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  worker.on('message', (res: Response) => {
    const waiter = pending.get(res.id)
    if (!waiter) return
    pending.delete(res.id)
    if (res.ok) waiter.resolve(res.value)
    else if (res.error.app) waiter.reject(new AppError(res.error.code, res.error.message, res.error.details))
    else waiter.reject(new Error(res.error.message))
  })
  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error)
    pending.clear()
  }
  worker.on('error', failAll)
  worker.on('exit', (code) => failAll(new Error(`worker exited with code ${code}`)))

  const call = (group: string, method: string, args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      worker.postMessage({ id, group, method, args } satisfies Request)
    })
  const groups: Record<string, unknown> = {}
  for (const group of groupNames) {
    groups[group] = new Proxy({}, { get: (_t, method) => (...args: unknown[]) => call(group, String(method), args) })
  }
  return groups as AsyncGroups<T>
}
