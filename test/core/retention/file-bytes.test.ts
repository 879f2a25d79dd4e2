// A purged read must not linger in the database file (DOMAIN.md "Retention"). The file is encrypted, so a
// search of its raw bytes for a plate proves nothing: the plate is never there in the clear, purged or not.
// What matters is whether someone holding the key could recover it. So the test decrypts every page of the
// database file and every page image in its WAL with the key (sqlcipher-pages.ts) and searches those. It
// first shows the plate IS found that way before the purge (so the search can fail), and that a kept read's
// plate is still found after it; then that the purged plate is in no page of either file, that the WAL was
// truncated, and that the freed pages were given back (the file's page count shrinks, no free pages remain).
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed } from '../../helpers/core'
import { aRead, desk, expiredAt, keptAt, storeKey } from './fixtures'
import { databasePages, pagesContaining, walPages } from './sqlcipher-pages'
import { DB_FILE_NAME } from '../../../src/main/core/store'
import type { RetentionRun } from '../../../src/shared/models'

const lab = useLab()

function decryptedPages(dataDir: string): Buffer[] {
  const key = storeKey(dataDir)
  const file = join(dataDir, DB_FILE_NAME)
  const wal = `${file}-wal`
  return [...databasePages(readFileSync(file), key), ...walPages(statSync(wal, { throwIfNoEntry: false }) ? readFileSync(wal) : Buffer.alloc(0), key)]
}

describe('a purged read leaves the database file', () => {
  it('is in no decrypted page of the database or its WAL after the purge, and the file gives the space back', async () => {
    const d = await desk(lab)
    const PURGED = 'QZ7X4PURGED'
    const KEPT = 'QZ7X4KEEPER'
    // Enough old reads with scene images that their pages are a visible share of the file.
    const scene = Buffer.alloc(6000, 0x5a)
    const old = Array.from({ length: 400 }, (_, i) => aRead(i === 123 ? PURGED : `OLD${String(i).padStart(4, '0')}`, expiredAt(d.clock) - i, { scene }))
    await d.core.store.reads.insert([...old, aRead(KEPT, keptAt(d.clock), { scene })])
    await d.core.store.retention.checkpointWal()
    const before = await d.core.store.retention.fileStats()
    expect(before.autoVacuum).toBe(2) // incremental
    expect(pagesContaining(decryptedPages(d.dataDir), PURGED)).toBeGreaterThan(0)

    const run = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))

    expect(run.readsDeleted).toBe(400)
    expect(run.pagesFreed).toBeGreaterThan(500)
    const after = await d.core.store.retention.fileStats()
    expect(after.freePages).toBe(0)
    expect(before.pageCount - after.pageCount).toBeGreaterThan(500)
    expect(statSync(join(d.dataDir, DB_FILE_NAME)).size).toBe(after.pageCount * after.pageSize)
    const pages = decryptedPages(d.dataDir)
    expect(pagesContaining(pages, PURGED)).toBe(0)
    expect(pagesContaining(pages, 'OLD0042')).toBe(0)
    expect(pagesContaining(pages, KEPT)).toBeGreaterThan(0)
    // Nor anywhere in the raw bytes of the files (the weaker check: it held before the purge, too).
    const raw = Buffer.concat([readFileSync(join(d.dataDir, DB_FILE_NAME)), readFileSync(join(d.dataDir, `${DB_FILE_NAME}-wal`))])
    expect(raw.includes(Buffer.from(PURGED))).toBe(false)
  })
})
