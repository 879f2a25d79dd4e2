// The store's three connections (store-worker.ts): the writer, a reader that serves search beside it, and a
// checkpointer that folds the WAL into the database file so the writer does not spend its time doing so.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { aRead } from '../retention/fixtures'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import { openDatabase, openSecondaryConnection, WAL_BACKSTOP_FRAMES } from '../../../src/main/core/store/database'
import { ReadsRepository } from '../../../src/main/core/store/repositories/reads'
import { WalCheckpointer } from '../../../src/main/core/store/wal-checkpointer'
import type { SearchQuery } from '../../../src/main/core/store/repositories/search'

const lab = useLab()
const NOW = Date.UTC(2026, 5, 1, 12)
const byPlate = (plate: string): SearchQuery => ({ plate, hits: 'any', covert: false, sort: 'newest', limit: 50 })
const walFrames = (db: ReturnType<typeof openDatabase>) =>
  (db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[])[0]!

describe('searches run on their own connection', () => {
  it('answer while the writer is busy with a long insert, and see every read committed before they began', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await store.reads.insert([aRead('7ABC123', NOW - 60_000)])

    // A batch big enough to keep the writer busy for a good while on any machine.
    const big = Array.from({ length: 40_000 }, (_, i) => aRead(`9Z${String(i).padStart(5, '0')}`, NOW - i, { scene: randomBytes(64) }))
    const order: string[] = []
    const inserting = store.reads.insert(big).then(() => order.push('insert'))
    const searched = store.search.search(byPlate('7ABC123')).then((answer) => {
      order.push('search')
      return answer
    })
    const answer = await searched
    await inserting
    // One connection would have served the search after the insert.
    expect(order).toEqual(['search', 'insert'])
    expect(answer.rows.map((r) => r.plate)).toEqual(['7ABC123'])
    // Committed by the writer, visible to the reader's next search.
    expect((await store.search.search(byPlate('9Z00042'))).rows).toHaveLength(1)
  })

  it('cannot write, even through raw SQL', () => {
    const dir = lab.tempDir()
    const file = join(dir, DB_FILE_NAME)
    const key = randomBytes(32)
    const writer = openDatabase({ file, key: Buffer.from(key) })
    const reader = openSecondaryConnection({ file, key: Buffer.from(key), role: 'reader' })
    try {
      expect(() => reader.exec(`INSERT INTO settings (key, value) VALUES ('x', 'y')`)).toThrow(/readonly|query_only/i)
      expect(() => openSecondaryConnection({ file, key: randomBytes(32), role: 'reader' })).toThrow(/key does not open/)
    } finally {
      reader.close()
      writer.close()
    }
  })

  it('refuse a store the writer has not migrated', () => {
    const dir = lab.tempDir()
    const file = join(dir, DB_FILE_NAME)
    const key = randomBytes(32)
    openDatabase({ file, key: Buffer.from(key), migrations: [] }).close()
    expect(() => openSecondaryConnection({ file, key: Buffer.from(key), role: 'reader' })).toThrow(/schema 0/)
  })
})

describe('the checkpointer', () => {
  it('folds what the writer commits into the database file without the writer checkpointing', async () => {
    const dataDir = lab.tempDir()
    const store = await lab.openStore({ dataDir })
    const file = join(dataDir, DB_FILE_NAME)
    const before = statSync(file).size
    // ~4 MB of scene images: ~1,000 pages, far below the writer's own automatic checkpoint.
    const reads = Array.from({ length: 500 }, (_, i) => aRead(`8CK${String(i).padStart(4, '0')}`, NOW - i, { scene: randomBytes(8000) }))
    await store.reads.insert(reads)
    expect(WAL_BACKSTOP_FRAMES).toBeGreaterThan(10_000)
    const deadline = Date.now() + 10_000
    while (statSync(file).size < before + 3_500_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(statSync(file).size).toBeGreaterThanOrEqual(before + 3_500_000)
  })

  it('copies every frame, and restarts a WAL that has grown long so the writer starts it over', () => {
    const file = join(lab.tempDir(), DB_FILE_NAME)
    const key = randomBytes(32)
    const writer = openDatabase({ file, key: Buffer.from(key) })
    const other = openSecondaryConnection({ file, key: Buffer.from(key), role: 'checkpointer' })
    try {
      const reads = new ReadsRepository(writer)
      const checkpointer = new WalCheckpointer(other, { idleMs: 1000, activeMs: 10, restartFrames: 400 })
      reads.insert(Array.from({ length: 100 }, (_, i) => aRead(`5AB${String(i).padStart(4, '0')}`, NOW - i, { scene: randomBytes(4000) })))
      const short = checkpointer.step()
      expect(short.walFrames).toBeGreaterThan(100)
      expect(short.walFrames).toBeLessThan(400)
      expect(short.checkpointed).toBe(short.walFrames)
      expect(short.restarted).toBe(false)

      reads.insert(Array.from({ length: 400 }, (_, i) => aRead(`6AB${String(i).padStart(4, '0')}`, NOW - i, { scene: randomBytes(4000) })))
      const long = checkpointer.step()
      expect(long.restarted).toBe(true)
      expect(long.checkpointed).toBe(long.walFrames)
      // The next transaction writes from the start of the WAL.
      reads.insert([aRead('7AB0001', NOW)])
      expect(walFrames(writer).log).toBeLessThan(20)
    } finally {
      other.close()
      writer.close()
    }
  })

  it('leaves no WAL behind when the store closes', async () => {
    const dataDir = lab.tempDir()
    const store = await lab.openStore({ dataDir })
    await store.reads.insert([aRead('7ABC999', NOW)])
    await store.close()
    expect(existsSync(join(dataDir, `${DB_FILE_NAME}-wal`))).toBe(false)
  })
})
