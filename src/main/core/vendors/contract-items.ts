// What a contract with a vendor hosting ALPR information must contain (DOMAIN.md "Third-party hosting", from
// the policy's section on operators and vendors), each judged met or missing, and whether the contract is current.
import type { VendorContract, VendorContractItem } from '../../../shared/models'
import { STORAGE_LABELS } from '../../../shared/contract/vendors'
import type { VendorContractRow } from '../store/repositories/vendors'
import { DAY, addMonths } from '../clock'
import { localDate, localDayEnd } from '../local-time'

/** A contract expiring within this many days is shown as due for renewal. */
export const RENEWAL_WARNING_DAYS = 90
/** A vendor's own audit older than this is no longer evidence of periodic audits. */
export const VENDOR_AUDIT_MONTHS = 12

const day = localDate

export function contractItems(c: VendorContractRow, now: number): VendorContractItem[] {
  const storageMet = c.storageLocation === 'us' || c.storageLocation === 'canada' || c.storageLocation === 'us_and_canada'
  const auditCurrent = c.lastVendorAuditOn !== null && addMonths(c.lastVendorAuditOn, VENDOR_AUDIT_MONTHS) > now
  return [
    {
      key: 'dataOwnership',
      label: 'The agency owns the data',
      met: c.dataOwnedByAgency,
      detail: c.dataOwnedByAgency ? 'The contract states the agency owns the data it uploads.' : 'The contract does not state that the agency owns its data.',
    },
    {
      key: 'storageLocation',
      label: 'Stored only in the US or Canada',
      met: storageMet,
      detail: `Storage: ${STORAGE_LABELS[c.storageLocation]}.`,
    },
    {
      key: 'staffTrained',
      label: 'Vendor staff with access are trained',
      met: c.staffTrained,
      detail: c.staffTrained ? 'Required by the contract.' : 'Not required by the contract.',
    },
    {
      key: 'staffBackgroundChecked',
      label: 'Vendor staff with access are background-checked',
      met: c.staffBackgroundChecked,
      detail: c.staffBackgroundChecked ? 'Required by the contract.' : 'Not required by the contract.',
    },
    {
      key: 'vendorAudits',
      label: 'The vendor audits its service periodically',
      met: c.vendorAudits && auditCurrent,
      detail: !c.vendorAudits
        ? 'The contract does not require periodic audits.'
        : c.lastVendorAuditOn === null
          ? 'Required, but no audit by the vendor is on record.'
          : auditCurrent
            ? `Required; last audit ${day(c.lastVendorAuditOn)}.`
            : `Required, but the last audit (${day(c.lastVendorAuditOn)}) is more than ${VENDOR_AUDIT_MONTHS} months old.`,
    },
    {
      key: 'breachPolicy',
      label: 'The vendor has a data-breach policy',
      met: c.breachPolicy,
      detail: c.breachPolicy ? 'Included in the contract.' : 'No breach policy in the contract.',
    },
  ]
}

export function toVendorContract(c: VendorContractRow, now: number): VendorContract {
  const { updatedBy: _updatedBy, ...rest } = c
  // In force through its last day (local time); expired from the next day.
  const expired = localDayEnd(c.expiresOn) <= now
  return {
    ...rest,
    items: contractItems(c, now),
    expired,
    renewalDue: !expired && c.expiresOn - now <= RENEWAL_WARNING_DAYS * DAY,
  }
}
