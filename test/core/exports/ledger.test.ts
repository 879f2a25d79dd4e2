// The exports ledger (DOMAIN.md "Retention"): every download, print or share with its destruction deadline;
// overdue items listed first and on their own for the compliance dashboard; destruction certified once,
// by a named person, with a note.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, lastLogEntry, refused, signIn } from '../../helpers/core'
import { auditorAndInvestigator, desk, type Desk } from '../retention/fixtures'
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
    const { asAuditor, asInvestigator } = await auditorAndInvestigator(d)
    expect(allowed<ExportLedgerItem[]>(await asAuditor('exports.list', {}))).toHaveLength(3)
    refused(await asAuditor('exports.certifyDestruction', { exportId: 'EX-OPEN', note: 'Deleted the file' }), 'PERMISSION_DENIED')
    refused(await asInvestigator('exports.list', {}), 'PERMISSION_DENIED')
  })
})

describe('the reminder of one’s own exports', () => {
  it('answers any signed-in person their own items not yet destroyed, soonest deadline first, and is logged', async () => {
    const d = await desk(lab)
    const { asInvestigator } = await auditorAndInvestigator(d)
    const investigatorId = (await d.core.store.users.list()).find((u) => u.username === 'iinv')!.id
    const now = d.clock.now()
    const record = (id: string, createdBy: string, destroyBy: number) =>
      d.core.store.exports.record({
        id,
        kind: 'search-results',
        format: 'csv',
        description: `Search results ${id}`,
        itemCount: 3,
        sha256: null,
        purpose: 'Case 26-000777',
        createdBy,
        createdAt: now - DAY,
        recipient: null,
        destroyBy,
      })
    await record('EX-MINE-SOON', investigatorId, now + 2 * DAY)
    await record('EX-MINE-LATE', investigatorId, now - DAY)
    await record('EX-MINE-DONE', investigatorId, now - 2 * DAY)
    await record('EX-THEIRS', d.admin.id, now - 3 * DAY)
    await d.core.store.exports.certifyDestruction('EX-MINE-DONE', investigatorId, now, 'Deleted the file')

    const mine = allowed<ExportLedgerItem[]>(await asInvestigator('exports.mine'))

    expect(mine.map((e) => [e.id, e.status, e.destroyBy])).toEqual([
      ['EX-MINE-LATE', 'overdue', now - DAY],
      ['EX-MINE-SOON', 'open', now + 2 * DAY],
    ])
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'exports.mine', username: 'iinv', outcome: 'allowed' })
    // The whole ledger stays with governance roles.
    refused(await asInvestigator('exports.list', {}), 'PERMISSION_DENIED')
    expect(allowed<ExportLedgerItem[]>(await d.asAdmin('exports.mine')).map((e) => e.id)).toEqual(['EX-THEIRS'])
  })
})
