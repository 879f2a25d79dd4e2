// A read's detail and its correction through the real guard: everything the detail screen shows, covert hits
// only for those who may see them, the access-log entry, and a correction that keeps the original beside it,
// makes searches find the corrected plate and logs both values.
import { describe, expect, it } from 'vitest'
import { allowed, lastLogEntry, refused } from '../../helpers/core'
import type { ReadDetail, ReadSearchPage } from '../../../src/shared/models'
import { JPEG_CROP, JPEG_SCENE, PURPOSE, PURPOSE_TEXT, sharedSearchDesk } from '../search/desk'

const desk = sharedSearchDesk()
const dataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`

describe('reads.detail', () => {
  it('shows the scene and crop, per-character confidence, the readings, the camera and logs the access', async () => {
    const d = desk()
    const detail = allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId: d.reads.plain, purpose: PURPOSE }))
    expect(detail).toMatchObject({
      id: d.reads.plain,
      plate: '7ABC123',
      state: 'CA',
      crop: dataUrl(JPEG_CROP),
      scene: dataUrl(JPEG_SCENE),
      reader: 'onnx-plate-v1',
      readings: [
        { ms: 0, text: '7ABC123', confidence: 0.93 },
        { ms: 200, text: '7A8C123', confidence: 0.61 },
      ],
      camera: { id: 'cam-a', name: 'Main St at 100 block', kind: 'fixed', location: 'Main St, northbound', direction: 'northbound', latitude: 34.05, longitude: -118.25 },
      footage: null,
      hits: [],
      holds: [],
      corrections: [],
      corrected: false,
    })
    expect(detail.chars.map((c) => c.char).join('')).toBe('7ABC123')
    expect(detail.chars[3]).toEqual({ char: 'C', confidence: 0.71 })
    expect(await lastLogEntry(d.core)).toMatchObject({
      channel: 'reads.detail',
      username: 'ivy',
      purpose: PURPOSE_TEXT,
      outcome: 'allowed',
      dataElements: { readId: d.reads.plain, readPlate: '7ABC123', hitIds: [], corrections: 0 },
    })
  })

  it('shows the footage source with its file name, SHA-256, case and position', async () => {
    const d = desk()
    const detail = allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId: d.reads.footage, purpose: PURPOSE }))
    expect(detail.footage).toEqual({ jobId: 'job-1', fileName: 'dashcam.mp4', sha256: 'ab'.repeat(32), caseNumber: '24-012345', positionMs: 12_500 })
    expect(detail.camera).toBeNull()
    expect(detail.crop).toBeNull()
  })

  it('shows the hot-list history, covert hits only to those who may see them, and the holds', async () => {
    const d = desk()
    const hit = allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId: d.reads.withHit, purpose: PURPOSE }))
    expect(hit.hits).toEqual([
      expect.objectContaining({ listName: 'SVS stolen vehicles', entryPlate: '8XYZ999', match: 'exact', covert: false, disposition: null }),
    ])
    expect(allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId: d.reads.covertHit, purpose: PURPOSE })).hits).toEqual([])
    expect(allowed<ReadDetail>(await d.asSupervisor('reads.detail', { readId: d.reads.covertHit, purpose: PURPOSE })).hits).toEqual([
      expect.objectContaining({ listName: 'Covert surveillance', covert: true }),
    ])
    const held = allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId: d.reads.held, purpose: PURPOSE }))
    expect(held.holds).toEqual([expect.objectContaining({ id: d.holdId, caseNumber: '24-099999', reason: 'evidence in a robbery', releasedAt: null })])
  })

  it('is refused without a purpose, to those who may not search, and for a read that does not exist', async () => {
    const d = desk()
    refused(await d.asInvestigator('reads.detail', { readId: d.reads.plain }), 'PURPOSE_REQUIRED')
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'reads.detail', outcome: 'refused', dataElements: { readId: d.reads.plain } })
    refused(await d.asDispatcher('reads.detail', { readId: d.reads.plain, purpose: PURPOSE }), 'PERMISSION_DENIED')
    const missing = refused(await d.asInvestigator('reads.detail', { readId: 999_999, purpose: PURPOSE }), 'NOT_FOUND')
    expect(missing.message).toBe('This read does not exist. Retention may have deleted it.')
  })
})

describe('reads.correct', () => {
  it('keeps the original beside the correction, makes searches find the corrected plate and logs both values', async () => {
    const d = desk()
    const readId = d.reads.lowConfidence
    const corrected = allowed<ReadDetail>(
      await d.asInvestigator('reads.correct', { readId, plate: '7abc 128', state: 'nv', reason: 'Crop shows an 8, not a 3; Nevada plate', purpose: PURPOSE }),
    )
    expect(corrected).toMatchObject({ plate: '7ABC128', state: 'NV', corrected: true })
    expect(corrected.corrections).toEqual([
      expect.objectContaining({
        originalPlate: '7ABC123',
        originalState: 'CA',
        correctedPlate: '7ABC128',
        correctedState: 'NV',
        reason: 'Crop shows an 8, not a 3; Nevada plate',
        correctedBy: d.investigatorId,
        correctedByName: 'Ivy Investigator',
        correctedAt: d.clock.now(),
      }),
    ])
    expect(await lastLogEntry(d.core)).toMatchObject({
      channel: 'reads.correct',
      username: 'ivy',
      purpose: PURPOSE_TEXT,
      outcome: 'allowed',
      dataElements: { readId, originalPlate: '7ABC123', originalState: 'CA', correctedPlate: '7ABC128', correctedState: 'NV', correctionId: corrected.corrections[0]!.id },
    })

    const search = async (input: object) => allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { ...input, purpose: PURPOSE })).reads.map((r) => r.id)
    expect(await search({ plate: '7ABC128' })).toEqual([readId])
    expect(await search({ plate: '7ABC123' })).not.toContain(readId)
    // Through the distinct plates and their trigram index, kept right by the store's triggers.
    expect(await search({ pattern: '*BC128' })).toEqual([readId])
    expect(await search({ pattern: '7ABC12?' })).toContain(readId)
    expect(await search({ similar: '7A8C128' })).toEqual([readId])
    const page = allowed<ReadSearchPage>(await d.asInvestigator('search.reads', { plate: '7ABC128', purpose: PURPOSE }))
    expect(page.reads[0]!.corrected).toBe(true)

    // A second correction keeps the first: each records what it changed from.
    const again = allowed<ReadDetail>(await d.asInvestigator('reads.correct', { readId, state: null, reason: 'State cannot be told from the crop', purpose: PURPOSE }))
    expect(again.state).toBeNull()
    expect(again.corrections.map((c) => [c.originalPlate, c.originalState, c.correctedPlate, c.correctedState])).toEqual([
      ['7ABC123', 'CA', '7ABC128', 'NV'],
      ['7ABC128', 'NV', '7ABC128', null],
    ])
  })

  it('needs a reason, a change and the permission, and a purpose', async () => {
    const d = desk()
    const readId = d.reads.withHit
    const noReason = refused(await d.asInvestigator('reads.correct', { readId, plate: '8XYZ998', reason: ' ', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(noReason.details).toEqual({ reason: 'Say why the read is corrected (at least 5 characters).' })
    const nothing = refused(await d.asInvestigator('reads.correct', { readId, reason: 'looks wrong', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(nothing.message).toBe('Enter the corrected characters or the corrected state.')
    const same = refused(await d.asInvestigator('reads.correct', { readId, plate: '8XYZ999', reason: 'checked the crop', purpose: PURPOSE }), 'INVALID_INPUT')
    expect(same.message).toBe('The correction is the same as the read: nothing to correct.')
    refused(await d.asInvestigator('reads.correct', { readId, state: 'California', reason: 'checked the crop', purpose: PURPOSE }), 'INVALID_INPUT')
    refused(await d.asDispatcher('reads.correct', { readId, plate: '8XYZ998', reason: 'checked the crop', purpose: PURPOSE }), 'PERMISSION_DENIED')
    refused(await d.asAuditor('reads.correct', { readId, plate: '8XYZ998', reason: 'checked the crop', purpose: PURPOSE }), 'PERMISSION_DENIED')
    refused(await d.asInvestigator('reads.correct', { readId, plate: '8XYZ998', reason: 'checked the crop' }), 'PURPOSE_REQUIRED')
    refused(await d.asInvestigator('reads.correct', { readId: 999_999, plate: '8XYZ998', reason: 'checked the crop', purpose: PURPOSE }), 'NOT_FOUND')
    const unchanged = allowed<ReadDetail>(await d.asInvestigator('reads.detail', { readId, purpose: PURPOSE }))
    expect(unchanged).toMatchObject({ plate: '8XYZ999', corrections: [] })
  })
})
