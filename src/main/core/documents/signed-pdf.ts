// A signed report: the agency key signs the SHA-256 of the report's content (the PDF description without
// its signature block, as canonical JSON), and the signature is printed in the PDF. So that an outside
// auditor can check it without this product, the PDF also carries that JSON as an attached file
// (signed-content.json) and prints the agency's public key beside the key id.
import { createHash, createPublicKey } from 'node:crypto'
import type { Store } from '../store'
import type { Signature } from '../store/repositories/signing'
import { type PdfDocumentSpec, renderPdf } from './pdf'

export interface SignedPdf {
  pdf: Buffer
  contentSha256: string
  signature: Signature
}

/** The name of the attached file holding the signed content. */
export const SIGNED_CONTENT_FILE = 'signed-content.json'

/** The exact bytes whose SHA-256 the agency key signs. */
export function signedContent(spec: Omit<PdfDocumentSpec, 'signature'>): Buffer {
  return Buffer.from(JSON.stringify({ ...spec, createdAt: spec.createdAt.toISOString() }), 'utf8')
}

export function contentDigest(spec: Omit<PdfDocumentSpec, 'signature'>): string {
  return createHash('sha256').update(signedContent(spec)).digest('hex')
}

/** The raw 32-byte Ed25519 public key, base64, from its SPKI PEM. */
export function rawPublicKey(pem: string): string {
  const jwk = createPublicKey(pem).export({ format: 'jwk' })
  return Buffer.from(jwk.x!, 'base64url').toString('base64')
}

export async function renderSignedPdf(
  store: Store,
  spec: Omit<PdfDocumentSpec, 'signature'>,
  signer: { name: string; statement: string },
): Promise<SignedPdf> {
  const content = signedContent(spec)
  const contentSha256 = createHash('sha256').update(content).digest('hex')
  const signature = await store.signing.sign(Buffer.from(contentSha256, 'hex').toString('base64'))
  const { pem } = await store.signing.publicKey()
  const pdf = await renderPdf(
    {
      ...spec,
      signature: {
        signedBy: signer.name,
        signedAt: spec.createdAt.toISOString(),
        keyId: signature.keyId,
        publicKey: rawPublicKey(pem),
        signature: signature.signature,
        statement: `${signer.statement} Content SHA-256: ${contentSha256}.`,
        howToVerify: `To verify: compute the SHA-256 of the attached file ${SIGNED_CONTENT_FILE}; it must equal the content SHA-256 above, and the signature below must verify over those 32 digest bytes with the public key below (the raw 32-byte Ed25519 key, base64).`,
      },
    },
    [{ name: SIGNED_CONTENT_FILE, type: 'application/json', description: 'The signed content of this report', data: content }],
  )
  return { pdf, contentSha256, signature }
}

export function verifySignedContent(
  store: Store,
  spec: Omit<PdfDocumentSpec, 'signature'>,
  signature: Signature,
): Promise<boolean> {
  return store.signing.verify(Buffer.from(contentDigest(spec), 'hex').toString('base64'), signature)
}
