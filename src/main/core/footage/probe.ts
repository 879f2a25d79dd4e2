// Facts about a video file that the job records before reading frames: its SHA-256 (streamed, so a large
// file is never held in memory) and its duration as ffmpeg reports it.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { bundledFfmpegPath } from '../capture/ffmpeg-frames'

/**
 * What identifies the file's bytes without reading them (size, modification time in whole ms, inode as text,
 * exact for any file system): taken before hashing and again after the frames, so a file written to in
 * between is caught, and by the media route, which serves only the file the job processed.
 */
export async function fileIdentity(path: string): Promise<{ size: number; mtimeMs: number; ino: string }> {
  const s = await stat(path, { bigint: true })
  return { size: Number(s.size), mtimeMs: Number(s.mtimeNs / 1_000_000n), ino: s.ino.toString() }
}

/** SHA-256 of the file's bytes, hex. Rejects (AbortError) when the signal fires. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** The duration ffmpeg reads from the container, ms; null when it states none (some streams, damaged files). */
export async function videoDurationMs(path: string, ffmpegPath = bundledFfmpegPath()): Promise<number | null> {
  const child = spawn(ffmpegPath, ['-hide_banner', '-nostdin', '-i', path], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-16384)))
  await new Promise<void>((resolve) => {
    child.on('error', () => resolve())
    child.on('close', () => resolve())
  })
  const m = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(stderr)
  if (!m) return null
  return Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000)
}
