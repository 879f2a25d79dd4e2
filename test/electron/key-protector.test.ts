// The store key is wrapped by the OS keyring through safeStorage; a backend that would only obfuscate it is refused.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadOrCreateKey } from '../../src/main/core/store/key'
import { createCore } from '../../src/main/core/app/create-core'

/** A stand-in for safeStorage: a reversible transformation that is clearly not the identity. */
function fakeSafeStorage(backend: string, available = true) {
  const calls = { backend: 0 }
  return {
    calls,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => {
      calls.backend++
      return backend
    },
    encryptString: (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (wrapped: Buffer) => {
      if (wrapped.subarray(0, 3).toString() !== 'v10') throw new Error('not encrypted by this fake')
      return Buffer.from(wrapped.subarray(3).map((b) => b ^ 0x5a)).toString('utf8')
    },
  }
}

const mocked = vi.hoisted(() => ({ safeStorage: null as unknown }))
vi.mock('electron', () => ({
  get safeStorage() {
    return mocked.safeStorage
  },
}))

const { BASIC_TEXT_REFUSAL, safeStorageKeyProtector } = await import('../../src/main/electron/key-protector')

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'alpr-key-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('refusing weak key protection', () => {
  it('refuses Linux’s basic_text backend with a sentence naming the keyring and the hard-coded password', () => {
    expect(() => safeStorageKeyProtector(fakeSafeStorage('basic_text'), 'linux')).toThrow(BASIC_TEXT_REFUSAL)
    expect(BASIC_TEXT_REFUSAL).toContain('gnome-libsecret or kwallet')
    expect(BASIC_TEXT_REFUSAL).toContain('hard-coded password')
  })

  it('refuses when safeStorage has no encryption at all', () => {
    expect(() => safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret', false), 'linux')).toThrow(/secure storage is not available/)
    expect(() => safeStorageKeyProtector(fakeSafeStorage('', false), 'darwin')).toThrow(/secure storage is not available/)
  })

  it('refuses an undetermined Linux backend (asked before ready)', () => {
    expect(() => safeStorageKeyProtector(fakeSafeStorage('unknown'), 'linux')).toThrow(/secure storage is not available/)
  })

  it('uses Electron’s own safeStorage by default', () => {
    mocked.safeStorage = fakeSafeStorage('basic_text')
    expect(() => safeStorageKeyProtector(undefined, 'linux')).toThrow(BASIC_TEXT_REFUSAL)
    mocked.safeStorage = fakeSafeStorage('kwallet6')
    expect(safeStorageKeyProtector(undefined, 'linux').name).toBe('Electron safeStorage (kwallet6)')
  })

  it('does not consult the Linux backend on other systems', () => {
    const storage = fakeSafeStorage('basic_text')
    expect(safeStorageKeyProtector(storage, 'win32').name).toBe('Electron safeStorage (win32)')
    expect(storage.calls.backend).toBe(0)
  })
})

describe('wrapping the key', () => {
  it('round-trips the key and names its file store.key.safe', () => {
    const protector = safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    expect(protector.fileName).toBe('store.key.safe')
    expect(protector.name).toBe('Electron safeStorage (gnome_libsecret)')
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex')
    const wrapped = protector.wrap(key)
    expect(wrapped.toString('utf8')).not.toContain(key.toString('hex'))
    expect(protector.unwrap(wrapped).equals(key)).toBe(true)
  })

  it('keeps only the wrapped key on disk, and the same key comes back on the next start', () => {
    const dir = tempDir()
    const protector = safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    const first = loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})
    const onDisk = readFileSync(join(dir, 'store.key.safe'))
    expect(onDisk.toString('utf8')).not.toContain(first.toString('hex'))
    expect(existsSync(join(dir, 'store.key'))).toBe(false)
    expect(loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {}).equals(first)).toBe(true)
  })

  it('opens the real encrypted store with it, and reopens it after a restart', async () => {
    const dir = tempDir()
    const protector = safeStorageKeyProtector(fakeSafeStorage('kwallet5'), 'linux')
    const core = await createCore({ dataDir: dir, appOrigin: 'app://alpr', keyProtector: protector })
    const device = core.device.id
    await core.close()
    const again = await createCore({ dataDir: dir, appOrigin: 'app://alpr', keyProtector: protector })
    expect(again.device.id).toBe(device)
    expect(await again.store.devices.get(device)).toMatchObject({ id: device })
    await again.close()
    expect(existsSync(join(dir, 'store.key.safe'))).toBe(true)
    expect(existsSync(join(dir, 'store.key'))).toBe(false)
  })
})
