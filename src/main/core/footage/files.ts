// Which video files a footage request names: one file, or the video files directly inside a folder (not its
// sub-folders). Refusals are sentences that never repeat the path (it can name people or cases); the file
// name is the most a message carries.
import { readdir, stat } from 'node:fs/promises'
import { basename, extname, isAbsolute, join } from 'node:path'
import { AppError } from '../errors'
import { fileIdentity } from './probe'

/** Container formats ffmpeg reads that cameras, recorders and phones write. */
export const VIDEO_MIME: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
  '.wmv': 'video/x-ms-wmv',
  '.asf': 'video/x-ms-asf',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.ts': 'video/mp2t',
  '.mts': 'video/mp2t',
  '.m2ts': 'video/mp2t',
  '.3gp': 'video/3gpp',
  '.flv': 'video/x-flv',
}

export const isVideoName = (name: string): boolean => Object.hasOwn(VIDEO_MIME, extname(name).toLowerCase())
export const videoMime = (name: string): string => VIDEO_MIME[extname(name).toLowerCase()] ?? 'application/octet-stream'

export interface VideoFile {
  path: string
  name: string
  size: number
  /** Modification time, whole ms (as fileIdentity measures it, so the two compare). */
  modifiedAt: number
}

const refuse = (sentence: string): AppError => new AppError('INVALID_INPUT', sentence, { path: sentence })

/** The video files `path` names, in name order; refuses what is missing, not a video, or an empty folder. */
export async function videoFilesAt(path: string): Promise<VideoFile[]> {
  if (!isAbsolute(path)) throw refuse('Enter the full path of the video file or folder, starting from the drive or root folder.')
  const info = await stat(path).catch(() => null)
  if (!info) throw refuse('Nothing was found at that path. Check the folder and file name.')
  if (info.isFile()) {
    const name = basename(path)
    if (!isVideoName(name)) throw refuse(`“${name}” is not a video file this workstation can process (${knownExtensions()}).`)
    if (info.size === 0) throw refuse(`“${name}” is empty.`)
    return [{ path, name, size: info.size, modifiedAt: (await fileIdentity(path)).mtimeMs }]
  }
  if (!info.isDirectory()) throw refuse('That path is neither a video file nor a folder.')
  const entries = await readdir(path, { withFileTypes: true }).catch(() => {
    throw refuse('That folder could not be opened; check that this account may read it.')
  })
  const files: VideoFile[] = []
  for (const entry of entries.filter((e) => e.isFile() && isVideoName(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, entry.name)
    const s = await fileIdentity(full).catch(() => null)
    if (s && s.size > 0) files.push({ path: full, name: entry.name, size: s.size, modifiedAt: s.mtimeMs })
  }
  if (files.length === 0) throw refuse(`That folder holds no video files (${knownExtensions()}); sub-folders are not searched.`)
  return files
}

const knownExtensions = (): string => Object.keys(VIDEO_MIME).map((e) => e.slice(1)).join(', ')
