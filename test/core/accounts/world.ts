// The workbench of the account-lifecycle tests: a real core and encrypted store on a test clock, its first
// administrator signed in, and a search desk (an ALPR-access channel behind the real guard) for "uses".
import { expect } from 'vitest'
import type { Lab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, fromWindow, type Person, type Send, sender, setUpAdministrator, signIn } from '../../helpers/core'
import { searchDesk } from '../../helpers/alpr-channel'
import type { AccountOverview, AccountsOverview } from '../../../src/shared/models'
import type { Core } from '../../../src/main/core/app/create-core'

export async function accountsWorld(lab: Lab) {
  const clock = new TestClock()
  const core = await lab.openCore({ dataDir: lab.tempDir(), clock })
  const admin = await setUpAdministrator(core, clock)
  const send = sender(core, admin.call)
  /**
   * The administrator at work: they use the system daily (so the inactivity rule is about the
   * others), and sign in again when their session has ended or locked since their last call.
   */
  const asAdmin: Send = async (channel, input) => {
    await core.store.users.recordUse(admin.id, clock.now())
    const first = await send(channel, input)
    if (first.ok || !['SESSION_EXPIRED', 'SESSION_LOCKED', 'NOT_AUTHENTICATED'].includes(first.error.code)) return first
    core.forgetSender(admin.call.senderId)
    allowed(await signIn(core, admin.call, clock, admin))
    return send(channel, input)
  }
  const desk = searchDesk(core, clock)

  /** The person searches a plate with a purpose: an access to ALPR information, through the real guard. */
  const search = async (person: Pick<Person, 'id'>, plate = '7ABC123') => {
    const call = fromWindow(`desk-${person.id}`)
    desk.sessions.start(call.senderId, person.id, clock.now())
    return desk.dispatch(call, 'reads.search', { plate, purpose: { caseNumber: '24-012345' } })
  }

  const account = async (userId: string): Promise<AccountOverview> => {
    const found = allowed<AccountsOverview>(await asAdmin('accounts.overview')).accounts.find((a) => a.id === userId)
    expect(found, `account ${userId} in the overview`).toBeDefined()
    return found!
  }

  return { clock, core, admin, asAdmin, search, account }
}

export const userRow = async (core: Core, id: string) => (await core.store.users.getById(id))!
