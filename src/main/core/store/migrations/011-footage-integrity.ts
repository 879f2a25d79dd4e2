// Footage review, evidence integrity (review findings): the hold each job places so its reads outlive the
// retention period while the case needs them; the file's identity (size, modification time, inode) when it
// was hashed, so a file that changed during processing or afterwards is caught; and whether the read times
// are estimated from the file's modification time rather than a known recording start.
export default /* sql */ `
ALTER TABLE footage_jobs ADD COLUMN hold_id TEXT REFERENCES holds (id);
ALTER TABLE footage_jobs ADD COLUMN file_mtime_ms INTEGER;
ALTER TABLE footage_jobs ADD COLUMN file_ino TEXT;
ALTER TABLE footage_jobs ADD COLUMN time_estimated INTEGER NOT NULL DEFAULT 0 CHECK (time_estimated IN (0, 1));
`
