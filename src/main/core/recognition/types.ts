// Shared shapes of the recognition pipeline: frames in, plate reads out.
// Plain data only, so every value here can cross a worker boundary by structured clone.

/** An 8-bit RGB image, row-major, 3 bytes per pixel, no padding. */
export interface RgbImage {
  data: Uint8Array
  width: number
  height: number
}

/** A rotated rectangle in image pixels; `angle` in degrees, clockwise (y down), within (-45, 45]. */
export interface RotatedRect {
  cx: number
  cy: number
  w: number
  h: number
  angle: number
}

/** A region the text detector found, with its mean probability. */
export interface TextRegion {
  rect: RotatedRect
  score: number
}

export interface CharRead {
  char: string
  /** Calibrated probability that this character is right. */
  confidence: number
}

export interface TextRead {
  text: string
  chars: CharRead[]
}

export interface PlateRead {
  /** Normalised plate text: upper-case A-Z and 0-9 only. */
  text: string
  /** Calibrated probability that the whole plate text is right. */
  confidence: number
  /** True when `confidence` meets the reader's threshold (confidence.ts; the level at which hot-list alerts fire). */
  confident: boolean
  chars: CharRead[]
  /** Axis-aligned box in frame pixels: [x, y, w, h]. */
  box: [number, number, number, number]
  rect: RotatedRect
  /** The US format the text matched, when one did (for example "CA standard"). */
  format: string | null
  /** Which reader produced the text. */
  reader: string
}

export interface FrameResult {
  width: number
  height: number
  plates: PlateRead[]
  ms: number
}
