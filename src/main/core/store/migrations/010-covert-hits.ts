// Covert hits (DOMAIN.md "Hot lists and hits"): when a list is made covert, its existing hits become covert too
// (repositories/hot-lists.ts updateSettings), including hits already disposed. 007's "a disposition is final"
// trigger refused every update of a disposed hit, so it now names every column except `covert`: a disposed
// hit can still be hidden, nothing else about it changes. A covert hit never becomes visible again through SQL.
// A migration that adds a column to hits must add it to hits_disposition_final's list.
const FINAL_COLUMNS = [
  'id', 'read_id', 'list_id', 'list_name', 'entry_plate', 'entry_state', 'entry_reason', 'match', 'created_at', 'disposition',
  'disposed_at', 'disposed_by', 'entry_id', 'entry_vehicle', 'entry_source_ref', 'entry_entered_at', 'list_refreshed_at',
  'priority', 'color', 'sound', 'differences', 'acknowledged_at', 'acknowledged_by', 'visual_match', 'state_match',
  'clets_checked', 'clets_result', 'disposition_note',
].join(', ')

export default /* sql */ `
DROP TRIGGER hits_disposition_final;
CREATE TRIGGER hits_disposition_final BEFORE UPDATE OF ${FINAL_COLUMNS} ON hits
WHEN old.disposition IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a hit''s disposition, once recorded, is final');
END;
CREATE TRIGGER hits_stay_covert BEFORE UPDATE OF covert ON hits
WHEN old.covert = 1 AND new.covert IS NOT 1
BEGIN
  SELECT RAISE(ABORT, 'a covert hit stays covert');
END;
`
