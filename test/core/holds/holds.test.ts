// Holds (DOMAIN.md "Retention"): a read named by a hold for a case outlives the retention period until the
// hold is released; then it expires like any other. Placing a hold names reads, so it needs a purpose.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { isoDay } from '../../helpers/clock'
import { aRead, desk, expiredAt, type Desk } from '../retention/fixtures'
import { DAY } from '../../../src/main/core/clock'
import type { HoldRecord, RetentionRun } from '../../../src/shared/models'

const lab = useLab()

const purpose = { caseNumber: '26-004417' }

async function investigatorDesk(d: Desk) {
  const person = await createPerson(d.core, d.admin, d.clock, { username: 'iinv', displayName: 'Ivy Investigator', roles: ['investigator'] })
  const call = fromWindow('inv-window')
  allowed(await signIn(d.core, call, d.clock, person))
  return sender(d.core, call)
}

describe('holds on reads', () => {
  it('keep held reads through a purge, and let them expire once released', async () => {
    const d = await desk(lab)
    const asInvestigator = await investigatorDesk(d)
    const [held, free] = await d.core.store.reads.insert([aRead('6HELD01', expiredAt(d.clock)), aRead('6FREE01', expiredAt(d.clock))])

    const hold = allowed<HoldRecord>(
      await asInvestigator('holds.place', {
        purpose,
        caseNumber: '26-004417',
        reason: 'Evidence in a hit-and-run investigation',
        reviewOn: isoDay(d.clock.now() + 30 * DAY),
        readIds: [held, held],
      }),
    )
    expect(hold).toMatchObject({ caseNumber: '26-004417', readCount: 1, heldReads: 1, placedByName: 'Ivy Investigator', releasedAt: null, reviewDue: false })
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'holds.place', purpose: 'Case 26-004417', outcome: 'allowed' })
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ holdId: hold.id, readCount: 1 })

    const first = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))
    expect(first).toMatchObject({ readsDeleted: 1, heldReadsKept: 1 })
    expect(await d.core.store.reads.get(held!)).toMatchObject({ plate: '6HELD01' })
    expect(await d.core.store.reads.get(free!)).toBeNull()

    const released = allowed<HoldRecord>(await asInvestigator('holds.release', { holdId: hold.id, reason: 'Case closed by the prosecutor' }))
    expect(released).toMatchObject({ releasedByName: 'Ivy Investigator', releaseReason: 'Case closed by the prosecutor' })
    expect(allowed<HoldRecord[]>(await asInvestigator('holds.list', {}))).toEqual([])

    const second = allowed<RetentionRun>(await d.asAdmin('retention.runNow'))
    expect(second).toMatchObject({ readsDeleted: 1, heldReadsKept: 0 })
    expect(await d.core.store.reads.get(held!)).toBeNull()
    const [after] = allowed<HoldRecord[]>(await asInvestigator('holds.list', { includeReleased: true }))
    expect(after).toMatchObject({ id: hold.id, readCount: 1, heldReads: 0 })
    refused(await asInvestigator('holds.release', { holdId: hold.id, reason: 'again please' }), 'CONFLICT')
  })

  it('keep a read that two holds name until both are released', async () => {
    const d = await desk(lab)
    const [id] = await d.core.store.reads.insert([aRead('7TWICE7', expiredAt(d.clock))])
    const place = async (caseNumber: string) =>
      allowed<HoldRecord>(
        await d.asAdmin('holds.place', { purpose: { caseNumber }, caseNumber, reason: 'Two cases', reviewOn: isoDay(d.clock.now() + 10 * DAY), readIds: [id] }),
      )
    const a = await place('26-000001')
    await place('26-000002')
    allowed(await d.asAdmin('holds.release', { holdId: a.id, reason: 'First case closed' }))
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow')).readsDeleted).toBe(0)
    expect(await d.core.store.reads.get(id!)).not.toBeNull()
  })

  it('are reviewed: a due review is shown, and a review with a note sets the next date', async () => {
    const d = await desk(lab)
    const [id] = await d.core.store.reads.insert([aRead('8REVIEW', d.clock.now() - DAY)])
    const hold = allowed<HoldRecord>(
      await d.asAdmin('holds.place', { purpose, caseNumber: '26-004417', reason: 'Ongoing', reviewOn: isoDay(d.clock.now() + 2 * DAY), readIds: [id] }),
    )
    d.clock.advance(3 * DAY)
    allowed(await signIn(d.core, d.admin.call, d.clock, d.admin))
    const [due] = allowed<HoldRecord[]>(await d.asAdmin('holds.list', {}))
    expect(due).toMatchObject({ id: hold.id, reviewDue: true })

    const reviewed = allowed<HoldRecord>(
      await d.asAdmin('holds.review', { holdId: hold.id, nextReviewOn: isoDay(d.clock.now() + 90 * DAY), note: 'Trial set for June' }),
    )
    expect(reviewed.reviewDue).toBe(false)
    expect(reviewed.reviewAt).toBe(Date.parse(`${isoDay(d.clock.now() + 90 * DAY)}T00:00:00Z`))
    expect(reviewed.reviews).toEqual([
      { at: d.clock.now(), by: d.admin.id, byName: 'Alice Admin', note: 'Trial set for June', previousReviewAt: hold.reviewAt, nextReviewAt: reviewed.reviewAt },
    ])
  })

  it('refuse a hold without a purpose, on reads that do not exist, with a past or distant review date, and to roles without holds', async () => {
    const d = await desk(lab)
    const [id] = await d.core.store.reads.insert([aRead('9REFUSE', d.clock.now() - DAY)])
    const input = { purpose, caseNumber: '26-1', reason: 'Evidence', reviewOn: isoDay(d.clock.now() + 10 * DAY), readIds: [id!] }
    refused(await d.asAdmin('holds.place', { ...input, purpose: undefined }), 'PURPOSE_REQUIRED')
    const missing = refused(await d.asAdmin('holds.place', { ...input, readIds: [id!, 999_999] }), 'NOT_FOUND')
    expect(missing.message).toBe('One of the reads named does not exist (it may have expired): 999999. No hold was placed.')
    expect(refused(await d.asAdmin('holds.place', { ...input, reviewOn: isoDay(d.clock.now() - DAY) }), 'INVALID_INPUT').details).toEqual({
      reviewOn: 'A date after today',
    })
    expect(refused(await d.asAdmin('holds.place', { ...input, reviewOn: isoDay(d.clock.now() + 400 * DAY) }), 'INVALID_INPUT').message).toBe(
      'A hold must be reviewed within a year.',
    )
    expect(allowed<HoldRecord[]>(await d.asAdmin('holds.list', {}))).toEqual([])

    const dispatcher = await createPerson(d.core, d.admin, d.clock, { username: 'ddisp', displayName: 'Dee Dispatch', roles: ['dispatcher'] })
    const call = fromWindow('disp-window')
    allowed(await signIn(d.core, call, d.clock, dispatcher))
    refused(await sender(d.core, call)('holds.place', input), 'PERMISSION_DENIED')
    refused(await sender(d.core, call)('holds.list', {}), 'PERMISSION_DENIED')
  })
})
