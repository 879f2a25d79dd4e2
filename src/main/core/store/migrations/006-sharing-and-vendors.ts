// Sharing with California public agencies (the agency registry, share requests, kept e-mail messages),
// Public Records Act requests and subpoenas, vendor hosting contracts, and the publications of the policy.
export default /* sql */ `
-- Only California public agencies are ever written here; the core refuses every other requester.
CREATE TABLE agencies (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('state_agency', 'county_agency', 'city_agency', 'political_subdivision')),
  state         TEXT NOT NULL CHECK (state = 'CA'),
  contact_phone TEXT NOT NULL DEFAULT '',
  created_by    TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX agencies_name ON agencies (name COLLATE NOCASE);

CREATE TABLE shares (
  id              TEXT PRIMARY KEY,
  agency_id       TEXT NOT NULL REFERENCES agencies (id),
  requester       TEXT NOT NULL,
  requester_title TEXT NOT NULL,
  purpose         TEXT NOT NULL,
  need            TEXT NOT NULL,
  verification    TEXT NOT NULL,
  transfer        TEXT NOT NULL CHECK (transfer IN ('email', 'portal', 'media', 'in_person')),
  selection       TEXT NOT NULL,
  item_count      INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
  requested_by    TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  approved_by     TEXT,
  approved_at     INTEGER,
  decision_note   TEXT,
  export_id       TEXT REFERENCES exports (id),
  produced_at     INTEGER
) STRICT;
CREATE INDEX shares_agency ON shares (agency_id, created_at);
CREATE INDEX shares_created_at ON shares (created_at);

-- The reads a share names, fixed when it is requested: the approver sees exactly these and the produced file
-- carries exactly these (reads arriving later are never added). No reference to reads: the retention purge may
-- delete a read before production, and the share still records that it was asked for.
CREATE TABLE share_reads (
  share_id TEXT NOT NULL REFERENCES shares (id),
  read_id  INTEGER NOT NULL,
  PRIMARY KEY (share_id, read_id)
) STRICT, WITHOUT ROWID;

-- The original message of a transfer by e-mail, kept (inside the encrypted store) for the set period.
CREATE TABLE share_emails (
  id           INTEGER PRIMARY KEY,
  share_id     TEXT NOT NULL REFERENCES shares (id),
  file_name    TEXT NOT NULL,
  message      BLOB NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  stored_by    TEXT NOT NULL,
  stored_at    INTEGER NOT NULL,
  delete_after INTEGER NOT NULL
) STRICT;
CREATE INDEX share_emails_share ON share_emails (share_id);

CREATE TABLE records_requests (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('public_records', 'subpoena')),
  received_at   INTEGER NOT NULL,
  requester     TEXT NOT NULL,
  asked         TEXT NOT NULL,
  due_at        INTEGER NOT NULL,
  assigned_to   TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  response      TEXT,
  closed_by     TEXT,
  closed_at     INTEGER,
  logged_by     TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX records_requests_due ON records_requests (status, due_at);

CREATE TABLE vendor_contracts (
  id                       TEXT PRIMARY KEY,
  vendor                   TEXT NOT NULL,
  service                  TEXT NOT NULL,
  signed_on                INTEGER NOT NULL,
  expires_on               INTEGER NOT NULL,
  renewed_on               INTEGER,
  data_owned_by_agency     INTEGER NOT NULL CHECK (data_owned_by_agency IN (0, 1)),
  storage_location         TEXT NOT NULL CHECK (storage_location IN ('us', 'canada', 'us_and_canada', 'outside', 'unknown')),
  staff_trained            INTEGER NOT NULL CHECK (staff_trained IN (0, 1)),
  staff_background_checked INTEGER NOT NULL CHECK (staff_background_checked IN (0, 1)),
  vendor_audits            INTEGER NOT NULL CHECK (vendor_audits IN (0, 1)),
  last_vendor_audit_on     INTEGER,
  breach_policy            INTEGER NOT NULL CHECK (breach_policy IN (0, 1)),
  notes                    TEXT NOT NULL DEFAULT '',
  updated_by               TEXT NOT NULL,
  updated_at               INTEGER NOT NULL
) STRICT;

-- Each posting of the public policy: which text (its SHA-256 and the HTML itself) was posted when, by whom.
CREATE TABLE policy_publications (
  version      INTEGER PRIMARY KEY,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  settings     TEXT NOT NULL,
  html         TEXT NOT NULL
) STRICT;
`
