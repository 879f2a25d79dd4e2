// What a handler receives from the guard, and the shape of a handler map derived from a contract.
import type { ChannelDef } from '../../../shared/contract/define'
import type { ChannelName, ChannelOutput, ParsedInput } from '../../../shared/contract'
import type { DeviceRow } from '../store/repositories/devices'
import type { UserRow } from '../store/repositories/users'
import type { Session } from '../auth/sessions'
import type { Settings } from '../settings/definitions'

/** Who is calling, as the transport saw it. */
export interface CallContext {
  /** Stable id of the sender: a webContents id, or a harness connection id. */
  senderId: string
  /** Origin of the calling frame (app://alpr in Electron, the harness's http origin in the browser). */
  origin: string
  isMainFrame: boolean
}

export interface LogSubject {
  userId: string | null
  username: string | null
  agency: string | null
  unit: string | null
}

export interface HandlerContext {
  call: CallContext
  now: number
  settings: Settings
  /** This workstation's record in the store. */
  device: DeviceRow
  /** Set for every channel that is not public: the active session and its eligible user. */
  session: Session | null
  user: UserRow | null
  /** The validated purpose, as written to the access log, for channels that access ALPR information. */
  purpose: string | null
  /** Names the person the log entry is about when there is no session yet (sign-in attempts). */
  identify(subject: LogSubject): void
  /** Adds data elements to the log entry beyond the redacted input (e.g. the id of a created record). */
  note(elements: Record<string, unknown>): void
}

export type Handler<I, O> = (input: I, ctx: HandlerContext) => Promise<O>

export type Handlers = { [C in ChannelName]: Handler<ParsedInput<C>, ChannelOutput<C>> }

/** Any contract: the guard is generic so tests can use contracts of their own. */
export type AnyContract = Record<string, ChannelDef>
