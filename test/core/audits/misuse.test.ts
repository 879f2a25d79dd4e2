// Misuse detection (DOMAIN.md "Audits": flag patterns of misuse) on access logs seeded through the real
// store's append, read back by the same query the audits use; and one refusal made through the real guard.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, createPerson, fromWindow, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { DAY, MINUTE } from '../../../src/main/core/clock'
import { resolveSettings, type Settings } from '../../../src/main/core/settings/definitions'
import { detectMisuse, isWorkingHour, purposeKey, USUAL_HOURS_DAYS } from '../../../src/main/core/audits/misuse'
import type { LogFact } from '../../../src/main/core/store/repositories/audits'
import { ALPR_ACCESS_CHANNELS } from '../../../src/main/core/audits/channels'
import type { Store } from '../../../src/main/core/store'
import type { AdminOverview, MisuseFlag } from '../../../src/shared/models'
import { localAt, seed } from './seed-log'

const lab = useLab()
const WS = 'ws-audit-test'
const JDOE = { id: 'u-jdoe', username: 'jdoe' }
const MROE = { id: 'u-mroe', username: 'mroe' }
const PERIOD = { from: localAt(2026, 3, 1, 0), to: localAt(2026, 4, 1, 0) }

async function flagsOf(store: Store, settings: Partial<Settings> = {}): Promise<MisuseFlag[]> {
  const facts = await store.audits.misuseFacts(PERIOD.from, PERIOD.to, [...ALPR_ACCESS_CHANNELS])
  const history = await store.audits.misuseFacts(PERIOD.from - USUAL_HOURS_DAYS * DAY, PERIOD.from, [...ALPR_ACCESS_CHANNELS])
  return detectMisuse(facts, { ...resolveSettings({}), ...settings }, ALPR_ACCESS_CHANNELS, { history })
}

const kinds = (flags: MisuseFlag[], kind: MisuseFlag['kind']) => flags.filter((f) => f.kind === kind)

describe('misuse: the same plate queried repeatedly', () => {
  it('flags one person querying one plate 5 times within 7 days (the defaults), naming the entries', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    const ids: number[] = []
    for (let i = 0; i < 5; i++) ids.push(await seed(store, WS, { at: localAt(2026, 3, 2 + i, 10), user: JDOE, plate: '7ABC123' }))
    await seed(store, WS, { at: localAt(2026, 3, 3, 10), user: JDOE, plate: '4XYZ999' })

    const [flag, ...others] = kinds(await flagsOf(store), 'repeat-plate')
    expect(others).toEqual([])
    expect(flag).toMatchObject({ userId: JDOE.id, username: 'jdoe', plate: '7ABC123', count: 5, entryIds: ids })
    expect(flag!.summary).toBe('jdoe queried plate 7ABC123 5 times within 7 days (threshold 5).')
  })

  it('does not flag 4 queries, the same 5 spread beyond the window, or 5 split between two people', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    for (let i = 0; i < 4; i++) await seed(store, WS, { at: localAt(2026, 3, 2 + i, 10), user: JDOE, plate: '7ABC123' })
    // Every second day: any 7-day window holds 4 of them.
    for (let i = 0; i < 5; i++) await seed(store, WS, { at: localAt(2026, 3, 10 + 2 * i, 10), user: MROE, plate: '5DEF456' })
    for (let i = 0; i < 3; i++) await seed(store, WS, { at: localAt(2026, 3, 20 + i, 10), user: MROE, plate: '6GHI789' })
    for (let i = 0; i < 2; i++) await seed(store, WS, { at: localAt(2026, 3, 20 + i, 11), user: JDOE, plate: '6GHI789' })
    expect(kinds(await flagsOf(store), 'repeat-plate')).toEqual([])
  })

  it('follows the threshold and window settings', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    for (let i = 0; i < 5; i++) await seed(store, WS, { at: localAt(2026, 3, 10 + 2 * i, 10), user: MROE, plate: '5DEF456' })
    expect(kinds(await flagsOf(store, { misuseRepeatPlateWindowDays: 9 }), 'repeat-plate')).toMatchObject([{ count: 5 }])
    expect(kinds(await flagsOf(store, { misuseRepeatPlateCount: 3 }), 'repeat-plate')).toMatchObject([{ count: 4, plate: '5DEF456' }])
  })

  it('does not count refused or failed queries of the plate', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    for (let i = 0; i < 4; i++) await seed(store, WS, { at: localAt(2026, 3, 2, 10 + i), user: JDOE, plate: '7ABC123' })
    await seed(store, WS, { at: localAt(2026, 3, 2, 15), user: JDOE, plate: '7ABC123', outcome: 'failed', code: 'INTERNAL' })
    expect(kinds(await flagsOf(store), 'repeat-plate')).toEqual([])
  })
})

describe('misuse: searches outside working hours', () => {
  it('flags searches before the start hour or from the end hour, local time, one flag per person', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    const early = await seed(store, WS, { at: localAt(2026, 3, 4, 2, 30), user: JDOE, plate: '1AAA111' })
    await seed(store, WS, { at: localAt(2026, 3, 4, 6, 0), user: JDOE, plate: '1AAA112' }) // start is inclusive
    await seed(store, WS, { at: localAt(2026, 3, 4, 21, 59), user: JDOE, plate: '1AAA113' })
    const late = await seed(store, WS, { at: localAt(2026, 3, 4, 22, 0), user: JDOE, plate: '1AAA114' }) // end is exclusive
    await seed(store, WS, { at: localAt(2026, 3, 5, 23, 15), user: MROE, plate: '1AAA115' })
    // Not a search: no plate, not a channel that accesses ALPR information.
    await seed(store, WS, { at: localAt(2026, 3, 5, 3, 0), user: MROE, channel: 'users.list' })
    // Not a search either: an auditor filtering the log by a plate at night reviews the log, not reads.
    await seed(store, WS, { at: localAt(2026, 3, 5, 3, 5), user: MROE, channel: 'accessLog.search', plate: '1AAA111' })
    await seed(store, WS, { at: localAt(2026, 3, 5, 3, 6), user: MROE, channel: 'accessLog.export', plate: '1AAA111' })

    const flags = kinds(await flagsOf(store), 'outside-hours')
    expect(flags.map((f) => [f.username, f.count])).toEqual([['jdoe', 2], ['mroe', 1]])
    expect(flags[0]!.entryIds).toEqual([early, late])
    expect(flags[0]!.summary).toBe('jdoe made 2 searches outside working hours (06:00–22:00).')
  })

  it('understands a night shift whose hours wrap past midnight', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await seed(store, WS, { at: localAt(2026, 3, 4, 2, 30), user: JDOE, plate: '1AAA111' })
    const noon = await seed(store, WS, { at: localAt(2026, 3, 4, 12, 0), user: JDOE, plate: '1AAA112' })
    expect(kinds(await flagsOf(store, { workingHoursStart: 20, workingHoursEnd: 6 }), 'outside-hours')).toMatchObject([{ count: 1, entryIds: [noon] }])
    expect(isWorkingHour(23, 20, 6)).toBe(true)
    expect(isWorkingHour(6, 20, 6)).toBe(false)
  })
})

describe('misuse: searches outside the person’s usual hours', () => {
  /** `count` searches by `user` in February (the 90 days before the March period), at the given hours in turn. */
  async function history(store: Store, user: typeof JDOE, hours: number[], count: number) {
    for (let i = 0; i < count; i++) await seed(store, WS, { at: localAt(2026, 2, 1 + (i % 28), hours[i % hours.length]!, 15), user, plate: `2HIS${String(i).padStart(3, '0')}` })
  }

  it('does not flag a night-shift officer searching in their usual night hours, but flags an hour unusual for them too', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await history(store, JDOE, [1, 2, 3, 23], 40)
    await seed(store, WS, { at: localAt(2026, 3, 4, 2, 30), user: JDOE, plate: '1AAA111' }) // usual for jdoe
    await seed(store, WS, { at: localAt(2026, 3, 4, 23, 10), user: JDOE, plate: '1AAA112' }) // usual for jdoe
    await seed(store, WS, { at: localAt(2026, 3, 4, 12, 0), user: JDOE, plate: '1AAA113' }) // agency hours
    const unusual = await seed(store, WS, { at: localAt(2026, 3, 5, 4, 40), user: JDOE, plate: '1AAA114' })
    const flags = kinds(await flagsOf(store), 'outside-hours')
    expect(flags).toMatchObject([{ username: 'jdoe', count: 1, entryIds: [unusual] }])
    expect(flags[0]!.summary).toBe('jdoe made 1 search outside their usual hours (01:00, 02:00, 03:00, 23:00) and working hours (06:00–22:00).')
  })

  it('flags a day-shift officer’s night search, and falls back to the agency’s hours alone with little history', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await history(store, JDOE, [9, 10, 14], 30)
    await history(store, MROE, [2], 19) // fewer than 20 searches: no usual hours yet
    const night = await seed(store, WS, { at: localAt(2026, 3, 4, 2, 30), user: JDOE, plate: '1AAA111' })
    await seed(store, WS, { at: localAt(2026, 3, 4, 20, 0), user: JDOE, plate: '1AAA112' }) // agency hours
    const mroe = await seed(store, WS, { at: localAt(2026, 3, 4, 2, 30), user: MROE, plate: '1AAA113' })
    const flags = kinds(await flagsOf(store), 'outside-hours')
    expect(flags.map((f) => [f.username, f.entryIds])).toEqual([['jdoe', [night]], ['mroe', [mroe]]])
    expect(flags[0]!.summary).toBe('jdoe made 1 search outside their usual hours (09:00, 10:00, 14:00) and working hours (06:00–22:00).')
    expect(flags[1]!.summary).toBe('mroe made 1 search outside working hours (06:00–22:00).')
  })

  it('ignores hours holding under 5% of a person’s history (an odd late search does not make 03:00 usual)', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await history(store, JDOE, [10], 39)
    await seed(store, WS, { at: localAt(2026, 2, 10, 3, 0), user: JDOE, plate: '2ODD001' }) // 1 of 40: 2.5%
    await seed(store, WS, { at: localAt(2026, 3, 4, 3, 30), user: JDOE, plate: '1AAA111' })
    expect(kinds(await flagsOf(store), 'outside-hours')).toMatchObject([{ username: 'jdoe', count: 1 }])
  })
})

describe('misuse: a flood of facts', () => {
  it('handles 200,000 refusals by one person (no stack overflow from spreading a long list)', () => {
    const facts: LogFact[] = Array.from({ length: 200_000 }, (_, i) => ({
      id: i + 1, at: PERIOD.from + i * 1000, userId: JDOE.id, username: 'jdoe', agency: null, unit: null, channel: 'reads.search',
      dataElements: '{}', purpose: null, outcome: 'refused', code: 'PURPOSE_TOO_VAGUE', plate: null,
    }))
    const [flag] = detectMisuse(facts.reverse(), resolveSettings({}), ALPR_ACCESS_CHANNELS)
    expect(flag).toMatchObject({ kind: 'refused-access', count: 200_000, firstAt: PERIOD.from, lastAt: PERIOD.from + 199_999 * 1000 })
  })
})

describe('misuse: one purpose reused across unrelated searches', () => {
  it('flags one purpose used for 10 different plates on 5 different days, even with different notes', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    for (let i = 0; i < 10; i++) {
      await seed(store, WS, { at: localAt(2026, 3, 2 + (i % 5), 9 + i), user: JDOE, plate: `8PLT${100 + i}`, purpose: `Case 26-000777: lead ${i}` })
    }
    const [flag, ...others] = kinds(await flagsOf(store), 'purpose-reuse')
    expect(others).toEqual([])
    expect(flag).toMatchObject({ username: 'jdoe', purpose: 'CASE 26-000777', count: 10 })
    expect(flag!.summary).toBe('jdoe used the purpose “CASE 26-000777” for 10 different plates on 5 different days.')
  })

  it('does not flag 10 plates on 4 days, 9 plates on 5 days, or one purpose shared by two people', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    for (let i = 0; i < 10; i++) await seed(store, WS, { at: localAt(2026, 3, 2 + (i % 4), 10), user: JDOE, plate: `8PLT${100 + i}`, purpose: 'Case 26-000777' })
    for (let i = 0; i < 9; i++) await seed(store, WS, { at: localAt(2026, 3, 10 + (i % 5), 10), user: MROE, plate: `9PLT${100 + i}`, purpose: 'Case 26-000888' })
    for (let i = 0; i < 10; i++) {
      const user = i < 5 ? JDOE : MROE
      await seed(store, WS, { at: localAt(2026, 3, 20 + (i % 5), 10), user, plate: `7PLT${100 + i}`, purpose: 'Case 26-000999' })
    }
    expect(kinds(await flagsOf(store), 'purpose-reuse')).toEqual([])
  })

  it('compares purposes without case, spacing or the note after them', () => {
    expect(purposeKey('Case 26-000777: stolen  vehicle')).toBe('CASE 26-000777')
    expect(purposeKey('case  26-000777')).toBe('CASE 26-000777')
    expect(purposeKey('Suspect last name García')).toBe('SUSPECT LAST NAME GARCÍA')
  })
})

describe('misuse: accesses refused for purpose or permission', () => {
  it('flags PURPOSE_* and PERMISSION_DENIED refusals per person with the reasons counted, and nothing else', async () => {
    const store = await lab.openStore({ dataDir: lab.tempDir() })
    await seed(store, WS, { at: localAt(2026, 3, 4, 10), user: JDOE, outcome: 'refused', code: 'PURPOSE_TOO_VAGUE' })
    await seed(store, WS, { at: localAt(2026, 3, 4, 11), user: JDOE, outcome: 'refused', code: 'PURPOSE_FORBIDDEN_CONTENT' })
    await seed(store, WS, { at: localAt(2026, 3, 4, 12), user: JDOE, outcome: 'refused', code: 'PURPOSE_TOO_VAGUE' })
    await seed(store, WS, { at: localAt(2026, 3, 5, 10), user: MROE, channel: 'users.list', outcome: 'refused', code: 'PERMISSION_DENIED' })
    await seed(store, WS, { at: localAt(2026, 3, 5, 11), user: null, channel: 'users.list', outcome: 'refused', code: 'NOT_AUTHENTICATED' })
    await seed(store, WS, { at: localAt(2026, 3, 5, 12), user: MROE, outcome: 'refused', code: 'INVALID_INPUT' })
    // Outside the period.
    await seed(store, WS, { at: localAt(2026, 4, 2, 10), user: MROE, outcome: 'refused', code: 'PURPOSE_REQUIRED' })

    const flags = kinds(await flagsOf(store), 'refused-access')
    expect(flags.map((f) => [f.username, f.count, f.summary])).toEqual([
      ['jdoe', 3, 'jdoe had 3 accesses refused for purpose or permission (2 PURPOSE_TOO_VAGUE, 1 PURPOSE_FORBIDDEN_CONTENT).'],
      ['mroe', 1, 'mroe had 1 access refused for purpose or permission (1 PERMISSION_DENIED).'],
    ])
  })

  it('shows a permission refusal made through the real guard on the administrator’s overview', async () => {
    const clock = new TestClock()
    const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
    const admin = await setUpAdministrator(core, clock)
    const dispatcher = await createPerson(core, admin, clock, { username: 'ddisp', displayName: 'Dana Dispatch', roles: ['dispatcher'] })
    const window = fromWindow('dispatch-window')
    allowed(await signIn(core, window, clock, dispatcher))
    const refusal = await sender(core, window)('users.list')
    expect(refusal).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } })

    clock.advance(10 * MINUTE)
    const overview = allowed<AdminOverview>(await sender(core, admin.call)('audits.overview'))
    expect(overview.flags).toMatchObject([{ kind: 'refused-access', userId: dispatcher.id, username: 'ddisp', count: 1 }])
    expect(overview.flagsTo - overview.flagsFrom).toBe(30 * DAY)
  })
})
