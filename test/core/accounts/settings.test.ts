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

  it('refuses a case-number format that is loose, unanchored, slow to match or at odds with the example', async () => {
    const { asAdmin } = await accountsWorld(lab)
    const refusedFormat = async (value: string) =>
      refused(await asAdmin('settings.change', { key: 'caseNumberPattern', value }), 'SETTING_OUT_OF_RANGE').message
    expect(await refusedFormat('.')).toBe(
      'The case number format must match the whole case number: start it with ^ and end it with $ (put alternatives inside a group).',
    )
    expect(await refusedFormat('^\\d{2}-\\d{6}$|X')).toContain('start it with ^ and end it with $')
    expect(await refusedFormat('^.*$')).toBe(
      'The case number format accepts the general word “INVESTIGATION”, so it would not make a purpose name a specific investigation.',
    )
    expect(await refusedFormat('^[A-Z-]{9}$')).toBe(
      'The case number format accepts the general word “FOLLOW-UP”, so it would not make a purpose name a specific investigation.',
    )
    expect(await refusedFormat('^(A+)+$')).toContain('repeats a group that itself contains an open-ended repetition')
    expect(await refusedFormat('^(?:[0-9]+-)*[0-9]{6}$')).toContain('could stall the workstation')
    expect(await refusedFormat('^SO-\\d{6}$')).toBe(
      'The case number format does not accept the agency’s example case number “24-012345”; change the example first or fix the format.',
    )
    // Bounded repetition of a group with an open-ended part inside is fine: the default itself is one.
    allowed(await asAdmin('settings.change', { key: 'caseNumberPattern', value: '^\\d{2}-\\d{6}$' }))
    allowed(await asAdmin('settings.change', { key: 'caseNumberPattern', value: SETTINGS.caseNumberPattern.default }))
    // The example must fit the format in force.
    expect(refused(await asAdmin('settings.change', { key: 'caseNumberExample', value: 'SO 123456' }), 'SETTING_OUT_OF_RANGE').message).toBe(
      '“SO 123456” does not match the agency’s case number format, so it would mislead the people it is shown to.',
    )
    refused(await asAdmin('settings.change', { key: 'caseNumberExample', value: 'Investigation' }), 'SETTING_OUT_OF_RANGE')
    allowed(await asAdmin('settings.change', { key: 'caseNumberExample', value: 'CR2024-00123' }))
  })

  it('refuses a change under which the administrator making it would lose access at once', async () => {
    const { clock, asAdmin } = await accountsWorld(lab)
    // The administrator trained 28 days before setup (the setup helper); 160 days on, their training is
    // over 6 months old, so a 6-month training period would end their own access, and 7 months would not.
    clock.advance(160 * 24 * 3600_000)
    const error = refused(await asAdmin('settings.change', { key: 'trainingValidityMonths', value: 6 }), 'CONFLICT')
    expect(error.message).toMatch(/^Refused: with this value your own account would immediately lose access \(“.*training.*”\)\./i)
    allowed(await asAdmin('settings.change', { key: 'trainingValidityMonths', value: 7 }))
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
