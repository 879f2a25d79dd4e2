// Hot lists and their entries (DOMAIN.md "Hot lists and hits"). Entries are stored as matching reads them:
// the plate normalised (upper-case A-Z0-9; plate_key is generated from it), the state, and for manual
// entries an expiry. Replacing a list's entries is one transaction: on any failure nothing changes. Hits keep
// their own copy of the record they matched, so replacing or removing entries never touches them.
import type { Db } from '../database'
import type { HotListEntryRecord, HotListKind, HotListSound } from '../../../../shared/models'

export interface HotListSettingsRow {
  name: string
  source: string
  priority: 1 | 2 | 3
  color: string
  sound: HotListSound
  covert: boolean
  retentionDays: number | null
  description: string
}

export interface HotListRow extends HotListSettingsRow {
  id: string
  kind: HotListKind
  refreshedAt: number
  createdAt: number
  createdByName: string | null
  updatedByName: string | null
  entries: number
}

export interface NewHotList extends HotListSettingsRow {
  id: string
  kind: HotListKind
  createdAt: number
  createdBy: string
}

export interface NewHotListEntry {
  plate: string
  state: string | null
  reason: string
  enteredAt: number | null
  vehicle: string
  sourceRef: string
  expiresAt: number | null
  createdAt: number
  addedBy: string
}

const LIST_COLUMNS = `l.id, l.name, l.source, l.kind, l.priority, l.color, l.sound, l.covert, l.retention_days AS retentionDays,
  l.description, l.refreshed_at AS refreshedAt, l.created_at AS createdAt,
  (SELECT display_name FROM users u WHERE u.id = l.created_by) AS createdByName,
  (SELECT display_name FROM users u WHERE u.id = l.updated_by) AS updatedByName,
  (SELECT count(*) FROM hot_list_entries e WHERE e.list_id = l.id) AS entries`

const ENTRY_COLUMNS = `e.id, e.list_id AS listId, e.plate, e.state, e.reason, e.vehicle, e.source_ref AS sourceRef,
  e.entered_at AS enteredAt, e.expires_at AS expiresAt, e.created_at AS createdAt,
  (SELECT display_name FROM users u WHERE u.id = e.added_by) AS addedByName`

const INSERT_ENTRY = `INSERT INTO hot_list_entries (list_id, plate, state, reason, entered_at, vehicle, source_ref, expires_at, created_at, added_by)
  VALUES (@listId, @plate, @state, @reason, @enteredAt, @vehicle, @sourceRef, @expiresAt, @createdAt, @addedBy)`

/**
 * Marks a change to the hot lists' entries for the caches over all entries (hits.ts HotListCache). Every
 * writer of hot_list_entries calls it once per change, inside its transaction: since migration 012 no
 * trigger does it per row (a list's replacement would pay one UPDATE per entry).
 */
export function bumpHotListVersion(db: Db): void {
  db.prepare('UPDATE hot_list_version SET version = version + 1 WHERE id = 1').run()
}

type RawList = Omit<HotListRow, 'covert'> & { covert: number }
const toList = (raw: RawList | undefined): HotListRow | null => (raw ? { ...raw, covert: raw.covert === 1 } : null)

const settingsParams = (s: HotListSettingsRow) => ({
  name: s.name,
  source: s.source,
  priority: s.priority,
  color: s.color,
  sound: s.sound,
  covert: s.covert ? 1 : 0,
  retentionDays: s.retentionDays,
  description: s.description,
})

export class HotListsRepository {
  constructor(private readonly db: Db) {}

  list(): HotListRow[] {
    return (this.db.prepare(`SELECT ${LIST_COLUMNS} FROM hot_lists l ORDER BY l.priority, l.name COLLATE NOCASE`).all() as RawList[]).map(
      (r) => toList(r)!,
    )
  }

  get(id: string): HotListRow | null {
    return toList(this.db.prepare(`SELECT ${LIST_COLUMNS} FROM hot_lists l WHERE l.id = ?`).get(id) as RawList | undefined)
  }

  /** A new empty list (manual lists; file lists are created by `replaceEntries`). Its refresh time is its creation. */
  create(list: NewHotList): void {
    this.db
      .prepare(
        `INSERT INTO hot_lists (id, name, source, kind, priority, color, sound, covert, retention_days, description, refreshed_at, created_at, created_by)
         VALUES (@id, @name, @source, @kind, @priority, @color, @sound, @covert, @retentionDays, @description, @createdAt, @createdAt, @createdBy)`,
      )
      .run({ ...settingsParams(list), id: list.id, kind: list.kind, createdAt: list.createdAt, createdBy: list.createdBy })
  }

  /**
   * Changes a list's settings. Making a list covert also hides its existing hits (they copied the flag when
   * recorded) in the same transaction, so no one without alerts.covert sees them afterwards. Making it open
   * again never uncovers old hits: they were recorded while the list was covert and stay restricted.
   */
  updateSettings(id: string, settings: HotListSettingsRow, updatedBy: string): boolean {
    return this.db.transaction(() => {
      const changed =
        this.db
          .prepare(
            `UPDATE hot_lists SET name = @name, source = @source, priority = @priority, color = @color, sound = @sound, covert = @covert,
               retention_days = @retentionDays, description = @description, updated_by = @updatedBy WHERE id = @id`,
          )
          .run({ ...settingsParams(settings), updatedBy, id }).changes === 1
      if (changed && settings.covert) this.db.prepare('UPDATE hits SET covert = 1 WHERE list_id = ? AND covert = 0').run(id)
      return changed
    })()
  }

  /**
   * A file list's entries, all at once: creates the list (`newList`) or deletes the list's entries and inserts
   * the new ones, and sets its refresh time; one transaction, so a failure part-way leaves the old entries.
   * Answers how many entries were replaced.
   */
  replaceEntries(target: { listId: string } | { newList: NewHotList }, entries: NewHotListEntry[], refreshedAt: number, by: string): number {
    return this.db.transaction(() => {
      let listId: string
      let replaced = 0
      if ('newList' in target) {
        this.create(target.newList)
        listId = target.newList.id
      } else {
        listId = target.listId
        replaced = this.db.prepare('DELETE FROM hot_list_entries WHERE list_id = ?').run(listId).changes
      }
      const insert = this.db.prepare(INSERT_ENTRY)
      for (const e of entries) insert.run({ ...e, listId })
      this.db.prepare('UPDATE hot_lists SET refreshed_at = ?, updated_by = ? WHERE id = ?').run(refreshedAt, by, listId)
      bumpHotListVersion(this.db)
      return replaced
    })()
  }

  /** Adds one entry to a manual list and counts as the list's refresh (it is being kept). Answers the entry id. */
  addEntry(listId: string, entry: NewHotListEntry): number {
    return this.db.transaction(() => {
      const id = Number(this.db.prepare(INSERT_ENTRY).run({ ...entry, listId }).lastInsertRowid)
      this.db.prepare('UPDATE hot_lists SET refreshed_at = ?, updated_by = ? WHERE id = ?').run(entry.createdAt, entry.addedBy, listId)
      bumpHotListVersion(this.db)
      return id
    })()
  }

  removeEntry(listId: string, entryId: number): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM hot_list_entries WHERE id = ? AND list_id = ?').run(entryId, listId).changes === 1
      if (removed) bumpHotListVersion(this.db)
      return removed
    })()
  }

  /** The list's entries whose plate contains `plate` (normalised by the caller), newest first. */
  entries(listId: string, plate: string, limit: number, offset: number): { entries: HotListEntryRecord[]; total: number } {
    const where = `e.list_id = @listId AND (@plate = '' OR instr(e.plate, @plate) > 0)`
    const params = { listId, plate }
    const total = (this.db.prepare(`SELECT count(*) AS n FROM hot_list_entries e WHERE ${where}`).get(params) as { n: number }).n
    const entries = this.db
      .prepare(`SELECT ${ENTRY_COLUMNS} FROM hot_list_entries e WHERE ${where} ORDER BY e.plate, e.state LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit, offset }) as HotListEntryRecord[]
    return { entries, total }
  }

  /** Whether a plate and state is already on the list (a manual entry is not doubled). */
  hasEntry(listId: string, plate: string, state: string | null): boolean {
    return this.db.prepare('SELECT 1 FROM hot_list_entries WHERE list_id = ? AND plate = ? AND state IS ?').get(listId, plate, state) !== undefined
  }
}
