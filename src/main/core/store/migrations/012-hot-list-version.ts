// hot_list_version (008) was bumped by a trigger on every entry inserted, changed or deleted: replacing a
// 250,000-entry list ran 500,000 extra UPDATEs inside its one transaction (about a quarter of its time). The
// repository methods that change entries now bump it once per change (bumpHotListVersion in
// repositories/hot-lists.ts, used there and by the retention purge); the triggers on hot_lists stay (a row per list).
export default /* sql */ `
DROP TRIGGER hot_list_entries_added;
DROP TRIGGER hot_list_entries_changed;
DROP TRIGGER hot_list_entries_removed;
`
