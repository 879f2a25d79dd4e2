// Decodes still images (JPEG, PNG, WebP...) into RGB frames with sharp, honouring EXIF orientation,
// and turns decoder failures into typed errors the CLI and the app can show.
import sharp from 'sharp'
import { RecognitionError } from './errors'
import type { RgbImage } from './types'

/** Largest image we decode (pixels); bigger files are refused rather than risking memory. */
const MAX_PIXELS = 64_000_000

export async function decodeImage(input: Buffer | string): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true })
    if (info.channels !== 3) throw new Error(`unexpected channel count ${info.channels}`)
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height }
  } catch (error) {
    const message = (error as Error).message ?? String(error)
    if (/unsupported image format/i.test(message)) throw new RecognitionError('UNSUPPORTED_INPUT', 'not an image format this app reads')
    throw new RecognitionError('CORRUPT_INPUT', `the image could not be decoded (${message.split('\n')[0]})`)
  }
}
