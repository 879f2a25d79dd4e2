// Synthetic but realistic plate reads for demos, training sessions and benchmarks: a fixed population of
// vehicles seen with a skewed frequency (commuters pass the same cameras daily, most cars rarely), California
// plate formats with a few out-of-state ones, a day-and-night traffic curve, and recognition-like confidences.
// Deterministic for a seed, so a benchmark can be rerun on the same data. No images (see demo-seed for those).
import { seededRandom } from '../../src/main/core/audits/sample'
import type { NewRead } from '../../src/main/core/store/repositories/reads'

export interface SyntheticCamera {
  id: string
  name: string
  kind: 'fixed' | 'mobile'
  latitude: number
  longitude: number
  location: string
  direction: string
}

export interface SyntheticReadOptions {
  count: number
  cameras: readonly SyntheticCamera[]
  /** Reads fall between these times (ms). */
  from: number
  to: number
  seed?: number
  /** Reads per yielded batch. */
  batchSize?: number
  /** Distinct vehicles; by default a quarter of the reads (repeat sightings are the norm). */
  vehicles?: number
  /** created_at of every read; defaults to its read time. */
  createdAt?: number
  /**
   * Seed of the vehicle population (by default seed + 1). The same fleet seed and number of vehicles give the same
   * vehicles, so later reads can continue the traffic of an earlier set (mostly plates already seen).
   */
  fleetSeed?: number
  /** Read times in increasing order, evenly spread from `from` to `to`, as live capture writes them. */
  ordered?: boolean
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ' // California skips I, O and Q in its sequential series
const ALL_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const DIGITS = '0123456789'
const OTHER_STATES = ['NV', 'AZ', 'OR', 'TX', 'WA'] as const

const pick = (rand: () => number, chars: string) => chars[Math.floor(rand() * chars.length)]!

/** A plate and its state: mostly the current California series (1ABC234), some older and out-of-state ones. */
export function syntheticPlate(rand: () => number): { plate: string; state: string } {
  const r = rand()
  if (r < 0.78) {
    return { plate: `${1 + Math.floor(rand() * 9)}${pick(rand, LETTERS)}${pick(rand, LETTERS)}${pick(rand, LETTERS)}${digits(rand, 3)}`, state: 'CA' }
  }
  if (r < 0.88) return { plate: `${pick(rand, LETTERS)}${pick(rand, LETTERS)}${pick(rand, LETTERS)}${digits(rand, 3)}`, state: 'CA' }
  if (r < 0.94) return { plate: `${1 + Math.floor(rand() * 9)}${pick(rand, LETTERS)}${digits(rand, 5)}`, state: 'CA' } // commercial
  const state = OTHER_STATES[Math.floor(rand() * OTHER_STATES.length)]!
  return { plate: `${pick(rand, ALL_LETTERS)}${pick(rand, ALL_LETTERS)}${pick(rand, ALL_LETTERS)}${digits(rand, 4)}`, state }
}

function digits(rand: () => number, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += pick(rand, DIGITS)
  return s
}

/** Fixed and mobile cameras around a city centre (Los Angeles by default). */
export function syntheticCameras(count: number, centre = { latitude: 34.0522, longitude: -118.2437 }, seed = 7): SyntheticCamera[] {
  const rand = seededRandom(seed)
  const streets = ['Main St', 'Figueroa St', 'Olympic Blvd', 'Sunset Blvd', 'Wilshire Blvd', 'Alameda St', 'Vermont Ave', 'Broadway']
  const directions = ['northbound', 'southbound', 'eastbound', 'westbound']
  return Array.from({ length: count }, (_, i) => {
    const street = streets[i % streets.length]!
    const mobile = i % 10 === 9
    return {
      id: `cam-${String(i + 1).padStart(3, '0')}`,
      name: mobile ? `Patrol unit ${i + 1}` : `${street} at ${100 + i * 7}00 block`,
      kind: mobile ? 'mobile' : 'fixed',
      latitude: centre.latitude + (rand() - 0.5) * 0.2,
      longitude: centre.longitude + (rand() - 0.5) * 0.2,
      location: mobile ? 'Patrol vehicle' : `${street}, ${directions[i % 4]}`,
      direction: directions[i % 4]!,
    }
  })
}

/** Traffic by hour of day (relative): quiet at night, peaks at the commutes. */
const HOURLY = [0.2, 0.15, 0.1, 0.1, 0.15, 0.4, 0.8, 1, 1, 0.8, 0.7, 0.75, 0.8, 0.75, 0.75, 0.85, 1, 1, 0.9, 0.7, 0.55, 0.45, 0.35, 0.25]
const HOURLY_MAX = Math.max(...HOURLY)

/** Yields the reads in batches (for one transaction each), in no particular time order unless `ordered`. */
export function* syntheticReads(o: SyntheticReadOptions): Generator<NewRead[]> {
  if (o.cameras.length === 0) throw new Error('syntheticReads needs at least one camera')
  const rand = seededRandom(o.seed ?? 1)
  const vehicles = Math.max(1, o.vehicles ?? Math.ceil(o.count / 4))
  const fleetRand = seededRandom(o.fleetSeed ?? (o.seed ?? 1) + 1)
  const fleet = Array.from({ length: vehicles }, () => syntheticPlate(fleetRand))
  const batchSize = o.batchSize ?? 5000
  const span = Math.max(1, o.to - o.from)
  let batch: NewRead[] = []
  for (let i = 0; i < o.count; i++) {
    // Skewed popularity: u^3 puts most sightings on a small share of vehicles (the daily commuters).
    const vehicle = fleet[Math.floor(Math.pow(rand(), 3) * vehicles)]!
    const camera = o.cameras[Math.floor(Math.pow(rand(), 1.5) * o.cameras.length)]!
    let readAt = o.from + Math.floor((i * span) / o.count)
    if (!o.ordered) {
      do readAt = o.from + Math.floor(rand() * span)
      while (rand() * HOURLY_MAX > HOURLY[new Date(readAt).getUTCHours()]!)
    }
    const chars = [...vehicle.plate].map((char) => ({ char, confidence: round3(0.82 + rand() * 0.18) }))
    const confidence = round3(chars.reduce((p, c) => p * c.confidence, 1))
    const mobile = camera.kind === 'mobile'
    batch.push({
      plate: vehicle.plate,
      state: rand() < 0.9 ? vehicle.state : null,
      confidence,
      chars,
      readAt,
      cameraId: camera.id,
      latitude: mobile ? camera.latitude + (rand() - 0.5) * 0.02 : camera.latitude,
      longitude: mobile ? camera.longitude + (rand() - 0.5) * 0.02 : camera.longitude,
      source: 'camera',
      createdAt: o.createdAt ?? readAt,
      reader: 'synthetic',
    })
    if (batch.length === batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

const round3 = (x: number) => Math.round(x * 1000) / 1000
