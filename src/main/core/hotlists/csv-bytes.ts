// The checks on a CSV file's bytes before any row is read: size, emptiness, binary content, encoding, and how
// many fields each row has (a hostile file can hold millions of empty fields, which cost memory, not bytes).
// Each refusal is a sentence that says what to do; nothing of the file's content is quoted.
import { AppError } from '../errors'
import { HOT_LIST_MAX_FILE_BYTES } from '../../../shared/contract/hotlists'

const refuse = (sentence: string): never => {
  throw new AppError('FILE_REFUSED', sentence)
}

const SAVE_AS_UTF8 = 'Save it from the spreadsheet as “CSV UTF-8” and import it again.'

/** The most columns a hot-list file may have: the known columns are 8; extracts add a few of their own. */
export const HOT_LIST_MAX_COLUMNS = 64

/** The file's bytes without a UTF-8 byte-order mark, once they are known to be UTF-8 text. */
export function checkCsvBytes(bytes: Buffer): Buffer {
  if (bytes.length > HOT_LIST_MAX_FILE_BYTES) {
    refuse(`The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the largest file accepted is ${HOT_LIST_MAX_FILE_BYTES / 1024 / 1024} MB. Split the list into smaller files.`)
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    refuse(`The file is UTF-16 text, not UTF-8. ${SAVE_AS_UTF8}`)
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  if (body.toString('latin1').trim() === '') refuse('The file is empty.')
  const nul = body.indexOf(0)
  if (nul !== -1) {
    // UTF-16 without a byte-order mark puts a NUL beside every ASCII character.
    if (looksLikeUtf16(body)) refuse(`The file looks like UTF-16 text, not UTF-8. ${SAVE_AS_UTF8}`)
    refuse(`The file contains NUL bytes (line ${lineOf(body, nul)}): it is binary, not a CSV text file.`)
  }
  const bad = firstInvalidUtf8(body)
  if (bad !== -1) {
    refuse(
      `The file is not UTF-8 text: line ${lineOf(body, bad)} has a byte that is not UTF-8 (as in files saved as Latin-1 or Windows-1252). ${SAVE_AS_UTF8}`,
    )
  }
  checkFieldCounts(body)
  return body
}

/**
 * Refuses a header or row with more than HOT_LIST_MAX_COLUMNS fields, before the parser builds them. Counts
 * as the parser reads (csv-parse with relax_quotes): a quote opens a quoted field only at the field's start,
 * a doubled quote inside is a quote, and commas and line breaks inside quotes are text.
 */
function checkFieldCounts(b: Buffer): void {
  let line = 1
  let recordLine = 1
  let fields = 1
  let quoted = false
  let fieldStart = true
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!
    if (c === 0x0a) line++
    if (quoted) {
      if (c === 0x22) {
        if (b[i + 1] === 0x22) i++
        else quoted = false
      }
      continue
    }
    if (c === 0x2c) {
      fields++
      fieldStart = true
      if (fields > HOT_LIST_MAX_COLUMNS) {
        refuse(
          recordLine === 1
            ? `The first line names more than ${HOT_LIST_MAX_COLUMNS} columns; a hot-list file has at most ${HOT_LIST_MAX_COLUMNS}. Keep the list’s columns and import it again.`
            : `Line ${recordLine} has more than ${HOT_LIST_MAX_COLUMNS} fields; a hot-list file has at most ${HOT_LIST_MAX_COLUMNS} columns. Check that row and import it again.`,
        )
      }
    } else if (c === 0x0a || (c === 0x0d && b[i + 1] !== 0x0a)) {
      // LF, CRLF (at its LF), or a lone CR as old Mac spreadsheets end rows.
      fields = 1
      fieldStart = true
      recordLine = line
    } else if (c === 0x22 && fieldStart) {
      quoted = true
      fieldStart = false
    } else if (c !== 0x0d) {
      fieldStart = false
    }
  }
}

function looksLikeUtf16(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 4096)
  let even = 0
  let odd = 0
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue
    if (i % 2) odd++
    else even++
  }
  const half = sample.length / 2
  return even > half * 0.3 || odd > half * 0.3
}

/** 1-based line of a byte offset. */
export function lineOf(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++
  return line
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and values past U+10FFFF included); -1 if none. */
export function firstInvalidUtf8(b: Buffer): number {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    if (c < 0x80) {
      i++
      continue
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0
    if (n === 0) return i
    const min = [0, 0x80, 0x800, 0x10000][n]!
    let cp = c & (0x3f >> n)
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k]
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (cc & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += n + 1
  }
  return -1
}
