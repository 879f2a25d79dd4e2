// Hands a produced file to the user and, when it carries ALPR information, records it in the exports
// ledger first with its destruction deadline (DOMAIN.md, Retention). A file whose ledger entry cannot be
// written is never handed out.
import { createHash, randomUUID } from 'node:crypto'
import type { DocumentFile } from '../../../shared/models'
import type { HandlerContext } from '../access/types'
import type { Store } from '../store'
import type { NewExportRecord } from '../store/repositories/exports'
import { DAY } from '../clock'

export interface ExportRequest {
  /** What was exported, for the ledger: 'access-log', 'audit-report', 'share', 'search-results', ... */
  kind: string
  format: 'csv' | 'pdf' | 'html'
  description: string
  itemCount: number
  fileName: string
  bytes: Buffer
  recipient?: string | null
}

const MIME: Record<'csv' | 'pdf' | 'html', DocumentFile['mimeType']> = {
  csv: 'text/csv',
  pdf: 'application/pdf',
  html: 'text/html',
}

/** A new export id, short enough to print on every page and read over the phone. */
export function newExportId(now: number): string {
  const d = new Date(now)
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
  return `EX-${ymd}-${randomUUID().slice(0, 8).toUpperCase()}`
}

/** The deadline by which an export made at `now` must be destroyed. */
export function destructionDeadline(ctx: Pick<HandlerContext, 'now' | 'settings'>): number {
  return ctx.now + ctx.settings.exportDestructionDays * DAY
}

/**
 * Records the export (with the caller's purpose and identity) and answers the file. Pass the id from
 * newExportId when the document prints it; otherwise a new one is made.
 */
export async function recordedExport(
  store: Store,
  ctx: HandlerContext,
  request: ExportRequest,
  exportId = newExportId(ctx.now),
): Promise<DocumentFile> {
  const { record, file } = ledgerEntry(ctx, request, exportId)
  await store.exports.record(record)
  noteExport(ctx, record)
  return file
}

/**
 * The ledger entry and the file for an export, for a caller that must write the entry inside its own
 * transaction (a share is claimed and recorded at once); once written, the caller calls noteExport.
 */
export function ledgerEntry(ctx: HandlerContext, request: ExportRequest, exportId: string): { record: NewExportRecord; file: DocumentFile } {
  if (!ctx.user) throw new Error('an export needs a signed-in user')
  const sha256 = createHash('sha256').update(request.bytes).digest('hex')
  const destroyBy = destructionDeadline(ctx)
  const record: NewExportRecord = {
    id: exportId,
    kind: request.kind,
    format: request.format,
    description: request.description,
    itemCount: request.itemCount,
    sha256,
    purpose: ctx.purpose,
    createdBy: ctx.user.id,
    createdAt: ctx.now,
    recipient: request.recipient ?? null,
    destroyBy,
  }
  const file: DocumentFile = {
    fileName: request.fileName,
    mimeType: MIME[request.format],
    dataBase64: request.bytes.toString('base64'),
    sha256,
    exportId,
    destroyBy,
  }
  return { record, file }
}

/** Adds the written export to the call's access-log entry. */
export function noteExport(ctx: HandlerContext, record: NewExportRecord): void {
  ctx.note({ exportId: record.id, sha256: record.sha256, items: record.itemCount })
}

/** A file that carries no ALPR information (the public policy, a blank form): not a ledger item. */
export function plainDocument(fileName: string, format: 'csv' | 'pdf' | 'html', bytes: Buffer): DocumentFile {
  return {
    fileName,
    mimeType: MIME[format],
    dataBase64: bytes.toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    exportId: null,
    destroyBy: null,
  }
}
