// The exports ledger (DOMAIN.md "Retention"): every download, print or share with its destruction deadline;
// overdue items listed first and on their own for the compliance dashboard; destruction certified once,
// by a named person, with a note.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { desk, type Desk } from '../retention/fixtures'
import { DAY } from '../../../src/main/core/clock'
import type { NewExportRecord } from '../../../src/main/core/store/repositories/exports'
import type { ExportLedgerItem } from '../../../src/shared/models'

const lab = useLab()

async function ledgerWithThree(d: Desk) {
  const now = d.clock.now()
  const item = (id: string, createdAt: number, destroyBy: number): NewExportRecord => ({
    id,
    kind: 'search-results',
    format: 'csv',
    description: `Search results ${id}`,
    itemCount: 12,
    sha256: 'ab'.repeat(32),
    purpose: 'Case 26-000777',
    createdBy: d.admin.id,
    createdAt,
    recipient: null,
    destroyBy,
  })
  await d.core.store.exports.record(item('EX-OVERDUE-OLD', now - 40 * DAY, now - 10 * DAY))
  await d.core.store.exports.record(item('EX-OVERDUE-NEW', now - 35 * DAY, now - 5 * DAY))
  await d.core.store.exports.record(item('EX-OPEN', now - DAY, now + 29 * DAY))
}

describe('the exports ledger', () => {
  it('lists overdue items first, oldest deadline first, then open ones, each with its status and the name of who made it', async () => {
    const d = await desk(lab)
    await ledgerWithThree(d)
    const all = allowed<ExportLedgerItem[]>(await d.asAdmin('exports.list', {}))
    expect(all.map((e) => [e.id, e.status])).toEqual([
      ['EX-OVERDUE-OLD', 'overdue'],
      ['EX-OVERDUE-NEW', 'overdue'],
      ['EX-OPEN', 'open'],
    ])
    expect(all[0]).toMatchObject({ createdByName: 'Alice Admin', itemCount: 12, purpose: 'Case 26-000777', destroyedAt: null })
    const overdue = allowed<ExportLedgerItem[]>(await d.asAdmin('exports.overdue'))
    expect(overdue.map((e) => e.id)).toEqual(['EX-OVERDUE-OLD', 'EX-OVERDUE-NEW'])
    expect(allowed<ExportLedgerItem[]>(await d.asAdmin('exports.list', { status: 'open' })).map((e) => e.id)).toEqual(['EX-OPEN'])
  })

  it('certifies destruction once, under the certifier’s name with the note, and then no longer lists the item as overdue', async () => {
    const d = await desk(lab)
    await ledgerWithThree(d)
    const certified = allowed<ExportLedgerItem>(
      await d.asAdmin('exports.certifyDestruction', { exportId: 'EX-OVERDUE-OLD', note: 'Shredded the printout; CSV deleted from the laptop' }),
    )
    expect(certified).toMatchObject({
      status: 'destroyed',
      destroyedAt: d.clock.now(),
      destroyedBy: d.admin.id,
      destroyedByName: 'Alice Admin',
      destructionNote: 'Shredded the printout; CSV deleted from the laptop',
    })
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'exports.certifyDestruction', outcome: 'allowed' })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ exportId: 'EX-OVERDUE-OLD' })

    const again = refused(await d.asAdmin('exports.certifyDestruction', { exportId: 'EX-OVERDUE-OLD', note: 'Destroyed it twice' }), 'CONFLICT')
    expect(again.message).toBe('The destruction of EX-OVERDUE-OLD was already certified; a certificate is given once.')
    expect(allowed<ExportLedgerItem[]>(await d.asAdmin('exports.overdue')).map((e) => e.id)).toEqual(['EX-OVERDUE-NEW'])
    const all = allowed<ExportLedgerItem[]>(await d.asAdmin('exports.list', {}))
    expect(all.at(-1)).toMatchObject({ id: 'EX-OVERDUE-OLD', status: 'destroyed', destructionNote: 'Shredded the printout; CSV deleted from the laptop' })
    refused(await d.asAdmin('exports.certifyDestruction', { exportId: 'EX-NOPE', note: 'It never existed' }), 'NOT_FOUND')
    expect(refused(await d.asAdmin('exports.certifyDestruction', { exportId: 'EX-OPEN', note: '' }), 'INVALID_INPUT').details).toHaveProperty('note')
  })

  it('turns an open item overdue when its deadline passes', async () => {
    const d = await desk(lab)
    await ledgerWithThree(d)
    d.clock.advance(30 * DAY)
    allowed(await signIn(d.core, d.admin.call, d.clock, d.admin))
    expect(allowed<ExportLedgerItem[]>(await d.asAdmin('exports.overdue')).map((e) => e.id)).toEqual(['EX-OVERDUE-OLD', 'EX-OVERDUE-NEW', 'EX-OPEN'])
  })

  it('is read by auditors but certified only by the administrator, and not shown to investigators', async () => {
    const d = await desk(lab)
    await ledgerWithThree(d)
    const auditor = await createPerson(d.core, d.admin, d.clock, { username: 'aaud', displayName: 'Abe Auditor', roles: ['auditor'] })
    const investigator = await createPerson(d.core, d.admin, d.clock, { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator'] })
    const asAuditor = fromWindow('aud')
    const asInvestigator = fromWindow('inv')
    allowed(await signIn(d.core, asAuditor, d.clock, auditor))
    allowed(await signIn(d.core, asInvestigator, d.clock, investigator))
    expect(allowed<ExportLedgerItem[]>(await sender(d.core, asAuditor)('exports.list', {}))).toHaveLength(3)
    refused(await sender(d.core, asAuditor)('exports.certifyDestruction', { exportId: 'EX-OPEN', note: 'Deleted the file' }), 'PERMISSION_DENIED')
    refused(await sender(d.core, asInvestigator)('exports.list', {}), 'PERMISSION_DENIED')
  })
})
