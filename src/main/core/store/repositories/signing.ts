// The agency's document-signing key (Ed25519): signs reports (reviews, audits, log exports) and the
// access log's retention checkpoints. The private key lives only inside the encrypted database and
// never leaves the store worker; callers get signatures and the public key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import type { Db } from '../database'

const KEY = 'signing_key'

export interface Signature {
  algorithm: 'Ed25519'
  /** First 16 hex digits of the SHA-256 of the public key (DER). */
  keyId: string
  /** Base64. */
  signature: string
}

export class SigningRepository {
  constructor(private readonly db: Db) {}

  /** Signs the bytes (base64), creating the agency key on first use. */
  sign(dataBase64: string): Signature {
    const key = createPrivateKey(this.privateKeyPem())
    return {
      algorithm: 'Ed25519',
      keyId: keyIdOf(createPublicKey(key)),
      signature: sign(null, Buffer.from(dataBase64, 'base64'), key).toString('base64'),
    }
  }

  verify(dataBase64: string, signature: Signature): boolean {
    const pub = createPublicKey(this.privateKeyPem())
    if (signature.keyId !== keyIdOf(pub)) return false
    return verify(null, Buffer.from(dataBase64, 'base64'), pub, Buffer.from(signature.signature, 'base64'))
  }

  publicKey(): { keyId: string; pem: string } {
    const pub = createPublicKey(this.privateKeyPem())
    return { keyId: keyIdOf(pub), pem: pub.export({ type: 'spki', format: 'pem' }).toString() }
  }

  private privateKeyPem(): string {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined
    if (row) return row.value
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(KEY, pem)
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string }).value
  }
}

function keyIdOf(pub: ReturnType<typeof createPublicKey>): string {
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)
}
