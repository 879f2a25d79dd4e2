// Videos of synthetic plates for capture and footage tests: each plate drives past once (rendered with the
// recognition tests' scenes), with empty road between passes so the tracker closes each pass. Frames are
// piped raw into the bundled ffmpeg; the result is cached by its options, so repeated runs reuse it.
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Socket } from 'node:net'
import { join } from 'node:path'
import { bundledFfmpegPath } from '../../src/main/core/capture/ffmpeg-frames'
import { renderScene } from '../core/recognition/render'

export interface PlateVideoOptions {
  /** Plates in the order they pass. */
  plates: string[]
  /** How long each plate is in view (default 1.5 s). */
  secondsEach?: number
  /** Empty road before, between and after the plates (default 2 s: more than the tracker's 1.5 s gap). */
  gapSeconds?: number
  fps?: number
  width?: number
  height?: number
  /** Plate width in pixels (default a sixth of the frame width). */
  plateWidth?: number
  /** 'mp4' (H.264), 'ts' (H.264 in MPEG-TS, for streaming) or 'avi' (MPEG-4 part 2). */
  format?: 'mp4' | 'ts' | 'avi'
  /** Pixel noise amplitude, deterministic (default 4). */
  noise?: number
}

export interface PlateVideo {
  path: string
  /** When each plate is first and last in view, ms from the start, in the order of `plates`. */
  passes: { plate: string; fromMs: number; toMs: number }[]
  durationMs: number
  fps: number
  width: number
  height: number
}

const cacheDir = join(tmpdir(), 'alpr-plate-videos')

/** Renders (or reuses) a video of the plates passing one after another. */
export async function makePlateVideo(options: PlateVideoOptions): Promise<PlateVideo> {
  const o = {
    secondsEach: 1.5, gapSeconds: 2, fps: 5, width: 640, height: 360, format: 'mp4' as const, noise: 4,
    ...options,
  }
  const plateWidth = o.plateWidth ?? Math.round(o.width / 6)
  const each = Math.max(1, Math.round(o.secondsEach * o.fps))
  const gap = Math.max(1, Math.round(o.gapSeconds * o.fps))
  // Frame plan: gap, plate 1, gap, plate 2, ..., gap. A plate moves across a third of the frame while in view.
  const plan: { text: string; x: number }[] = []
  const passes: PlateVideo['passes'] = []
  const msOf = (frame: number) => Math.round((frame * 1000) / o.fps)
  // Empty road: the plate is drawn far outside the frame (a blank plate in view would be read as "CALIFORNIA").
  const empty = () => { for (let i = 0; i < gap; i++) plan.push({ text: '', x: -10 * o.width }) }
  empty()
  for (const plate of o.plates) {
    passes.push({ plate, fromMs: msOf(plan.length), toMs: msOf(plan.length + each - 1) })
    for (let i = 0; i < each; i++) plan.push({ text: plate, x: o.width / 3 + (o.width / 3) * (each > 1 ? i / (each - 1) : 0.5) })
    empty()
  }
  const video: Omit<PlateVideo, 'path'> = { passes, durationMs: msOf(plan.length), fps: o.fps, width: o.width, height: o.height }

  const key = createHash('sha256').update(JSON.stringify({ v: 2, ...o, plateWidth })).digest('hex').slice(0, 16)
  const path = join(cacheDir, `plates-${key}.${o.format}`)
  if (existsSync(path)) return { path, ...video }
  mkdirSync(cacheDir, { recursive: true })

  const partial = join(cacheDir, `plates-${key}.${process.pid}.partial.${o.format}`)
  const codec = o.format === 'avi' ? ['-c:v', 'mpeg4', '-q:v', '3'] : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', String(o.fps)]
  const container = o.format === 'ts' ? ['-f', 'mpegts'] : o.format === 'mp4' ? ['-movflags', '+faststart'] : []
  const ffmpeg = spawn(bundledFfmpegPath(), [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${o.width}x${o.height}`, '-r', String(o.fps), '-i', 'pipe:0',
    ...codec, '-pix_fmt', 'yuv420p', ...container, partial,
  ], { stdio: ['pipe', 'ignore', 'pipe'] })
  let stderr = ''
  ffmpeg.stderr.setEncoding('utf8').on('data', (c: string) => { stderr = (stderr + c).slice(-4000) })
  const done = new Promise<number | null>((resolve) => {
    ffmpeg.on('error', () => resolve(-1))
    ffmpeg.on('close', resolve)
  })
  ffmpeg.stdin.on('error', () => {}) // a failed ffmpeg is reported through its exit code below
  try {
    for (const [i, f] of plan.entries()) {
      const scene = await renderScene({ text: f.text, x: f.x, width: o.width, height: o.height, plateWidth, noise: o.noise, seed: i + 1 })
      if (!ffmpeg.stdin.write(scene.data)) await new Promise((r) => ffmpeg.stdin.once('drain', r))
    }
    ffmpeg.stdin.end()
    const code = await done
    if (code !== 0) throw new Error(`ffmpeg could not encode the plate video (exit ${code}): ${stderr.trim()}`)
    renameSync(partial, path)
  } catch (error) {
    ffmpeg.kill('SIGKILL')
    rmSync(partial, { force: true })
    throw error
  }
  return { path, ...video }
}

export interface VideoServer {
  /** The address a camera opens (http://127.0.0.1:PORT/). */
  url: string
  port: number
  /** Clients connected now. */
  readonly clients: number
  /** Resolves once no client is connected (the camera's reader went away). */
  idle(): Promise<void>
  /** Ffmpeg processes streaming to clients now (their pids, so benchmarks can leave them out of capture's CPU). */
  readonly pids: number[]
  /** Stops serving at once, as a camera that loses power or network does: open connections are cut. */
  kill(): Promise<void>
}

/**
 * Serves a video as a live camera does: an HTTP server on 127.0.0.1 that streams it as MPEG-TS in real time to
 * each client from the moment the client connects (ffmpeg -re per connection, so nothing is sent in a burst to
 * catch up); `loop` repeats it until the client leaves. Give the same `port` again to bring a dropped camera back.
 */
export async function serveVideo(file: string, options: { loop?: boolean; port?: number } = {}): Promise<VideoServer> {
  const streams = new Set<ChildProcess>()
  const sockets = new Set<Socket>()
  let idleWaiters: (() => void)[] = []
  const server = createHttpServer((request, response) => {
    const ffmpeg = spawn(bundledFfmpegPath(), [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-re', ...(options.loop ? ['-stream_loop', '-1'] : []),
      '-i', file, '-c', 'copy', '-f', 'mpegts', 'pipe:1',
    ], { stdio: ['ignore', 'pipe', 'ignore'] })
    streams.add(ffmpeg)
    response.writeHead(200, { 'Content-Type': 'video/mp2t' })
    ffmpeg.stdout!.pipe(response)
    const end = () => {
      if (ffmpeg.exitCode === null && ffmpeg.signalCode === null) ffmpeg.kill('SIGKILL')
    }
    request.socket.once('close', end)
    ffmpeg.once('close', () => {
      streams.delete(ffmpeg)
      response.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => {
      sockets.delete(socket)
      if (sockets.size === 0) {
        for (const wake of idleWaiters) wake()
        idleWaiters = []
      }
    })
  })
  const port = options.port ?? (await freePort())
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    get clients() {
      return sockets.size
    },
    get pids() {
      return [...streams].map((s) => s.pid!).filter(Boolean)
    },
    idle: () => (sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    kill: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      for (const s of streams) s.kill('SIGKILL')
      await closed
    },
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
