// The hash chain of the access log: each entry's hash covers its fields and the previous entry's hash,
// so an edited, removed, inserted or reordered entry breaks the chain at that point.
import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

export interface ChainedFields {
  id: number
  at: number
  userId: string | null
  username: string | null
  agency: string | null
  unit: string | null
  deviceId: string
  channel: string
  /** Stored JSON text, hashed exactly as stored. */
  dataElements: string
  purpose: string | null
  outcome: string
  code: string | null
  message: string | null
  prevHash: string
}

export function entryHash(e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.id,
    e.at,
    e.userId,
    e.username,
    e.agency,
    e.unit,
    e.deviceId,
    e.channel,
    e.dataElements,
    e.purpose,
    e.outcome,
    e.code,
    e.message,
    e.prevHash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/** Checks one stored entry against the hash expected before it. Returns why it breaks, or null. */
export function checkLink(entry: ChainedFields & { hash: string }, expectedPrev: string, expectedId: number | null): string | null {
  if (expectedId !== null && entry.id !== expectedId) {
    return `entry ${expectedId} is missing before entry ${entry.id}: entries were removed`
  }
  if (entry.prevHash !== expectedPrev) {
    return 'it does not link to the entry before it: entries were removed, inserted or reordered'
  }
  if (entryHash(entry) !== entry.hash) {
    return 'its contents were changed after it was written'
  }
  return null
}

/** What a retention checkpoint states about the entries it removed; the agency key signs exactly these bytes. */
export interface CheckpointStatement {
  id: number
  createdAt: number
  /** Every removed entry was written before this time: the record-retention period before createdAt. */
  cutoff: number
  lastRemovedId: number
  lastRemovedAt: number
  lastRemovedHash: string
  removedCount: number
  /** The newest entry when the checkpoint was written; the one after it came later, so it is not older. */
  headId: number
}

export function checkpointBytes(c: CheckpointStatement): Buffer {
  return Buffer.from(
    JSON.stringify([
      'alpr-access-log-checkpoint/2',
      c.id,
      c.createdAt,
      c.cutoff,
      c.lastRemovedId,
      c.lastRemovedAt,
      c.lastRemovedHash,
      c.removedCount,
      c.headId,
    ]),
    'utf8',
  )
}
