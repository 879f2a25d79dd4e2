// Hot-list hits: matching new camera reads against the entries in force, and the verification a dispatcher
// records before anyone acts on a hit (DOMAIN.md "Hot lists and hits"). A hit copies the hot-list record it
// matched, so it survives the list's replacement or purge. Covert lists' hits exist only for viewers allowed
// to see them: every lookup takes `seeCovert`, and a hidden hit answers exactly like a missing one.
import type { Db } from '../database'
import type { HitAlert, HitDetail, HitDisposition, HotListSound } from '../../../../shared/models'
import { AppError } from '../../errors'
import { DAY } from '../../clock'
import { SETTINGS } from '../../settings/definitions'
import { classifyMatch, compareAlerts } from '../../hotlists/matcher'
import { jpegDataUrl } from '../../reads/images'
import { hotListEntryExpiredSql, hotListExpiredSql } from './retention'
import { plateKey } from '../../plates/confusions'
import { type NewRead, ReadsRepository } from './reads'

/**
 * An entry is in force while the retention purge would keep it and its list (retention.ts, one rule).
 * Expects the entry as `e`, its list as `l`, and the parameters of inForceParams.
 */
export const IN_FORCE = `NOT (${hotListEntryExpiredSql} OR ${hotListExpiredSql})`

/** The parameters of IN_FORCE, with the default period of lists without their own (hotListRetentionDays), as the purge uses it. */
export function inForceParams(db: Db, now: number): { now: number; defaultDays: number; day: number } {
  const stored = db.prepare(`SELECT value FROM settings WHERE key = 'hotListRetentionDays'`).get() as { value: string } | undefined
  const parsed = SETTINGS.hotListRetentionDays.schema.safeParse(stored ? (JSON.parse(stored.value) as unknown) : undefined)
  return { now, defaultDays: parsed.success ? parsed.data : SETTINGS.hotListRetentionDays.default, day: DAY }
}

/** How long an answer computed over every hot-list entry may be reused while the lists are unchanged. */
export const HOT_LIST_CACHE_MS = 60_000

/**
 * Reuses an answer computed over every hot-list entry while no list or entry changed, for at most
 * HOT_LIST_CACHE_MS (an entry past its expiry may stay in it that long). A state extract holds hundreds of
 * thousands of entries, and a pass over them holds the store's one thread for hundreds of milliseconds, which
 * every live-feed answer would otherwise pay. Only for hints and summaries: recordMatches always applies the rule afresh.
 */
export class HotListCache<T> {
  private cached: { stamp: string; from: number; value: T } | null = null

  constructor(private readonly db: Db) {}

  get(now: number, compute: () => T): T {
    const stamp = this.stamp()
    const c = this.cached
    if (c && c.stamp === stamp && now >= c.from && now < c.from + HOT_LIST_CACHE_MS) return c.value
    const value = compute()
    this.cached = { stamp, from: now, value }
    return value
  }

  /**
   * Changes with every change to a list or an entry (migration 008's counter: triggers on hot_lists,
   * bumpHotListVersion for entries) and with the retention setting.
   */
  private stamp(): string {
    const version = this.db.prepare('SELECT version FROM hot_list_version WHERE id = 1').pluck().get()
    const setting = this.db.prepare(`SELECT value FROM settings WHERE key = 'hotListRetentionDays'`).pluck().get()
    return JSON.stringify([version, setting ?? null])
  }
}

export type HitCheck = 'visual' | 'state' | 'clets'

const ALERT_COLUMNS = `h.id, h.read_id AS readId, h.match, h.differences, r.plate AS readPlate, r.state AS readState,
  r.confidence AS readConfidence, r.read_at AS readAt, c.name AS cameraName, h.list_id AS listId, h.list_name AS listName,
  h.priority, coalesce(h.color, '#c62828') AS color, coalesce(h.sound, 'alarm') AS sound, h.covert,
  h.entry_plate AS entryPlate, h.entry_state AS entryState, h.entry_reason AS entryReason, h.entry_vehicle AS entryVehicle,
  h.list_refreshed_at AS listRefreshedAt, h.created_at AS createdAt, h.acknowledged_at AS acknowledgedAt,
  coalesce(ua.display_name, h.acknowledged_by) AS acknowledgedBy, h.visual_match AS visualMatch, h.state_match AS stateMatch,
  h.clets_checked AS cletsChecked, h.clets_result AS cletsResult, h.disposition, h.disposition_note AS dispositionNote,
  h.disposed_at AS disposedAt, coalesce(ud.display_name, h.disposed_by) AS disposedBy`

const ALERT_FROM = `hits h JOIN reads r ON r.id = h.read_id LEFT JOIN cameras c ON c.id = r.camera_id
  LEFT JOIN users ua ON ua.id = h.acknowledged_by LEFT JOIN users ud ON ud.id = h.disposed_by`

/** Hidden covert hits: `@seeCovert` is 1 for viewers holding alerts.covert. */
const VISIBLE = `(h.covert = 0 OR @seeCovert = 1)`

type Flag = 0 | 1 | null
type AlertRow = Omit<HitAlert, 'covert' | 'visualMatch' | 'stateMatch' | 'cletsChecked'> & {
  covert: number
  visualMatch: Flag
  stateMatch: Flag
  cletsChecked: Flag
}

const flag = (v: Flag): boolean | null => (v === null ? null : v === 1)

function toAlert(row: AlertRow): HitAlert {
  return {
    ...row,
    priority: row.priority,
    sound: row.sound as HotListSound,
    covert: row.covert === 1,
    visualMatch: flag(row.visualMatch),
    stateMatch: flag(row.stateMatch),
    cletsChecked: flag(row.cletsChecked),
  }
}

export class HitsRepository {
  private readonly keys: HotListCache<string[]>
  private readonly reads: ReadsRepository

  constructor(private readonly db: Db) {
    this.keys = new HotListCache(db)
    this.reads = new ReadsRepository(db)
  }

  /**
   * Live capture's write: stores camera reads (ReadsRepository.insert) and records their hits in ONE
   * transaction, so no feed answer sees a read without its hit, and a failure leaves neither.
   */
  insertAndMatch(reads: NewRead[], now: number): { readIds: number[]; hitIds: number[] } {
    return this.db.transaction(() => {
      const readIds = this.reads.insert(reads)
      return { readIds, hitIds: this.recordMatches(readIds, now) }
    })()
  }

  /**
   * Matches camera reads (footage reads never alert) against the hot-list entries in force with the same
   * confusion key, and records one hit per (read, entry) not already recorded. Answers the new hits' ids.
   */
  recordMatches(readIds: number[], now: number): number[] {
    const candidates = this.db.prepare(
      `SELECT r.plate AS readPlate, e.id AS entryId, e.plate, e.state, e.reason, e.vehicle, e.source_ref AS sourceRef,
              e.entered_at AS enteredAt, l.id AS listId, l.name AS listName, l.refreshed_at AS refreshedAt, l.priority,
              l.covert, l.color, l.sound
       FROM reads r
       JOIN hot_list_entries e ON e.plate_key = r.plate_key
       JOIN hot_lists l ON l.id = e.list_id
       WHERE r.id = @readId AND r.source = 'camera' AND ${IN_FORCE}
         AND NOT EXISTS (SELECT 1 FROM hits h WHERE h.read_id = r.id AND h.entry_id = e.id)
       ORDER BY e.id`,
    )
    const insert = this.db.prepare(
      `INSERT INTO hits (read_id, list_id, list_name, entry_plate, entry_state, entry_reason, match, created_at, entry_id,
                         entry_vehicle, entry_source_ref, entry_entered_at, list_refreshed_at, priority, covert, color, sound, differences)
       VALUES (@readId, @listId, @listName, @plate, @state, @reason, @match, @now, @entryId,
               @vehicle, @sourceRef, @enteredAt, @refreshedAt, @priority, @covert, @color, @sound, @differences)`,
    )
    const params = inForceParams(this.db, now)
    return this.db.transaction(() => {
      const created: number[] = []
      for (const readId of new Set(readIds)) {
        const rows = candidates.all({ ...params, readId }) as ({ readPlate: string; entryId: number; plate: string } & Record<string, unknown>)[]
        for (const row of rows) {
          const matched = classifyMatch(row.readPlate, row.plate)
          if (!matched) continue
          created.push(Number(insert.run({ ...row, ...matched, readId, now }).lastInsertRowid))
        }
      }
      return created
    })()
  }

  /**
   * Confusion keys (plates/confusions.ts) of the entries in force, for capture to alert early on a confident
   * reading of a listed plate. A hint (see HotListCache): the hit itself is decided by recordMatches.
   */
  hotListKeys(now: number): string[] {
    return this.keys.get(now, () => {
      // Keys made here from the plates: faster than DISTINCT over the generated column, which SQL computes row by row.
      const plates = this.db
        .prepare(`SELECT e.plate FROM hot_list_entries e JOIN hot_lists l ON l.id = e.list_id WHERE ${IN_FORCE}`)
        .pluck()
        .all(inForceParams(this.db, now)) as string[]
      return [...new Set(plates.map(plateKey))]
    })
  }

  /** A hit as the alert panel shows it; null when missing or hidden from this viewer. */
  alert(hitId: number, seeCovert: boolean): HitAlert | null {
    const row = this.db
      .prepare(`SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM} WHERE h.id = @hitId AND ${VISIBLE}`)
      .get({ hitId, seeCovert: seeCovert ? 1 : 0 }) as AlertRow | undefined
    return row ? toAlert(row) : null
  }

  /** A hit with the read's images, per-character confidence and where it was read, for verification. */
  detail(hitId: number, seeCovert: boolean): HitDetail | null {
    const alert = this.alert(hitId, seeCovert)
    if (!alert) return null
    const extra = this.db
      .prepare(
        `SELECT r.char_confidences AS chars, i.crop, i.scene, h.entry_source_ref AS entrySourceRef, h.entry_entered_at AS entryEnteredAt,
                c.location AS cameraLocation, r.latitude, r.longitude
         FROM hits h JOIN reads r ON r.id = h.read_id LEFT JOIN read_images i ON i.read_id = r.id LEFT JOIN cameras c ON c.id = r.camera_id
         WHERE h.id = ?`,
      )
      .get(hitId) as {
      chars: string
      crop: Buffer | null
      scene: Buffer | null
      entrySourceRef: string
      entryEnteredAt: number | null
      cameraLocation: string | null
      latitude: number | null
      longitude: number | null
    }
    const { chars, crop, scene, ...rest } = extra
    return { ...alert, ...rest, readChars: JSON.parse(chars) as HitDetail['readChars'], crop: jpegDataUrl(crop), scene: jpegDataUrl(scene) }
  }

  /**
   * The alert panel: every open hit the viewer may see, and those disposed after `disposedSince`, in the
   * panel's order (matcher.ts compareAlerts).
   */
  alerts(seeCovert: boolean, disposedSince: number): HitAlert[] {
    const rows = this.db
      .prepare(
        `SELECT ${ALERT_COLUMNS} FROM ${ALERT_FROM}
         WHERE ${VISIBLE} AND (h.disposition IS NULL OR h.disposed_at > @disposedSince)`,
      )
      .all({ seeCovert: seeCovert ? 1 : 0, disposedSince }) as AlertRow[]
    return rows.map(toAlert).sort(compareAlerts)
  }

  /** The dispatcher has seen the alert (silences it). Repeating it, or acknowledging a disposed hit, changes nothing. */
  acknowledge(hitId: number, seeCovert: boolean, userId: string, now: number): HitAlert {
    return this.db.transaction(() => {
      this.visible(hitId, seeCovert)
      this.db
        .prepare('UPDATE hits SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL AND disposition IS NULL')
        .run(now, userId, hitId)
      return this.alert(hitId, seeCovert)!
    })()
  }

  /** Records one verification step (a later call for the same step replaces it, until the disposition). */
  check(hitId: number, seeCovert: boolean, step: HitCheck, passed: boolean, result: string | null, userId: string, now: number): HitAlert {
    return this.db.transaction(() => {
      const hit = this.visible(hitId, seeCovert)
      if (hit.disposition !== null) throw new AppError('HIT_ALREADY_DISPOSED')
      if (step === 'clets' && !result) {
        throw new AppError('INVALID_INPUT', 'Enter what the CLETS/NCIC re-check answered.', {
          result: 'Required for the CLETS/NCIC re-check.',
        })
      }
      const set =
        step === 'visual'
          ? 'visual_match = @passed'
          : step === 'state'
            ? 'state_match = @passed'
            : 'clets_checked = @passed, clets_result = @result'
      this.db.prepare(`UPDATE hits SET ${set} WHERE id = @hitId`).run({ hitId, passed: passed ? 1 : 0, result })
      this.acknowledgeIfNot(hitId, userId, now)
      return this.alert(hitId, seeCovert)!
    })()
  }

  /** Records the final disposition; 'confirmed' only after all three checks passed. */
  dispose(hitId: number, seeCovert: boolean, disposition: HitDisposition, note: string | null, userId: string, now: number): HitAlert {
    return this.db.transaction(() => {
      const hit = this.visible(hitId, seeCovert)
      if (hit.disposition !== null) throw new AppError('HIT_ALREADY_DISPOSED')
      if (disposition === 'confirmed') {
        const missing = [
          hit.visualMatch !== true && 'the plate characters were not matched visually',
          hit.stateMatch !== true && 'the state was not matched',
          hit.cletsChecked !== true && 'the CLETS/NCIC re-check did not pass',
        ].filter((m): m is string => typeof m === 'string')
        if (missing.length > 0) {
          throw new AppError('HIT_NOT_VERIFIED', `This hit cannot be confirmed: ${missing.join(', ')}. Record a pass for each check first, or choose another disposition.`)
        }
      }
      this.acknowledgeIfNot(hitId, userId, now)
      this.db
        .prepare('UPDATE hits SET disposition = ?, disposition_note = ?, disposed_at = ?, disposed_by = ? WHERE id = ?')
        .run(disposition, note || null, now, userId, hitId)
      return this.alert(hitId, seeCovert)!
    })()
  }

  private visible(hitId: number, seeCovert: boolean): HitAlert {
    const hit = this.alert(hitId, seeCovert)
    if (!hit) throw new AppError('NOT_FOUND', 'That hit does not exist.')
    return hit
  }

  private acknowledgeIfNot(hitId: number, userId: string, now: number): void {
    this.db.prepare('UPDATE hits SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL').run(now, userId, hitId)
  }
}
