// Channels: Sharing with California public agencies (the agency registry, share requests and their approval,
// the shared file, kept e-mail messages), and Public Records Act requests and subpoenas.
import { z } from 'zod'
import { channel, noInput } from './define'
import { withPurpose } from './purpose'
import * as f from './fields'
import type { AgencyRecord, DocumentFile, RecordsRequest, RequesterType, SharedRead, ShareRecord, ShareTransfer } from '../models'

export const REQUESTER_TYPES = ['state_agency', 'county_agency', 'city_agency', 'political_subdivision', 'federal_agency', 'private_entity', 'vendor'] as const
export const SHARE_TRANSFERS = ['email', 'portal', 'media', 'in_person'] as const

/** How each kind of requester is named on screen and in reports; only the first four can be registered. */
export const REQUESTER_TYPE_LABELS: Record<RequesterType, string> = {
  state_agency: 'State of California agency',
  county_agency: 'County or county agency',
  city_agency: 'City, city and county, or city agency',
  political_subdivision: 'District or other political subdivision of the state',
  federal_agency: 'Federal agency',
  private_entity: 'Private company or person',
  vendor: 'Vendor or platform acting for another party',
}

export const SHARE_TRANSFER_LABELS: Record<ShareTransfer, string> = {
  email: 'E-mail',
  portal: 'Secure portal or file transfer',
  media: 'Encrypted media handed over',
  in_person: 'Viewed in person',
}

const text = (max: number) => z.string().trim().min(1, 'Required').max(max)
/** A two-letter US state or Canadian province code, or "XX" for another country. */
const stateCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Two letters, e.g. CA')

const selection = z.union([
  z.strictObject({ readIds: z.array(z.number().int().positive()).min(1, 'At least one read').max(5000) }),
  z.strictObject({
    plate: z.string().trim().toUpperCase().regex(/^[A-Z0-9 -]{1,10}$/, 'Letters and digits only'),
    from: f.isoDate,
    to: f.isoDate,
  }),
])

export const sharingChannels = {
  'sharing.agencies': channel<AgencyRecord[]>()({
    summary: 'The registry of agencies ALPR information may be shared with, and the shares made with each.',
    input: noInput,
    access: 'governance.read',
  }),
  'sharing.addAgency': channel<AgencyRecord>()({
    summary: 'Registers a California public agency; federal, out-of-state and private requesters are refused.',
    input: z.strictObject({
      name: f.agencyName,
      type: z.enum(REQUESTER_TYPES),
      state: stateCode,
      contactPhone: z.string().trim().max(40).default(''),
    }),
    access: 'governance.manage',
  }),
  'sharing.list': channel<ShareRecord[]>()({
    summary: 'Every share request, newest first, with its approval, export and kept e-mail messages.',
    input: noInput,
    access: 'governance.read',
  }),
  'sharing.request': channel<ShareRecord>()({
    summary: 'Records a request from a registered agency: requester, stated purpose and need, verification, and what is asked.',
    input: withPurpose({
      agencyId: f.recordId,
      requester: f.personName,
      requesterTitle: text(80),
      need: text(1000),
      verification: text(500),
      transfer: z.enum(SHARE_TRANSFERS),
      selection,
    }),
    access: 'governance.manage',
    alprAccess: true,
  }),
  'sharing.reads': channel<SharedRead[]>()({
    summary: 'The reads a share request named when it was entered (those not yet deleted), for the approver to see.',
    input: withPurpose({ shareId: f.recordId }),
    access: 'governance.manage',
    alprAccess: true,
  }),
  'sharing.decide': channel<ShareRecord>()({
    summary: 'Approves or declines a pending share; the person who entered the request cannot decide it.',
    input: z.strictObject({ shareId: f.recordId, approve: z.boolean(), note: text(500) }),
    access: 'governance.manage',
  }),
  'sharing.produce': channel<DocumentFile>()({
    summary: 'Produces the approved share as a CSV file, recorded in the exports ledger with the agency as recipient.',
    input: withPurpose({ shareId: f.recordId }),
    access: 'governance.manage',
    alprAccess: true,
  }),
  'sharing.keepEmail': channel<ShareRecord>()({
    summary: 'Keeps the original e-mail message (.eml) of a transfer by e-mail, encrypted in the store, for the set period.',
    input: z.strictObject({
      shareId: f.recordId,
      fileName: z.string().trim().min(1).max(200),
      /** The message file's bytes, base64 (at most about 20 MB). */
      messageBase64: z.string().min(4).max(28_000_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not a file'),
    }),
    access: 'governance.manage',
  }),
  'sharing.recordsRequests': channel<RecordsRequest[]>()({
    summary: 'Public Records Act requests and subpoenas, open ones first by due date.',
    input: noInput,
    access: 'governance.read',
  }),
  'sharing.logRecordsRequest': channel<RecordsRequest>()({
    summary: 'Logs a Public Records Act request or subpoena and routes it to an ALPR Administrator.',
    input: z.strictObject({
      kind: z.enum(['public_records', 'subpoena']),
      receivedOn: f.isoDate,
      requester: text(200),
      asked: text(2000),
      dueOn: f.isoDate,
    }),
    access: 'governance.manage',
  }),
  'sharing.closeRecordsRequest': channel<RecordsRequest>()({
    summary: 'Closes a records request with what was answered, released or withheld and why.',
    input: z.strictObject({ requestId: f.recordId, response: text(2000) }),
    access: 'governance.manage',
  }),
}
