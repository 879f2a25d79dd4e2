// Vendor hosting contracts (DOMAIN.md "Third-party hosting"): each required item met or missing, expiry and
// renewal, and refusals for impossible dates or an unknown contract.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, lastLogEntry, refused, sender, setUpAdministrator } from '../../helpers/core'
import type { VendorContract } from '../../../src/shared/models'

const lab = useLab()

const COMPLETE = {
  vendor: 'CloudPlates Inc.',
  service: 'Off-site encrypted backup',
  signedOn: '2025-06-01',
  expiresOn: '2026-05-01',
  dataOwnedByAgency: true,
  storageLocation: 'us_and_canada',
  staffTrained: true,
  staffBackgroundChecked: true,
  vendorAudits: true,
  lastVendorAuditOn: '2025-12-01',
  breachPolicy: true,
}

describe('vendor contracts', () => {
  it('shows every item met, a renewal coming due, and after renewal a current contract', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    const send = sender(core, admin.call)

    const saved = allowed<VendorContract>(await send('vendors.save', COMPLETE))
    expect(saved.items.map((i) => [i.key, i.met])).toEqual([
      ['dataOwnership', true],
      ['storageLocation', true],
      ['staffTrained', true],
      ['staffBackgroundChecked', true],
      ['vendorAudits', true],
      ['breachPolicy', true],
    ])
    // 2 March 2026: expiry on 1 May is within the 90-day renewal window.
    expect(saved).toMatchObject({ expired: false, renewalDue: true, renewedOn: null })
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ vendorContractId: saved.id })

    const renewed = allowed<VendorContract>(await send('vendors.save', { ...COMPLETE, id: saved.id, expiresOn: '2028-05-01', renewedOn: '2026-03-01' }))
    expect(renewed).toMatchObject({ id: saved.id, expired: false, renewalDue: false, renewedOn: new Date(2026, 2, 1).getTime(), expiresOn: new Date(2028, 4, 1).getTime() })
    expect(allowed<VendorContract[]>(await send('vendors.list'))).toHaveLength(1)
  })

  it('marks data stored abroad or of unknown location, and a missing vendor audit, as missing', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    const send = sender(core, admin.call)
    for (const storageLocation of ['outside', 'unknown']) {
      const c = allowed<VendorContract>(await send('vendors.save', { ...COMPLETE, storageLocation, lastVendorAuditOn: null }))
      expect(c.items.filter((i) => !i.met).map((i) => i.key)).toEqual(['storageLocation', 'vendorAudits'])
      expect(c.items.find((i) => i.key === 'vendorAudits')!.detail).toBe('Required, but no audit by the vendor is on record.')
    }
  })

  it('refuses a contract that ends before it was signed, and an unknown contract id', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    const send = sender(core, admin.call)
    const bad = refused(await send('vendors.save', { ...COMPLETE, expiresOn: '2025-01-01' }), 'INVALID_INPUT')
    expect(bad.details).toEqual({ expiresOn: 'After the signing date' })
    refused(await send('vendors.save', { ...COMPLETE, id: 'no-such-contract' }), 'NOT_FOUND')
    expect(allowed<VendorContract[]>(await send('vendors.list'))).toEqual([])
  })
})
