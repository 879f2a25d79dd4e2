// Reads an encrypted store's files page by page with the key, as a forensic examiner holding the key
// would, so a test can say whether any bytes of a deleted value survive anywhere in the file or its WAL.
// SQLCipher 4 with a raw key: each page is AES-256-CBC encrypted with the key itself and a random IV kept in
// the page's reserved tail (16-byte IV + 64-byte HMAC); page 1 starts with the 16-byte salt instead of data.
import { createDecipheriv } from 'node:crypto'

const PAGE = 4096
const RESERVE = 80
const WAL_HEADER = 32
const FRAME_HEADER = 24

function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const offset = first ? 16 : 0
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16)
  const decipher = createDecipheriv('aes-256-cbc', key, iv)
  decipher.setAutoPadding(false)
  return Buffer.concat([decipher.update(page.subarray(offset, PAGE - RESERVE)), decipher.final()])
}

/** The plaintext of every page of the database file. */
export function databasePages(bytes: Buffer, key: Buffer): Buffer[] {
  const pages: Buffer[] = []
  for (let at = 0; at + PAGE <= bytes.length; at += PAGE) pages.push(decryptPage(bytes.subarray(at, at + PAGE), key, at === 0))
  return pages
}

/** The plaintext of every page image in the WAL file, whether or not it was checkpointed. */
export function walPages(bytes: Buffer, key: Buffer): Buffer[] {
  const pages: Buffer[] = []
  for (let at = WAL_HEADER; at + FRAME_HEADER + PAGE <= bytes.length; at += FRAME_HEADER + PAGE) {
    const pageNumber = bytes.readUInt32BE(at)
    pages.push(decryptPage(bytes.subarray(at + FRAME_HEADER, at + FRAME_HEADER + PAGE), key, pageNumber === 1))
  }
  return pages
}

/** How many of the pages contain the text (UTF-8, as SQLite stores TEXT here). */
export function pagesContaining(pages: Buffer[], text: string): number {
  const needle = Buffer.from(text, 'utf8')
  return pages.filter((p) => p.includes(needle)).length
}
