// Live capture, hot-list hits and their verification, footage review and plate search.
// The confusion key (plates/confusions.ts) is a generated column so every writer, correction and purge
// keeps it right without help; `plates` holds each distinct plate text once, with a trigram index for
// infix wildcards, and loses a plate as soon as its last read is gone (retention must not leave any behind).
import { plateKeySql } from '../../plates/confusions'

export default /* sql */ `
ALTER TABLE cameras ADD COLUMN source_kind TEXT CHECK (source_kind IN ('rtsp', 'http', 'udp', 'device', 'file'));
-- The stream address without credentials (shown to administrators) and the credentials themselves (never
-- returned, logged or shown after entry; the whole database is encrypted).
ALTER TABLE cameras ADD COLUMN source_url TEXT;
ALTER TABLE cameras ADD COLUMN source_credentials TEXT;
ALTER TABLE cameras ADD COLUMN fps REAL NOT NULL DEFAULT 5 CHECK (fps > 0 AND fps <= 30);
-- Region of interest as JSON [x, y, w, h] in fractions of the frame; NULL for the whole frame.
ALTER TABLE cameras ADD COLUMN roi TEXT;
ALTER TABLE cameras ADD COLUMN updated_at INTEGER;
ALTER TABLE cameras ADD COLUMN updated_by TEXT;

ALTER TABLE reads ADD COLUMN plate_key TEXT GENERATED ALWAYS AS (${plateKeySql('plate')}) VIRTUAL;
-- The readings that formed the read: JSON [{ "ms", "text", "confidence" }], frame by frame.
ALTER TABLE reads ADD COLUMN readings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE reads ADD COLUMN reader TEXT;
ALTER TABLE reads ADD COLUMN footage_job_id TEXT;
-- Position of the read in its footage (ms from the start), for seeking.
ALTER TABLE reads ADD COLUMN footage_ms INTEGER;
DROP INDEX reads_plate;
CREATE INDEX reads_plate_time ON reads (plate, read_at);
CREATE INDEX reads_plate_key_time ON reads (plate_key, read_at);
CREATE INDEX reads_footage_job ON reads (footage_job_id, footage_ms) WHERE footage_job_id IS NOT NULL;

CREATE TABLE plates (
  id    INTEGER PRIMARY KEY,
  plate TEXT NOT NULL UNIQUE
) STRICT;
CREATE VIRTUAL TABLE plates_trigram USING fts5 (plate, tokenize = 'trigram', detail = 'none', content = 'plates', content_rowid = 'id');
INSERT INTO plates_trigram (plates_trigram, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER plates_indexed AFTER INSERT ON plates BEGIN
  INSERT INTO plates_trigram (rowid, plate) VALUES (new.id, new.plate);
END;
CREATE TRIGGER plates_unindexed AFTER DELETE ON plates BEGIN
  INSERT INTO plates_trigram (plates_trigram, rowid, plate) VALUES ('delete', old.id, old.plate);
END;
INSERT OR IGNORE INTO plates (plate) SELECT DISTINCT plate FROM reads;
CREATE TRIGGER reads_plate_known AFTER INSERT ON reads BEGIN
  INSERT OR IGNORE INTO plates (plate) VALUES (new.plate);
END;
CREATE TRIGGER reads_plate_corrected AFTER UPDATE OF plate ON reads WHEN new.plate <> old.plate BEGIN
  INSERT OR IGNORE INTO plates (plate) VALUES (new.plate);
  DELETE FROM plates WHERE plate = old.plate AND NOT EXISTS (SELECT 1 FROM reads WHERE plate = old.plate);
END;
CREATE TRIGGER reads_plate_forgotten AFTER DELETE ON reads BEGIN
  DELETE FROM plates WHERE plate = old.plate AND NOT EXISTS (SELECT 1 FROM reads WHERE plate = old.plate);
END;

ALTER TABLE hot_lists ADD COLUMN color TEXT NOT NULL DEFAULT '#c62828';
ALTER TABLE hot_lists ADD COLUMN sound TEXT NOT NULL DEFAULT 'alarm' CHECK (sound IN ('alarm', 'chime', 'beep', 'none'));
ALTER TABLE hot_lists ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE hot_lists ADD COLUMN updated_by TEXT;
ALTER TABLE hot_list_entries ADD COLUMN plate_key TEXT GENERATED ALWAYS AS (${plateKeySql('plate')}) VIRTUAL;
ALTER TABLE hot_list_entries ADD COLUMN added_by TEXT;
CREATE INDEX hot_list_entries_plate_key ON hot_list_entries (plate_key);

-- A hit copies what the dispatcher must see beside the read, and records each verification step.
ALTER TABLE hits ADD COLUMN entry_id INTEGER;
ALTER TABLE hits ADD COLUMN entry_vehicle TEXT NOT NULL DEFAULT '';
ALTER TABLE hits ADD COLUMN entry_source_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE hits ADD COLUMN entry_entered_at INTEGER;
ALTER TABLE hits ADD COLUMN list_refreshed_at INTEGER;
ALTER TABLE hits ADD COLUMN priority INTEGER NOT NULL DEFAULT 2;
ALTER TABLE hits ADD COLUMN covert INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hits ADD COLUMN color TEXT;
ALTER TABLE hits ADD COLUMN sound TEXT;
-- Positions where the read differs from the listed plate by an OCR confusion (0 for an exact match).
ALTER TABLE hits ADD COLUMN differences INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hits ADD COLUMN acknowledged_at INTEGER;
ALTER TABLE hits ADD COLUMN acknowledged_by TEXT;
ALTER TABLE hits ADD COLUMN visual_match INTEGER CHECK (visual_match IN (0, 1));
ALTER TABLE hits ADD COLUMN state_match INTEGER CHECK (state_match IN (0, 1));
ALTER TABLE hits ADD COLUMN clets_checked INTEGER CHECK (clets_checked IN (0, 1));
ALTER TABLE hits ADD COLUMN clets_result TEXT;
ALTER TABLE hits ADD COLUMN disposition_note TEXT;
CREATE INDEX hits_open ON hits (disposition, created_at);
-- Defence in depth for DOMAIN.md's rule that a hit is never actionable on its own: "confirmed" needs the
-- three checks, and a recorded disposition is final.
CREATE TRIGGER hits_confirmed_needs_checks BEFORE UPDATE OF disposition ON hits
WHEN new.disposition = 'confirmed' AND NOT (new.visual_match = 1 AND new.state_match = 1 AND new.clets_checked = 1)
BEGIN
  SELECT RAISE(ABORT, 'a hit is confirmed only after the visual, state and CLETS/NCIC checks');
END;
CREATE TRIGGER hits_disposition_final BEFORE UPDATE ON hits
WHEN old.disposition IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a hit''s disposition, once recorded, is final');
END;

CREATE TABLE footage_jobs (
  id            TEXT PRIMARY KEY,
  file_name     TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT,
  size_bytes    INTEGER,
  duration_ms   INTEGER,
  case_number   TEXT,
  purpose       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'cancelled', 'failed')),
  frames_total  INTEGER,
  frames_done   INTEGER NOT NULL DEFAULT 0,
  reads_found   INTEGER NOT NULL DEFAULT 0,
  error         TEXT,
  started_by    TEXT NOT NULL,
  started_at    INTEGER NOT NULL,
  finished_at   INTEGER
) STRICT;
CREATE INDEX footage_jobs_started ON footage_jobs (started_by, started_at);
`
