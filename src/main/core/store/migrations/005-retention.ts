// Retention (DOMAIN.md "Retention"): the record of every purge run, holds that are reviewed, and the one
// narrow way rows leave the append-only access log: a prefix covered by a signed checkpoint.
//
// The space freed by purges is given back to the file system by incremental vacuum. auto_vacuum must be
// chosen before the first table exists, so database.ts sets it on a new file and runs a one-time VACUUM
// on a file created before this migration; SQL here cannot do either (both need to run outside a transaction).
export default /* sql */ `
CREATE TABLE retention_runs (
  id                       INTEGER PRIMARY KEY,
  kind                     TEXT NOT NULL CHECK (kind IN ('startup', 'scheduled', 'manual')),
  requested_by             TEXT,
  started_at               INTEGER NOT NULL,
  finished_at              INTEGER,
  read_cutoff              INTEGER NOT NULL,
  log_cutoff               INTEGER NOT NULL,
  reads_deleted            INTEGER NOT NULL DEFAULT 0,
  images_deleted           INTEGER NOT NULL DEFAULT 0,
  corrections_deleted      INTEGER NOT NULL DEFAULT 0,
  hits_deleted             INTEGER NOT NULL DEFAULT 0,
  held_reads_kept          INTEGER NOT NULL DEFAULT 0,
  hot_lists_deleted        INTEGER NOT NULL DEFAULT 0,
  hot_list_entries_deleted INTEGER NOT NULL DEFAULT 0,
  access_log_deleted       INTEGER NOT NULL DEFAULT 0,
  pages_freed              INTEGER NOT NULL DEFAULT 0,
  outcome                  TEXT NOT NULL CHECK (outcome IN ('running', 'completed', 'stopped', 'failed')),
  error                    TEXT
) STRICT;
CREATE INDEX retention_runs_started ON retention_runs (started_at);

-- Cascading deletes of reads look corrections up by read; without this index each deleted read scans the table.
CREATE INDEX read_corrections_read ON read_corrections (read_id);
CREATE INDEX hot_list_entries_expires ON hot_list_entries (expires_at) WHERE expires_at IS NOT NULL;

-- Holds: how many reads were named when placed (the hold keeps that after released reads expire),
-- and every review that extended it.
ALTER TABLE holds ADD COLUMN read_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX holds_open_review ON holds (released_at, review_at);
CREATE TABLE hold_reviews (
  id                 INTEGER PRIMARY KEY,
  hold_id            TEXT NOT NULL REFERENCES holds (id),
  reviewed_at        INTEGER NOT NULL,
  reviewed_by        TEXT NOT NULL,
  note               TEXT NOT NULL,
  previous_review_at INTEGER NOT NULL,
  next_review_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX hold_reviews_hold ON hold_reviews (hold_id, reviewed_at);

-- A signed statement that the access log's entries up to last_removed_id were removed by a retention
-- purge, and the hash of the last one, so verification can start after them. It also states the cutoff
-- the purge applied (every removed entry was older), the time of the last entry removed, and the newest
-- entry when it was written (the entry after that one must not be older than the checkpoint: a purge made
-- with a clock set ahead shows once the clock is right again). Append-only like the log.
CREATE TABLE access_log_checkpoints (
  id                INTEGER PRIMARY KEY,
  created_at        INTEGER NOT NULL,
  cutoff            INTEGER NOT NULL,
  last_removed_id   INTEGER NOT NULL,
  last_removed_at   INTEGER NOT NULL,
  last_removed_hash TEXT NOT NULL,
  removed_count     INTEGER NOT NULL,
  head_id           INTEGER NOT NULL,
  key_id            TEXT NOT NULL,
  signature         TEXT NOT NULL
) STRICT;
CREATE TRIGGER access_log_checkpoints_no_update BEFORE UPDATE ON access_log_checkpoints
BEGIN SELECT RAISE(ABORT, 'access-log checkpoints are append-only'); END;
CREATE TRIGGER access_log_checkpoints_no_delete BEFORE DELETE ON access_log_checkpoints
BEGIN SELECT RAISE(ABORT, 'access-log checkpoints are append-only'); END;

-- The purge's permit: set and cleared inside the purge's own transaction, so no other statement ever sees it.
-- A delete is allowed only for entries up to the permit's id that are older than its cutoff (the record-
-- retention period, computed by the repository from the stored setting), and only when the newest
-- checkpoint names that same id and cutoff: removing entries without first writing their checkpoint, or
-- entries still within the period, stays impossible.
CREATE TABLE access_log_purge_permit (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  through_id INTEGER NOT NULL,
  cutoff     INTEGER NOT NULL
) STRICT;

DROP TRIGGER access_log_no_delete;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
WHEN NOT EXISTS (
  SELECT 1 FROM access_log_purge_permit p
  WHERE OLD.id <= p.through_id
    AND OLD.at < p.cutoff
    AND EXISTS (
      SELECT 1 FROM access_log_checkpoints c
      WHERE c.id = (SELECT max(id) FROM access_log_checkpoints)
        AND c.last_removed_id = p.through_id AND c.cutoff = p.cutoff
    )
)
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`
