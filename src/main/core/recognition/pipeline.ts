// The frame-to-plates pipeline: detect text → choose plate-like regions → read them → apply US plate
// grammar → confidence per character and plate. Owns the ONNX sessions; runs inside the recognition worker.
import { confidentThreshold, isConfident, plateConfidence } from './confidence'
import { TextDetector, type DetectorOptions } from './detector'
import { FallbackReader } from './fallback-reader'
import { RecognitionError } from './errors'
import { boundingBox, iou } from './geometry'
import { applyGrammar, isPlausiblePlate, normalisePlate } from './grammar'
import { defaultModelsDir, findPlateOcr, ppocrModelPaths } from './models'
import { plateCandidates } from './plate-candidates'
import { PlateOcrReader } from './plate-reader'
import { PpocrReader } from './ppocr-reader'
import type { CropGrowth, TextReader } from './reader'
import type { FrameResult, PlateRead, RgbImage, RotatedRect } from './types'

/**
 * plate-ocr+ppocr: reads whose character-probability product is below this are read by PP-OCRv4 too. Measured on
 * openalpr-us-dev / openalpr-eu: 0.8 → 73.7% / 90.7%, 0.9 → 75.8% / 91.7%, 0.97 → 75.8% / 92.6% (more PP-OCRv4 runs).
 */
const FALLBACK_BELOW = 0.9

export type ReaderChoice = 'auto' | 'plate-ocr' | 'ppocr' | 'plate-ocr+ppocr'

export interface PipelineOptions {
  /** 'auto': the project's plate-ocr (with PP-OCRv4 where it is unsure) when resources/models has it, else PP-OCRv4. */
  reader?: ReaderChoice
  modelsDir?: string
  /** onnxruntime intra-op threads per session. */
  threads?: number
  detector?: Omit<DetectorOptions, 'threads'>
  threshold?: number
  /** Overrides the primary reader's crop growth (for measuring; each reader has its own measured default). */
  growth?: CropGrowth
}

export interface RecognizeOptions {
  /** Issuing state when known (enables its formats' O/0, I/1 fixes). */
  state?: string | null
  /** The frame is already a plate crop: read it whole if the detector finds nothing plate-like. */
  isPlateCrop?: boolean
  /** Skip the detector and read the whole frame (plate crops only). */
  skipDetector?: boolean
}

export class RecognitionPipeline {
  private constructor(
    private readonly detector: TextDetector,
    readonly reader: TextReader,
    /** The confidence at which a read counts as confident for this reader. */
    readonly threshold: number,
  ) {}

  static async load(options: PipelineOptions = {}): Promise<RecognitionPipeline> {
    try {
      const ppocr = ppocrModelPaths()
      const session = { threads: options.threads }
      const detector = await TextDetector.load(ppocr.detector, { ...options.detector, ...session })
      const choice = options.reader ?? 'auto'
      const plateOcr = choice === 'ppocr' ? null : findPlateOcr(options.modelsDir ?? defaultModelsDir())
      if (choice.startsWith('plate-ocr') && !plateOcr) throw new Error('resources/models/plate-ocr.onnx and plate-ocr.json are not both present')
      const growth = options.growth
      let reader: TextReader = plateOcr
        ? await PlateOcrReader.load(plateOcr.model, plateOcr.spec, { ...session, growth })
        : await PpocrReader.load(ppocr.recognizer, ppocr.dictionary, { ...session, growth })
      // `npm run bench:accuracy -- --reader all` (2026-11-28, plate-ocr of 15:50): plate-ocr alone 60.6% of US scenes,
      // with PP-OCRv4 behind it 69.7% (PP-OCRv4 alone 68.7%), EU 97.2% (89.8%); so auto uses both.
      if (plateOcr && (choice === 'plate-ocr+ppocr' || choice === 'auto')) {
        reader = new FallbackReader(reader, await PpocrReader.load(ppocr.recognizer, ppocr.dictionary, session), FALLBACK_BELOW)
      }
      return new RecognitionPipeline(detector, reader, options.threshold ?? confidentThreshold(reader.name))
    } catch (error) {
      throw new RecognitionError('MODEL_LOAD_FAILED', `the recognition models could not be loaded: ${(error as Error).message}`)
    }
  }

  async recognize(image: RgbImage, options: RecognizeOptions = {}): Promise<FrameResult> {
    const started = performance.now()
    let rects: RotatedRect[] = []
    if (!options.skipDetector) {
      const regions = await this.detector.detect(image)
      rects = plateCandidates(regions, image.width, image.height, { maxAreaFraction: options.isPlateCrop ? 1 : 0.25 })
    }
    let plates = await this.readRects(image, rects, options.state)
    if (plates.length === 0 && (options.isPlateCrop || options.skipDetector)) {
      const whole = { cx: image.width / 2, cy: image.height / 2, w: image.width, h: image.height, angle: 0 }
      plates = await this.readRects(image, [whole], options.state, true)
    }
    return { width: image.width, height: image.height, plates, ms: Math.round(performance.now() - started) }
  }

  private async readRects(image: RgbImage, rects: RotatedRect[], state?: string | null, asIs = false): Promise<PlateRead[]> {
    if (rects.length === 0) return []
    const reads = await this.reader.read(image, rects, asIs)
    const plates: PlateRead[] = []
    reads.forEach((read, i) => {
      const rect = rects[i]!
      const normal = normalisePlate(read.text)
      if (!isPlausiblePlate(normal) || normal.length !== read.chars.length) return
      const g = applyGrammar(normal, state)
      const chars = read.chars.map((c, k) => ({ char: g.text[k]!, confidence: c.confidence }))
      const confidence = plateConfidence(g.text, chars)
      plates.push({
        text: g.text,
        confidence,
        confident: isConfident(confidence, this.threshold),
        chars,
        box: boundingBox(rect, image.width, image.height),
        rect,
        format: g.format,
        reader: this.reader.name,
      })
    })
    return suppressOverlaps(plates)
  }

  async release(): Promise<void> {
    await Promise.all([this.detector.release(), this.reader.release()])
  }
}

/** Best first; a read overlapping a better one (merged pieces vs. their parts) is dropped. */
function suppressOverlaps(plates: PlateRead[]): PlateRead[] {
  const sorted = [...plates].sort((a, b) => b.confidence - a.confidence || b.text.length - a.text.length)
  const kept: PlateRead[] = []
  for (const p of sorted) {
    const overlaps = kept.some((k) => {
      const inter = iou(k.box, p.box)
      const [, , pw, ph] = p.box
      const [kx, ky, kw, kh] = k.box
      const ix = Math.max(0, Math.min(kx + kw, p.box[0] + pw) - Math.max(kx, p.box[0]))
      const iy = Math.max(0, Math.min(ky + kh, p.box[1] + ph) - Math.max(ky, p.box[1]))
      const contained = (ix * iy) / Math.max(1, Math.min(pw * ph, kw * kh))
      return inter > 0.3 || contained > 0.6
    })
    if (!overlaps) kept.push(p)
  }
  return kept
}
