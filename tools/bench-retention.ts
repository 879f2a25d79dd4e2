// Retention benchmark (issue 7): seeds N reads spread evenly over the retention period plus one day, then
// times the purge of that one expired day as the application runs it (store worker, small steps), measures
// how long any other store query waited meanwhile, and reports the database file's size before and after
// (WAL checkpointed both times).
// Usage: npm run bench:retention -- [--json] [--reads N] [--purge-batch N] [--dir DIR] [--keep] [--out DIR]
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { DB_FILE_NAME, openStore } from '../src/main/core/store'
import { openDatabase } from '../src/main/core/store/database'
import { fileKeyProtector, loadOrCreateKey } from '../src/main/core/store/key'
import { type NewRead, ReadsRepository } from '../src/main/core/store/repositories/reads'
import { DAY } from '../src/main/core/clock'
import { resolveSettings } from '../src/main/core/settings/definitions'
import { DEFAULT_BATCH, runPurge } from '../src/main/core/retention/purge'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reads: { type: 'string', default: '10000000' },
    'seed-batch': { type: 'string', default: '100000' },
    'purge-batch': { type: 'string' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench-results') },
  },
})

const N = Number(values.reads)
const SEED_BATCH = Number(values['seed-batch'])
const PURGE_BATCH = values['purge-batch'] ? Number(values['purge-batch']) : undefined
if (!Number.isInteger(N) || N < 1000) throw new Error('--reads must be a whole number of at least 1000')

const log = (line: string) => {
  if (!values.json) console.log(line)
  else process.stderr.write(`${line}\n`)
}

/** A fixed "now", so the cut-off falls exactly one day into the seeded reads. */
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0)
const CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'

/** A small deterministic generator, so two runs seed the same plates. */
function* plates(seed: number): Generator<string> {
  let x = seed >>> 0
  for (;;) {
    let plate = ''
    for (let i = 0; i < 7; i++) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      plate += CHARS[(x >>> 0) % CHARS.length]
    }
    yield plate
  }
}

const fileBytes = (dir: string): { db: number; wal: number } => {
  const size = (p: string) => statSync(p, { throwIfNoEntry: false })?.size ?? 0
  return { db: size(join(dir, DB_FILE_NAME)), wal: size(join(dir, `${DB_FILE_NAME}-wal`)) }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
const round = (n: number, digits = 1) => Number(n.toFixed(digits))

async function main() {
  const dataDir = values.dir ? resolve(values.dir) : mkdtempSync(join(tmpdir(), 'alpr-bench-retention-'))
  mkdirSync(dataDir, { recursive: true })
  const settings = resolveSettings({})
  const span = (settings.readRetentionDays + 1) * DAY
  const oldest = NOW - span
  log(`data folder ${dataDir}; seeding ${N.toLocaleString('en-US')} reads over ${settings.readRetentionDays + 1} days`)

  // Create the store (key, schema) through the application, then seed directly with the repository class:
  // one connection, big transactions, prepared statements, no worker round trips.
  await (await openStore({ dataDir })).close()
  const key = await loadOrCreateKey(dataDir, join(dataDir, DB_FILE_NAME), fileKeyProtector)
  const seedStarted = performance.now()
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key })
  db.pragma('cache_size = -1000000') // 1 GB page cache while seeding, so index inserts stay in memory
  const reads = new ReadsRepository(db)
  const gen = plates(20260601)
  for (let done = 0; done < N; ) {
    const batch: NewRead[] = []
    for (let i = 0; i < SEED_BATCH && done < N; i++, done++) {
      const readAt = oldest + Math.floor((done * span) / N)
      batch.push({
        plate: gen.next().value as string,
        state: 'CA',
        confidence: 0.9,
        readAt,
        cameraId: null,
        latitude: 34.05,
        longitude: -118.25,
        source: 'camera',
        createdAt: readAt,
      })
    }
    reads.insert(batch)
    if (done % 1_000_000 === 0 || done === N) log(`  ${done.toLocaleString('en-US')} reads (${round((performance.now() - seedStarted) / 1000)} s)`)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  key.fill(0)
  const seedSeconds = (performance.now() - seedStarted) / 1000

  const store = await openStore({ dataDir })
  await store.retention.checkpointWal()
  const before = fileBytes(dataDir)
  const statsBefore = await store.retention.fileStats()

  // Baseline: how long the probe query takes when nothing else runs.
  const baseline: number[] = []
  for (let i = 0; i < 200; i++) {
    const t = performance.now()
    await store.retention.ping()
    baseline.push(performance.now() - t)
  }

  // The probe: another query, issued again as soon as the previous one answers, for as long as the purge runs.
  let purging = true
  const waits: number[] = []
  const probe = (async () => {
    while (purging) {
      const t = performance.now()
      await store.retention.ping()
      waits.push(performance.now() - t)
      await new Promise((r) => setTimeout(r, 5))
    }
  })()
  const purgeStarted = performance.now()
  const run = await runPurge({ store, clock: { now: () => NOW }, deviceId: 'bench', kind: 'manual', batchSize: PURGE_BATCH })
  const purgeSeconds = (performance.now() - purgeStarted) / 1000
  purging = false
  await probe
  const after = fileBytes(dataDir)
  const statsAfter = await store.retention.fileStats()
  await store.close()

  waits.sort((a, b) => a - b)
  baseline.sort((a, b) => a - b)
  const result = {
    benchmark: 'retention',
    reads: N,
    spanDays: settings.readRetentionDays + 1,
    readRetentionDays: settings.readRetentionDays,
    imagesSeeded: false,
    seed: { seconds: round(seedSeconds), readsPerSecond: Math.round(N / seedSeconds) },
    purge: {
      seconds: round(purgeSeconds, 2),
      outcome: run.outcome,
      readsDeleted: run.readsDeleted,
      readsPerSecond: Math.round(run.readsDeleted / purgeSeconds),
      batchSize: PURGE_BATCH ?? DEFAULT_BATCH,
      pagesFreed: run.pagesFreed,
    },
    file: {
      pageSize: statsBefore.pageSize,
      beforeBytes: before.db,
      afterBytes: after.db,
      walBeforeBytes: before.wal,
      walAfterBytes: after.wal,
      pagesBefore: statsBefore.pageCount,
      pagesAfter: statsAfter.pageCount,
      freePagesAfter: statsAfter.freePages,
    },
    otherQueriesDuringPurge: {
      probes: waits.length,
      maxWaitMs: round(waits.at(-1) ?? 0, 2),
      p99WaitMs: round(quantile(waits, 0.99), 2),
      medianWaitMs: round(quantile(waits, 0.5), 2),
      baselineMedianMs: round(quantile(baseline, 0.5), 2),
    },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
    at: new Date().toISOString(),
  }
  mkdirSync(values.out, { recursive: true })
  writeFileSync(join(values.out, 'retention.json'), `${JSON.stringify(result, null, 2)}\n`)
  if (values.json) console.log(JSON.stringify(result, null, 2))
  else {
    log(`purged ${run.readsDeleted.toLocaleString('en-US')} reads in ${result.purge.seconds} s`)
    log(`file ${(before.db / 2 ** 20).toFixed(1)} MiB → ${(after.db / 2 ** 20).toFixed(1)} MiB`)
    log(`other queries waited at most ${result.otherQueriesDuringPurge.maxWaitMs} ms (p99 ${result.otherQueriesDuringPurge.p99WaitMs} ms)`)
  }
  if (!values.keep && !values.dir) rmSync(dataDir, { recursive: true, force: true })
}

await main()
