// Channels: The public policy document (SB 34, Civil Code 1798.90.51(b)), its publications, and the
// transparency report for a period. Both documents come as HTML or PDF and carry no ALPR information.
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { DocumentFile, PolicyPublication, PolicyStatus } from '../models'

const format = z.enum(['html', 'pdf'])

export const policyChannels = {
  'policy.status': channel<PolicyStatus>()({
    summary: 'Whether the posted policy matches what the current settings produce, and every publication.',
    input: noInput,
    access: 'governance.read',
  }),
  'policy.document': channel<DocumentFile>()({
    summary: 'The usage and privacy policy generated from the current settings, as HTML or PDF.',
    input: z.strictObject({ format }),
    access: 'governance.read',
  }),
  'policy.publish': channel<PolicyPublication>()({
    summary: 'Records that the current policy text is being posted: version, time, who, and its SHA-256.',
    input: noInput,
    access: 'governance.manage',
  }),
  'policy.transparencyReport': channel<DocumentFile>()({
    summary: 'Counts for a period (cameras, reads, hits, searches, shares by agency, purges), as HTML or PDF; no plates.',
    input: z.strictObject({ from: f.isoDate, to: f.isoDate, format }),
    access: 'governance.read',
  }),
}
