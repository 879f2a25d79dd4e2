// Wraps the store key with Electron's safeStorage (Keychain, DPAPI, or the Linux keyring), through the
// asynchronous API (the synchronous one is deprecated in Electron 45 and removed in 46).
// Refuses to run where safeStorage would only obfuscate the key: no encryption, or Linux's basic_text backend.
import { safeStorage } from 'electron'
import type { KeyProtector } from '../core/store/key'

/** The part of Electron's safeStorage this protector uses (injectable so tests need no Electron). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>
  getSelectedStorageBackend(): string
  encryptStringAsync(plainText: string): Promise<Buffer>
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>
}

export const SAFE_KEY_FILE = 'store.key.safe'

export class KeyProtectionUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyProtectionUnavailableError'
  }
}

export const BASIC_TEXT_REFUSAL =
  'The operating system keyring (gnome-libsecret or kwallet) is required to protect the store key; ' +
  "Electron's basic_text backend was selected, and it would store the key with a hard-coded password. " +
  'Start a keyring service (or pass --password-store=gnome-libsecret or kwallet) and start the application again.'

export const NO_ENCRYPTION_REFUSAL =
  "The operating system's secure storage is not available, so the store key cannot be protected. " +
  'On Linux, the OS keyring (gnome-libsecret or kwallet) must be running and unlocked.'

/** Checks safeStorage (after app ready) and returns a protector for the store key; throws with a sentence otherwise. */
export async function safeStorageKeyProtector(
  storage: SafeStorageLike = safeStorage,
  platform: NodeJS.Platform = process.platform,
): Promise<KeyProtector> {
  if (!(await storage.isAsyncEncryptionAvailable())) throw new KeyProtectionUnavailableError(NO_ENCRYPTION_REFUSAL)
  let backend: string = platform
  if (platform === 'linux') {
    const selected = storage.getSelectedStorageBackend()
    if (selected === 'basic_text') throw new KeyProtectionUnavailableError(BASIC_TEXT_REFUSAL)
    // 'unknown' means safeStorage was asked before app ready: which backend holds the key cannot be known.
    if (selected === 'unknown') throw new KeyProtectionUnavailableError(NO_ENCRYPTION_REFUSAL)
    backend = selected
  }
  return {
    name: `Electron safeStorage (${backend})`,
    fileName: SAFE_KEY_FILE,
    wrap: async (key) => storage.encryptStringAsync(key.toString('hex')),
    unwrap: async (wrapped) => {
      const { result, shouldReEncrypt } = await storage.decryptStringAsync(wrapped)
      return { key: Buffer.from(result, 'hex'), rewrap: shouldReEncrypt }
    },
  }
}
