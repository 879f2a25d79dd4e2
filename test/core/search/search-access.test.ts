// Plate search through the real guard: who may search, the purpose required before any access, what the
// access log records of each search (data elements, purpose, counts, the reads shown), covert hits hidden from
// those who may not see them, and pages that go on from an opaque cursor.
import { describe, expect, it } from 'vitest'
import { allowed, lastLogEntry, refused } from '../../helpers/core'
import type { PurposeInForce, ReadSearchPage, SearchCamera } from '../../../src/shared/models'
import { PURPOSE, PURPOSE_TEXT, sharedSearchDesk } from './desk'

const desk = sharedSearchDesk()

describe('purpose.check', () => {
  it('answers the purpose as the log will record it, before any access', async () => {
    const d = desk()
    const checked = allowed<PurposeInForce>(await d.asInvestigator('purpose.check', { purpose: { caseNumber: ' 24-012345', note: 'stolen  grey sedan' } }))
    expect(checked).toEqual({ caseNumber: '24-012345', lastName: null, note: 'stolen grey sedan', text: PURPOSE_TEXT })
    const entry = await lastLogEntry(d.core)
    expect(entry).toMatchObject({ channel: 'purpose.check', username: 'ivy', outcome: 'allowed', purpose: null, dataElements: { purposeChecked: PURPOSE_TEXT } })
  })

  it('refuses a vague purpose, or one carrying criminal history, with the reason, and logs only its kind', async () => {
    const d = desk()
    const vague = refused(await d.asInvestigator('purpose.check', { purpose: { note: 'investigation' } }), 'PURPOSE_TOO_VAGUE')
    expect(vague.message).toBe('“investigation” does not name a specific investigation. Enter a case or incident number (for example 24-012345) or a suspect’s last name.')
    const history = refused(await d.asInvestigator('purpose.check', { purpose: { lastName: 'Smith', note: 'arrested 2019' } }), 'PURPOSE_FORBIDDEN_CONTENT')
    expect(history.message).toContain('criminal history (arrests or convictions) (“arrested”)')
    const entry = await lastLogEntry(d.core)
    expect(entry).toMatchObject({ channel: 'purpose.check', outcome: 'refused', code: 'PURPOSE_FORBIDDEN_CONTENT' })
    expect(entry.message).toBe('Refused: the purpose contains criminal history (arrests or convictions).')
    expect(JSON.stringify(entry)).not.toContain('arrested 2019')
  })

  it('gives the agency’s case-number example to anyone signed in, for the purpose form', async () => {
    const d = desk()
    expect(allowed(await d.asInvestigator('purpose.format', {}))).toEqual({ caseNumberExample: '24-012345' })
  })

  it('is for those who may search reads or review footage', async () => {
    const d = desk()
    allowed(await d.asSupervisor('purpose.check', { purpose: PURPOSE }))
    refused(await d.asDispatcher('purpose.check', { purpose: PURPOSE }), 'PERMISSION_DENIED')
    refused(await d.asAuditor('purpose.check', { purpose: PURPOSE }), 'PERMISSION_DENIED')
    refused(await d.asAdmin('purpose.check', { purpose: PURPOSE }), 'PERMISSION_DENIED')
  })
})

describe('search.cameras', () => {
  it('lists cameras for the filters without any purpose, and only to searchers', async () => {
    const d = desk()
    const cameras = allowed<SearchCamera[]>(await d.asInvestigator('search.cameras', {}))
    expect(cameras.map((c) => c.id)).toEqual(['cam-a', 'cam-b'])
    expect(cameras[0]).toEqual({ id: 'cam-a', name: 'Main St at 100 block', kind: 'fixed', location: 'Main St, northbound', latitude: 34.05, longitude: -118.25, enabled: true })
    refused(await d.asDispatcher('search.cameras', {}), 'PERMISSION_DENIED')
  })
})

describe('search.reads', () => {
  it('is refused without a purpose, and the refusal is logged with the plate searched', async () => {
    const d = desk()
    refused(await d.asInvestigator('search.reads', { plate: '7ABC123' }), 'PURPOSE_REQUIRED')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'search.reads', username: 'ivy', outcome: 'refused', code: 'PURPOSE_REQUIRED', dataElements: { plate: '7ABC123' } })
    refused(await d.asInvestigator('search.reads', { plate: '7ABC123', purpose: { note: 'follow-up' } }), 'PURPOSE_TOO_VAGUE')
  })

  it('is refused to roles that may not search', async () => {
    const d = desk()
    refused(await d.asDispatcher('search.reads', { plate: '7ABC123', purpose: PURPOSE }), 'PERMISSION_DENIED')
    refused(await d.asAuditor('search.reads', { plate: '7ABC123', purpose: PURPOSE }), 'PERMISSION_DENIED')
  })

  it('finds the reads and logs the purpose, the data elements used, the counts and the reads shown', async () => {
    const d = desk()
    const from = d.clock.now() - 24 * 3_600_000
    const page = allowed<ReadSearchPage>(
      await d.asInvestigator('search.reads', { plate: '7abc-123', from, cameraIds: ['cam-a'], minConfidence: 0.4, purpose: PURPOSE }),
    )
    expect(page.reads.map((r) => r.id)).toEqual([d.reads.lowConfidence, d.reads.plain])
    expect(page).toMatchObject({ count: 2, countCapped: false, hasMore: false, nextCursor: null })
    const plain = page.reads[1]!
    expect(plain).toMatchObject({ plate: '7ABC123', state: 'CA', cameraId: 'cam-a', cameraName: 'Main St at 100 block', hasHits: false, corrected: false, source: 'camera' })
    expect(plain.crop).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    const entry = await lastLogEntry(d.core)
    expect(entry).toMatchObject({
      channel: 'search.reads',
      username: 'ivy',
      purpose: PURPOSE_TEXT,
      outcome: 'allowed',
      dataElements: {
        plate: '7ABC123',
        from,
        cameraIds: ['cam-a'],
        minConfidence: 0.4,
        hits: 'any',
        sort: 'newest',
        page: 'first',
        resultCount: 2,
        matchCount: 2,
        readIds: [d.reads.lowConfidence, d.reads.plain],
      },
    })
    // The auditors' plate filter finds the search by the plate as normalised.
    const found = await d.core.store.accessLog.search({ plate: '7ABC123' }, 10)
    expect(found.entries.map((e) => e.channel)).toContain('search.reads')
  })

  it('logs a wildcard pattern and a similar plate as what they are', async () => {
    const d = desk()
    allowed(await d.asInvestigator('search.reads', { pattern: '7ab*', purpose: PURPOSE }))
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ pattern: '7AB*', resultCount: 2 })
    const similar = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { similar: '7A8C123', purpose: PURPOSE }))
    expect(similar.reads.map((r) => [r.plate, r.differences])).toEqual([
      ['7ABC123', 1],
      ['7ABC123', 1],
    ])
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ similar: '7A8C123', sort: 'similarity', resultCount: 2 })
  })

  it('refuses patterns that are not plates, and two kinds of plate search at once, with sentences', async () => {
    const d = desk()
    const bad = refused(await d.asInvestigator('search.reads', { pattern: "7AB%' OR 1=1 --", purpose: PURPOSE }), 'INVALID_INPUT')
    expect(bad.details).toEqual({ pattern: 'A pattern uses letters, digits, * (any characters) and ? (one character) only.' })
    const both = refused(await d.asInvestigator('search.reads', { plate: '7ABC123', pattern: '7A*', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(both.details).toEqual({ pattern: 'Search by one of plate, pattern or similar plate at a time.' })
    const range = refused(await d.asInvestigator('search.reads', { from: 10, to: 5, purpose: PURPOSE }), 'INVALID_INPUT')
    expect(range.details).toEqual({ to: 'The end of the time range must be after its start.' })
    refused(await d.asInvestigator('search.reads', { limit: 201, purpose: PURPOSE }), 'INVALID_INPUT')
  })

  it('hides covert hits from those who may not see them', async () => {
    const d = desk()
    const asInvestigator = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { hits: 'with', purpose: PURPOSE }))
    expect(asInvestigator.reads.map((r) => r.id)).toEqual([d.reads.withHit])
    const asSupervisor = allowed<ReadSearchPage>(await d.asSupervisor('search.reads', { hits: 'with', purpose: PURPOSE }))
    expect(asSupervisor.reads.map((r) => r.id)).toEqual([d.reads.covertHit, d.reads.withHit])
    const covert = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { plate: '5COV555', purpose: PURPOSE }))
    expect(covert.reads[0]!.hasHits).toBe(false)
  })

  it('pages on with the cursor, logging each page, and refuses a cursor that is not one of this search', async () => {
    const d = desk()
    const first = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { limit: 4, purpose: PURPOSE }))
    expect(first.reads).toHaveLength(4)
    expect(first).toMatchObject({ hasMore: true, count: 6, countCapped: false })
    const second = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { limit: 4, cursor: first.nextCursor, purpose: PURPOSE }))
    expect(second).toMatchObject({ hasMore: false, nextCursor: null, count: null })
    expect(new Set([...first.reads, ...second.reads].map((r) => r.id)).size).toBe(6)
    expect((await lastLogEntry(d.core)).dataElements).toMatchObject({ page: 'next', resultCount: 2 })

    const otherSort = refused(await d.asInvestigator('search.reads', { limit: 4, sort: 'oldest', cursor: first.nextCursor, purpose: PURPOSE }), 'INVALID_INPUT')
    expect(otherSort.message).toBe('The next page no longer matches this search. Run the search again.')
    refused(await d.asInvestigator('search.reads', { cursor: 'not-a-cursor', purpose: PURPOSE }), 'INVALID_INPUT')
  })

  it('finds reads near a place within the radius only', async () => {
    const d = desk()
    // cam-b is about 1.4 km from cam-a.
    const near = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { near: { latitude: 34.05, longitude: -118.25, radiusM: 500 }, purpose: PURPOSE }))
    expect(near.reads.map((r) => r.cameraId)).not.toContain('cam-b')
    expect(near.reads.length).toBe(4)
    const wider = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { near: { latitude: 34.05, longitude: -118.25, radiusM: 2000 }, purpose: PURPOSE }))
    expect(wider.reads.length).toBe(5)
  })
})
