// Accounts, devices, settings, training and reviews, and the hash-chained access log.
export default /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by TEXT
) STRICT;

CREATE TABLE devices (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'revoked')),
  registered_at INTEGER NOT NULL,
  decided_at    INTEGER,
  decided_by    TEXT
) STRICT;

CREATE TABLE users (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  agency              TEXT NOT NULL,
  unit                TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
  password_hash       TEXT NOT NULL,
  totp_secret         TEXT,
  totp_pending_secret TEXT,
  totp_last_step      INTEGER,
  locked_at           INTEGER,
  created_at          INTEGER NOT NULL,
  approved_by         TEXT,
  approved_at         INTEGER,
  last_access_at      INTEGER
) STRICT;

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role    TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
) STRICT;

CREATE TABLE sign_in_failures (
  id      INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  at      INTEGER NOT NULL
) STRICT;
CREATE INDEX sign_in_failures_user_at ON sign_in_failures (user_id, at);

CREATE TABLE training_records (
  id           INTEGER PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  course       TEXT NOT NULL,
  completed_at INTEGER NOT NULL,
  recorded_by  TEXT,
  recorded_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX training_records_user ON training_records (user_id, completed_at);

CREATE TABLE access_reviews (
  id          INTEGER PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reviewed_at INTEGER NOT NULL,
  reviewer_id TEXT,
  decision    TEXT NOT NULL CHECK (decision IN ('approved', 'revoked')),
  reason      TEXT NOT NULL
) STRICT;
CREATE INDEX access_reviews_user ON access_reviews (user_id, reviewed_at);

CREATE TABLE access_log (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  user_id       TEXT,
  username      TEXT,
  agency        TEXT,
  unit          TEXT,
  device_id     TEXT NOT NULL,
  channel       TEXT NOT NULL,
  data_elements TEXT NOT NULL,
  purpose       TEXT,
  outcome       TEXT NOT NULL CHECK (outcome IN ('allowed', 'refused', 'failed')),
  code          TEXT,
  message       TEXT,
  prev_hash     TEXT NOT NULL,
  hash          TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_user ON access_log (user_id, at);

-- The log is append-only: the application never updates or deletes a row.
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`
