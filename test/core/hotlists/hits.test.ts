// Hit verification (DOMAIN.md "Hot lists and hits"): a hit is never actionable on its own. The dispatcher sees
// the crop and scene beside the hot-list record, records each check as its own logged call, then a final
// disposition; "confirmed" needs all three checks passed, in the handler and in the database itself. Covert
// lists' hits do not exist for roles without alerts.covert.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, lastLogEntry, refused } from '../../helpers/core'
import { MONITORING_PURPOSE } from '../../../src/shared/contract/define'
import type { HitAlert, HitDetail, LiveFeed } from '../../../src/shared/models'
import { withDatabase } from '../retention/fixtures'
import { cameraRead, dataUrl, dispatchDesk, seedLists } from './dispatch-desk'

const lab = useLab()

async function deskWithHit() {
  const d = await dispatchDesk(lab)
  await seedLists(d)
  const read = await cameraRead(d, '7KMX349')
  expect(read.hitIds).toHaveLength(1)
  return { d, read, hitId: read.hitIds[0]! }
}

describe('a hit for verification', () => {
  it('puts the crop, scene and per-character confidence beside the hot-list record and the list’s age', async () => {
    const { d, read, hitId } = await deskWithHit()
    const hit = allowed<HitDetail>(await d.asDispatcher('hits.get', { hitId }))
    expect(hit).toMatchObject({
      id: hitId,
      readId: read.readId,
      match: 'exact',
      readPlate: '7KMX349',
      readState: 'CA',
      readConfidence: 0.91,
      cameraName: 'Main St at 5th',
      cameraLocation: 'Main St at 5th, northbound',
      latitude: 34.0522,
      longitude: -118.2437,
      listName: 'DOJ Stolen Vehicles',
      listRefreshedAt: d.clock.now() - 2 * 3_600_000,
      priority: 1,
      entryPlate: '7KMX349',
      entryState: 'CA',
      entryReason: 'Stolen vehicle',
      entryVehicle: 'Honda Civic, silver',
      entrySourceRef: 'SVS-2026-0117',
      disposition: null,
    })
    expect(hit.crop).toBe(dataUrl(read.crop))
    expect(hit.scene).toBe(dataUrl(read.scene))
    expect(hit.readChars).toHaveLength(7)
    expect(hit.readChars[3]).toEqual({ char: 'X', confidence: 0.62 })
    const entry = await lastLogEntry(d.core)
    expect(entry).toMatchObject({ channel: 'hits.get', username: 'ddisp', purpose: MONITORING_PURPOSE, outcome: 'allowed' })
    expect(entry.dataElements).toMatchObject({ hitId, readId: read.readId })

    refused(await d.asDispatcher('hits.get', { hitId: hitId + 1000 }), 'NOT_FOUND')
    refused(await d.asInvestigator('hits.get', { hitId }), 'PERMISSION_DENIED')
  })

  it('records acknowledgement, each check and the disposition as separate logged steps, then refuses any change', async () => {
    const { d, read, hitId } = await deskWithHit()
    const step = async (channel: string, input: Record<string, unknown>) => {
      const hit = allowed<HitAlert>(await d.asDispatcher(channel, { hitId, ...input }))
      const entry = await lastLogEntry(d.core)
      expect(entry).toMatchObject({ channel, username: 'ddisp', purpose: MONITORING_PURPOSE, outcome: 'allowed' })
      expect(entry.dataElements).toMatchObject({ hitId, readId: read.readId, ...input })
      return hit
    }
    const acknowledged = await step('hits.acknowledge', {})
    expect(acknowledged).toMatchObject({ acknowledgedAt: d.clock.now(), acknowledgedBy: 'Dana Dispatcher', visualMatch: null })
    d.clock.advance(20_000)
    expect(await step('hits.check', { check: 'visual', passed: true })).toMatchObject({ visualMatch: true, stateMatch: null, cletsChecked: null })
    expect(await step('hits.check', { check: 'state', passed: true })).toMatchObject({ visualMatch: true, stateMatch: true, cletsChecked: null })

    // The CLETS/NCIC step records what the re-check answered; without it, it is refused.
    const missing = refused(await d.asDispatcher('hits.check', { hitId, check: 'clets', passed: true }), 'INVALID_INPUT')
    expect(missing.details).toEqual({ result: 'Required for the CLETS/NCIC re-check.' })
    expect(await step('hits.check', { check: 'clets', passed: true, result: 'Still active, stolen' })).toMatchObject({
      cletsChecked: true,
      cletsResult: 'Still active, stolen',
      disposition: null,
    })
    // The acknowledgement keeps its first time.
    const confirmed = await step('hits.dispose', { disposition: 'confirmed', note: 'Unit 12 advised' })
    expect(confirmed).toMatchObject({
      disposition: 'confirmed',
      dispositionNote: 'Unit 12 advised',
      disposedAt: d.clock.now(),
      disposedBy: 'Dana Dispatcher',
      acknowledgedAt: d.clock.now() - 20_000,
    })

    // Final: another disposition, a changed check or another dispatcher's acknowledgement change nothing.
    const again = refused(await d.asDispatcher('hits.dispose', { hitId, disposition: 'dismissed' }), 'HIT_ALREADY_DISPOSED')
    expect(again.message).toMatch(/final/)
    refused(await d.asDispatcher('hits.check', { hitId, check: 'visual', passed: false }), 'HIT_ALREADY_DISPOSED')
    refused(await d.asSupervisor('hits.check', { hitId, check: 'clets', passed: false, result: 'Recovered' }), 'HIT_ALREADY_DISPOSED')
    expect(allowed<HitAlert>(await d.asSupervisor('hits.acknowledge', { hitId }))).toEqual(confirmed)
    expect(allowed<HitDetail>(await d.asDispatcher('hits.get', { hitId }))).toMatchObject({ disposition: 'confirmed', visualMatch: true })
  })

  it('refuses "confirmed" until all three checks passed, naming what is missing, and keeps the hit open', async () => {
    const { d, hitId } = await deskWithHit()
    const first = refused(await d.asDispatcher('hits.dispose', { hitId, disposition: 'confirmed' }), 'HIT_NOT_VERIFIED')
    expect(first.message).toBe(
      'This hit cannot be confirmed: the plate characters were not matched visually, the state was not matched, the CLETS/NCIC re-check did not pass. Record a pass for each check first, or choose another disposition.',
    )
    expect(await lastLogEntry(d.core)).toMatchObject({ channel: 'hits.dispose', outcome: 'refused', code: 'HIT_NOT_VERIFIED' })

    allowed(await d.asDispatcher('hits.check', { hitId, check: 'visual', passed: true }))
    allowed(await d.asDispatcher('hits.check', { hitId, check: 'state', passed: false }))
    allowed(await d.asDispatcher('hits.check', { hitId, check: 'clets', passed: true, result: 'Active' }))
    const second = refused(await d.asDispatcher('hits.dispose', { hitId, disposition: 'confirmed' }), 'HIT_NOT_VERIFIED')
    expect(second.message).toBe(
      'This hit cannot be confirmed: the state was not matched. Record a pass for each check first, or choose another disposition.',
    )
    // A failed CLETS re-check also blocks confirmation, even after the state is matched.
    allowed(await d.asDispatcher('hits.check', { hitId, check: 'state', passed: true }))
    allowed(await d.asDispatcher('hits.check', { hitId, check: 'clets', passed: false, result: 'Recovered 2026-02-27' }))
    refused(await d.asDispatcher('hits.dispose', { hitId, disposition: 'confirmed' }), 'HIT_NOT_VERIFIED')
    expect(allowed<HitDetail>(await d.asDispatcher('hits.get', { hitId }))).toMatchObject({ disposition: null, cletsChecked: false })

    expect(allowed<HitAlert>(await d.asDispatcher('hits.dispose', { hitId, disposition: 'not_actionable', note: 'Recovered' }))).toMatchObject({
      disposition: 'not_actionable',
      dispositionNote: 'Recovered',
    })
  })

  it('records a hit whose state differs from the list’s, shows both, and lets it be disposed as wrong state', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const read = await cameraRead(d, '8BCD512')
    const [hitId] = read.hitIds
    const hit = allowed<HitDetail>(await d.asDispatcher('hits.get', { hitId }))
    expect(hit).toMatchObject({ readState: 'CA', entryState: 'NV', match: 'exact' })
    allowed(await d.asDispatcher('hits.check', { hitId, check: 'state', passed: false }))
    expect(allowed<HitAlert>(await d.asDispatcher('hits.dispose', { hitId, disposition: 'wrong_state' }))).toMatchObject({
      disposition: 'wrong_state',
      stateMatch: false,
    })
  })

  it('hides covert hits from roles without alerts.covert exactly as a missing hit', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const read = await cameraRead(d, '9WXY246')
    const [hitId] = read.hitIds
    const missingId = hitId! + 1000
    for (const [channel, input] of [
      ['hits.get', {}],
      ['hits.acknowledge', {}],
      ['hits.check', { check: 'visual', passed: true }],
      ['hits.dispose', { disposition: 'dismissed' }],
    ] as const) {
      const hidden = refused(await d.asDispatcher(channel, { hitId, ...input }), 'NOT_FOUND')
      const missing = refused(await d.asDispatcher(channel, { hitId: missingId, ...input }), 'NOT_FOUND')
      expect(hidden).toEqual(missing)
    }
    expect(allowed<HitDetail>(await d.asSupervisor('hits.get', { hitId }))).toMatchObject({ covert: true, listName: 'Task force watch', disposition: null })
    expect(allowed<HitAlert>(await d.asSupervisor('hits.dispose', { hitId, disposition: 'dismissed' }))).toMatchObject({ disposition: 'dismissed' })
  })

  it('hides a list’s existing hits, disposed ones too, once the list is made covert, and never uncovers them', async () => {
    const d = await dispatchDesk(lab)
    await seedLists(d)
    const open = await cameraRead(d, '7KMX349')
    const disposed = await cameraRead(d, '8BCD512')
    const [openHit, disposedHit] = [open.hitIds[0]!, disposed.hitIds[0]!]
    allowed(await d.asDispatcher('hits.dispose', { hitId: disposedHit, disposition: 'dismissed' }))
    expect(allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).alerts.map((a) => a.id)).toEqual([openHit, disposedHit])

    const settings = { name: 'DOJ Stolen Vehicles', source: 'test', priority: 1, color: '#b71c1c', sound: 'alarm', retentionDays: 7, description: '' }
    allowed(await d.asSupervisor('hotlists.update', { listId: 'svs', settings: { ...settings, covert: true } }))
    const hidden = allowed<LiveFeed>(await d.asDispatcher('live.feed', {}))
    expect(hidden.alerts).toEqual([])
    expect(hidden.reads.map((r) => [r.id, r.hitIds])).toEqual([
      [disposed.readId, []],
      [open.readId, []],
    ])
    refused(await d.asDispatcher('hits.get', { hitId: openHit }), 'NOT_FOUND')
    refused(await d.asDispatcher('hits.get', { hitId: disposedHit }), 'NOT_FOUND')
    expect(allowed<HitDetail>(await d.asSupervisor('hits.get', { hitId: disposedHit }))).toMatchObject({ covert: true, disposition: 'dismissed' })

    // Open again: hits recorded while it was covert, or before, stay hidden; new hits are open.
    allowed(await d.asSupervisor('hotlists.update', { listId: 'svs', settings: { ...settings, covert: false } }))
    refused(await d.asDispatcher('hits.get', { hitId: openHit }), 'NOT_FOUND')
    const next = await cameraRead(d, '7KMX349')
    expect(allowed<LiveFeed>(await d.asDispatcher('live.feed', {})).alerts.map((a) => a.id)).toEqual(next.hitIds)
  })

  it('is refused "confirmed" by the database itself without the three checks, even with none recorded, and a disposition stays final', async () => {
    const { d, hitId } = await deskWithHit()
    await d.core.close()
    withDatabase(d.dataDir, (db) => {
      const confirm = db.prepare(`UPDATE hits SET disposition = 'confirmed', disposed_at = 1 WHERE id = ?`)
      expect(() => confirm.run(hitId)).toThrow('a hit is confirmed only after the visual, state and CLETS/NCIC checks')
      db.prepare('UPDATE hits SET visual_match = 1, state_match = 1, clets_checked = 0 WHERE id = ?').run(hitId)
      expect(() => confirm.run(hitId)).toThrow('a hit is confirmed only after the visual, state and CLETS/NCIC checks')
      db.prepare('UPDATE hits SET clets_checked = 1 WHERE id = ?').run(hitId)
      confirm.run(hitId)
      expect(() => db.prepare(`UPDATE hits SET disposition = 'dismissed' WHERE id = ?`).run(hitId)).toThrow('final')
      expect(() => db.prepare('UPDATE hits SET visual_match = 0 WHERE id = ?').run(hitId)).toThrow('final')
      expect(db.prepare('SELECT disposition FROM hits WHERE id = ?').get(hitId)).toEqual({ disposition: 'confirmed' })
      // Its list made covert hides it even though disposed; nothing makes a covert hit visible again.
      db.prepare('UPDATE hits SET covert = 1 WHERE id = ?').run(hitId)
      expect(() => db.prepare('UPDATE hits SET covert = 1, disposition_note = ? WHERE id = ?').run('x', hitId)).toThrow('final')
      expect(() => db.prepare('UPDATE hits SET covert = 0 WHERE id = ?').run(hitId)).toThrow('a covert hit stays covert')
      // Nor can a hit be written already confirmed, or twice for the same read and entry.
      const copy = (set: string) =>
        db
          .prepare(
            `INSERT INTO hits (read_id, entry_id, list_name, entry_plate, match, created_at, disposition${set ? ', ' + set : ''})
             SELECT read_id, entry_id + 1000, list_name, entry_plate, match, created_at, 'confirmed'${set ? ', 1, 1, 0' : ''} FROM hits WHERE id = ?`,
          )
          .run(hitId)
      expect(() => copy('')).toThrow('a hit is confirmed only after the visual, state and CLETS/NCIC checks')
      expect(() => copy('visual_match, state_match, clets_checked')).toThrow('a hit is confirmed only after the visual, state and CLETS/NCIC checks')
      expect(() =>
        db.prepare(`INSERT INTO hits (read_id, entry_id, list_name, entry_plate, match, created_at) SELECT read_id, entry_id, list_name, entry_plate, match, created_at FROM hits WHERE id = ?`).run(hitId),
      ).toThrow('UNIQUE')
    })
  })
})
