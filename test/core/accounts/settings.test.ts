// The policy settings: each with value, default, range and explanation; changes within the policy's
// range only, refused with the reason otherwise, and every change logged with old and new values.
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, signIn } from '../../helpers/core'
import { SETTINGS } from '../../../src/main/core/settings/definitions'
import { SETTING_EXPLANATIONS } from '../../../src/main/core/settings/explanations'
import type { SettingInfo } from '../../../src/shared/models'
import { accountsWorld } from './world'

const lab = useLab()

describe('settings', () => {
  it('lists every setting with its value, default, allowed range and an explanation', async () => {
    const { asAdmin } = await accountsWorld(lab)
    const list = allowed<SettingInfo[]>(await asAdmin('settings.list'))
    expect(list.map((s) => s.key)).toEqual(Object.keys(SETTINGS))
    expect(list.find((s) => s.key === 'inactivityDays')).toMatchObject({ value: 90, default: 90, min: 30, max: 365, unit: 'days' })
    const inactivity = list.find((s) => s.key === 'inactivityDays')!.explanation
    expect(inactivity).toContain('CJIS')
    expect(inactivity).toContain('90 days')
    expect(inactivity).toContain('12 months')
    expect(list.find((s) => s.key === 'readRetentionDays')).toMatchObject({ min: 60, max: 183 })
    expect(list.find((s) => s.key === 'agencyName')).toMatchObject({ value: 'Springfield Police Department', changedAt: expect.any(Number) })
  })

  it('has a label and explanation written for every setting', () => {
    const missing = Object.keys(SETTINGS).filter((key) => !(key in SETTING_EXPLANATIONS))
    expect(missing).toEqual([])
  })

  it('changes a setting within range and logs the old and new values', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const changed = allowed<SettingInfo>(await asAdmin('settings.change', { key: 'inactivityDays', value: 365 }))
    expect(changed).toMatchObject({ key: 'inactivityDays', value: 365, default: 90, changedAt: clock.now(), changedBy: admin.id })
    const entry = await lastLogEntry(core)
    expect(entry).toMatchObject({ channel: 'settings.change', outcome: 'allowed', username: 'aadmin' })
    expect(entry.dataElements).toMatchObject({ setting: 'inactivityDays', oldValue: 90, newValue: 365 })
    expect(allowed<SettingInfo[]>(await asAdmin('settings.list')).find((s) => s.key === 'inactivityDays')?.value).toBe(365)

    allowed(await asAdmin('settings.change', { key: 'administratorTitle', value: '  Records Lieutenant ' }))
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ oldValue: 'ALPR Administrator', newValue: 'Records Lieutenant' })
  })

  it('refuses values outside the policy’s range with the reason, and logs the refusal', async () => {
    const { core, asAdmin } = await accountsWorld(lab)
    const tooLong = refused(await asAdmin('settings.change', { key: 'inactivityDays', value: 366 }), 'SETTING_OUT_OF_RANGE')
    expect(tooLong.message).toBe('Suspend after inactivity must be from 30 to 365 days; 366 is outside the range the agency’s policy allows.')
    expect(await lastLogEntry(core)).toMatchObject({ channel: 'settings.change', outcome: 'refused', code: 'SETTING_OUT_OF_RANGE' })
    refused(await asAdmin('settings.change', { key: 'readRetentionDays', value: 59 }), 'SETTING_OUT_OF_RANGE')
    refused(await asAdmin('settings.change', { key: 'readRetentionDays', value: 184 }), 'SETTING_OUT_OF_RANGE')
    refused(await asAdmin('settings.change', { key: 'sessionIdleMinutes', value: 31 }), 'SETTING_OUT_OF_RANGE')
    const fraction = refused(await asAdmin('settings.change', { key: 'lockoutThreshold', value: 4.5 }), 'SETTING_OUT_OF_RANGE')
    expect(fraction.message).toBe('Failed sign-ins before lockout must be a whole number.')
    refused(await asAdmin('settings.change', { key: 'trainingValidityMonths', value: '12' }), 'SETTING_OUT_OF_RANGE')
    refused(await asAdmin('settings.change', { key: 'caseNumberPattern', value: '([A-Z' }), 'SETTING_OUT_OF_RANGE')
    refused(await asAdmin('settings.change', { key: 'noSuchSetting', value: 1 }), 'NOT_FOUND')
    // Nothing changed.
    const list = allowed<SettingInfo[]>(await asAdmin('settings.list'))
    expect(list.find((s) => s.key === 'inactivityDays')?.value).toBe(90)
    expect(list.find((s) => s.key === 'readRetentionDays')?.value).toBe(60)
  })

  it('is only for those whose role allows managing settings', async () => {
    const { clock, core, admin } = await accountsWorld(lab)
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const samWindow = fromWindow('sam-window')
    allowed(await signIn(core, samWindow, clock, sam))
    refused(await core.dispatch(samWindow, 'settings.change', { key: 'inactivityDays', value: 365 }), 'PERMISSION_DENIED')
    refused(await core.dispatch(samWindow, 'settings.list', {}), 'PERMISSION_DENIED')
  })
})
