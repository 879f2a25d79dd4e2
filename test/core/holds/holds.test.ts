// Holds (DOMAIN.md "Retention"): a read named by a hold for a case outlives the retention period until the
// hold is released; then it expires like any other. Placing a hold names reads, so it needs a purpose.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, sender, signIn } from '../../helpers/core'
import { isoDay } from '../../helpers/clock'
import { aRead, desk, expiredAt, type Desk } from '../retention/fixtures'
import { DAY } from '../../../src/main/core/clock'
import type { HoldRecord, RetentionRun } from '../../../src/shared/models'
import { runPurge } from '../../../src/main/core/retention/purge'

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
    const b = await place('26-000002')
    allowed(await d.asAdmin('holds.release', { holdId: a.id, reason: 'First case closed' }))
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow'))).toMatchObject({ readsDeleted: 0, heldReadsKept: 1 })
    expect(await d.core.store.reads.get(id!)).not.toBeNull()

    allowed(await d.asAdmin('holds.release', { holdId: b.id, reason: 'Second case closed' }))
    expect(allowed<RetentionRun>(await d.asAdmin('retention.runNow'))).toMatchObject({ readsDeleted: 1, heldReadsKept: 0 })
    expect(await d.core.store.reads.get(id!)).toBeNull()
  })

  it('keep a read named by a hold placed while a purge is between steps', async () => {
    const d = await desk(lab)
    const ids = await d.core.store.reads.insert(
      ['1STEP01', '1STEP02', '1STEP03', '1STEP04', '1STEP05'].map((plate, i) => aRead(plate, expiredAt(d.clock) - (5 - i) * 1000)),
    )
    let placing: Promise<unknown> | null = null
    const run = await runPurge({
      store: d.core.store,
      clock: d.clock,
      deviceId: d.core.device.id,
      kind: 'manual',
      batchSize: 2,
      shouldStop: () => {
        // After the first step (reads 1 and 2 gone), before the second: the hold's write reaches the store first.
        placing ??= d.core.store.holds.place({
          id: 'HOLD-STEP',
          caseNumber: '26-004417',
          reason: 'Placed mid-purge',
          reviewAt: d.clock.now() + 10 * DAY,
          placedBy: d.admin.id,
          placedAt: d.clock.now(),
          readIds: [ids[3]!],
        })
        return false
      },
    })
    expect(await placing).toEqual({ missing: [] })
    expect(run).toMatchObject({ outcome: 'completed', readsDeleted: 4, heldReadsKept: 1 })
    expect(await d.core.store.reads.get(ids[3]!)).toMatchObject({ plate: '1STEP04' })
    expect(await d.core.store.reads.get(ids[4]!)).toBeNull()
  })

  it('are released only by who placed them, a supervisor or an administrator', async () => {
    const d = await desk(lab)
    const asInvestigator = await investigatorDesk(d)
    const other = await createPerson(d.core, d.admin, d.clock, { username: 'jinv', displayName: 'Jay Investigator', roles: ['investigator'] })
    const supervisor = await createPerson(d.core, d.admin, d.clock, { username: 'ssup', displayName: 'Sue Supervisor', roles: ['supervisor'] })
    const otherCall = fromWindow('other-window')
    const supervisorCall = fromWindow('sup-window')
    allowed(await signIn(d.core, otherCall, d.clock, other))
    allowed(await signIn(d.core, supervisorCall, d.clock, supervisor))
    const [id] = await d.core.store.reads.insert([aRead('5OWNER5', expiredAt(d.clock))])
    const place = async () =>
      allowed<HoldRecord>(
        await asInvestigator('holds.place', { purpose, caseNumber: '26-004417', reason: 'Evidence', reviewOn: isoDay(d.clock.now() + 10 * DAY), readIds: [id] }),
      )
    const first = await place()

    const refusal = refused(await sender(d.core, otherCall)('holds.release', { holdId: first.id, reason: 'Not my case' }), 'PERMISSION_DENIED')
    expect(refusal.message).toBe('Only the person who placed this hold, a supervisor or an administrator can release it.')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'holds.release', username: 'jinv', outcome: 'refused' })
    expect(allowed<HoldRecord[]>(await asInvestigator('holds.list', {})).map((h) => h.id)).toEqual([first.id])

    expect(allowed<HoldRecord>(await sender(d.core, supervisorCall)('holds.release', { holdId: first.id, reason: 'Case closed' }))).toMatchObject({
      releasedByName: 'Sue Supervisor',
    })
    const second = await place()
    expect(allowed<HoldRecord>(await d.asAdmin('holds.release', { holdId: second.id, reason: 'Case closed' }))).toMatchObject({ releasedByName: 'Alice Admin' })
  })

  it('name at most 50 reads per call, so the hold’s log entry lists every one', async () => {
    const d = await desk(lab)
    const ids = await d.core.store.reads.insert(Array.from({ length: 51 }, (_, i) => aRead(`6MANY${String(i).padStart(2, '0')}`, d.clock.now() - DAY)))
    const input = { purpose, caseNumber: '26-004417', reason: 'Evidence', reviewOn: isoDay(d.clock.now() + 10 * DAY) }
    const tooMany = refused(await d.asAdmin('holds.place', { ...input, readIds: ids }), 'INVALID_INPUT')
    expect(tooMany.details).toEqual({ readIds: 'A hold names at most 50 reads; place another hold for more.' })

    const hold = allowed<HoldRecord>(await d.asAdmin('holds.place', { ...input, readIds: ids.slice(0, 50) }))
    expect(hold.readCount).toBe(50)
    const entry = await lastLogEntry(d.core)
    expect(entry.channel).toBe('holds.place')
    expect(JSON.stringify(entry.dataElements)).toContain(String(ids[49]))
  })

  it('take a review date as the end of that day on this workstation’s clock, also just after UTC midnight', async () => {
    const zone = process.env.TZ
    process.env.TZ = 'America/Los_Angeles'
    try {
      const d = await desk(lab)
      // 20:00 on 9 March in California, already 10 March in UTC.
      d.clock.set(Date.parse('2026-03-10T03:00:00Z'))
      allowed(await signIn(d.core, d.admin.call, d.clock, d.admin))
      const [id] = await d.core.store.reads.insert([aRead('4ZONE44', d.clock.now() - DAY)])
      const input = { purpose, caseNumber: '26-004417', reason: 'Evidence', readIds: [id] }

      const today = allowed<HoldRecord>(await d.asAdmin('holds.place', { ...input, reviewOn: '2026-03-09' }))
      expect(new Date(today.reviewAt).toISOString()).toBe('2026-03-10T06:59:59.999Z')
      expect(today.reviewDue).toBe(false)
      expect(refused(await d.asAdmin('holds.place', { ...input, reviewOn: '2026-03-08' }), 'INVALID_INPUT').details).toEqual({
        reviewOn: 'A date after today',
      })
      // A year ahead counts in local days too: 9 March 2027 ends within 366 days of now.
      allowed(await d.asAdmin('holds.place', { ...input, reviewOn: '2027-03-09' }))

      d.clock.set(Date.parse('2026-03-10T07:00:00Z'))
      allowed(await signIn(d.core, fromWindow('next-morning'), d.clock, d.admin))
      const [due] = allowed<HoldRecord[]>(await sender(d.core, fromWindow('next-morning'))('holds.list', {}))
      expect(due).toMatchObject({ id: today.id, reviewDue: true })
    } finally {
      process.env.TZ = zone
    }
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
    const [y, m, day] = isoDay(d.clock.now() + 90 * DAY).split('-').map(Number) as [number, number, number]
    expect(reviewed.reviewAt).toBe(new Date(y, m - 1, day, 23, 59, 59, 999).getTime())
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
