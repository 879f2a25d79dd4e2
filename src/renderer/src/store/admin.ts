// What the Administration screen shows: accounts, workstations, the access log and the last chain check.
// Cleared whenever the session ends, so the next person never sees the previous one's view.
import { create } from 'zustand'
import type { AccessLogEntry, ChainVerification, DeviceInfo, UserRecord } from '../../../shared/models'
import { alpr, type AppErrorData } from '../api'
import { signedInCall } from './session'

export type AdminTab = 'overview' | 'users' | 'reviews' | 'devices' | 'settings' | 'log' | 'audits'

export const LOG_PAGE = 100

interface AdminState {
  tab: AdminTab | null
  users: UserRecord[] | null
  usersError: AppErrorData | null
  devices: DeviceInfo[] | null
  devicesError: AppErrorData | null
  log: AccessLogEntry[] | null
  logError: AppErrorData | null
  logHasMore: boolean
  logLoadingMore: boolean
  verification: { result: ChainVerification; at: number } | null
  verifyError: AppErrorData | null
  verifying: boolean

  setTab(tab: AdminTab): void
  loadUsers(): Promise<void>
  loadDevices(): Promise<void>
  loadLog(): Promise<void>
  loadOlderLog(): Promise<void>
  verify(): Promise<void>
  replaceUser(user: UserRecord): void
  replaceDevice(device: DeviceInfo): void
  reset(): void
}

const INITIAL = {
  tab: null,
  users: null,
  usersError: null,
  devices: null,
  devicesError: null,
  log: null,
  logError: null,
  logHasMore: false,
  logLoadingMore: false,
  verification: null,
  verifyError: null,
  verifying: false,
} satisfies Partial<AdminState>

export const useAdmin = create<AdminState>()((set, get) => ({
  ...INITIAL,

  setTab(tab) {
    set({ tab })
  },

  async loadUsers() {
    const result = await signedInCall(() => alpr().users.list({}))
    if (result.ok) set({ users: result.value, usersError: null })
    else set({ usersError: result.error })
  },

  async loadDevices() {
    const result = await signedInCall(() => alpr().devices.list({}))
    if (result.ok) set({ devices: result.value, devicesError: null })
    else set({ devicesError: result.error })
  },

  async loadLog() {
    const result = await signedInCall(() => alpr().accessLog.list({ limit: LOG_PAGE }))
    if (result.ok) set({ log: result.value, logError: null, logHasMore: result.value.length === LOG_PAGE })
    else set({ logError: result.error })
  },

  async loadOlderLog() {
    const log = get().log
    const last = log?.[log.length - 1]
    if (!log || !last || get().logLoadingMore) return
    set({ logLoadingMore: true })
    const result = await signedInCall(() => alpr().accessLog.list({ limit: LOG_PAGE, beforeId: last.id }))
    if (result.ok) set({ log: [...log, ...result.value], logError: null, logHasMore: result.value.length === LOG_PAGE, logLoadingMore: false })
    else set({ logError: result.error, logLoadingMore: false })
  },

  async verify() {
    set({ verifying: true, verifyError: null })
    const result = await signedInCall(() => alpr().accessLog.verify({}))
    if (result.ok) set({ verification: { result: result.value, at: Date.now() }, verifying: false })
    else set({ verifyError: result.error, verifying: false, verification: null })
  },

  replaceUser(user) {
    const users = get().users
    if (users) set({ users: users.map((u) => (u.id === user.id ? user : u)) })
  },

  replaceDevice(device) {
    const devices = get().devices
    if (devices) set({ devices: devices.map((d) => (d.id === device.id ? device : d)) })
  },

  reset() {
    set(INITIAL)
  },
}))
