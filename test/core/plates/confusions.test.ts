import Database from 'better-sqlite3-multiple-ciphers'
import { describe, expect, it } from 'vitest'
import { confusionDifferences, plateKey, plateKeySql } from '../../../src/main/core/plates/confusions'

describe('OCR confusions (DOMAIN.md: 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, 6/G)', () => {
  it('gives plates that differ only by a confusion the same key, and others different keys', () => {
    expect(plateKey('BOQD1IL2Z5S6G')).toBe('8000111225566')
    expect(plateKey('7ABC123')).not.toBe(plateKey('7ABC124'))
    expect(plateKey('7ABC123')).toBe(plateKey('7A8C1Z3'))
  })

  it('counts the positions that differ by a confusion, and refuses other differences', () => {
    expect(confusionDifferences('7ABC123', '7ABC123')).toBe(0)
    expect(confusionDifferences('7ABC123', '7A8C1Z3')).toBe(2)
    expect(confusionDifferences('7ABC123', '7ABC124')).toBeNull()
    expect(confusionDifferences('7ABC123', '7ABC12')).toBeNull()
  })

  it('computes the same key in SQL as in TypeScript for every character', () => {
    const db = new Database(':memory:')
    const all = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    const sqlKey = db.prepare(`SELECT ${plateKeySql('?')} AS k`).pluck().get(all)
    expect(sqlKey).toBe(plateKey(all))
    db.close()
  })
})
