// Handlers: the public policy document (generated from current settings, as HTML or PDF), its publications,
// and the transparency report. Neither document carries ALPR information, so neither enters the exports ledger.
import { createHash } from 'node:crypto'
import { contract, CHANNEL_NAMES } from '../../../shared/contract'
import type { PolicyPublication, PolicyStatus } from '../../../shared/models'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { DAY } from '../clock'
import { AppError } from '../errors'
import { plainDocument } from '../exports/ledger'
import { renderPdf } from '../documents/pdf'
import type { Settings } from '../settings/definitions'
import type { PublicationRow } from '../store/repositories/policy'
import { renderHtml } from './html'
import { POLICY_SETTINGS, POLICY_SETTING_LABELS, publicPolicySpec } from './public-policy'
import { transparencyReportSpec } from './transparency-report'

type PolicyHandlers = Pick<Handlers, 'policy.status' | 'policy.document' | 'policy.publish' | 'policy.transparencyReport'>

/** The policy as the current settings write it: its HTML, that HTML's SHA-256, and the values it states. */
export function currentPolicy(settings: Settings) {
  const html = renderHtml(publicPolicySpec(settings))
  const values = Object.fromEntries(POLICY_SETTINGS.map((k) => [k, settings[k]]))
  return { html, sha256: createHash('sha256').update(html).digest('hex'), values }
}

const toPublication = ({ settings: _settings, ...row }: PublicationRow): PolicyPublication => row

/** The channels that are accesses to ALPR information: what the transparency report counts as searches and accesses. */
const ALPR_CHANNELS = CHANNEL_NAMES.filter((c) => contract[c].alprAccess)
const channelLabel = (channel: string) => (contract as Record<string, { summary: string }>)[channel]?.summary ?? channel

export function policyStatus(settings: Settings, latest: PublicationRow | null, list: PublicationRow[]): PolicyStatus {
  const current = currentPolicy(settings)
  const published = latest ? (JSON.parse(latest.settings) as Record<string, unknown>) : {}
  const changedSettings = latest
    ? POLICY_SETTINGS.filter((k) => String(published[k]) !== String(current.values[k])).map((k) => ({
        key: k,
        label: POLICY_SETTING_LABELS[k],
        published: published[k] === undefined ? '—' : String(published[k]),
        current: String(current.values[k]),
      }))
    : []
  return {
    currentSha256: current.sha256,
    latest: latest ? toPublication(latest) : null,
    outOfDate: !latest || latest.sha256 !== current.sha256,
    changedSettings,
    publications: list.map(toPublication),
  }
}

export function policyHandlers({ store }: Services): PolicyHandlers {
  return {
    'policy.status': async (_input, ctx) => policyStatus(ctx.settings, await store.policy.latest(), await store.policy.list()),

    'policy.document': async ({ format }, ctx) => {
      const spec = publicPolicySpec(ctx.settings)
      if (format === 'html') return plainDocument('alpr-usage-and-privacy-policy.html', 'html', Buffer.from(renderHtml(spec), 'utf8'))
      return plainDocument('alpr-usage-and-privacy-policy.pdf', 'pdf', await renderPdf({ ...spec, createdAt: new Date(ctx.now) }))
    },

    'policy.publish': async (_input, ctx) => {
      const current = currentPolicy(ctx.settings)
      // The comparison with the latest version happens inside the store's transaction: two publishes at once
      // cannot both find the text new.
      const { row, published } = await store.policy.publish({
        publishedAt: ctx.now,
        publishedBy: ctx.user!.id,
        sha256: current.sha256,
        settings: JSON.stringify(current.values),
        html: current.html,
      })
      if (!published) throw new AppError('CONFLICT', `This text is already published as version ${row.version}; nothing has changed since.`)
      ctx.note({ policyVersion: row.version, sha256: row.sha256 })
      return toPublication(row)
    },

    'policy.transparencyReport': async ({ from, to, format }, ctx) => {
      const start = Date.parse(`${from}T00:00:00Z`)
      const end = Date.parse(`${to}T00:00:00Z`) + DAY
      if (end <= start) throw new AppError('INVALID_INPUT', 'The period ends before it starts.', { to: 'On or after the first day' })
      const counts = await store.reports.transparency(start, end, ALPR_CHANNELS)
      const spec = transparencyReportSpec(counts, { from, to }, ctx.settings, channelLabel)
      const name = `alpr-transparency-report-${from}-to-${to}`
      if (format === 'html') return plainDocument(`${name}.html`, 'html', Buffer.from(renderHtml(spec), 'utf8'))
      return plainDocument(`${name}.pdf`, 'pdf', await renderPdf({ ...spec, createdAt: new Date(ctx.now) }))
    },
  }
}
