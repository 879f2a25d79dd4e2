// Temporary data folders for real encrypted stores; each is removed after the test that made it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

export interface TempDirs {
  make(): string
  removeAll(): void
}

export function tempDirs(): TempDirs {
  const made: string[] = []
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), 'alpr-test-'))
      made.push(dir)
      return dir
    },
    removeAll: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Registers the clean-up in the calling test file and returns the factory. */
export function useTempDirs(): () => string {
  const dirs = tempDirs()
  afterEach(() => dirs.removeAll())
  return dirs.make
}
