// The transparency report for a period: how much the system collected and how it was used, in counts only
// (no plate, no person searched for), ready to publish beside the policy.
import type { PdfDocumentSpec } from '../documents/pdf'
import type { Settings } from '../settings/definitions'
import type { TransparencyCounts } from '../store/repositories/reports'
import { REQUESTER_TYPE_LABELS } from '../../../shared/contract/sharing'
import type { RequesterType } from '../../../shared/models'

const DISPOSITION_LABELS: Record<string, string> = {
  confirmed: 'Confirmed after verification',
  misread: 'Misread by the camera',
  wrong_state: 'Plate of another state',
  not_actionable: 'Not actionable',
  dismissed: 'Dismissed',
  pending: 'Not yet verified',
}

/** Plain names for the accesses people know; any other channel is named by its contract summary. */
const ACCESS_LABELS: Record<string, string> = {
  'search.reads': 'Searches of reads',
  'reads.detail': 'Reads opened',
  'reads.export': 'Reads exported',
  'footage.reads': 'Footage results viewed',
  'sharing.request': 'Share requests recorded',
  'sharing.produce': 'Files produced for another agency',
  'sharing.reads': 'Reads of a share request viewed by its approver',
}

const n = (x: number) => x.toLocaleString('en-US')

export function transparencyReportSpec(
  counts: TransparencyCounts,
  period: { from: string; to: string },
  settings: Settings,
  channelLabel: (channel: string) => string,
): Omit<PdfDocumentSpec, 'createdAt' | 'signature'> {
  const c = counts
  return {
    title: `${settings.agencyName}: ALPR Transparency Report`,
    subtitle: `From ${period.from} to ${period.to} (UTC, both days included). Counts only; no plate or person is named.`,
    facts: [
      ['Agency', settings.agencyName],
      ['Period', `${period.from} to ${period.to}`],
      ['Custodian', settings.administratorTitle],
    ],
    sections: [
      {
        heading: 'Cameras',
        facts: [
          ['Cameras registered', n(c.cameras.total)],
          ['Enabled', n(c.cameras.enabled)],
          ['Fixed cameras', n(c.cameras.fixed)],
          ['Mobile cameras', n(c.cameras.mobile)],
          ['Cameras replaying a video file', n(c.cameras.videoFiles)],
        ],
      },
      {
        heading: 'Plate reads',
        paragraphs: [
          `Reads are kept ${settings.readRetentionDays} days unless held for an investigation, so for a period that ended more than ${settings.readRetentionDays} days ago this counts only the reads still kept.`,
        ],
        facts: [
          ['Reads in the period', n(c.reads.total)],
          ['From cameras', n(c.reads.fromCameras)],
          ['From reviewed video', n(c.reads.fromFootage)],
          ['Reads corrected by a person', n(c.corrections)],
        ],
      },
      {
        heading: 'Alerts on vehicles of interest and their outcome',
        paragraphs: ['A possible match differs from the listed plate by a commonly confused character. No alert is acted on before a person verifies it.'],
        facts: [
          ['Alerts', n(c.hits.total)],
          ['Exact matches', n(c.hits.exact)],
          ['Possible matches', n(c.hits.possible)],
        ],
        table: {
          columns: [{ label: 'Outcome after verification' }, { label: 'Alerts', width: 90 }],
          rows: Object.entries(c.hits.byDisposition).map(([d, count]) => [DISPOSITION_LABELS[d] ?? d, n(count)]),
        },
      },
      {
        heading: 'Searches and other accesses to ALPR information',
        paragraphs: ['Each access carries the purpose stated by the user and is recorded in the access records.'],
        facts: [
          ['Accesses allowed', n(c.accesses.total)],
          ['Attempts refused', n(c.accesses.refused)],
        ],
        table: {
          columns: [{ label: 'Kind of access' }, { label: 'Count', width: 90 }],
          rows: c.accesses.byChannel.map((row) => [ACCESS_LABELS[row.channel] ?? channelLabel(row.channel), n(row.count)]),
        },
      },
      {
        heading: 'Sharing with other public agencies',
        paragraphs: ['ALPR information is shared only with California public agencies (Civil Code 1798.90.55(b)).'],
        facts: [['Requests declined', n(c.shares.declined)]],
        table: {
          columns: [{ label: 'Agency' }, { label: 'Type', width: 170 }, { label: 'Shares', width: 60 }, { label: 'Reads shared', width: 80 }],
          rows: c.shares.byAgency.map((a) => [a.agency, REQUESTER_TYPE_LABELS[a.type as RequesterType] ?? a.type, n(a.shares), n(a.reads)]),
        },
      },
      {
        heading: 'Public Records Act requests and subpoenas received',
        facts: [
          ['Public Records Act requests', n(c.recordsRequests.publicRecords)],
          ['Subpoenas', n(c.recordsRequests.subpoenas)],
        ],
      },
      {
        heading: 'Deletion of expired reads',
        ...(c.purges
          ? {
              facts: [
                ['Deletion runs', n(c.purges.runs)],
                ['Reads deleted', n(c.purges.readsDeleted)],
                ...c.purges.byOutcome.map((o): [string, string] => [`Runs ${o.outcome}`, n(o.count)]),
              ],
            }
          : { paragraphs: ['Deletion runs are not yet recorded by this system.'] }),
      },
    ],
    footer: `${settings.agencyName} · ALPR transparency report ${period.from} to ${period.to}`,
  }
}
