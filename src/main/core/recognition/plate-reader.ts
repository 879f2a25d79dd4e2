// The project's plate OCR model: input shape, normalisation, resize mode and charset all come from
// plate-ocr.json; output [N, T, classes] logits decoded by greedy CTC with per-character probabilities.
import { cropRect } from './crop'
import { ctcGreedy, softmaxRows } from './ctc'
import type { PlateOcrSpec } from './models'
import { grow, type CropGrowth, type TextReader } from './reader'
import { createSession, tensor, type Session, type SessionOptions } from './session'
import type { RgbImage, RotatedRect, TextRead } from './types'

/**
 * plate-ocr was trained on whole-plate crops, so the text band is grown towards the plate. Chosen on
 * openalpr-us-dev (bench:accuracy --reader plate-ocr --pad P --height-scale H): (0.15, 1) 56.6%, (0.4, 1) 53.5%,
 * (0.15, 1.4) 56.6%, (0.4, 1.4) 57.6%.
 */
export const PLATE_OCR_GROWTH: CropGrowth = { padding: 0.4, heightScale: 1.4 }

export class PlateOcrReader implements TextReader {
  readonly name = 'plate-ocr'

  private constructor(
    private readonly session: Session,
    private readonly spec: PlateOcrSpec,
    private readonly growth: CropGrowth,
  ) {}

  static async load(modelPath: string, spec: PlateOcrSpec, options: SessionOptions & { growth?: CropGrowth } = {}): Promise<PlateOcrReader> {
    return new PlateOcrReader(await createSession(modelPath, options), spec, options.growth ?? PLATE_OCR_GROWTH)
  }

  async read(image: RgbImage, rects: RotatedRect[], asIs = false): Promise<TextRead[]> {
    if (rects.length === 0) return []
    const { input: inp, charset, blank } = this.spec
    const { width: W, height: H, channels: C, mean, std } = inp
    const crops = await Promise.all(
      rects.map((r) => cropRect(image, asIs ? r : grow(r, this.growth), { height: H, width: W, fit: this.spec.resize === 'letterbox' ? 'letterbox' : 'stretch' })),
    )
    const N = crops.length
    const plane = H * W
    const data = new Float32Array(N * C * plane)
    crops.forEach((crop, n) => {
      const base = n * C * plane
      for (let p = 0; p < plane; p++) {
        const r = crop.data[p * 3]!, g = crop.data[p * 3 + 1]!, b = crop.data[p * 3 + 2]!
        if (C === 1) data[base + p] = ((0.299 * r + 0.587 * g + 0.114 * b) / 255 - mean) / std
        else {
          data[base + p] = (r / 255 - mean) / std
          data[base + plane + p] = (g / 255 - mean) / std
          data[base + 2 * plane + p] = (b / 255 - mean) / std
        }
      }
    })
    const out = await this.session.run({ [inp.name]: tensor(data, [N, C, H, W]) })
    const logits = out[this.spec.output.name] ?? out[this.session.outputNames[0]!]!
    const [, T, K] = logits.dims as [number, number, number]
    if (K !== charset.length + 1) throw new Error(`plate-ocr outputs ${K} classes; plate-ocr.json's charset implies ${charset.length + 1}`)
    const all = logits.data as Float32Array
    return crops.map((_, n) => {
      const probs = softmaxRows(Float32Array.from(all.subarray(n * T * K, (n + 1) * T * K)), T, K)
      const chars = ctcGreedy(probs, T, K, (c) => (c === blank ? null : charset[c < blank ? c : c - 1]!))
      return { text: chars.map((c) => c.char).join(''), chars }
    })
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}
