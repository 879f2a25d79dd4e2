// The numbered migrations, applied in order at start-up. Append new ones; never edit a released one.
import foundation from './001-foundation'
import readsAndRecords from './002-reads-and-records'
import accountLifecycle from './003-account-lifecycle'
import audits from './004-audits'
import retention from './005-retention'
import sharingAndVendors from './006-sharing-and-vendors'
import liveAndSearch from './007-live-and-search'
import hitVerification from './008-hit-verification'
import searchIndexes from './009-search-indexes'
import covertHits from './010-covert-hits'
import footageIntegrity from './011-footage-integrity'
import hotListVersion from './012-hot-list-version'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'reads and records', sql: readsAndRecords },
  { version: 3, name: 'account lifecycle', sql: accountLifecycle },
  { version: 4, name: 'audits', sql: audits },
  { version: 5, name: 'retention', sql: retention },
  { version: 6, name: 'sharing and vendors', sql: sharingAndVendors },
  { version: 7, name: 'live capture, hot-list hits, footage and search', sql: liveAndSearch },
  { version: 8, name: 'hit verification checks', sql: hitVerification },
  { version: 9, name: 'search: confusion key on distinct plates', sql: searchIndexes },
  { version: 10, name: 'covert hits: hidden with their list', sql: covertHits },
  { version: 11, name: 'footage: holds, file identity, estimated times', sql: footageIntegrity },
  { version: 12, name: 'hot-list version bumped per change, not per entry', sql: hotListVersion },
]
