// A camera's reads into the encrypted store with their hot-list hits (one transaction), then announced: what was
// recognised is stored before anything shows it. The plate crop and the scene are kept as JPEG inside the
// database (never as files).
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import type { Clock } from '../clock'
import type { SessionRead } from '../capture/camera-session'
import { bestCrop } from '../recognition/tracker'
import type { RgbImage } from '../recognition/types'
import type { NewRead } from '../store/repositories/reads'
import type { Store } from '../store'
import type { LiveSignal } from './signal'

export interface IngestDeps {
  store: Pick<Store, 'hits'>
  clock: Clock
  live: LiveSignal
}

export interface IngestCamera {
  id: string
  latitude: number | null
  longitude: number | null
}

export interface Ingested {
  readIds: number[]
  hitIds: number[]
  /** performance.now() once the reads and their hits were stored. */
  storedAt: number
}

/** Stores the reads and their hot-list hits (one transaction), and wakes the live feed. */
export async function ingestLiveReads(deps: IngestDeps, camera: IngestCamera, reads: SessionRead[]): Promise<Ingested> {
  if (reads.length === 0) return { readIds: [], hitIds: [], storedAt: performance.now() }
  const rows: NewRead[] = await Promise.all(
    reads.map(async ({ read, readAt }) => {
      const crop = await bestCrop(read).catch(() => null)
      return {
        plate: read.text,
        state: null,
        confidence: read.confidence,
        readAt,
        cameraId: camera.id,
        latitude: camera.latitude,
        longitude: camera.longitude,
        source: 'camera' as const,
        createdAt: deps.clock.now(),
        chars: read.chars,
        readings: read.readings,
        reader: read.best.reader,
        crop: crop ? await jpeg(crop, 90) : null,
        scene: read.bestFrame && read.bestFrame.data.byteLength > 0 ? await jpeg(read.bestFrame, 80) : null,
      }
    }),
  )
  // One transaction for the reads and their hits: a feed poll never sees a read without its hit.
  const { readIds, hitIds } = await deps.store.hits.insertAndMatch(rows, deps.clock.now())
  const storedAt = performance.now()
  deps.live.notify()
  return { readIds, hitIds, storedAt }
}

/** The image as JPEG; null if it cannot be encoded, so the read is still stored (without that image). */
async function jpeg(image: RgbImage, quality: number): Promise<Uint8Array | null> {
  try {
    const bytes = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality, mozjpeg: false }).toBuffer()
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  } catch {
    return null
  }
}
