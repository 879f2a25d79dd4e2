// Baseline reader: PP-OCRv4's general recognizer with its output folded to A-Z and 0-9 (lower case joins
// upper case; spaces and punctuation join the CTC blank; every other script is ignored).
import { readFileSync } from 'node:fs'
import { cropRect } from './crop'
import { ctcGreedy } from './ctc'
import { grow, type CropGrowth, type TextReader } from './reader'
import { createSession, tensor, type Session, type SessionOptions } from './session'
import type { RgbImage, RotatedRect, TextRead } from './types'

const HEIGHT = 48
const MAX_WIDTH = 320
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
/** Chosen on openalpr-us-dev (bench:accuracy --pad): 0 → 66.7%, 0.15 → 68.7%, 0.3 → 67.7%. */
export const PPOCR_GROWTH: CropGrowth = { padding: 0.15, heightScale: 1 }

export class PpocrReader implements TextReader {
  readonly name = 'ppocr-v4'

  private constructor(
    private readonly session: Session,
    /** For each model class: index into ALNUM, -1 for blank-like, -2 for ignored. */
    private readonly fold: Int16Array,
    private readonly growth: CropGrowth,
  ) {}

  static async load(modelPath: string, dictionaryPath: string, options: SessionOptions & { growth?: CropGrowth } = {}): Promise<PpocrReader> {
    const keys = readFileSync(dictionaryPath, 'utf8').split(/\r?\n/)
    if (keys[keys.length - 1] === '') keys.pop()
    // Class 0 is the CTC blank, then the dictionary, then the space PaddleOCR appends.
    const classes = ['', ...keys, ' ']
    const fold = new Int16Array(classes.length)
    classes.forEach((k, i) => {
      const n = k.normalize('NFKC').toUpperCase()
      const a = n.length === 1 ? ALNUM.indexOf(n) : -1
      fold[i] = a >= 0 ? a : i === 0 || /^[\s\p{P}\p{S}]*$/u.test(n) ? -1 : -2
    })
    return new PpocrReader(await createSession(modelPath, options), fold, options.growth ?? PPOCR_GROWTH)
  }

  async read(image: RgbImage, rects: RotatedRect[], asIs = false): Promise<TextRead[]> {
    const crops = await Promise.all(rects.map((r) => cropRect(image, asIs ? r : grow(r, this.growth), { height: HEIGHT, maxWidth: MAX_WIDTH })))
    // One run per crop: batching would pad every crop to the widest, and this model's cost grows with width.
    const reads: TextRead[] = []
    for (const crop of crops) reads.push(await this.readCrop(crop))
    return reads
  }

  private async readCrop(crop: RgbImage): Promise<TextRead> {
    const W = Math.ceil(crop.width / 8) * 8
    const plane = HEIGHT * W
    const input = new Float32Array(3 * plane) // zero = mid grey after normalisation, as PaddleOCR pads
    for (let y = 0; y < HEIGHT; y++) {
      for (let x = 0; x < crop.width; x++) {
        const s = (y * crop.width + x) * 3
        const d = y * W + x
        // BGR, (v/255 - 0.5) / 0.5
        input[d] = crop.data[s + 2]! / 127.5 - 1
        input[plane + d] = crop.data[s + 1]! / 127.5 - 1
        input[2 * plane + d] = crop.data[s]! / 127.5 - 1
      }
    }
    const out = await this.session.run({ [this.session.inputNames[0]!]: tensor(input, [1, 3, HEIGHT, W]) })
    const probs = out[this.session.outputNames[0]!]!
    const [, T, C] = probs.dims as [number, number, number]
    const all = probs.data as Float32Array
    const K = ALNUM.length + 1
    const reduced = new Float32Array(T * K)
    for (let t = 0; t < T; t++) {
      const src = t * C
      const dst = t * K
      for (let c = 0; c < C; c++) {
        const f = this.fold[c]!
        if (f === -2) continue
        reduced[dst + (f === -1 ? 0 : f + 1)]! += all[src + c]!
      }
    }
    // Probabilities stay relative to the full distribution: mass the model gave other scripts lowers confidence.
    const chars = ctcGreedy(reduced, T, K, (c) => (c === 0 ? null : ALNUM[c - 1]!))
    return { text: chars.map((c) => c.char).join(''), chars }
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}
