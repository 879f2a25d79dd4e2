// Cuts a (possibly rotated) text rectangle out of a frame and straightens it with sharp, at the size a
// reader wants. Rotation is undone exactly; the region outside the frame is filled by edge replication.
import sharp from 'sharp'
import type { RgbImage, RotatedRect } from './types'

export interface CropSize {
  height: number
  /** Fixed output width; when absent the width follows the rectangle's aspect, capped at maxWidth. */
  width?: number
  maxWidth?: number
  /** 'letterbox' keeps the aspect inside width × height (padding grey); default stretches. */
  fit?: 'stretch' | 'letterbox'
}

/** Angles below this are cut axis-aligned: the rotation would only blur the crop. */
const STRAIGHT_DEGREES = 2

export async function cropRect(image: RgbImage, rect: RotatedRect, size: CropSize): Promise<RgbImage> {
  const upright = await uprightRegion(image, rect)
  const outH = size.height
  const aspect = upright.width / Math.max(1, upright.height)
  const outW = size.width ?? Math.max(8, Math.min(size.maxWidth ?? 4096, Math.ceil(outH * aspect)))
  const data = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: 3 } })
    .resize(outW, outH, size.fit === 'letterbox' ? { fit: 'contain', background: { r: 128, g: 128, b: 128 } } : { fit: 'fill' })
    .raw()
    .toBuffer()
  return { data, width: outW, height: outH }
}

/** The rectangle's pixels at their own scale, rotated upright. */
export async function uprightRegion(image: RgbImage, rect: RotatedRect): Promise<RgbImage> {
  const w = Math.max(1, Math.round(rect.w))
  const h = Math.max(1, Math.round(rect.h))
  if (Math.abs(rect.angle) < STRAIGHT_DEGREES) {
    return copyRegion(image, Math.round(rect.cx - w / 2), Math.round(rect.cy - h / 2), w, h)
  }
  // Rotate a square around the rectangle's centre, then cut the centre out.
  const side = Math.ceil(Math.hypot(w, h)) + 2
  const square = copyRegion(image, Math.round(rect.cx - side / 2), Math.round(rect.cy - side / 2), side, side)
  const { data, info } = await sharp(square.data, { raw: { width: side, height: side, channels: 3 } })
    .rotate(-rect.angle, { background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const rotated: RgbImage = { data, width: info.width, height: info.height }
  return copyRegion(rotated, Math.round((info.width - w) / 2), Math.round((info.height - h) / 2), w, h)
}

/** Copies a rectangle of pixels; coordinates outside the image take the nearest edge pixel. */
export function copyRegion(image: RgbImage, x0: number, y0: number, w: number, h: number): RgbImage {
  const out = new Uint8Array(w * h * 3)
  const maxX = image.width - 1, maxY = image.height - 1
  const inside = x0 >= 0 && y0 >= 0 && x0 + w <= image.width && y0 + h <= image.height
  for (let y = 0; y < h; y++) {
    const sy = Math.min(maxY, Math.max(0, y0 + y))
    const row = sy * image.width
    if (inside) {
      out.set(image.data.subarray((row + x0) * 3, (row + x0 + w) * 3), y * w * 3)
      continue
    }
    for (let x = 0; x < w; x++) {
      const sx = Math.min(maxX, Math.max(0, x0 + x))
      const s = (row + sx) * 3, d = (y * w + x) * 3
      out[d] = image.data[s]!
      out[d + 1] = image.data[s + 1]!
      out[d + 2] = image.data[s + 2]!
    }
  }
  return { data: out, width: w, height: h }
}
