// DB text detection with PP-OCRv4's detector: resize + normalise with sharp, run ONNX, threshold the
// probability map, label connected components, fit min-area rotated rectangles and unclip them.
import sharp from 'sharp'
import { minAreaRect, type Point } from './geometry'
import { createSession, tensor, type Session, type SessionOptions } from './session'
import type { RgbImage, TextRegion } from './types'

export interface DetectorOptions extends SessionOptions {
  /** Longest side fed to the network (rounded to a multiple of 32). Plates are small, so more is better and slower. */
  maxSide?: number
  /** Probability above which a map pixel counts as text. */
  binaryThreshold?: number
  /** Minimum mean probability of a region. */
  boxThreshold?: number
  /** DB unclip ratio: grows each region by area * ratio / perimeter. */
  unclipRatio?: number
}

// PaddleOCR's DB defaults (det_db_thresh 0.3, det_db_box_thresh 0.6, det_db_unclip_ratio 1.5).
const DEFAULTS = { maxSide: 960, binaryThreshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5 }
// PaddleOCR normalises BGR images with these ImageNet figures in this channel order.
const MEAN = [0.485, 0.456, 0.406]
const STD = [0.229, 0.224, 0.225]

export class TextDetector {
  private constructor(
    private readonly session: Session,
    private readonly options: typeof DEFAULTS,
  ) {}

  static async load(path: string, options: DetectorOptions = {}): Promise<TextDetector> {
    const session = await createSession(path, options)
    const o = { ...DEFAULTS }
    for (const k of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) if (options[k] !== undefined) o[k] = options[k]!
    return new TextDetector(session, o)
  }

  async detect(image: RgbImage): Promise<TextRegion[]> {
    const scale = Math.min(1, this.options.maxSide / Math.max(image.width, image.height))
    const W = Math.max(32, Math.round((image.width * scale) / 32) * 32)
    const H = Math.max(32, Math.round((image.height * scale) / 32) * 32)
    const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize(W, H, { fit: 'fill', kernel: 'linear' })
      .raw()
      .toBuffer()
    const input = new Float32Array(3 * W * H)
    const plane = W * H
    for (let i = 0, p = 0; p < plane; p++, i += 3) {
      // channel 0 = B, 1 = G, 2 = R (PaddleOCR reads with OpenCV)
      input[p] = (resized[i + 2]! / 255 - MEAN[0]!) / STD[0]!
      input[plane + p] = (resized[i + 1]! / 255 - MEAN[1]!) / STD[1]!
      input[2 * plane + p] = (resized[i]! / 255 - MEAN[2]!) / STD[2]!
    }
    const feeds = { [this.session.inputNames[0]!]: tensor(input, [1, 3, H, W]) }
    const out = await this.session.run(feeds)
    const map = out[this.session.outputNames[0]!]!
    const [, , mh, mw] = map.dims as number[]
    const regions = regionsFromMap(map.data as Float32Array, mw!, mh!, this.options)
    const sx = image.width / mw!, sy = image.height / mh!
    return regions.map((r) => ({
      score: r.score,
      rect: scaleRect(r.rect, sx, sy),
    }))
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}

function scaleRect(r: TextRegion['rect'], sx: number, sy: number): TextRegion['rect'] {
  // Scales are nearly equal (both sides rounded to 32), so a rotated rectangle stays one.
  const t = (r.angle * Math.PI) / 180
  const w = r.w * Math.hypot(sx * Math.cos(t), sy * Math.sin(t))
  const h = r.h * Math.hypot(sx * Math.sin(t), sy * Math.cos(t))
  return { cx: r.cx * sx, cy: r.cy * sy, w, h, angle: r.angle }
}

/** Connected components (8-neighbour) of the thresholded map → scored, unclipped rotated rectangles. */
export function regionsFromMap(
  prob: Float32Array,
  width: number,
  height: number,
  o: { binaryThreshold: number; boxThreshold: number; unclipRatio: number },
): TextRegion[] {
  const labels = new Int32Array(width * height)
  const regions: TextRegion[] = []
  const stack: number[] = []
  let next = 0
  for (let start = 0; start < prob.length; start++) {
    if (labels[start] !== 0 || prob[start]! <= o.binaryThreshold) continue
    next++
    labels[start] = next
    stack.push(start)
    let sum = 0
    const boundary: Point[] = []
    let count = 0
    while (stack.length > 0) {
      const idx = stack.pop()!
      const x = idx % width, y = (idx - x) / width
      sum += prob[idx]!
      count++
      let edge = false
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy
        if (ny < 0 || ny >= height) { edge = true; continue }
        for (let dx = -1; dx <= 1; dx++) {
          if (dx === 0 && dy === 0) continue
          const nx = x + dx
          if (nx < 0 || nx >= width) { edge = true; continue }
          const n = ny * width + nx
          if (prob[n]! <= o.binaryThreshold) { edge = true; continue }
          if (labels[n] === 0) {
            labels[n] = next
            stack.push(n)
          }
        }
      }
      // Pixel corners of boundary pixels are enough for the hull.
      if (edge) boundary.push([x, y], [x + 1, y], [x, y + 1], [x + 1, y + 1])
    }
    if (count < 4) continue
    const score = sum / count
    if (score < o.boxThreshold) continue
    const rect = minAreaRect(boundary)
    if (Math.min(rect.w, rect.h) < 2) continue
    const d = (rect.w * rect.h * o.unclipRatio) / (2 * (rect.w + rect.h))
    regions.push({ score, rect: { ...rect, w: rect.w + 2 * d, h: rect.h + 2 * d } })
  }
  return regions
}
