// The agency registry, share requests with their approval and export, kept e-mail messages of transfers, the
// reads a share carries, and Public Records Act requests and subpoenas. Rules (who qualifies, who may
// approve) live in core/sharing; this file only stores and reads.
import type { Db } from '../database'
import type { AgencyRecord, AgencyType, RecordsRequest, SharedRead, ShareRecord, ShareSelection } from '../../../../shared/models'
import { insertExport, type NewExportRecord } from './exports'

export interface NewAgency {
  id: string
  name: string
  type: AgencyType
  contactPhone: string
  createdBy: string
  createdAt: number
}

export type NewShare = Pick<
  ShareRecord,
  'id' | 'agencyId' | 'requester' | 'requesterTitle' | 'purpose' | 'need' | 'verification' | 'transfer' | 'selection' | 'itemCount' | 'requestedBy' | 'createdAt'
>

/** A records request as stored; whether it is overdue depends on the time of asking. */
export type RecordsRequestRow = Omit<RecordsRequest, 'overdue'>

const SHARE_SELECT = `
  SELECT s.id, s.agency_id AS agencyId, a.name AS agencyName, a.type AS agencyType, s.requester,
         s.requester_title AS requesterTitle, s.purpose, s.need, s.verification, s.transfer, s.selection,
         s.item_count AS itemCount, s.status, s.requested_by AS requestedBy,
         coalesce(ru.display_name, s.requested_by) AS requestedByName, s.created_at AS createdAt,
         s.approved_by AS approvedBy, au.display_name AS approvedByName, s.approved_at AS approvedAt,
         s.decision_note AS decisionNote, s.export_id AS exportId, s.produced_at AS producedAt
  FROM shares s
  JOIN agencies a ON a.id = s.agency_id
  LEFT JOIN users ru ON ru.id = s.requested_by
  LEFT JOIN users au ON au.id = s.approved_by`

const REQUEST_SELECT = `
  SELECT r.id, r.kind, r.received_at AS receivedAt, r.requester, r.asked, r.due_at AS dueAt, r.assigned_to AS assignedTo,
         coalesce(au.display_name, r.assigned_to) AS assignedToName, r.status, r.response, r.closed_at AS closedAt,
         cu.display_name AS closedByName, coalesce(lu.display_name, r.logged_by) AS loggedByName
  FROM records_requests r
  LEFT JOIN users au ON au.id = r.assigned_to
  LEFT JOIN users cu ON cu.id = r.closed_by
  LEFT JOIN users lu ON lu.id = r.logged_by`

const READ_SELECT = `SELECT r.id, r.plate, r.state, r.confidence, r.read_at AS readAt, c.name AS camera, c.location,
         r.latitude, r.longitude, r.source
  FROM reads r LEFT JOIN cameras c ON c.id = r.camera_id`

type RawShare = Omit<ShareRecord, 'selection' | 'emails'> & { selection: string }

export class SharingRepository {
  constructor(private readonly db: Db) {}

  /** Answers null when an agency of that name (in any letter case) is already registered. */
  addAgency(a: NewAgency): AgencyRecord | null {
    if (this.db.prepare('SELECT 1 FROM agencies WHERE name = ? COLLATE NOCASE').get(a.name)) return null
    this.db
      .prepare(
        `INSERT INTO agencies (id, name, type, state, contact_phone, created_by, created_at)
         VALUES (@id, @name, @type, 'CA', @contactPhone, @createdBy, @createdAt)`,
      )
      .run(a)
    return this.agency(a.id)
  }

  agency(id: string): AgencyRecord | null {
    return (this.agencies().find((a) => a.id === id) ?? null)
  }

  agencies(): AgencyRecord[] {
    return this.db
      .prepare(
        `SELECT a.id, a.name, a.type, a.state, a.contact_phone AS contactPhone, a.created_at AS createdAt,
                coalesce(u.display_name, a.created_by) AS createdBy,
                (SELECT count(*) FROM shares s WHERE s.agency_id = a.id AND s.export_id IS NOT NULL) AS sharesProduced,
                (SELECT max(produced_at) FROM shares s WHERE s.agency_id = a.id) AS lastSharedAt
         FROM agencies a LEFT JOIN users u ON u.id = a.created_by
         ORDER BY a.name COLLATE NOCASE`,
      )
      .all() as AgencyRecord[]
  }

  /** Records the request with the reads it names, fixed now: approval and production see only these. */
  createShare(s: Omit<NewShare, 'itemCount'>, readIds: number[]): ShareRecord {
    const addRead = this.db.prepare('INSERT INTO share_reads (share_id, read_id) VALUES (?, ?)')
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO shares (id, agency_id, requester, requester_title, purpose, need, verification, transfer, selection,
                               item_count, requested_by, created_at)
           VALUES (@id, @agencyId, @requester, @requesterTitle, @purpose, @need, @verification, @transfer, @selection,
                   @itemCount, @requestedBy, @createdAt)`,
        )
        .run({ ...s, selection: JSON.stringify(s.selection), itemCount: readIds.length })
      for (const id of readIds) addRead.run(s.id, id)
    })()
    return this.share(s.id)!
  }

  /** The reads a share named when requested that still exist (the purge may have deleted some), oldest first. */
  shareReads(shareId: string): SharedRead[] {
    return this.db
      .prepare(`${READ_SELECT} JOIN share_reads sr ON sr.read_id = r.id WHERE sr.share_id = ? ORDER BY r.read_at, r.id`)
      .all(shareId) as SharedRead[]
  }

  share(id: string): ShareRecord | null {
    const raw = this.db.prepare(`${SHARE_SELECT} WHERE s.id = ?`).get(id) as RawShare | undefined
    return raw ? this.withEmails(raw) : null
  }

  shares(limit = 500): ShareRecord[] {
    const raws = this.db.prepare(`${SHARE_SELECT} ORDER BY s.created_at DESC, s.id LIMIT ?`).all(limit) as RawShare[]
    return raws.map((r) => this.withEmails(r))
  }

  /** Answers false when the share is not pending any more (someone decided it first). */
  decide(id: string, status: 'approved' | 'declined', by: string, at: number, note: string): boolean {
    return (
      this.db
        .prepare(`UPDATE shares SET status = ?, approved_by = ?, approved_at = ?, decision_note = ? WHERE id = ? AND status = 'pending'`)
        .run(status, by, at, note, id).changes === 1
    )
  }

  /**
   * Claims an approved, unproduced share for the export and writes the export's ledger entry, together: answers
   * false (writing nothing) when the share is not approved or was already produced, so only one file exists.
   */
  produce(id: string, exportRecord: NewExportRecord): boolean {
    return this.db.transaction(() => {
      const claimable = this.db.prepare(`SELECT 1 FROM shares WHERE id = ? AND export_id IS NULL AND status = 'approved'`).get(id)
      if (!claimable) return false
      insertExport(this.db, exportRecord)
      this.db.prepare('UPDATE shares SET export_id = ?, produced_at = ? WHERE id = ?').run(exportRecord.id, exportRecord.createdAt, id)
      return true
    })()
  }

  keepEmail(e: { shareId: string; fileName: string; message: Uint8Array; sha256: string; storedBy: string; storedAt: number; deleteAfter: number }): number {
    const message = Buffer.from(e.message.buffer, e.message.byteOffset, e.message.byteLength)
    return Number(
      this.db
        .prepare(
          `INSERT INTO share_emails (share_id, file_name, message, size, sha256, stored_by, stored_at, delete_after)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.shareId, e.fileName, message, message.byteLength, e.sha256, e.storedBy, e.storedAt, e.deleteAfter).lastInsertRowid,
    )
  }

  /** The kept message's bytes (for an auditor, or a test proving what was kept). */
  emailMessage(id: number): Uint8Array | null {
    const row = this.db.prepare('SELECT message FROM share_emails WHERE id = ?').get(id) as { message: Uint8Array } | undefined
    return row?.message ?? null
  }

  /** Kept messages whose period has ended at `now` (the retention purge deletes them; the dashboard flags them). */
  expiredEmails(now: number): { id: number; shareId: string; deleteAfter: number }[] {
    return this.db
      .prepare('SELECT id, share_id AS shareId, delete_after AS deleteAfter FROM share_emails WHERE delete_after < ? ORDER BY delete_after')
      .all(now) as { id: number; shareId: string; deleteAfter: number }[]
  }

  /** Deletes kept messages whose period has ended; answers how many. */
  deleteExpiredEmails(now: number): number {
    return this.db.prepare('DELETE FROM share_emails WHERE delete_after < ?').run(now).changes
  }

  /** Produced transfers by e-mail with no kept original message. */
  emailTransfersWithoutMessage(): { id: string; agencyName: string; producedAt: number }[] {
    return this.db
      .prepare(
        `SELECT s.id, a.name AS agencyName, s.produced_at AS producedAt FROM shares s JOIN agencies a ON a.id = s.agency_id
         WHERE s.transfer = 'email' AND s.export_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM share_emails e WHERE e.share_id = s.id)
         ORDER BY s.produced_at`,
      )
      .all() as { id: string; agencyName: string; producedAt: number }[]
  }

  /** The ids of the reads a selection names, oldest first, at most `limit` (ask for one more than allowed to tell). */
  selectReadIds(selection: ShareSelection, limit: number): number[] {
    const base = 'SELECT r.id FROM reads r'
    if ('readIds' in selection) {
      const ids = [...new Set(selection.readIds)]
      return this.db
        .prepare(`${base} WHERE r.id IN (SELECT value FROM json_each(?)) ORDER BY r.read_at, r.id LIMIT ?`)
        .pluck()
        .all(JSON.stringify(ids), limit) as number[]
    }
    return this.db
      .prepare(`${base} WHERE r.plate = ? AND r.read_at >= ? AND r.read_at < ? ORDER BY r.read_at, r.id LIMIT ?`)
      .pluck()
      .all(selection.plate, selection.from, selection.to, limit) as number[]
  }

  logRecordsRequest(
    r: Pick<RecordsRequest, 'id' | 'kind' | 'receivedAt' | 'requester' | 'asked' | 'dueAt' | 'assignedTo'> & {
      loggedBy: string
      createdAt: number
    },
  ): RecordsRequestRow {
    this.db
      .prepare(
        `INSERT INTO records_requests (id, kind, received_at, requester, asked, due_at, assigned_to, logged_by, created_at)
         VALUES (@id, @kind, @receivedAt, @requester, @asked, @dueAt, @assignedTo, @loggedBy, @createdAt)`,
      )
      .run(r)
    return this.recordsRequest(r.id)!
  }

  recordsRequest(id: string): RecordsRequestRow | null {
    return (this.db.prepare(`${REQUEST_SELECT} WHERE r.id = ?`).get(id) as RecordsRequestRow | undefined) ?? null
  }

  /** Open requests first, soonest due first; then closed ones, newest first. */
  recordsRequests(limit = 500): RecordsRequestRow[] {
    return this.db
      .prepare(`${REQUEST_SELECT} ORDER BY r.status = 'closed', CASE WHEN r.status = 'open' THEN r.due_at ELSE -r.closed_at END LIMIT ?`)
      .all(limit) as RecordsRequestRow[]
  }

  closeRecordsRequest(id: string, response: string, by: string, at: number): boolean {
    return (
      this.db
        .prepare(`UPDATE records_requests SET status = 'closed', response = ?, closed_by = ?, closed_at = ? WHERE id = ? AND status = 'open'`)
        .run(response, by, at, id).changes === 1
    )
  }

  private withEmails(raw: RawShare): ShareRecord {
    const emails = this.db
      .prepare(
        `SELECT id, file_name AS fileName, size, sha256, stored_at AS storedAt, delete_after AS deleteAfter
         FROM share_emails WHERE share_id = ? ORDER BY id`,
      )
      .all(raw.id) as ShareRecord['emails']
    return { ...raw, selection: JSON.parse(raw.selection) as ShareSelection, emails }
  }
}
