// What the live feed reads besides the alerts (hits.ts): the camera reads after a cursor with their
// crops and the hits the viewer may see, and the hot lists in force with their last refresh. Scenes stay out
// of the feed (hits.get carries them) to keep each long-poll answer small.
import type { Db } from '../database'
import type { LiveFeed, LiveRead } from '../../../../shared/models'
import { jpegDataUrl } from '../../reads/images'
import { HotListCache, IN_FORCE, inForceParams } from './hits'
import { hotListExpiredSql } from './retention'

type ListSummary = LiveFeed['lists'][number] & { covert: number }

export class LiveRepository {
  private readonly summaries: HotListCache<ListSummary[]>

  constructor(private readonly db: Db) {
    this.summaries = new HotListCache(db)
  }

  /**
   * Camera reads after the cursor, newest first. After a cursor, the OLDEST `limit` of them: the cursor moves
   * only past reads delivered, so a full page means more are waiting and a burst is never skipped. From the
   * start (cursor 0, a screen just opened), the newest `limit`: the screen begins now, not with the oldest read.
   */
  readsAfter(afterReadId: number, limit: number, seeCovert: boolean): LiveRead[] {
    const rows = this.db
      .prepare(
        `SELECT r.id, r.plate, r.state, r.confidence, r.read_at AS readAt, r.camera_id AS cameraId, c.name AS cameraName, i.crop,
                (SELECT json_group_array(h.id) FROM hits h WHERE h.read_id = r.id AND (h.covert = 0 OR @seeCovert = 1)) AS hitIds
         FROM reads r LEFT JOIN cameras c ON c.id = r.camera_id LEFT JOIN read_images i ON i.read_id = r.id
         WHERE r.id > @afterReadId AND r.source = 'camera'
         ORDER BY r.id ${afterReadId === 0 ? 'DESC' : 'ASC'} LIMIT @limit`,
      )
      .all({ afterReadId, limit, seeCovert: seeCovert ? 1 : 0 }) as (Omit<LiveRead, 'crop' | 'hitIds'> & { crop: Buffer | null; hitIds: string })[]
    return rows
      .sort((a, b) => b.id - a.id)
      .map((r) => ({ ...r, crop: jpegDataUrl(r.crop), hitIds: (JSON.parse(r.hitIds) as number[]).sort((a, b) => a - b) }))
  }

  /**
   * Hot lists in force (covert ones only for viewers allowed to see them), with their entries in force. Every
   * feed answer carries them, so they are reused while the lists are unchanged (HotListCache).
   */
  lists(now: number, seeCovert: boolean): LiveFeed['lists'] {
    const all = this.summaries.get(
      now,
      () =>
        this.db
          .prepare(
            `SELECT l.id, l.name, l.refreshed_at AS refreshedAt, l.priority, l.covert,
                    (SELECT count(*) FROM hot_list_entries e WHERE e.list_id = l.id AND ${IN_FORCE}) AS entries
             FROM hot_lists l
             WHERE NOT ${hotListExpiredSql}
             ORDER BY l.priority, l.name, l.id`,
          )
          .all(inForceParams(this.db, now)) as ListSummary[],
    )
    return all.filter((l) => seeCovert || l.covert === 0).map(({ covert: _covert, ...list }) => list)
  }

  /** Each camera's reads since `since` (the start of the local day) and its latest read, from the store. */
  cameraActivity(since: number): { cameraId: string; readsToday: number; lastReadAt: number | null }[] {
    return this.db
      .prepare(
        `SELECT c.id AS cameraId,
                (SELECT count(*) FROM reads r WHERE r.camera_id = c.id AND r.read_at >= ?) AS readsToday,
                (SELECT max(r.read_at) FROM reads r WHERE r.camera_id = c.id) AS lastReadAt
         FROM cameras c`,
      )
      .all(since) as { cameraId: string; readsToday: number; lastReadAt: number | null }[]
  }
}
