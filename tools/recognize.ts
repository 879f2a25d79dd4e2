// Reads plates from image and video files: `npm run recognize -- [--json] [--fps N] [--state CA]
// [--reader auto|ppocr|plate-ocr] FILE...`. One JSON line per image, one per tracked read in a video.
// A bad file gets a message on stderr and the rest go on; the exit code is 1 when any file failed.
import { constants } from 'node:fs'
import { access, readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { parseArgs } from 'node:util'
import { ffmpegFrames } from '../src/main/core/capture/ffmpeg-frames'
import { RecognitionClient } from '../src/main/core/recognition/client'
import { RecognitionError } from '../src/main/core/recognition/errors'
import { decodeImage } from '../src/main/core/recognition/image-input'
import type { ReaderChoice } from '../src/main/core/recognition/pipeline'
import { PlateTracker } from '../src/main/core/recognition/tracker'
import type { PlateRead } from '../src/main/core/recognition/types'

const VIDEO = new Set(['.mp4', '.m4v', '.mov', '.avi', '.mkv', '.webm', '.mpg', '.mpeg', '.ts', '.mts', '.wmv', '.flv'])
const IMAGE = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp', '.gif'])
const USAGE = 'usage: npm run recognize -- [--json] [--fps N] [--state XX] [--reader auto|ppocr|plate-ocr|plate-ocr+ppocr] [--threads N] FILE...'

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        fps: { type: 'string', default: '5' },
        state: { type: 'string' },
        reader: { type: 'string', default: 'auto' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

const { values, positionals: files } = parse()
if (values.help || files.length === 0) {
  console.error(USAGE)
  process.exit(values.help ? 0 : 2)
}
const fps = Number(values.fps)
if (!(fps > 0 && fps <= 60)) {
  console.error(`--fps must be a number between 0 and 60\n${USAGE}`)
  process.exit(2)
}
if (!['auto', 'ppocr', 'plate-ocr', 'plate-ocr+ppocr'].includes(values.reader!)) {
  console.error(`--reader must be auto, ppocr, plate-ocr or plate-ocr+ppocr\n${USAGE}`)
  process.exit(2)
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d
const plateJson = (p: Pick<PlateRead, 'text' | 'confidence' | 'confident' | 'box'>) => ({
  text: p.text,
  confidence: round(p.confidence),
  confident: p.confident,
  box: p.box,
})

function printTable(file: string, rows: { when?: string; text: string; confidence: number; confident: boolean; box: number[] }[], ms?: number): void {
  console.log(`${file}${ms !== undefined ? `  (${ms} ms)` : ''}`)
  if (rows.length === 0) console.log('  no plate found')
  for (const r of rows) {
    const when = r.when ? `${r.when.padStart(8)}  ` : ''
    console.log(`  ${when}${r.text.padEnd(9)} ${(r.confidence * 100).toFixed(1).padStart(5)}%  ${r.confident ? 'confident' : '         '}  box ${r.box.join(',')}`)
  }
}

async function checkReadable(file: string): Promise<void> {
  try {
    await access(file, constants.R_OK)
  } catch {
    throw new RecognitionError('NOT_FOUND', 'no such file, or it cannot be read')
  }
  if (!(await stat(file)).isFile()) throw new RecognitionError('UNSUPPORTED_INPUT', 'not a file')
}

async function recognizeImage(client: RecognitionClient, file: string): Promise<void> {
  const started = performance.now()
  const image = await decodeImage(await readFile(file))
  const result = await client.recognize(image, { state: values.state ?? null })
  const ms = Math.round(performance.now() - started)
  if (values.json) console.log(JSON.stringify({ file, plates: result.plates.map(plateJson), ms }))
  else printTable(file, result.plates, ms)
}

async function recognizeVideo(client: RecognitionClient, file: string): Promise<void> {
  const tracker = new PlateTracker({ maxGapMs: Math.max(1500, 3000 / fps) })
  const reads = []
  for await (const frame of ffmpegFrames(file, { fps, maxSide: 1920 })) {
    const result = await client.recognize(frame.image, { state: values.state ?? null })
    reads.push(...tracker.push(frame.ms, result.plates))
  }
  reads.push(...tracker.flush())
  reads.sort((a, b) => a.bestMs - b.bestMs)
  if (values.json) {
    for (const r of reads) {
      console.log(JSON.stringify({ file, time: round(r.bestMs / 1000), from: round(r.firstMs / 1000), to: round(r.lastMs / 1000), frames: r.frames, ...plateJson({ ...r, box: r.best.box }) }))
    }
  } else {
    printTable(file, reads.map((r) => ({ when: `${(r.bestMs / 1000).toFixed(1)}s`, text: r.text, confidence: r.confidence, confident: r.confident, box: r.best.box })))
  }
}

async function main(): Promise<number> {
  const client = new RecognitionClient({
    pipeline: { reader: values.reader as ReaderChoice, threads: values.threads ? Number(values.threads) : undefined },
    maxQueue: 1,
  })
  let failed = 0
  try {
    await client.start()
  } catch (error) {
    console.error(`recognize: ${(error as Error).message}`)
    return 1
  }
  for (const file of files) {
    try {
      await checkReadable(file)
      const ext = extname(file).toLowerCase()
      if (VIDEO.has(ext)) await recognizeVideo(client, file)
      else if (IMAGE.has(ext) || ext === '') await recognizeImage(client, file)
      else throw new RecognitionError('UNSUPPORTED_INPUT', `unsupported file type "${ext}" (images: jpg, png, webp...; videos: mp4, mov, mkv, avi...)`)
    } catch (error) {
      failed++
      const code = RecognitionError.is(error) ? error.code : 'INTERNAL'
      console.error(`${file}: ${code}: ${(error as Error).message}`)
      if (code === 'MODEL_LOAD_FAILED' || code === 'WORKER_CLOSED') break
    }
  }
  await client.close()
  return failed > 0 ? 1 : 0
}

process.exitCode = await main()
