// The store key is wrapped by the OS keyring through safeStorage; a backend that would only obfuscate it is refused.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadOrCreateKey } from '../../src/main/core/store/key'
import { createCore } from '../../src/main/core/app/create-core'

/** A stand-in for safeStorage: a reversible transformation that is clearly not the identity. */
function fakeSafeStorage(backend: string, available = true) {
  const calls = { backend: 0, encrypt: 0 }
  const state = { rotated: false }
  return {
    calls,
    state,
    isAsyncEncryptionAvailable: async () => available,
    getSelectedStorageBackend: () => {
      calls.backend++
      return backend
    },
    encryptStringAsync: async (plain: string) => {
      calls.encrypt++
      return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)])
    },
    decryptStringAsync: async (wrapped: Buffer) => {
      if (wrapped.subarray(0, 3).toString() !== 'v10') throw new Error('not encrypted by this fake')
      return { result: Buffer.from(wrapped.subarray(3).map((b) => b ^ 0x5a)).toString('utf8'), shouldReEncrypt: state.rotated }
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
  it('refuses Linux’s basic_text backend with a sentence naming the keyring and the hard-coded password', async () => {
    await expect(safeStorageKeyProtector(fakeSafeStorage('basic_text'), 'linux')).rejects.toThrow(BASIC_TEXT_REFUSAL)
    expect(BASIC_TEXT_REFUSAL).toContain('gnome-libsecret or kwallet')
    expect(BASIC_TEXT_REFUSAL).toContain('hard-coded password')
  })

  it('refuses when safeStorage has no encryption at all', async () => {
    await expect(safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret', false), 'linux')).rejects.toThrow(/secure storage is not available/)
    await expect(safeStorageKeyProtector(fakeSafeStorage('', false), 'darwin')).rejects.toThrow(/secure storage is not available/)
  })

  it('refuses an undetermined Linux backend (asked before ready)', async () => {
    await expect(safeStorageKeyProtector(fakeSafeStorage('unknown'), 'linux')).rejects.toThrow(/secure storage is not available/)
  })

  it('uses Electron’s own safeStorage by default', async () => {
    mocked.safeStorage = fakeSafeStorage('basic_text')
    await expect(safeStorageKeyProtector(undefined, 'linux')).rejects.toThrow(BASIC_TEXT_REFUSAL)
    mocked.safeStorage = fakeSafeStorage('kwallet6')
    expect((await safeStorageKeyProtector(undefined, 'linux')).name).toBe('Electron safeStorage (kwallet6)')
  })

  it('does not consult the Linux backend on other systems', async () => {
    const storage = fakeSafeStorage('basic_text')
    expect((await safeStorageKeyProtector(storage, 'win32')).name).toBe('Electron safeStorage (win32)')
    expect(storage.calls.backend).toBe(0)
  })
})

describe('wrapping the key', () => {
  it('round-trips the key and names its file store.key.safe', async () => {
    const protector = await safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    expect(protector.fileName).toBe('store.key.safe')
    expect(protector.name).toBe('Electron safeStorage (gnome_libsecret)')
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex')
    const wrapped = await protector.wrap(key)
    expect(wrapped.toString('utf8')).not.toContain(key.toString('hex'))
    expect((await protector.unwrap(wrapped)).key.equals(key)).toBe(true)
  })

  it('keeps only the wrapped key on disk, and the same key comes back on the next start', async () => {
    const dir = tempDir()
    const protector = await safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    const first = await loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})
    const onDisk = readFileSync(join(dir, 'store.key.safe'))
    expect(onDisk.toString('utf8')).not.toContain(first.toString('hex'))
    expect(existsSync(join(dir, 'store.key'))).toBe(false)
    expect((await loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})).equals(first)).toBe(true)
  })

  it('wraps the key again when the OS keyring asks for it after a key rotation', async () => {
    const dir = tempDir()
    const storage = fakeSafeStorage('gnome_libsecret')
    const protector = await safeStorageKeyProtector(storage, 'linux')
    const first = await loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})
    expect(storage.calls.encrypt).toBe(1)
    storage.state.rotated = true
    expect((await loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})).equals(first)).toBe(true)
    expect(storage.calls.encrypt).toBe(2)
  })

  it('ignores ALPR_DB_KEY when the keyring protects the key, so the environment cannot bypass it', async () => {
    const dir = tempDir()
    const protector = await safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    const envKey = '11'.repeat(32)
    const key = await loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, { ALPR_DB_KEY: envKey })
    expect(key.toString('hex')).not.toBe(envKey)
    expect(existsSync(join(dir, 'store.key.safe'))).toBe(true)
  })

  it('answers KEY_UNREADABLE with a sentence when the keyring cannot unwrap the key', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'store.key.safe'), 'wrapped by another keyring')
    const protector = await safeStorageKeyProtector(fakeSafeStorage('gnome_libsecret'), 'linux')
    await expect(loadOrCreateKey(dir, join(dir, 'alpr.db'), protector, {})).rejects.toMatchObject({
      code: 'KEY_UNREADABLE',
      message: expect.stringContaining('could not be unwrapped by Electron safeStorage (gnome_libsecret)'),
    })
  })

  it('opens the real encrypted store with it, and reopens it after a restart', async () => {
    const dir = tempDir()
    const protector = await safeStorageKeyProtector(fakeSafeStorage('kwallet5'), 'linux')
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
