// Plate search: "similar" finds the distinct plates sharing a confusion key, then their reads by plate. The key is
// indexed on `plates` (one row per distinct plate, written only when a plate is first seen) instead of on every
// read: an index over a random key on the reads table costs a page write per read at ingest, and ingest must
// sustain thousands of reads a second into millions.
import { plateKeySql } from '../../plates/confusions'

export default /* sql */ `
ALTER TABLE plates ADD COLUMN plate_key TEXT GENERATED ALWAYS AS (${plateKeySql('plate')}) VIRTUAL;
CREATE INDEX plates_key ON plates (plate_key);
DROP INDEX reads_plate_key_time;
`
