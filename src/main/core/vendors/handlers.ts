// Handlers: vendor hosting contracts. Recording a contract that lacks an item is allowed (it is the fact on
// paper); the list and the compliance dashboard show what is missing.
import { randomUUID } from 'node:crypto'
import type { Handlers } from '../access/types'
import type { Services } from '../app/services'
import { AppError } from '../errors'
import { toVendorContract } from './contract-items'
import { startOfLocalDay } from '../local-time'

type VendorHandlers = Pick<Handlers, 'vendors.list' | 'vendors.save'>

/** A date on the form is that day at the workstation, from its local midnight. */
const dayStart = startOfLocalDay

export function vendorHandlers({ store }: Services): VendorHandlers {
  return {
    'vendors.list': async (_input, ctx) => (await store.vendors.list()).map((c) => toVendorContract(c, ctx.now)),

    'vendors.save': async (input, ctx) => {
      if (input.id && !(await store.vendors.get(input.id))) throw new AppError('NOT_FOUND', 'No vendor contract with that id exists.')
      const signedOn = dayStart(input.signedOn)
      const expiresOn = dayStart(input.expiresOn)
      if (expiresOn <= signedOn) throw new AppError('INVALID_INPUT', 'The contract must end after it was signed.', { expiresOn: 'After the signing date' })
      const saved = await store.vendors.save({
        id: input.id ?? randomUUID(),
        vendor: input.vendor,
        service: input.service,
        signedOn,
        expiresOn,
        renewedOn: input.renewedOn === null ? null : dayStart(input.renewedOn),
        dataOwnedByAgency: input.dataOwnedByAgency,
        storageLocation: input.storageLocation,
        staffTrained: input.staffTrained,
        staffBackgroundChecked: input.staffBackgroundChecked,
        vendorAudits: input.vendorAudits,
        lastVendorAuditOn: input.lastVendorAuditOn === null ? null : dayStart(input.lastVendorAuditOn),
        breachPolicy: input.breachPolicy,
        notes: input.notes,
        updatedBy: ctx.user!.id,
        updatedAt: ctx.now,
      })
      ctx.note({ vendorContractId: saved.id })
      return toVendorContract(saved, ctx.now)
    },
  }
}
