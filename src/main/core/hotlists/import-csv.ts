// Reads a hot-list CSV file (California DOJ stolen-vehicle style) into entries and a validation report.
// The file as a whole is refused (FILE_REFUSED, with a reason) when it cannot be read as a list; otherwise
// every row is accepted or rejected with its line number and each reason, and nothing is changed here.
// A large file takes seconds to read: the work yields to the event loop between slices, so live alerts and
// other calls of the core are not held up by an import.
import { createHash } from 'node:crypto'
import { parse } from 'csv-parse'
import { AppError } from '../errors'
import type { HotListImportRejection, HotListImportReport } from '../../../shared/models'
import { HOT_LIST_MAX_ROWS, HOT_LIST_REPORT_LIMIT } from '../../../shared/contract/hotlists'
import type { NewHotListEntry } from '../store/repositories/hot-lists'
import { checkCsvBytes } from './csv-bytes'
import { type CsvField, FIELD_LABELS, mapColumns } from './csv-columns'
import { MAX_REASON, MAX_SOURCE_REF, checkEntryDate, checkPlate, checkState, checkText, checkVehicle, looksLikeFormula } from './entry-fields'

export interface ParsedCsv {
  report: HotListImportReport
  /** The accepted rows, ready for the store (createdAt and addedBy are set when they are written). */
  entries: Omit<NewHotListEntry, 'createdAt' | 'addedBy'>[]
}

interface RawRecord {
  record: string[]
  info: { bytes: number; invalid_field_length: number }
}

export async function readHotListCsv(fileName: string, bytes: Buffer, now: number): Promise<ParsedCsv> {
  // The cheap checks of size, encoding and field counts come before any parsing.
  const body = checkCsvBytes(bytes)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const records = await parseRecords(body)
  const [header, ...rows] = records
  if (!header) throw new AppError('FILE_REFUSED', 'The file is empty.')
  if (rows.length > HOT_LIST_MAX_ROWS) {
    throw new AppError('FILE_REFUSED', `The file has more than ${HOT_LIST_MAX_ROWS.toLocaleString('en-US')} rows, the most one list may hold. Split it into smaller lists.`)
  }
  const map = mapColumns(header.record)
  const lines = lineStarts(body)

  const entries: ParsedCsv['entries'] = []
  const rejections: HotListImportRejection[] = []
  let rejected = 0
  const seen = new Map<string, number>()
  let previousEnd = header.info.bytes
  for (const [n, row] of rows.entries()) {
    if (n % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToEventLoop()
    const line = lineAt(lines, firstContent(body, previousEnd))
    previousEnd = row.info.bytes
    const cell = (field: CsvField): string => {
      const i = map.index[field]
      return i === undefined ? '' : (row.record[i] ?? '')
    }
    if (row.record.every((c) => c.trim() === '')) continue
    const reasons: string[] = []
    if (row.record.length !== header.record.length) {
      reasons.push(`the row has ${row.record.length} fields; the header has ${header.record.length}`)
    }
    for (const field of Object.keys(map.index) as CsvField[]) {
      if (looksLikeFormula(cell(field))) reasons.push(`the ${FIELD_LABELS[field]} starts like a spreadsheet formula (= + - @ tab or return)`)
    }
    if (reasons.length === 0) {
      const plate = checkPlate(cell('plate'))
      const state = checkState(cell('state'))
      const reason = checkText(cell('reason'), 'reason', MAX_REASON, true)
      const entered = checkEntryDate(cell('enteredOn'), now)
      const vehicle = checkVehicle({ make: cell('make'), model: cell('model'), colour: cell('colour') })
      const sourceRef = checkText(cell('sourceRef'), 'source reference', MAX_SOURCE_REF)
      for (const c of [plate, state, reason, entered, vehicle, sourceRef]) if (!c.ok) reasons.push(c.reason)
      if (plate.ok && state.ok) {
        const key = `${plate.value}|${state.value}`
        const first = seen.get(key)
        if (first !== undefined) reasons.push(`the same plate and state as line ${first}`)
        else if (reasons.length === 0) seen.set(key, line)
      }
      if (reasons.length === 0 && plate.ok && state.ok && reason.ok && entered.ok && vehicle.ok && sourceRef.ok) {
        entries.push({ plate: plate.value, state: state.value, reason: reason.value, enteredAt: entered.value, vehicle: vehicle.value, sourceRef: sourceRef.value, expiresAt: null })
        continue
      }
    }
    rejected++
    if (rejections.length < HOT_LIST_REPORT_LIMIT) rejections.push({ line, plate: cell('plate').replace(/\s+/g, ' ').slice(0, 20), reasons })
  }

  return {
    entries,
    report: {
      fileName: fileName.slice(0, 255),
      sha256,
      bytes: bytes.length,
      rows: entries.length + rejected,
      accepted: entries.length,
      rejected,
      rejections,
      columns: map.columns,
      ignoredColumns: map.ignored,
    },
  }
}

const CHUNK_BYTES = 256 * 1024
/** The longest row (in characters) a list file may have; real rows are a few hundred. */
const MAX_RECORD_BYTES = 64 * 1024
const YIELD_EVERY_ROWS = 5000
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Every record with its parse info, the header first; refuses files past the row limit or not valid as CSV. */
async function parseRecords(body: Buffer): Promise<RawRecord[]> {
  const parser = parse({
    encoding: 'utf8',
    info: true,
    relax_column_count: true,
    // A quote inside an unquoted field (Joe"s Auto) is text, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    // One row's text, at most: a hostile file cannot make the parser buffer megabytes for one field.
    max_record_size: MAX_RECORD_BYTES,
  })
  const records: RawRecord[] = []
  let failure: unknown = null
  const ended = new Promise<void>((resolve) => {
    parser.on('readable', () => {
      let record: RawRecord | null
      while ((record = parser.read() as RawRecord | null) !== null) records.push(record)
    })
    parser.on('error', (error) => {
      failure = error
      resolve()
    })
    parser.on('end', resolve)
  })
  for (let at = 0; at < body.length && failure === null; at += CHUNK_BYTES) {
    parser.write(body.subarray(at, at + CHUNK_BYTES))
    await yieldToEventLoop()
    // The header plus the most rows a list may hold.
    if (records.length > HOT_LIST_MAX_ROWS + 1) {
      parser.destroy()
      throw new AppError('FILE_REFUSED', `The file has more than ${HOT_LIST_MAX_ROWS.toLocaleString('en-US')} rows, the most one list may hold. Split it into smaller lists.`)
    }
  }
  if (failure === null) parser.end()
  await ended
  if (failure !== null) {
    const line = (failure as { lines?: number }).lines
    if ((failure as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      throw new AppError(
        'FILE_REFUSED',
        `A row${line ? ` near line ${line}` : ''} is longer than ${MAX_RECORD_BYTES / 1024} KB, far more than a hot-list row holds: the file is not a hot list, or a quote in that row is never closed. Check that row and import it again.`,
      )
    }
    throw new AppError(
      'FILE_REFUSED',
      `The file is not valid CSV${line ? ` near line ${line}` : ''}: ${csvProblem(failure)}. Check the quotes in that row and import it again.`,
    )
  }
  return records
}

/** Offsets where each line starts (a line ends at LF or CRLF, as editors number them). */
function lineStarts(b: Buffer): number[] {
  const starts = [0]
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) starts.push(i + 1)
  }
  return starts
}

/** 1-based line of an offset, by binary search over the line starts. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

/** A record begins after the blank lines the parser skipped. */
function firstContent(b: Buffer, from: number): number {
  let i = from
  while (i < b.length && (b[i] === 0x0a || b[i] === 0x0d)) i++
  return i
}

/** The parser's complaint without the value it quotes (which may be anything the file holds). */
function csvProblem(error: unknown): string {
  const code = (error as { code?: string }).code
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed'
  if (code === 'INVALID_OPENING_QUOTE') return 'a quote appears inside a field that does not start with one'
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a closing quote is followed by other characters'
  return 'the rows cannot be read'
}
