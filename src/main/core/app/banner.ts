// The use-of-system notice shown before sign-in (CJIS): restricted system, monitored use, penalties.

import type { UseBanner } from '../../../shared/models'

export function useBanner(agencyName: string | null): UseBanner {
  const owner = agencyName ? `${agencyName}’s` : 'this agency’s'
  return {
    title: 'Restricted law-enforcement system',
    paragraphs: [
      `You are about to use ${owner} Automated License Plate Recognition (ALPR) system. It holds criminal justice information and is for authorized, trained personnel only, for official law-enforcement purposes.`,
      'Every use of this system is monitored, recorded and audited: each search, each view of a read and each export is logged with your name, the time, the workstation and the stated purpose.',
      'Unauthorized access or use, including use for a purpose not permitted by agency policy or California Civil Code 1798.90.5–1798.90.55, is prohibited and may result in disciplinary action and criminal and civil penalties.',
      'By continuing you acknowledge that you have no expectation of privacy in your use of this system and that you consent to monitoring.',
    ],
  }
}
