// The access log exported for auditors (DOMAIN.md "The access record": exportable for auditors), as CSV or
// PDF, for the entries matching the viewer's filters. The file carries ALPR information (plates queried,
// purposes), so it goes into the exports ledger with its destruction deadline before it is handed out.
import type { AccessLogEntry, ChainVerification, DocumentFile } from '../../../shared/models'
import type { HandlerContext } from '../access/types'
import { toCsv } from '../documents/csv'
import { renderPdf } from '../documents/pdf'
import { AppError } from '../errors'
import { newExportId, recordedExport, destructionDeadline } from '../exports/ledger'
import type { Store } from '../store'
import type { AccessLogFilter } from '../store/repositories/access-log-filter'
import { queryText } from '../audits/evidence'
import { localDateTime, timeZoneName } from '../local-time'

/** The most entries one file holds; a PDF is for reading, a CSV for working through. */
export const EXPORT_LIMITS = { csv: 50_000, pdf: 2_000 } as const

const CSV_HEADER = ['entry', 'time_utc', 'username', 'agency', 'unit', 'workstation', 'channel', 'data_elements', 'purpose', 'outcome', 'code', 'message']

export async function exportAccessLog(
  store: Store,
  ctx: HandlerContext,
  filter: AccessLogFilter,
  format: 'csv' | 'pdf',
): Promise<DocumentFile> {
  // Fix the log's head first: entries appended while the file is made (the guard logs every call) neither
  // change the count nor push counted entries out of the file.
  const head = { ...filter, throughId: await store.audits.maxLogId() }
  const matching = await store.accessLog.countMatching(head)
  const limit = EXPORT_LIMITS[format]
  if (matching > limit) {
    throw new AppError(
      'INVALID_INPUT',
      `${matching.toLocaleString('en-US')} entries match these filters; one ${format.toUpperCase()} export holds at most ${limit.toLocaleString('en-US')}. Narrow the time range or add a filter${format === 'pdf' ? ', or export CSV' : ''}.`,
    )
  }
  const { entries } = await store.accessLog.search(head, limit)
  // Only the PDF states the chain's state; walking the whole chain for a CSV would only cost time. (No cache
  // by head id: every call appends its own log entry, so the head differs at every export.)
  const verification = format === 'pdf' ? await store.accessLog.verify() : null
  const exportId = newExportId(ctx.now)
  const described = describeFilter(filter)
  const bytes =
    format === 'csv'
      ? Buffer.from(
          toCsv(
            CSV_HEADER,
            entries.map((e) => [
              e.id,
              new Date(e.at).toISOString(),
              e.username,
              e.agency,
              e.unit,
              e.deviceName ?? e.deviceId,
              e.channel,
              JSON.stringify(e.dataElements),
              e.purpose,
              e.outcome,
              e.code,
              e.message,
            ]),
          ),
          'utf8',
        )
      : await renderPdf(pdfSpec(entries, { ctx, exportId, described, verification: verification!, matching }))
  const stamp = new Date(ctx.now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')
  return recordedExport(
    store,
    ctx,
    {
      kind: 'access-log',
      format,
      description: `Access log, ${entries.length} entries (${described})`,
      itemCount: entries.length,
      fileName: `access-log-${stamp}-${exportId}.${format}`,
      bytes,
    },
    exportId,
  )
}

/** The filters in words, for the ledger and the document. */
export function describeFilter(f: AccessLogFilter): string {
  const parts: string[] = []
  if (f.user) parts.push(`user ${f.user}`)
  if (f.plate) parts.push(`plate ${f.plate}`)
  if (f.text) parts.push(`data elements containing “${f.text}”`)
  if (f.purposeText) parts.push(`purpose containing “${f.purposeText}”`)
  if (f.channel) parts.push(`channel ${f.channel}`)
  if (f.outcome) parts.push(`outcome ${f.outcome}`)
  if (f.from !== undefined) parts.push(`from ${localDateTime(f.from)}`)
  if (f.to !== undefined) parts.push(`before ${localDateTime(f.to)}`)
  return parts.length ? parts.join(', ') : 'all entries'
}

function pdfSpec(
  entries: AccessLogEntry[],
  m: { ctx: HandlerContext; exportId: string; described: string; verification: ChainVerification; matching: number },
) {
  const user = m.ctx.user!
  const chain = m.verification.ok
    ? `Intact: all ${m.verification.entries} entries link to the one before them.`
    : `BROKEN at entry #${m.verification.firstBroken?.id}: ${m.verification.firstBroken?.reason}.`
  return {
    title: 'Access log export',
    subtitle: m.ctx.settings.agencyName,
    createdAt: new Date(m.ctx.now),
    facts: [
      ['Export', m.exportId],
      ['Produced', `${localDateTime(m.ctx.now)} (${timeZoneName()}) by ${user.displayName} (${user.username})`],
      ['Filters', m.described],
      ['Entries', `${entries.length}, newest first`],
      ['Hash chain at export', chain],
      ['Destroy by', localDateTime(destructionDeadline(m.ctx))],
    ] as [string, string][],
    sections: [
      {
        heading: 'Entries',
        table: {
          columns: [
            { label: 'Entry', width: 38 },
            { label: 'Time', width: 64 },
            { label: 'User · agency / unit · workstation', width: 90 },
            { label: 'Channel and data elements' },
            { label: 'Purpose', width: 90 },
            { label: 'Outcome', width: 70 },
          ],
          rows: entries.map((e) => [
            `#${e.id}`,
            localDateTime(e.at),
            [e.username ?? '—', [e.agency, e.unit].filter(Boolean).join(' / '), `on ${e.deviceName ?? e.deviceId}`].filter(Boolean).join('\n'),
            [e.channel, queryText(e.dataElements)].filter(Boolean).join('\n'),
            e.purpose ?? '—',
            [e.outcome, e.code].filter(Boolean).join('\n'),
          ]),
        },
      },
    ],
    footer: `Export ${m.exportId} · destroy by ${localDateTime(destructionDeadline(m.ctx))}`,
  }
}
