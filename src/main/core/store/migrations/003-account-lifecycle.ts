// Account lifecycle (DOMAIN.md, "People and roles"): requests and approvals, job classifications,
// trainers, suspensions and re-activations, departures under a tombstone, re-training orders, review sessions.
export default /* sql */ `
CREATE TABLE job_classifications (
  name       TEXT PRIMARY KEY,
  authorized INTEGER NOT NULL CHECK (authorized IN (0, 1)),
  changed_at INTEGER NOT NULL,
  changed_by TEXT
) STRICT;

ALTER TABLE users ADD COLUMN classification TEXT;
ALTER TABLE users ADD COLUMN suspended_at INTEGER;
ALTER TABLE users ADD COLUMN suspension_reason TEXT;
ALTER TABLE users ADD COLUMN reactivated_at INTEGER;
ALTER TABLE users ADD COLUMN departed_at INTEGER;
-- last_access_at is the latest access to ALPR information; last_used_at the latest permitted action of any
-- kind. Inactivity is measured from the first for accounts holding ALPR permissions, else from the second.
ALTER TABLE users ADD COLUMN last_used_at INTEGER;
UPDATE users SET last_used_at = last_access_at;
-- A departed account's former username stays reserved, so it is never given to someone else.
ALTER TABLE users ADD COLUMN former_username TEXT;

ALTER TABLE training_records ADD COLUMN trainer TEXT;

-- "Re-train everyone": training completed before the latest order no longer counts.
CREATE TABLE retraining_orders (
  id         INTEGER PRIMARY KEY,
  ordered_at INTEGER NOT NULL,
  ordered_by TEXT NOT NULL,
  reason     TEXT NOT NULL
) STRICT;

-- Every change of an account's standing, for audits. Accounts are never deleted in SQL, only tombstoned.
CREATE TABLE account_events (
  id      INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  at      INTEGER NOT NULL,
  kind    TEXT NOT NULL CHECK (kind IN ('approved', 'suspended', 'reactivated', 'classification', 'training', 'departed')),
  by_user TEXT,
  reason  TEXT NOT NULL
) STRICT;
CREATE INDEX account_events_user ON account_events (user_id, at);

CREATE TABLE account_requests (
  id              TEXT PRIMARY KEY,
  username        TEXT NOT NULL,
  display_name    TEXT NOT NULL,
  agency          TEXT NOT NULL,
  unit            TEXT NOT NULL,
  roles           TEXT NOT NULL,
  classification  TEXT NOT NULL,
  justification   TEXT NOT NULL,
  requested_by    TEXT NOT NULL,
  requested_at    INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by      TEXT,
  decided_at      INTEGER,
  decision_reason TEXT,
  user_id         TEXT REFERENCES users (id)
) STRICT;

CREATE TABLE access_review_sessions (
  id         TEXT PRIMARY KEY,
  started_at INTEGER NOT NULL,
  started_by TEXT NOT NULL REFERENCES users (id)
) STRICT;

ALTER TABLE access_reviews ADD COLUMN session_id TEXT REFERENCES access_review_sessions (id);
`
