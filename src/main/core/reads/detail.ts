// A read's full record as the detail screen shows it (images as data: URLs).
import type { ReadDetail } from '../../../shared/models'
import type { ReadDetailRecord } from '../store/repositories/read-details'
import { jpegDataUrl } from './images'

export function toReadDetail(r: ReadDetailRecord): ReadDetail {
  return {
    id: r.id,
    plate: r.plate,
    state: r.state,
    confidence: r.confidence,
    readAt: r.readAt,
    cameraId: r.cameraId,
    cameraName: r.cameraName,
    latitude: r.latitude,
    longitude: r.longitude,
    source: r.source,
    footageName: r.footageName,
    hasHits: r.hits.length > 0,
    corrected: r.corrections.length > 0,
    crop: jpegDataUrl(r.crop),
    differences: null,
    chars: r.chars,
    readings: r.readings,
    reader: r.reader,
    scene: jpegDataUrl(r.scene),
    camera:
      r.cameraId !== null && r.cameraName !== null && r.cameraKind !== null
        ? {
            id: r.cameraId,
            name: r.cameraName,
            kind: r.cameraKind,
            location: r.cameraLocation ?? '',
            direction: r.cameraDirection,
            latitude: r.cameraLatitude,
            longitude: r.cameraLongitude,
          }
        : null,
    footage:
      r.source === 'footage' || r.footageName !== null
        ? { jobId: r.footageJobId, fileName: r.footageName, sha256: r.footageSha256, caseNumber: r.caseNumber, positionMs: r.footageMs }
        : null,
    hits: r.hits,
    holds: r.holds,
    corrections: r.corrections,
  }
}
