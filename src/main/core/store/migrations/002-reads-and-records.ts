// The ALPR data itself (cameras, reads with their images and corrections, hot lists and hits) and the
// records governance keeps about it (holds, the exports ledger). Later issues extend these tables with
// their own migrations; retention, audits and the public reports read them from the start.
export default /* sql */ `
CREATE TABLE cameras (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('fixed', 'mobile', 'footage')),
  latitude    REAL,
  longitude   REAL,
  location    TEXT NOT NULL DEFAULT '',
  direction   TEXT,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  created_at  INTEGER NOT NULL,
  created_by  TEXT
) STRICT;

CREATE TABLE reads (
  id               INTEGER PRIMARY KEY,
  plate            TEXT NOT NULL,
  state            TEXT,
  confidence       REAL NOT NULL,
  char_confidences TEXT NOT NULL DEFAULT '[]',
  read_at          INTEGER NOT NULL,
  camera_id        TEXT REFERENCES cameras (id),
  latitude         REAL,
  longitude        REAL,
  source           TEXT NOT NULL DEFAULT 'camera' CHECK (source IN ('camera', 'footage')),
  footage_name     TEXT,
  footage_sha256   TEXT,
  case_number      TEXT,
  created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX reads_plate ON reads (plate);
CREATE INDEX reads_read_at ON reads (read_at);
CREATE INDEX reads_camera_read_at ON reads (camera_id, read_at);

CREATE TABLE read_images (
  read_id INTEGER PRIMARY KEY REFERENCES reads (id) ON DELETE CASCADE,
  crop    BLOB,
  scene   BLOB
) STRICT;

CREATE TABLE read_corrections (
  id              INTEGER PRIMARY KEY,
  read_id         INTEGER NOT NULL REFERENCES reads (id) ON DELETE CASCADE,
  original_plate  TEXT NOT NULL,
  original_state  TEXT,
  corrected_plate TEXT NOT NULL,
  corrected_state TEXT,
  reason          TEXT NOT NULL,
  corrected_by    TEXT NOT NULL,
  corrected_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX read_corrections_at ON read_corrections (corrected_at);

CREATE TABLE hot_lists (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  source         TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('file', 'manual')),
  priority       INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
  covert         INTEGER NOT NULL DEFAULT 0 CHECK (covert IN (0, 1)),
  retention_days INTEGER,
  refreshed_at   INTEGER NOT NULL,
  created_at     INTEGER NOT NULL,
  created_by     TEXT
) STRICT;

CREATE TABLE hot_list_entries (
  id         INTEGER PRIMARY KEY,
  list_id    TEXT NOT NULL REFERENCES hot_lists (id) ON DELETE CASCADE,
  plate      TEXT NOT NULL,
  state      TEXT,
  reason     TEXT NOT NULL DEFAULT '',
  entered_at INTEGER,
  vehicle    TEXT NOT NULL DEFAULT '',
  source_ref TEXT NOT NULL DEFAULT '',
  expires_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX hot_list_entries_plate ON hot_list_entries (plate);
CREATE INDEX hot_list_entries_list ON hot_list_entries (list_id);

-- A hit keeps a copy of the hot-list record it matched, so its history survives the list's replacement.
CREATE TABLE hits (
  id            INTEGER PRIMARY KEY,
  read_id       INTEGER NOT NULL REFERENCES reads (id) ON DELETE CASCADE,
  list_id       TEXT,
  list_name     TEXT NOT NULL,
  entry_plate   TEXT NOT NULL,
  entry_state   TEXT,
  entry_reason  TEXT NOT NULL DEFAULT '',
  match         TEXT NOT NULL CHECK (match IN ('exact', 'possible')),
  created_at    INTEGER NOT NULL,
  disposition   TEXT CHECK (disposition IN ('confirmed', 'misread', 'wrong_state', 'not_actionable', 'dismissed')),
  disposed_at   INTEGER,
  disposed_by   TEXT
) STRICT;
CREATE INDEX hits_read ON hits (read_id);
CREATE INDEX hits_created_at ON hits (created_at);

CREATE TABLE holds (
  id             TEXT PRIMARY KEY,
  case_number    TEXT NOT NULL,
  reason         TEXT NOT NULL,
  review_at      INTEGER NOT NULL,
  placed_by      TEXT NOT NULL,
  placed_at      INTEGER NOT NULL,
  released_at    INTEGER,
  released_by    TEXT,
  release_reason TEXT
) STRICT;

CREATE TABLE hold_reads (
  hold_id TEXT NOT NULL REFERENCES holds (id),
  read_id INTEGER NOT NULL REFERENCES reads (id),
  PRIMARY KEY (hold_id, read_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX hold_reads_read ON hold_reads (read_id);

-- Every download, print or share of ALPR information, until someone certifies its destruction.
CREATE TABLE exports (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  format           TEXT NOT NULL CHECK (format IN ('csv', 'pdf', 'html', 'print', 'email', 'media')),
  description      TEXT NOT NULL,
  item_count       INTEGER NOT NULL DEFAULT 0,
  sha256           TEXT,
  purpose          TEXT,
  created_by       TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  recipient        TEXT,
  destroy_by       INTEGER NOT NULL,
  destroyed_at     INTEGER,
  destroyed_by     TEXT,
  destruction_note TEXT
) STRICT;
CREATE INDEX exports_destroy_by ON exports (destroyed_at, destroy_by);
`
