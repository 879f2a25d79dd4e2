// Publications of the public policy: which text was posted when and by whom, so the agency can show it later.
import type { Db } from '../database'

export interface PublicationRow {
  version: number
  publishedAt: number
  publishedBy: string
  publishedByName: string
  sha256: string
  /** The settings (JSON) the published text was generated from. */
  settings: string
}

const SELECT = `SELECT p.version, p.published_at AS publishedAt, p.published_by AS publishedBy,
  coalesce(u.display_name, p.published_by) AS publishedByName, p.sha256, p.settings
  FROM policy_publications p LEFT JOIN users u ON u.id = p.published_by`

export class PolicyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records the next version number for this text; answers the latest publication unchanged (`published: false`)
   * when it already is this text, so two publishes at once make one version.
   */
  publish(p: { publishedAt: number; publishedBy: string; sha256: string; settings: string; html: string }): { row: PublicationRow; published: boolean } {
    const { version, published } = this.db.transaction(() => {
      const latest = this.db.prepare('SELECT version, sha256 FROM policy_publications ORDER BY version DESC LIMIT 1').get() as
        | { version: number; sha256: string }
        | undefined
      if (latest?.sha256 === p.sha256) return { version: latest.version, published: false }
      const next = ((this.db.prepare('SELECT max(version) AS v FROM policy_publications').get() as { v: number | null }).v ?? 0) + 1
      this.db
        .prepare(`INSERT INTO policy_publications (version, published_at, published_by, sha256, settings, html) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(next, p.publishedAt, p.publishedBy, p.sha256, p.settings, p.html)
      return { version: next, published: true }
    })()
    return { row: this.db.prepare(`${SELECT} WHERE p.version = ?`).get(version) as PublicationRow, published }
  }

  latest(): PublicationRow | null {
    return (this.db.prepare(`${SELECT} ORDER BY p.version DESC LIMIT 1`).get() as PublicationRow | undefined) ?? null
  }

  list(limit = 100): PublicationRow[] {
    return this.db.prepare(`${SELECT} ORDER BY p.version DESC LIMIT ?`).all(limit) as PublicationRow[]
  }

  /** The exact HTML posted in a version. */
  html(version: number): string | null {
    return (this.db.prepare('SELECT html FROM policy_publications WHERE version = ?').get(version) as { html: string } | undefined)?.html ?? null
  }
}
