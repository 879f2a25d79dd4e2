// Audits (DOMAIN.md "Audits") and the indexes that keep the auditors' access-log filters fast on a large log.
export default /* sql */ `
-- One audit of a period: the evidence assembled for it (kept as assembled, so the report shows what the
-- performer reviewed), the findings of the person who performed it, and the approval of a different person.
CREATE TABLE audits (
  id                    TEXT PRIMARY KEY,
  period_start          INTEGER NOT NULL,
  period_end            INTEGER NOT NULL CHECK (period_end > period_start),
  status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'performed', 'approved')),
  created_by            TEXT NOT NULL,
  created_at            INTEGER NOT NULL,
  -- What the random sample was drawn from, so anyone can draw it again: the seed (random, chosen by the
  -- product, never by the performer), the channels counted as searches, and the newest log entry included.
  sample_seed           INTEGER NOT NULL,
  sample_channels       TEXT NOT NULL DEFAULT '[]',
  sample_max_log_id     INTEGER NOT NULL DEFAULT 0,
  evidence              TEXT NOT NULL,
  flag_count            INTEGER NOT NULL DEFAULT 0,
  findings              TEXT,
  remedial_actions      TEXT,
  -- JSON list of the performer's assessments of the sampled searches.
  sample_reviews        TEXT NOT NULL DEFAULT '[]',
  performed_by          TEXT,
  performed_at          INTEGER,
  approved_by           TEXT,
  approved_at           INTEGER,
  approval_note         TEXT,
  -- The signed report: the PDF as handed out, its SHA-256, and what verifies its signature later.
  report_pdf            BLOB,
  report_sha256         TEXT,
  report_spec           TEXT,
  report_signature      TEXT,
  keep_until            INTEGER,
  -- Two people: whoever approves did not perform.
  CHECK (approved_by IS NULL OR (performed_by IS NOT NULL AND approved_by <> performed_by)),
  CHECK (status <> 'performed' OR performed_by IS NOT NULL),
  CHECK (status <> 'approved' OR (approved_by IS NOT NULL AND report_sha256 IS NOT NULL))
) STRICT;
CREATE INDEX audits_created_at ON audits (created_at);
CREATE INDEX audits_approved ON audits (status, approved_at);

-- An approved audit is a signed record: nothing changes it, and it stays until its keep-until time.
CREATE TRIGGER audits_approved_immutable BEFORE UPDATE ON audits WHEN OLD.status = 'approved'
BEGIN
  SELECT RAISE(ABORT, 'An approved audit cannot be changed.');
END;
CREATE TRIGGER audits_kept_until BEFORE DELETE ON audits
  WHEN OLD.status = 'approved' AND OLD.keep_until > CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
BEGIN
  SELECT RAISE(ABORT, 'An approved audit is kept until its keep-until time.');
END;

-- Filters on the access log walk these backwards in id order and stop after one page.
CREATE INDEX access_log_username_id ON access_log (username, id);
CREATE INDEX access_log_channel_id ON access_log (channel, id);
CREATE INDEX access_log_plate_id ON access_log (json_extract(data_elements, '$.plate'), id);
`
