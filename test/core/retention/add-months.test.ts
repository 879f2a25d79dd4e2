// Calendar months as retention and training periods count them: a day the target month lacks is clamped
// to its last day, so a cutoff never lands a day past the calendar date (which would delete a day early).
import { describe, expect, it } from 'vitest'
import { addMonths } from '../../../src/main/core/clock'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

describe('addMonths', () => {
  it('clamps to the end of the month going back from a leap day', () => {
    expect(iso(addMonths(at('2028-02-29T10:00:00.000Z'), -36))).toBe('2025-02-28T10:00:00.000Z')
    expect(iso(addMonths(at('2028-02-29T10:00:00.000Z'), -48))).toBe('2024-02-29T10:00:00.000Z')
  })

  it('clamps to the end of the month going forward', () => {
    expect(iso(addMonths(at('2027-01-31T00:00:00.000Z'), 1))).toBe('2027-02-28T00:00:00.000Z')
    expect(iso(addMonths(at('2028-01-31T23:59:59.999Z'), 1))).toBe('2028-02-29T23:59:59.999Z')
    expect(iso(addMonths(at('2026-08-31T12:00:00.000Z'), 13))).toBe('2027-09-30T12:00:00.000Z')
  })

  it('keeps the day when the target month has it, across years in both directions', () => {
    expect(iso(addMonths(at('2026-03-15T08:30:00.000Z'), 12))).toBe('2027-03-15T08:30:00.000Z')
    expect(iso(addMonths(at('2026-03-15T08:30:00.000Z'), -15))).toBe('2024-12-15T08:30:00.000Z')
    expect(iso(addMonths(at('2026-12-31T00:00:00.000Z'), 0))).toBe('2026-12-31T00:00:00.000Z')
  })
})
