// Contracts with vendors that host ALPR information, as recorded; whether each item is met is decided in core/vendors.
import type { Db } from '../database'
import type { VendorContract } from '../../../../shared/models'

/** A contract as recorded, with who last changed it; the judged items are worked out in core/vendors. */
export type VendorContractRow = Omit<VendorContract, 'items' | 'expired' | 'renewalDue'> & { updatedBy: string }

const FLAGS = ['dataOwnedByAgency', 'staffTrained', 'staffBackgroundChecked', 'vendorAudits', 'breachPolicy'] as const

const SELECT = `SELECT id, vendor, service, signed_on AS signedOn, expires_on AS expiresOn, renewed_on AS renewedOn,
  data_owned_by_agency AS dataOwnedByAgency, storage_location AS storageLocation, staff_trained AS staffTrained,
  staff_background_checked AS staffBackgroundChecked, vendor_audits AS vendorAudits,
  last_vendor_audit_on AS lastVendorAuditOn, breach_policy AS breachPolicy, notes, updated_by AS updatedBy,
  updated_at AS updatedAt FROM vendor_contracts`

const toRow = (raw: Record<string, unknown>): VendorContractRow => {
  const row = { ...raw } as Record<string, unknown>
  for (const flag of FLAGS) row[flag] = raw[flag] === 1
  return row as unknown as VendorContractRow
}

export class VendorsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a new contract or replaces the recorded terms of an existing one. */
  save(c: VendorContractRow): VendorContractRow {
    const params: Record<string, unknown> = { ...c }
    for (const flag of FLAGS) params[flag] = c[flag] ? 1 : 0
    this.db
      .prepare(
        `INSERT INTO vendor_contracts (id, vendor, service, signed_on, expires_on, renewed_on, data_owned_by_agency,
            storage_location, staff_trained, staff_background_checked, vendor_audits, last_vendor_audit_on, breach_policy,
            notes, updated_by, updated_at)
         VALUES (@id, @vendor, @service, @signedOn, @expiresOn, @renewedOn, @dataOwnedByAgency, @storageLocation,
            @staffTrained, @staffBackgroundChecked, @vendorAudits, @lastVendorAuditOn, @breachPolicy, @notes, @updatedBy, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET vendor = excluded.vendor, service = excluded.service, signed_on = excluded.signed_on,
            expires_on = excluded.expires_on, renewed_on = excluded.renewed_on,
            data_owned_by_agency = excluded.data_owned_by_agency, storage_location = excluded.storage_location,
            staff_trained = excluded.staff_trained, staff_background_checked = excluded.staff_background_checked,
            vendor_audits = excluded.vendor_audits, last_vendor_audit_on = excluded.last_vendor_audit_on,
            breach_policy = excluded.breach_policy, notes = excluded.notes, updated_by = excluded.updated_by,
            updated_at = excluded.updated_at`,
      )
      .run(params)
    return this.get(c.id)!
  }

  get(id: string): VendorContractRow | null {
    const raw = this.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Record<string, unknown> | undefined
    return raw ? toRow(raw) : null
  }

  list(): VendorContractRow[] {
    return (this.db.prepare(`${SELECT} ORDER BY vendor COLLATE NOCASE, id`).all() as Record<string, unknown>[]).map(toRow)
  }
}
