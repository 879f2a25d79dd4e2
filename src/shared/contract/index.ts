// The whole IPC contract: every channel the renderer may call, in one registry.
// The preload's methods, the renderer's `window.alpr` type and the main-side handler map derive from it.
import type { z } from 'zod'
import type { ChannelDef } from './define'
import { accessLogChannels } from './access-log'
import { authChannels } from './auth'
import { deviceChannels } from './devices'
import { systemChannels } from './system'
import { userChannels } from './users'
import { accountChannels } from './accounts'
import { settingsChannels } from './settings'
import { auditChannels } from './audits'
import { retentionChannels } from './retention'
import { exportChannels } from './exports'
import { sharingChannels } from './sharing'
import { policyChannels } from './policy'
import { vendorChannels } from './vendors'
import { complianceChannels } from './compliance'
import { liveChannels } from './live'
import { hotListChannels } from './hotlists'
import { footageChannels } from './footage'
import { cameraChannels } from './cameras'
import { searchChannels } from './search'
import type { Result } from '../errors'

export const contract = {
  ...systemChannels,
  ...authChannels,
  ...userChannels,
  ...deviceChannels,
  ...accessLogChannels,
  ...accountChannels,
  ...settingsChannels,
  ...auditChannels,
  ...retentionChannels,
  ...exportChannels,
  ...sharingChannels,
  ...policyChannels,
  ...vendorChannels,
  ...complianceChannels,
  ...liveChannels,
  ...hotListChannels,
  ...footageChannels,
  ...searchChannels,
  ...cameraChannels,
} satisfies Record<string, ChannelDef>

export type Contract = typeof contract
export type ChannelName = keyof Contract
export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[]

/** What the caller sends (before defaults are applied). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
/** What the handler receives (after parsing). */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = Exclude<Contract[C]['output'], undefined>

type Domain<C extends string> = C extends `${infer D}.${string}` ? D : never
type Method<C extends string> = C extends `${string}.${infer M}` ? M : never

/** `window.alpr`: one object per domain, one async method per channel, answering a Result. */
export type AlprApi = {
  [D in Domain<ChannelName>]: {
    [C in ChannelName as Domain<C> extends D ? Method<C> : never]: (
      input: ChannelInput<C>,
    ) => Promise<Result<ChannelOutput<C>>>
  }
}

export function splitChannel(name: string): [domain: string, method: string] {
  const dot = name.indexOf('.')
  return [name.slice(0, dot), name.slice(dot + 1)]
}

/** The IPC channel string used on the wire for a contract channel. */
export const ipcChannel = (name: ChannelName): string => `alpr:${name}`
