// Channels: the compliance dashboard, each statutory and policy duty with its evidence and what is missing (issue 7).
import { channel, noInput } from './define'
import type { ComplianceDuty } from '../models'

export const complianceChannels = {
  'compliance.dashboard': channel<ComplianceDuty[]>()({
    summary: 'Each duty of the ALPR law and policy, the evidence held, and what is missing or overdue.',
    input: noInput,
    access: 'governance.read',
  }),
}
