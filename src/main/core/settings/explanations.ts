// What each setting means to the administrator who changes it: a label, a unit and why the bounds are
// what they are (DOMAIN.md, Policy 429, CJIS). The bounds themselves live in definitions.ts.
import type { SettingKey } from './definitions'

export interface SettingExplanation {
  label: string
  unit: string | null
  explanation: string
}

export const SETTING_EXPLANATIONS: Partial<Record<SettingKey, SettingExplanation>> = {
  agencyName: {
    label: 'Agency name',
    unit: null,
    explanation: 'Printed on reports, the public policy and authenticator entries.',
  },
  administratorTitle: {
    label: 'ALPR Administrator’s job title',
    unit: null,
    explanation: 'The custodian of the ALPR system named in the usage and privacy policy (Civil Code 1798.90.51).',
  },
  sessionIdleMinutes: {
    label: 'Lock after idle time',
    unit: 'minutes',
    explanation: 'CJIS requires a session lock after at most 30 minutes without activity.',
  },
  sessionMaxHours: {
    label: 'Maximum session length',
    unit: 'hours',
    explanation: 'A session ends after this long regardless of activity; 12 hours covers one shift.',
  },
  lockoutThreshold: {
    label: 'Failed sign-ins before lockout',
    unit: 'attempts',
    explanation: 'CJIS allows at most 5 consecutive failed attempts before the account is locked until an administrator releases it.',
  },
  lockoutWindowMinutes: {
    label: 'Window for counting failed sign-ins',
    unit: 'minutes',
    explanation: 'Failed attempts within this window count toward the lockout; CJIS sets at least 15 minutes.',
  },
  trainingValidityMonths: {
    label: 'Training valid for',
    unit: 'months',
    explanation: 'Users must be trained before getting access; training older than this no longer counts. The policy sets at most 24 months.',
  },
  reviewValidityMonths: {
    label: 'Access review valid for',
    unit: 'months',
    explanation: 'The policy requires an access review at least every 12 months; an account whose review lapses loses access.',
  },
  inactivityDays: {
    label: 'Suspend after inactivity',
    unit: 'days',
    explanation:
      'An account that holds ALPR permissions (search or alert watch) and is not used to access ALPR information for this long is suspended automatically and needs re-training to come back; an account without them (administration or audit only) is suspended when not used at all for this long. Signing in alone does not count. ' +
      'The CJIS Security Policy requires disabling inactive accounts after 90 days, which is the default; the agency policy ' +
      'allows up to 12 months (365 days), which meets the policy but not CJIS.',
  },
  caseNumberPattern: {
    label: 'Case or incident number format',
    unit: null,
    explanation: 'A regular expression a case or incident number in a purpose must match (after upper-casing).',
  },
  caseNumberExample: {
    label: 'Case number example',
    unit: null,
    explanation: 'Shown to users when a purpose is refused, so they see the expected format.',
  },
  readRetentionDays: {
    label: 'Keep reads for',
    unit: 'days',
    explanation: 'Reads not under a hold are deleted after this period. The policy allows 60 days to 6 months; 60 is the default.',
  },
  hotListRetentionDays: {
    label: 'Keep manual hot-list entries for',
    unit: 'days',
    explanation: 'Manual hot-list entries and lists without their own period are deleted after this many days.',
  },
  recordRetentionYears: {
    label: 'Keep access records and audits for',
    unit: 'years',
    explanation: 'Access-log rows, audit reports and sharing records are kept at least 3 years.',
  },
  exportDestructionDays: {
    label: 'Destroy exported files within',
    unit: 'days',
    explanation: 'Anything downloaded, printed or shared must be destroyed by this deadline; overdue items appear in audits.',
  },
  emailRetentionDays: {
    label: 'Keep transfer e-mails for',
    unit: 'days',
    explanation: 'The original e-mail message of a transfer is kept this long.',
  },
  misuseRepeatPlateCount: {
    label: 'Misuse flag: repeated queries of one plate',
    unit: 'queries',
    explanation: 'One user querying the same plate at least this many times within the window is flagged for audit.',
  },
  misuseRepeatPlateWindowDays: {
    label: 'Misuse flag: window for repeated queries',
    unit: 'days',
    explanation: 'The period within which repeated queries of one plate are counted.',
  },
  workingHoursStart: {
    label: 'Working hours start (hour of the day)',
    unit: null,
    explanation: 'Searches before this hour (local time) are flagged as outside working hours.',
  },
  workingHoursEnd: {
    label: 'Working hours end (hour of the day)',
    unit: null,
    explanation: 'Searches from this hour on (local time) are flagged as outside working hours.',
  },
}
