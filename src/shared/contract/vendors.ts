// Channels: contracts with vendors that host ALPR information, and the items each must contain (issue 7).
import { z } from 'zod'
import { channel, noInput } from './define'
import * as f from './fields'
import type { VendorContract, VendorStorageLocation } from '../models'

export const STORAGE_LOCATIONS = ['us', 'canada', 'us_and_canada', 'outside', 'unknown'] as const

export const STORAGE_LABELS: Record<VendorStorageLocation, string> = {
  us: 'United States',
  canada: 'Canada',
  us_and_canada: 'United States and Canada',
  outside: 'Outside the United States and Canada',
  unknown: 'Not stated in the contract',
}

export const vendorChannels = {
  'vendors.list': channel<VendorContract[]>()({
    summary: 'Vendor hosting contracts with each required item shown as met or missing, and expiry.',
    input: noInput,
    access: 'governance.read',
  }),
  'vendors.save': channel<VendorContract>()({
    summary: 'Records a vendor contract, or updates one (a renewal sets a new expiry and renewal date).',
    input: z.strictObject({
      id: f.recordId.optional(),
      vendor: z.string().trim().min(2, 'Required').max(120),
      service: z.string().trim().min(2, 'Required').max(200),
      signedOn: f.isoDate,
      expiresOn: f.isoDate,
      renewedOn: f.isoDate.nullable().default(null),
      dataOwnedByAgency: z.boolean(),
      storageLocation: z.enum(STORAGE_LOCATIONS),
      staffTrained: z.boolean(),
      staffBackgroundChecked: z.boolean(),
      vendorAudits: z.boolean(),
      lastVendorAuditOn: f.isoDate.nullable().default(null),
      breachPolicy: z.boolean(),
      notes: z.string().trim().max(2000).default(''),
    }),
    access: 'governance.manage',
  }),
}
