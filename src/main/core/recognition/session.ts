// Creates onnxruntime-node sessions with the same CPU settings everywhere.
// intraOpNumThreads: one worker owns the sessions, so it may use every core (2 here); more threads than cores only adds contention.
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import * as ort from 'onnxruntime-node'

export type Session = ort.InferenceSession

export interface SessionOptions {
  /** Threads inside one operator; defaults to the number of cores, capped at 4 (the detector stops scaling past that). */
  threads?: number
  /**
   * Let idle intra-op threads spin for work. Off by default: the worker shares the cores with ffmpeg, the UI and
   * the store, and with spinning on, 2 threads ran the detector 1.8x slower than 1 thread on a busy 2-core machine
   * (459 vs 255 ms at 960 px); with it off, 2 threads cost nothing extra there.
   */
  spin?: boolean
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()))
}

/** Loads the model bytes through Node's fs (so an Electron asar archive works too), then the session. */
export async function createSession(path: string, options: SessionOptions = {}): Promise<Session> {
  return ort.InferenceSession.create(readFileSync(path), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: options.threads ?? defaultThreads(),
    interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: options.spin ? '1' : '0' } } },
  })
}

export function tensor(data: Float32Array, dims: number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims)
}
