// Store benchmark (issue 5). Fills a new encrypted store with N synthetic reads over 60 days (bulk-loaded on one
// connection with the reads' indexes and triggers built afterwards, so 10 million fit in minutes), then:
// - ingest: more reads through the store's writer in batches, as capture and footage write them, into the full
//   store (the sustained rate at that size, every index and trigger in place): the same traffic continuing in
//   time order, then vehicles never seen at random times; with the WAL's largest size meanwhile;
// - search: first pages as search.reads asks for them (50 reads, capped count) for exact plate, prefix and infix
//   wildcards, similar plate, and a day on two cameras: median and p95;
// - search while ingesting: the same searches (on the reader connection) while another ingest runs;
// - the database size per million reads.
// Usage: npm run bench:store -- [--json] [--reads N] [--ingest-reads N] [--queries Q] [--dir DIR] [--keep] [--out DIR]
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { DB_FILE_NAME, openStore, type Store } from '../src/main/core/store'
import { openDatabase } from '../src/main/core/store/database'
import { fileKeyProtector, loadOrCreateKey } from '../src/main/core/store/key'
import { ReadsRepository } from '../src/main/core/store/repositories/reads'
import type { SearchQuery } from '../src/main/core/store/repositories/search'
import { CONFUSIONS } from '../src/main/core/plates/confusions'
import { DAY } from '../src/main/core/clock'
import { SEARCH_COUNT_CAP } from '../src/shared/contract/search'
import { seededRandom } from '../src/main/core/audits/sample'
import { syntheticCameras, syntheticReads } from './synthetic/reads'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reads: { type: 'string', default: '10000000' },
    queries: { type: 'string', default: '200' },
    batch: { type: 'string', default: '5000' },
    'ingest-reads': { type: 'string', default: '200000' },
    'live-reads': { type: 'string', default: '50000' },
    /** Live capture writes small batches (a pass over the cameras), so searches wait for one small transaction. */
    'live-batch': { type: 'string', default: '500' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench-results') },
  },
})

const N = Number(values.reads)
const QUERIES = Number(values.queries)
const BATCH = Number(values.batch)
const INGEST_READS = Number(values['ingest-reads'])
const LIVE_READS = Number(values['live-reads'])
const LIVE_BATCH = Number(values['live-batch'])
if (!Number.isInteger(N) || N < 10_000) throw new Error('--reads must be a whole number of at least 10000')

const log = (line: string) => {
  if (!values.json) console.log(line)
  else process.stderr.write(`${line}\n`)
}

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0)
const SPAN_DAYS = 60
const CAMERAS = syntheticCameras(40)
const PAGE = 50
/** Seed of the bulk-loaded reads (their vehicles come from BULK_SEED + 1, syntheticReads' default). */
const BULK_SEED = 1

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
const round = (n: number, digits = 1) => Number(n.toFixed(digits))
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b)
  return { runs: s.length, medianMs: round(quantile(s, 0.5), 2), p95Ms: round(quantile(s, 0.95), 2), maxMs: round(s.at(-1) ?? 0, 2) }
}

/**
 * Reads arriving through the store worker in batches. `continuing`: the traffic of the bulk-loaded reads goes on
 * (the same vehicles, so mostly plates the store has seen) in time order, as live capture writes it. Otherwise a
 * population of vehicles the store has never seen, at random times within the range (the harder case: a new
 * distinct plate for one read in four, each a row in `plates` and its trigram index, and index inserts all over
 * the day).
 */
async function ingest(store: Store, o: { count: number; seed: number; from: number; to: number; continuing: boolean; batchSize?: number }): Promise<{ seconds: number; secondHalfSeconds: number }> {
  const traffic = o.continuing ? { ordered: true, fleetSeed: BULK_SEED + 1, vehicles: Math.ceil(N / 4) } : {}
  // Only the store's time counts: making up the synthetic reads (a fleet of millions of vehicles first) does not.
  // The second half alone, once the store's caches are warm, is the rate a long ingest keeps up.
  let storeMs = 0
  let firstHalfMs = 0
  let done = 0
  for (const batch of syntheticReads({ count: o.count, cameras: CAMERAS, from: o.from, to: o.to, seed: o.seed, batchSize: o.batchSize ?? BATCH, createdAt: NOW, ...traffic })) {
    const started = performance.now()
    await store.reads.insert(batch)
    storeMs += performance.now() - started
    done += batch.length
    if (done <= o.count / 2) firstHalfMs = storeMs
  }
  return { seconds: storeMs / 1000, secondHalfSeconds: (storeMs - firstHalfMs) / 1000 }
}

const rate = (reads: number, seconds: number) => Math.round(reads / seconds)

/** The first page as search.reads asks for it (50 reads, capped count). */
const firstPage = (q: Partial<SearchQuery>): SearchQuery => ({ hits: 'any', covert: false, sort: 'newest', limit: PAGE, countCap: SEARCH_COUNT_CAP, ...q })

/** Queries drawn from the plates in the store (so they find something), deterministic for the seed. */
function queries(samplePlates: string[]) {
  const rand = seededRandom(99)
  const pick = () => samplePlates[Math.floor(rand() * samplePlates.length)]!
  // A plate as a misread would give it: its first confusable character swapped for another of its group.
  const swapOne = (plate: string): string => {
    for (let i = 0; i < plate.length; i++) {
      const rep = CONFUSIONS[plate[i]!] ?? plate[i]!
      const group = [rep, ...Object.keys(CONFUSIONS).filter((k) => CONFUSIONS[k] === rep)]
      const other = group.find((c) => c !== plate[i])
      if (group.length > 1 && other) return plate.slice(0, i) + other + plate.slice(i + 1)
    }
    return plate
  }
  const from = NOW - SPAN_DAYS * DAY
  const make = (f: (i: number) => Partial<SearchQuery>) => Array.from({ length: QUERIES }, (_, i) => firstPage(f(i)))
  return {
    exact: make(() => ({ plate: pick() })),
    prefixWildcard: make(() => ({ pattern: `${pick().slice(0, 4)}*` })),
    infixWildcard: make(() => ({ pattern: `*${pick().slice(1, 5)}*` })),
    similar: make(() => ({ similar: swapOne(pick()), sort: 'similarity' })),
    timeRangeCamera: make(() => {
      const start = from + Math.floor(rand() * (SPAN_DAYS - 1)) * DAY + Math.floor(rand() * 12) * 3_600_000
      const cams = [CAMERAS[Math.floor(rand() * CAMERAS.length)]!.id, CAMERAS[Math.floor(rand() * CAMERAS.length)]!.id]
      return { from: start, to: start + DAY, cameraIds: cams }
    }),
  }
}

async function timeQueries(store: Store, list: SearchQuery[]): Promise<{ ms: number[]; found: number; strategies: Record<string, number> }> {
  const ms: number[] = []
  let found = 0
  const strategies: Record<string, number> = {}
  for (const q of list) {
    const t = performance.now()
    const answer = await store.search.search(q)
    ms.push(performance.now() - t)
    found += answer.rows.length
    const kind = answer.strategy.replace(/\(\d+\)/, '')
    strategies[kind] = (strategies[kind] ?? 0) + 1
  }
  return { ms, found, strategies }
}

const fileBytes = (dir: string) => statSync(join(dir, DB_FILE_NAME), { throwIfNoEntry: false })?.size ?? 0

/**
 * The N reads, loaded on one connection: the indexes and triggers over reads (and the plates' trigram trigger)
 * are set aside, the reads inserted through the reads repository in large transactions, then the same
 * definitions (read back from the schema, so nothing is restated here) are created again, the distinct plates
 * filled and their trigram index rebuilt. The store ends exactly as the migrations define it.
 */
function bulkLoad(dataDir: string, key: Buffer, count: number): number {
  const started = performance.now()
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME), key })
  key.fill(0)
  db.pragma('cache_size = -1000000')
  const camera = db.prepare(
    `INSERT INTO cameras (id, name, kind, latitude, longitude, location, direction, created_at)
     VALUES (@id, @name, @kind, @latitude, @longitude, @location, @direction, ${NOW})`,
  )
  for (const c of CAMERAS) camera.run(c)
  const deferred = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('reads', 'plates') AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[]
  for (const d of deferred) db.exec(`DROP ${d.type.toUpperCase()} ${d.name}`)
  const reads = new ReadsRepository(db)
  let done = 0
  for (const batch of syntheticReads({ count, cameras: CAMERAS, from: NOW - SPAN_DAYS * DAY, to: NOW - DAY, seed: BULK_SEED, batchSize: 100_000, createdAt: NOW })) {
    reads.insert(batch)
    done += batch.length
    if (done % 1_000_000 === 0) log(`  ${done.toLocaleString('en-US')} reads loaded (${round((performance.now() - started) / 1000)} s)`)
  }
  for (const d of deferred.filter((x) => x.type === 'index')) db.exec(d.sql)
  db.exec('INSERT OR IGNORE INTO plates (plate) SELECT DISTINCT plate FROM reads')
  db.exec(`INSERT INTO plates_trigram (plates_trigram) VALUES ('rebuild')`)
  for (const d of deferred.filter((x) => x.type === 'trigger')) db.exec(d.sql)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return (performance.now() - started) / 1000
}

async function main() {
  const dataDir = values.dir ? resolve(values.dir) : mkdtempSync(join(tmpdir(), 'alpr-bench-store-'))
  mkdirSync(dataDir, { recursive: true })
  log(`data folder ${dataDir}; ingesting ${N.toLocaleString('en-US')} reads over ${SPAN_DAYS} days, ${CAMERAS.length} cameras, batches of ${BATCH}`)

  // The store, its key and schema through the application.
  await (await openStore({ dataDir })).close()
  const seedSeconds = bulkLoad(dataDir, await loadOrCreateKey(dataDir, join(dataDir, DB_FILE_NAME), fileKeyProtector), N)
  log(`bulk load: ${round(seedSeconds)} s`)

  const store = await openStore({ dataDir })
  await store.retention.checkpointWal()
  const bytes = fileBytes(dataDir)
  // The WAL's largest size while reads arrive (the checkpointer folds it into the file and starts it over).
  let walPeakBytes = 0
  const walWatch = setInterval(() => {
    walPeakBytes = Math.max(walPeakBytes, statSync(join(dataDir, `${DB_FILE_NAME}-wal`), { throwIfNoEntry: false })?.size ?? 0)
  }, 250)
  const continuing = await ingest(store, { count: INGEST_READS, seed: 3, from: NOW - DAY, to: NOW - DAY / 2, continuing: true })
  log(`ingest into the full store: ${rate(INGEST_READS, continuing.seconds).toLocaleString('en-US')} reads/s (${round(continuing.seconds)} s; second half ${rate(INGEST_READS / 2, continuing.secondHalfSeconds).toLocaleString('en-US')} reads/s)`)
  const newTraffic = await ingest(store, { count: INGEST_READS, seed: 4, from: NOW - DAY / 2, to: NOW - 3_600_000, continuing: false })
  log(`ingest of vehicles never seen, at random times: ${rate(INGEST_READS, newTraffic.seconds).toLocaleString('en-US')} reads/s (${round(newTraffic.seconds)} s; second half ${rate(INGEST_READS / 2, newTraffic.secondHalfSeconds).toLocaleString('en-US')} reads/s)`)

  // Plates to search for: ones the store holds, found through the search itself (newest reads of random cameras).
  const sample = new Set<string>()
  for (const c of CAMERAS) {
    for (const r of (await store.search.search(firstPage({ cameraIds: [c.id], limit: 200, countCap: undefined }))).rows) sample.add(r.plate)
  }
  const sets = queries([...sample])
  const searches: Record<string, ReturnType<typeof stats> & { found: number; strategies: Record<string, number> }> = {}
  for (const [name, list] of Object.entries(sets)) {
    await timeQueries(store, list.slice(0, 10)) // warm the cache for this kind, as a working session would
    const { ms, found, strategies } = await timeQueries(store, list)
    searches[name] = { ...stats(ms), found, strategies }
    log(`${name}: median ${searches[name].medianMs} ms, p95 ${searches[name].p95Ms} ms (${found} reads in ${list.length} first pages)`)
  }

  // Searching while reads keep arriving: one ingest of LIVE_READS, exact and time+camera searches meanwhile.
  let ingesting = true
  const during: number[] = []
  const mixed = [...sets.exact, ...sets.timeRangeCamera]
  const probe = (async () => {
    for (let i = 0; ingesting; i++) {
      const t = performance.now()
      await store.search.search(mixed[i % mixed.length]!)
      during.push(performance.now() - t)
    }
  })()
  const liveSeconds = (await ingest(store, { count: LIVE_READS, seed: 2, from: NOW - 3_600_000, to: NOW, continuing: true, batchSize: LIVE_BATCH })).seconds
  ingesting = false
  await probe
  clearInterval(walWatch)
  log(`WAL at most ${round(walPeakBytes / 2 ** 20)} MiB while ingesting`)
  log(`while ingesting ${rate(LIVE_READS, liveSeconds).toLocaleString('en-US')} reads/s: searches median ${stats(during).medianMs} ms, p95 ${stats(during).p95Ms} ms`)
  await store.close()

  const result = {
    benchmark: 'store',
    reads: N,
    cameras: CAMERAS.length,
    spanDays: SPAN_DAYS,
    imagesSeeded: false,
    bulkLoadSeconds: round(seedSeconds),
    ingest: {
      reads: INGEST_READS,
      seconds: round(continuing.seconds),
      readsPerSecond: rate(INGEST_READS, continuing.seconds),
      secondHalfReadsPerSecond: rate(INGEST_READS / 2, continuing.secondHalfSeconds),
      batch: BATCH,
      path: `store.reads.insert through the store worker, one transaction per batch, into the store already holding ${N} reads (the time spent in those calls)`,
      traffic: 'the bulk-loaded traffic continuing (same vehicles), read times in order as live capture writes them',
    },
    ingestNewVehicles: {
      reads: INGEST_READS,
      seconds: round(newTraffic.seconds),
      readsPerSecond: rate(INGEST_READS, newTraffic.seconds),
      secondHalfReadsPerSecond: rate(INGEST_READS / 2, newTraffic.secondHalfSeconds),
      batch: BATCH,
      traffic: 'vehicles the store has never seen (a new plate for one read in four), read times at random within half a day',
    },
    search: { page: PAGE, countCap: SEARCH_COUNT_CAP, path: 'store.search.search on the reader connection (what search.reads runs, without the guard and access log)', ...searches },
    searchWhileIngesting: { ingestReads: LIVE_READS, ingestBatch: LIVE_BATCH, ingestReadsPerSecond: rate(LIVE_READS, liveSeconds), searches: 'exact and time-range-plus-camera first pages, one after another, on the reader connection while the writer ingests', ...stats(during) },
    database: { bytes, reads: N, mibPerMillionReads: round(bytes / 2 ** 20 / (N / 1e6)), walPeakMiBWhileIngesting: round(walPeakBytes / 2 ** 20) },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
    at: new Date().toISOString(),
  }
  mkdirSync(values.out, { recursive: true })
  writeFileSync(join(values.out, 'store.json'), `${JSON.stringify(result, null, 2)}\n`)
  if (values.json) console.log(JSON.stringify(result, null, 2))
  if (!values.keep && !values.dir) rmSync(dataDir, { recursive: true, force: true })
}

await main()
