// How a channel is declared: its input schema, output type, who may call it, and whether it
// accesses ALPR information. Everything else (preload, renderer types, main registry) derives from this.
import { z } from 'zod'
import type { Permission } from '../roles'

/**
 * - `public`: callable without a session (banner, first-run setup, sign-in). The handler does its own checks.
 * - `session`: any signed-in user on an approved workstation.
 * - a permission: a signed-in, eligible user whose roles grant it, on an approved workstation.
 */
export type ChannelAccess = 'public' | 'session' | Permission

export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly summary: string
  readonly input: I
  readonly access: ChannelAccess
  /** An access to ALPR information: a valid purpose is required and the call is an "access" in the log. */
  readonly alprAccess: boolean
  /**
   * Delivers ALPR information to a dispatcher watching live reads and hot-list alerts, or records their
   * verification of a hit. No purpose is typed: the log records MONITORING_PURPOSE, and the call counts as an
   * access to ALPR information for the inactivity rule. Not a search (audits do not sample it).
   */
  readonly monitoring: boolean
  /** Whether a call counts as activity for the session's idle lock (status polls do not). */
  readonly touchesSession: boolean
  /** Phantom: carries the output type only. */
  readonly output?: O
}

/** Declare a channel. Call as `channel<Output>()({ ... })` so the input type is inferred. */
export function channel<O>() {
  return <I extends z.ZodType>(def: {
    summary: string
    input: I
    access: ChannelAccess
    alprAccess?: boolean
    monitoring?: boolean
    touchesSession?: boolean
  }): ChannelDef<I, O> => ({
    summary: def.summary,
    input: def.input,
    access: def.access,
    alprAccess: def.alprAccess ?? false,
    monitoring: def.monitoring ?? false,
    touchesSession: def.touchesSession ?? true,
  })
}

/** The purpose the access log records for monitoring channels. */
export const MONITORING_PURPOSE = 'Live hot-list monitoring and hit verification (dispatch)'

export const noInput = z.strictObject({})
