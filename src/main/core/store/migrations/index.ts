// The numbered migrations, applied in order at start-up. Append new ones; never edit a released one.
import foundation from './001-foundation'
import readsAndRecords from './002-reads-and-records'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: foundation },
  { version: 2, name: 'reads and records', sql: readsAndRecords },
]
