// What the Administration screen shows: accounts, workstations, the access log and the last chain check,
// the annual access review (accounts overview, the open review session) and the policy settings.
// Cleared whenever the session ends, so the next person never sees the previous one's view.
import { create } from 'zustand'
import type { AccountOverview, AccountsOverview, ChainVerification, DeviceInfo, ReviewSession, SettingInfo, UserRecord } from '../../../shared/models'
import { alpr, type AppErrorData } from '../api'
import { signedInCall } from './session'

export type AdminTab = 'overview' | 'users' | 'reviews' | 'devices' | 'cameras' | 'settings' | 'log' | 'audits'

interface AdminState {
  tab: AdminTab | null
  users: UserRecord[] | null
  usersError: AppErrorData | null
  devices: DeviceInfo[] | null
  devicesError: AppErrorData | null
  verification: { result: ChainVerification; at: number } | null
  verifyError: AppErrorData | null
  verifying: boolean
  accounts: AccountsOverview | null
  accountsError: AppErrorData | null
  /** The review session this administrator started on this screen, with its decisions so far. */
  reviewSession: ReviewSession | null
  settings: SettingInfo[] | null
  settingsError: AppErrorData | null

  setTab(tab: AdminTab): void
  loadUsers(): Promise<void>
  loadDevices(): Promise<void>
  verify(): Promise<void>
  replaceUser(user: UserRecord): void
  replaceDevice(device: DeviceInfo): void
  loadAccounts(): Promise<void>
  replaceAccount(account: AccountOverview): void
  setReviewSession(session: ReviewSession | null): void
  loadSettings(): Promise<void>
  replaceSetting(setting: SettingInfo): void
  reset(): void
}

const INITIAL = {
  tab: null,
  users: null,
  usersError: null,
  devices: null,
  devicesError: null,
  verification: null,
  verifyError: null,
  verifying: false,
  accounts: null,
  accountsError: null,
  reviewSession: null,
  settings: null,
  settingsError: null,
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

  async loadAccounts() {
    const result = await signedInCall(() => alpr().accounts.overview({}))
    if (!result.ok) return set({ accountsError: result.error })
    const open = get().reviewSession
    set({ accounts: result.value, accountsError: null, reviewSession: open ? (result.value.sessions.find((s) => s.id === open.id) ?? open) : null })
  },

  replaceAccount(account) {
    const accounts = get().accounts
    if (accounts) set({ accounts: { ...accounts, accounts: accounts.accounts.map((a) => (a.id === account.id ? account : a)) } })
  },

  setReviewSession(reviewSession) {
    set({ reviewSession })
  },

  async loadSettings() {
    const result = await signedInCall(() => alpr().settings.list({}))
    if (result.ok) set({ settings: result.value, settingsError: null })
    else set({ settingsError: result.error })
  },

  replaceSetting(setting) {
    const settings = get().settings
    if (settings) set({ settings: settings.map((s) => (s.key === setting.key ? setting : s)) })
  },

  reset() {
    set(INITIAL)
  },
}))
