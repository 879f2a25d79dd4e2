// Hit verification, defence in depth (DOMAIN.md "Hot lists and hits"). 007's trigger compared the checks with
// `= 1`, which is NULL (not false) while a check is unrecorded, so a hit with no checks at all could still be
// set to 'confirmed' through SQL; an unrecorded check now counts as not passed, and a hit cannot be inserted
// already confirmed. Matching records one hit per (read, entry); the index makes that a rule of the table.
// hot_list_version counts every change to the hot lists, so answers computed over all entries (capture's
// early-alert keys, the feed's list summaries) are reused until something changes (repositories/hits.ts).
export default /* sql */ `
DROP TRIGGER hits_confirmed_needs_checks;
CREATE TRIGGER hits_confirmed_needs_checks BEFORE UPDATE OF disposition ON hits
WHEN new.disposition = 'confirmed'
  AND NOT (coalesce(new.visual_match, 0) = 1 AND coalesce(new.state_match, 0) = 1 AND coalesce(new.clets_checked, 0) = 1)
BEGIN
  SELECT RAISE(ABORT, 'a hit is confirmed only after the visual, state and CLETS/NCIC checks');
END;
CREATE TRIGGER hits_inserted_confirmed_needs_checks BEFORE INSERT ON hits
WHEN new.disposition = 'confirmed'
  AND NOT (coalesce(new.visual_match, 0) = 1 AND coalesce(new.state_match, 0) = 1 AND coalesce(new.clets_checked, 0) = 1)
BEGIN
  SELECT RAISE(ABORT, 'a hit is confirmed only after the visual, state and CLETS/NCIC checks');
END;
CREATE UNIQUE INDEX hits_read_entry ON hits (read_id, entry_id) WHERE entry_id IS NOT NULL;

CREATE TABLE hot_list_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO hot_list_version (id, version) VALUES (1, 0);
CREATE TRIGGER hot_list_entries_added AFTER INSERT ON hot_list_entries BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
CREATE TRIGGER hot_list_entries_changed AFTER UPDATE ON hot_list_entries BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
CREATE TRIGGER hot_list_entries_removed AFTER DELETE ON hot_list_entries BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
CREATE TRIGGER hot_lists_added AFTER INSERT ON hot_lists BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
CREATE TRIGGER hot_lists_changed AFTER UPDATE ON hot_lists BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
CREATE TRIGGER hot_lists_removed AFTER DELETE ON hot_lists BEGIN
  UPDATE hot_list_version SET version = version + 1;
END;
`
