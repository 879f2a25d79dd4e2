// Selected reads exported as CSV or PDF (issue 5, item 5). Every file names its export id, who made it, the
// purpose and the date, and goes into the exports ledger with its destruction deadline before it is handed out.
import type { DocumentFile } from '../../../shared/models'
import type { HandlerContext } from '../access/types'
import { toCsv } from '../documents/csv'
import { renderPdf, type PdfDocumentSpec } from '../documents/pdf'
import { AppError } from '../errors'
import { destructionDeadline, newExportId, recordedExport } from '../exports/ledger'
import { localDateTime, timeZoneName } from '../local-time'
import type { Store } from '../store'
import type { ExportReadRow } from '../store/repositories/read-details'

const CSV_HEADER = [
  'export_id',
  'exported_by',
  'exported_at_utc',
  'purpose',
  'destroy_by_utc',
  'read_id',
  'plate',
  'state',
  'confidence',
  'read_at_utc',
  'camera',
  'camera_id',
  'location',
  'latitude',
  'longitude',
  'source',
  'footage_file',
  'footage_sha256',
  'plate_as_read',
  'state_as_read',
  'hot_list_hits',
]

export async function exportReads(store: Store, ctx: HandlerContext, readIds: number[], covert: boolean, format: 'csv' | 'pdf'): Promise<DocumentFile> {
  const ids = [...new Set(readIds)]
  const reads = await store.readDetails.forExport(ids, covert)
  if (reads.length < ids.length) {
    const missing = ids.length - reads.length
    const what =
      missing === 1
        ? 'One of the selected reads no longer exists (retention may have deleted it).'
        : `${missing} of the selected reads no longer exist (retention may have deleted them).`
    throw new AppError('NOT_FOUND', `${what} Search again and select the reads to export.`)
  }
  const user = ctx.user!
  const exportId = newExportId(ctx.now)
  const destroyBy = destructionDeadline(ctx)
  const purpose = ctx.purpose!
  const bytes =
    format === 'csv'
      ? Buffer.from(
          toCsv(
            CSV_HEADER,
            reads.map((r) => [
              exportId,
              user.username,
              new Date(ctx.now).toISOString(),
              purpose,
              new Date(destroyBy).toISOString(),
              r.id,
              r.plate,
              r.state,
              r.confidence.toFixed(3),
              new Date(r.readAt).toISOString(),
              r.cameraName,
              r.cameraId,
              r.location,
              r.latitude,
              r.longitude,
              r.source,
              r.footageName,
              r.footageSha256,
              r.originalPlate,
              r.originalPlate !== null ? r.originalState : null,
              r.hits.join('; '),
            ]),
          ),
          'utf8',
        )
      : await renderPdf(pdfSpec(reads, { ctx, exportId, destroyBy, purpose }))
  ctx.note({ readIds: ids.slice(0, 1000), format })
  const stamp = new Date(ctx.now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return recordedExport(
    store,
    ctx,
    {
      kind: 'search-results',
      format,
      description: `${reads.length} read${reads.length === 1 ? '' : 's'} selected from plate search`,
      itemCount: reads.length,
      fileName: `reads-${stamp}-${exportId}.${format}`,
      bytes,
    },
    exportId,
  )
}

function pdfSpec(reads: ExportReadRow[], m: { ctx: HandlerContext; exportId: string; destroyBy: number; purpose: string }): PdfDocumentSpec {
  const user = m.ctx.user!
  return {
    title: 'ALPR reads export',
    subtitle: m.ctx.settings.agencyName,
    createdAt: new Date(m.ctx.now),
    facts: [
      ['Export', m.exportId],
      ['Produced', `${localDateTime(m.ctx.now)} (${timeZoneName()}) by ${user.displayName} (${user.username})`],
      ['Purpose', m.purpose],
      ['Reads', String(reads.length)],
      ['Destroy by', `${localDateTime(m.destroyBy)}. This file carries ALPR information: keep it only for the purpose above and destroy it by this date.`],
    ],
    sections: [
      {
        heading: 'Reads',
        table: {
          columns: [
            { label: 'Read', width: 44 },
            { label: 'Plate', width: 70 },
            { label: 'Time', width: 72 },
            { label: 'Camera and location' },
            { label: 'Confidence', width: 56 },
            { label: 'Source and hits', width: 120 },
          ],
          rows: reads.map((r) => [
            `#${r.id}`,
            [
              `${r.plate}${r.state ? ` (${r.state})` : ''}`,
              r.originalPlate !== null ? `read as ${r.originalPlate}${r.originalState ? ` (${r.originalState})` : ''}` : '',
            ]
              .filter(Boolean)
              .join('\n'),
            localDateTime(r.readAt),
            [r.cameraName ?? '—', r.location, r.latitude !== null && r.longitude !== null ? `${r.latitude.toFixed(5)}, ${r.longitude.toFixed(5)}` : '']
              .filter(Boolean)
              .join('\n'),
            `${Math.round(r.confidence * 100)}%`,
            [r.source === 'footage' ? `Footage ${r.footageName ?? ''}` : 'Camera', ...r.hits.map((h) => `Hit: ${h}`)].join('\n'),
          ]),
        },
      },
    ],
    footer: `Export ${m.exportId} · ${user.username} · destroy by ${localDateTime(m.destroyBy)}`,
  }
}
