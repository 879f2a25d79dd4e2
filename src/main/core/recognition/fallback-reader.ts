// Reads with a primary reader and asks a second one only where the first is unsure, keeping whichever
// reading is more confident. Used to put PP-OCRv4 behind the project's plate OCR.
import type { TextReader } from './reader'
import type { RgbImage, RotatedRect, TextRead } from './types'

/** Product of character probabilities: the reader-level part of plate confidence. */
export function readConfidence(read: TextRead): number {
  return read.chars.length === 0 ? 0 : read.chars.reduce((p, c) => p * c.confidence, 1)
}

export class FallbackReader implements TextReader {
  readonly name: string

  constructor(
    private readonly primary: TextReader,
    private readonly secondary: TextReader,
    /** Below this reader-level confidence the secondary reader is asked too. */
    private readonly unsureBelow: number,
  ) {
    this.name = `${primary.name}+${secondary.name}`
  }

  async read(image: RgbImage, rects: RotatedRect[], asIs = false): Promise<TextRead[]> {
    const first = await this.primary.read(image, rects, asIs)
    const unsure = first.map((r, i) => (readConfidence(r) < this.unsureBelow ? i : -1)).filter((i) => i >= 0)
    if (unsure.length === 0) return first
    const second = await this.secondary.read(image, unsure.map((i) => rects[i]!), asIs)
    const out = [...first]
    // Cross-checking every read instead (both models always, agreement raising confidence) was measured and did
    // not help: the two models often make the same mistake (openalpr-us-dev confident precision fell to 93%).
    unsure.forEach((i, k) => {
      if (readConfidence(second[k]!) > readConfidence(first[i]!)) out[i] = second[k]!
    })
    return out
  }

  async release(): Promise<void> {
    await Promise.all([this.primary.release(), this.secondary.release()])
  }
}
