// A signed report: the agency key signs the SHA-256 of the report's content (the PDF description without
// its signature block), and the signature is printed in the PDF. Whoever holds the stored content can
// recompute the digest and check the signature with the agency's public key (verifySignedContent).
import { createHash } from 'node:crypto'
import type { Store } from '../store'
import type { Signature } from '../store/repositories/signing'
import { type PdfDocumentSpec, renderPdf } from './pdf'

export interface SignedPdf {
  pdf: Buffer
  contentSha256: string
  signature: Signature
}

export function contentDigest(spec: Omit<PdfDocumentSpec, 'signature'>): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...spec, createdAt: spec.createdAt.toISOString() }))
    .digest('hex')
}

export async function renderSignedPdf(
  store: Store,
  spec: Omit<PdfDocumentSpec, 'signature'>,
  signer: { name: string; statement: string },
): Promise<SignedPdf> {
  const contentSha256 = contentDigest(spec)
  const signature = await store.signing.sign(Buffer.from(contentSha256, 'hex').toString('base64'))
  const pdf = await renderPdf({
    ...spec,
    signature: {
      signedBy: signer.name,
      signedAt: spec.createdAt.toISOString(),
      keyId: signature.keyId,
      signature: signature.signature,
      statement: `${signer.statement} Content SHA-256: ${contentSha256}.`,
    },
  })
  return { pdf, contentSha256, signature }
}

export function verifySignedContent(
  store: Store,
  spec: Omit<PdfDocumentSpec, 'signature'>,
  signature: Signature,
): Promise<boolean> {
  return store.signing.verify(Buffer.from(contentDigest(spec), 'hex').toString('base64'), signature)
}
