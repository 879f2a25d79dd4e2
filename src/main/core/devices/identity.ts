// This workstation's identity: a random id created at first run and kept in the data folder, plus the
// host name for people to recognise it. Approval of the id is recorded in the store (devices repository).
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'

export interface DeviceIdentity {
  id: string
  name: string
}

const IdentityFile = z.object({ id: z.uuid(), name: z.string().min(1).max(120), createdAt: z.number() })
export const DEVICE_FILE_NAME = 'device.json'

export function loadOrCreateDeviceIdentity(dataDir: string, now: number): DeviceIdentity {
  const file = join(dataDir, DEVICE_FILE_NAME)
  if (existsSync(file)) {
    const parsed = IdentityFile.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (!parsed.success) throw new Error(`The workstation identity file ${file} is damaged; restore it or contact the ALPR Administrator.`)
    return { id: parsed.data.id, name: parsed.data.name }
  }
  const identity = { id: randomUUID(), name: hostname().slice(0, 120) || 'workstation', createdAt: now }
  writeFileSync(`${file}.tmp`, JSON.stringify(identity, null, 2), { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
  return { id: identity.id, name: identity.name }
}
