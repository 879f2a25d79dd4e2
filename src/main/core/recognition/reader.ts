// What every plate-text reader offers the pipeline: read a batch of rectangles out of one frame.
import type { RgbImage, RotatedRect, TextRead } from './types'

/** How a reader widens the detector's text band before cropping (fractions of the band's height / scale). */
export interface CropGrowth {
  /** Added on both ends, as a fraction of the band's height (DB boxes clip end characters). */
  padding: number
  /** Multiplies the band's height (a reader trained on whole plates wants more than the characters). */
  heightScale: number
}

export function grow(rect: RotatedRect, g: CropGrowth): RotatedRect {
  return { ...rect, w: rect.w + 2 * g.padding * rect.h, h: rect.h * g.heightScale }
}

export interface TextReader {
  /** Short name reported with each read ("plate-ocr", "ppocr-v4"). */
  readonly name: string
  /** Reads each text band (the reader grows it to what it was trained on, unless `asIs`: already a whole plate). */
  read(image: RgbImage, rects: RotatedRect[], asIs?: boolean): Promise<TextRead[]>
  release(): Promise<void>
}
