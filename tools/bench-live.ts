// Live-capture benchmark (issue 4): cameras of 1280×720 at 5 fps, each a generated plate video served by
// ffmpeg over HTTP on 127.0.0.1 (looped, in real time), read by the app's capture (one ffmpeg per camera, the
// shared recognition worker, the tracker, the encrypted store, hot-list matching). Every plate of the video is
// on a hot list, so each pass is an alert and frame-to-alert latency is measured on every one: from the
// arrival (decoded, from ffmpeg) of the first frame in which the plate was confidently readable to the hit
// being stored.
// Ramps 1, 2, 3… cameras and stops at the first count that loses a read (a pass of a listed plate with no right
// read); frames dropped because recognition was busy are counted too. --cameras N measures N only.
// Usage: npm run bench:live -- [--json] [--cameras N] [--seconds S] [--max-cameras N] [--out DIR]
import { readFileSync, readdirSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { openStore } from '../src/main/core/store'
import { CaptureManager } from '../src/main/core/capture/capture-manager'
import { LiveSignal } from '../src/main/core/live/signal'
import { systemClock } from '../src/main/core/clock'
import { makePlateVideo, serveVideo, type VideoServer } from '../test/helpers/plate-video'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    cameras: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    'max-cameras': { type: 'string', default: '8' },
    out: { type: 'string', default: join(ROOT, 'bench-results') },
  },
})
const SECONDS = Number(values.seconds)
const FIXED = values.cameras === undefined ? null : Number(values.cameras)
const MAX = FIXED ?? Number(values['max-cameras'])
if (!(SECONDS >= 5)) throw new Error('--seconds must be at least 5')
if (!(Number.isInteger(MAX) && MAX >= 1)) throw new Error('--cameras and --max-cameras must be whole numbers of at least 1')

const FPS = 5
const WIDTH = 1280
const HEIGHT = 720
const PLATES = ['7ABC123', '5KLM246', '6TRX901', '4PQR552']

const log = (line: string) => (values.json ? process.stderr.write(`${line}\n`) : console.log(line))

/** CPU seconds (user + system) of this process's ffmpeg children other than the servers: /proc/<pid>/stat. */
function captureFfmpegCpu(servers: Set<number>): number {
  const tick = 100 // USER_HZ on Linux
  let total = 0
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || servers.has(Number(name))) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const fields = stat.slice(close + 2).split(' ')
      if (comm !== 'ffmpeg' || Number(fields[1]) !== process.pid) continue
      total += (Number(fields[11]) + Number(fields[12])) / tick
    } catch {
      // the process ended meanwhile
    }
  }
  return total
}

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]!)
}

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const end = performance.now() + timeoutMs
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function main() {
  const started = performance.now()
  log(`rendering the ${WIDTH}×${HEIGHT} plate video…`)
  const video = await makePlateVideo({ plates: PLATES, format: 'ts', fps: FPS, width: WIDTH, height: HEIGHT, plateWidth: 260 })
  const dir = mkdtempSync(join(tmpdir(), 'alpr-bench-live-'))
  const store = await openStore({ dataDir: dir })
  const clock = systemClock
  await store.hotLists.replaceEntries(
    {
      newList: {
        id: 'bench', name: 'Benchmark list', source: 'bench', kind: 'file', priority: 1, color: '#c62828', sound: 'alarm',
        covert: false, retentionDays: null, description: '', createdAt: clock.now(), createdBy: 'bench',
      },
    },
    PLATES.map((plate) => ({ plate, state: 'CA', reason: 'benchmark', enteredAt: clock.now(), vehicle: '', sourceRef: '', expiresAt: null, createdAt: clock.now(), addedBy: 'bench' })),
    clock.now(),
    'bench',
  )

  /** Passes read right: camera|loop of the clip|plate. */
  const readPasses = new Set<string>()
  /** Passes of the clip wholly inside [fromMs, toMs] of a camera's stream time, closing gap included. */
  const passesWithin = (cameraId: string, fromMs: number, toMs: number): string[] => {
    const out: string[] = []
    for (let loop = Math.floor(fromMs / video.durationMs); loop * video.durationMs <= toMs; loop++) {
      video.passes.forEach((p, i) => {
        const start = loop * video.durationMs + p.fromMs
        const end = loop * video.durationMs + p.toMs + 2000
        if (start >= fromMs && end <= toMs) out.push(`${cameraId}|${loop}|${i}`)
      })
    }
    return out
  }
  let window: { latencies: number[]; afterRecognition: number[]; reads: number; duplicates: number; alerts: number; lateAlerts: number } | null = null
  const capture = new CaptureManager(
    { store, clock, live: new LiveSignal(), recognition: {}, reportFailure: (what, e) => log(`${what} failed: ${(e as Error).message}`) },
    {
      onIngested: ({ cameraId, reads, result }) => {
        for (const r of reads) {
          const plate = PLATES.indexOf(r.read.text)
          if (plate < 0) continue
          const key = `${cameraId}|${Math.floor(r.read.firstMs / video.durationMs)}|${plate}`
          if (readPasses.has(key) && window) window.duplicates++
          readPasses.add(key)
        }
        if (!window) return
        window.reads += reads.length
                if (result.hitIds.length === 0) return
        window.alerts += result.hitIds.length
        for (const r of reads) {
          if (r.read.early) {
            window.latencies.push(result.storedAt - r.seenAt)
            window.afterRecognition.push(result.storedAt - r.recognizedAt)
          }
          else window.lateAlerts++ // alerted only when the pass closed: no single confident frame
        }
      },
    },
  )
  const servers: VideoServer[] = []
  const steps: Record<string, unknown>[] = []
  try {
    for (let n = FIXED ?? 1; n <= MAX; n++) {
      while (servers.length < n) {
        const server = await serveVideo(video.path, { loop: true })
        servers.push(server)
        await store.cameras.create({
          id: `bench-${servers.length}`, name: `Bench camera ${servers.length}`, kind: 'fixed', latitude: null, longitude: null,
          location: '', direction: null, sourceKind: 'http', sourceUrl: server.url, fps: FPS, roi: null, credentials: null,
          enabled: true, createdAt: clock.now(), createdBy: 'bench',
        })
      }
      await capture.refresh()
      await until(`${n} cameras to go live`, () => capture.statuses().filter((s) => s.state === 'live').length === n, 60_000)
      await new Promise((r) => setTimeout(r, 3000)) // models loaded, streams settled
      const serverPids = () => new Set(servers.flatMap((s) => s.pids))
      const before = { counters: capture.counters(), cpu: process.cpuUsage(), ffmpeg: captureFfmpegCpu(serverPids()), at: performance.now() }
      window = { latencies: [], afterRecognition: [], reads: 0, duplicates: 0, alerts: 0, lateAlerts: 0 }
      log(`${n} camera${n > 1 ? 's' : ''}: measuring ${SECONDS} s…`)
      await new Promise((r) => setTimeout(r, SECONDS * 1000))
      const w = window
      window = null
      const after = { counters: capture.counters(), cpu: process.cpuUsage(before.cpu), ffmpeg: captureFfmpegCpu(serverPids()), at: performance.now() }
      const elapsed = (after.at - before.at) / 1000
      const delta = (k: 'framesIn' | 'framesRecognized' | 'framesDropped' | 'framesFailed') =>
        Object.keys(after.counters).reduce((sum, id) => sum + after.counters[id]![k] - (before.counters[id]?.[k] ?? 0), 0)
      const framesIn = delta('framesIn')
      // Stream time of each camera (frames are numbered from its connection at FPS).
      const due = Object.keys(after.counters).flatMap((id) =>
        passesWithin(id, ((before.counters[id]?.framesIn ?? 0) * 1000) / FPS, (after.counters[id]!.framesIn * 1000) / FPS),
      )
      const missed = due.filter((key) => !readPasses.has(key)).length
      const dropped = delta('framesDropped') + delta('framesFailed')
      const mainCpu = (after.cpu.user + after.cpu.system) / 1e6
      const ffmpegCpu = after.ffmpeg - before.ffmpeg
      const step = {
        cameras: n,
        seconds: Math.round(elapsed * 10) / 10,
        framesIn,
        framesProcessedPerSecond: Math.round((delta('framesRecognized') / elapsed) * 10) / 10,
        framesDropped: dropped,
        reads: w.reads,
        // Passes that began and ended while measuring, and how many of them got no right read.
        passes: due.length,
        passesMissed: missed,
        // A second read of a pass already read (one read per pass is the rule).
        duplicateReads: w.duplicates,
        alerts: w.alerts,
        alertsOnlyAtPassEnd: w.lateAlerts,
        frameToAlertMs: { median: quantile(w.latencies, 0.5), p95: quantile(w.latencies, 0.95), max: quantile(w.latencies, 1), n: w.latencies.length },
        // The part after recognition answered: crop, JPEG, store, hot-list match.
        recognizedToAlertMs: { median: quantile(w.afterRecognition, 0.5), p95: quantile(w.afterRecognition, 0.95) },
        cpuPercentPerCamera: {
          mainAndWorker: Math.round((mainCpu / elapsed / n) * 1000) / 10,
          ffmpeg: Math.round((ffmpegCpu / elapsed / n) * 1000) / 10,
          total: Math.round(((mainCpu + ffmpegCpu) / elapsed / n) * 1000) / 10,
        },
        // No read lost: every pass read. (Frames may still be dropped: a pass has several.)
        sustained: missed === 0 && due.length > 0,
        withoutFrameDrops: dropped === 0 && framesIn > 0,
      }
      steps.push(step)
      log(JSON.stringify(step))
      if (!step.sustained) break
    }
  } finally {
    await capture.stop()
    for (const s of servers) await s.kill()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
  const sustained = steps.filter((s) => s.sustained).map((s) => s.cameras as number)
  const result = {
    benchmark: 'live',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    camera: { width: WIDTH, height: HEIGHT, fps: FPS, plates: PLATES.length, source: 'HTTP MPEG-TS from ffmpeg on 127.0.0.1' },
    steps,
    maxCamerasWithoutDroppingReads: FIXED === null ? (sustained.length ? Math.max(...sustained) : 0) : null,
    maxCamerasWithoutDroppingFrames: FIXED === null ? Math.max(0, ...steps.filter((s) => s.withoutFrameDrops).map((s) => s.cameras as number)) : null,
    reachedMaxCameras: FIXED === null && steps.length > 0 && steps.every((s) => s.sustained),
    totalSeconds: Math.round((performance.now() - started) / 1000),
  }
  mkdirSync(values.out!, { recursive: true })
  writeFileSync(join(values.out!, 'bench-live.json'), JSON.stringify(result, null, 2))
  if (values.json) console.log(JSON.stringify(result, null, 2))
  else {
    for (const s of steps) {
      const st = s as { cameras: number; framesProcessedPerSecond: number; framesDropped: number; frameToAlertMs: { median: number | null; p95: number | null }; cpuPercentPerCamera: { total: number } }
      console.log(`${st.cameras} cameras: ${st.framesProcessedPerSecond} frames/s, ${st.framesDropped} dropped, alert median ${st.frameToAlertMs.median} ms p95 ${st.frameToAlertMs.p95} ms, CPU ${st.cpuPercentPerCamera.total}% per camera`)
    }
    if (FIXED === null) {
      console.log(`largest number of cameras without dropping reads: ${result.maxCamerasWithoutDroppingReads}${result.reachedMaxCameras ? ' (the ramp limit)' : ''}`)
      console.log(`largest number of cameras without dropping frames: ${result.maxCamerasWithoutDroppingFrames}`)
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
