// Frames from any source ffmpeg reads (video files, RTSP, V4L2) as raw RGB at a chosen rate. ffmpeg is
// spawned with an argument array (never a shell), its stderr drained and kept out of logs: source URLs
// carry camera credentials.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { RecognitionError } from '../recognition/errors'
import type { RgbImage } from '../recognition/types'

export interface FrameSourceOptions {
  /** Frames per second to sample (ffmpeg's fps filter). */
  fps: number
  /** ffmpeg binary; defaults to the one shipped in @ffmpeg-installer/ffmpeg. */
  ffmpegPath?: string
  /** Extra input options placed before -i (for example ['-rtsp_transport', 'tcp']). */
  inputArgs?: string[]
  /** Longest side of the frames handed out; larger sources are scaled down (keeps 1080p+ cheap). */
  maxSide?: number
  signal?: AbortSignal
}

export interface Frame {
  image: RgbImage
  /** Presentation time within the source, ms. */
  ms: number
  index: number
}

// Not named `require`: electron-vite's ESM shim declares one in built files, and two would not parse.
const requireHere = createRequire(import.meta.url)

export function bundledFfmpegPath(): string {
  return (requireHere('@ffmpeg-installer/ffmpeg') as { path: string }).path
}

/**
 * Yields frames until the source ends. Rejects with CAPTURE_FAILED (and a message that never contains the
 * source) when ffmpeg cannot open or decode it.
 */
export async function* ffmpegFrames(source: string, options: FrameSourceOptions): AsyncGenerator<Frame> {
  if (!(options.fps > 0 && options.fps <= 120)) throw new RecognitionError('CAPTURE_FAILED', 'fps must be between 0 and 120')
  const scale = options.maxSide
    ? `,scale='if(gt(iw,ih),min(${options.maxSide},iw),-2)':'if(gt(iw,ih),-2,min(${options.maxSide},ih))'`
    : ''
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'info',
    ...(options.inputArgs ?? []),
    '-i', source,
    '-an', '-sn',
    '-vf', `fps=${options.fps}${scale}`,
    '-f', 'rawvideo', '-pix_fmt', 'rgb24',
    'pipe:1',
  ]
  const child = spawn(options.ffmpegPath ?? bundledFfmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal })
  let stderrTail = ''
  let size: { width: number; height: number } | null = null
  const sizeKnown = new Promise<void>((resolve) => {
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-8192)
      // The output stream line: "Stream #0:0: Video: rawvideo (RGB[24] / 0x18424752), rgb24, 1280x720, ..."
      if (!size) {
        const m = /Output #0[\s\S]*?Video: rawvideo[^\n]*?, (\d{2,5})x(\d{2,5})/.exec(stderrTail)
        if (m) {
          size = { width: Number(m[1]), height: Number(m[2]) }
          resolve()
        }
      }
    })
    child.stderr.on('end', () => resolve())
  })
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(-1))
    child.on('close', (code) => resolve(code))
  })

  try {
    let pending: Buffer[] = []
    let pendingBytes = 0
    let index = 0
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      await sizeKnown
      if (!size) break
      const { width, height } = size as { width: number; height: number }
      const frameBytes = width * height * 3
      pending.push(chunk)
      pendingBytes += chunk.length
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes)
        // Each frame owns its ArrayBuffer so it can be transferred to the recognition worker.
        const data = new Uint8Array(frameBytes)
        data.set(all.subarray(0, frameBytes))
        const rest = all.subarray(frameBytes)
        pending = rest.length ? [rest] : []
        pendingBytes = rest.length
        yield { image: { data, width, height }, ms: Math.round((index * 1000) / options.fps), index }
        index++
      }
    }
    const code = await exited
    if (code !== 0 && !options.signal?.aborted) {
      throw new RecognitionError('CAPTURE_FAILED', describeFailure(stderrTail, source, code))
    }
    if (index === 0 && !options.signal?.aborted) throw new RecognitionError('CAPTURE_FAILED', 'the source has no video frames')
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/** A short reason from ffmpeg's stderr with the source (and anything URL-shaped) removed. */
export function describeFailure(stderr: string, source: string, code: number | null): string {
  const lines = stderr
    .split('\n')
    // "[tcp @ 0x5599…] " prefixes name ffmpeg's internals, not the problem.
    .map((l) => l.split(source).join('<source>').replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').replace(/\[[\w-]+ @ 0x[0-9a-f]+\]\s*/gi, '').trim())
    .filter((l) => /error|invalid|no such file|not found|denied|unsupported|could not|failed/i.test(l))
  const reason = lines.at(-1) ?? (code === -1 ? 'ffmpeg could not be started' : `ffmpeg exited with code ${code}`)
  return `the video could not be read: ${reason}`
}
