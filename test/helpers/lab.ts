// A test file's workbench: temporary data folders and the cores and stores opened in them, all closed
// and removed after each test (stores first, then folders), so every test starts from nothing.
import { afterEach } from 'vitest'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/app/create-core'
import { openStore, type Store, type StoreOptions } from '../../src/main/core/store'
import { tempDirs } from './temp-dir'
import { TestClock } from './clock'

export const APP_ORIGIN = 'app://alpr'

export interface Lab {
  tempDir(): string
  openCore(options: { dataDir: string; clock: TestClock } & Partial<CoreOptions>): Promise<Core>
  openStore(options: StoreOptions): Promise<Store>
}

export function useLab(): Lab {
  const dirs = tempDirs()
  const open: { close(): Promise<void> }[] = []
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close()
    dirs.removeAll()
  })
  const track = <T extends { close(): Promise<void> }>(item: T): T => {
    open.push(item)
    return item
  }
  return {
    tempDir: dirs.make,
    openCore: async (options) => track(await createCore({ appOrigin: APP_ORIGIN, ...options })),
    openStore: async (options) => track(await openStore(options)),
  }
}
