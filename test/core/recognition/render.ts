// Renders test scenes: a plate drawn from an SVG (DejaVu Sans Bold Condensed) composited into a plain
// street-like background with sharp. Everything the recognition tests read is made here.
import sharp from 'sharp'
import type { RgbImage } from '../../../src/main/core/recognition/types'
import { plateSvg } from '../../../tools/synthetic/plate-images'

export interface PlateScene {
  text: string
  width?: number
  height?: number
  /** Plate centre in the scene. */
  x?: number
  y?: number
  /** Plate width in pixels (height is half). */
  plateWidth?: number
  /** Clockwise rotation of the plate, degrees. */
  angle?: number
  /** Additive noise amplitude (0-255), deterministic for a given seed. */
  noise?: number
  seed?: number
}

/** A 1280×720 (by default) scene with one plate. */
export async function renderScene(s: PlateScene): Promise<RgbImage> {
  const width = s.width ?? 1280
  const height = s.height ?? 720
  const plateWidth = s.plateWidth ?? 220
  let plate = sharp(Buffer.from(plateSvg(s.text, plateWidth)))
  if (s.angle) plate = plate.rotate(s.angle, { background: { r: 0, g: 0, b: 0, alpha: 0 } })
  const plateBuf = await plate.png().toBuffer()
  const meta = await sharp(plateBuf).metadata()
  const left = Math.round((s.x ?? width / 2) - meta.width! / 2)
  const top = Math.round((s.y ?? height * 0.6) - meta.height! / 2)
  // A dark bumper behind the plate and a lighter body above it, so the plate has the usual surroundings.
  const background = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width}" height="${height}" fill="#6b7078"/>
    <rect x="${width * 0.2}" y="${height * 0.25}" width="${width * 0.6}" height="${height * 0.6}" rx="40" fill="#2f3a4a"/>
  </svg>`
  const { data, info } = await sharp(Buffer.from(background))
    .composite([{ input: plateBuf, left, top }])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const out = new Uint8Array(data)
  if (s.noise) {
    let seed = s.seed ?? 1
    for (let i = 0; i < out.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      out[i] = Math.max(0, Math.min(255, out[i]! + ((seed % (2 * s.noise + 1)) - s.noise)))
    }
  }
  return { data: out, width: info.width, height: info.height }
}

export async function toPng(image: RgbImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer()
}
