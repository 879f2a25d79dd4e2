// The annual access review: approve or revoke each account with a reason, lapsed reviews end access,
// and a review session is exported as a signed PDF (read back with pdftotext).
import { mkdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useLab } from '../../helpers/lab'
import { allowed, createPerson, fromWindow, lastLogEntry, refused, signIn } from '../../helpers/core'
import { pdfPageCount, pdfText, pdfToPngs } from '../../helpers/pdf'
import { addMonths, DAY } from '../../../src/main/core/clock'
import type { AccountOverview, AccountsOverview, DocumentFile, ReviewSession } from '../../../src/shared/models'
import { accountsWorld } from './world'

const lab = useLab()

describe('the annual access review', () => {
  it('lists every account with roles, classification, last access, training, last review and what is due', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    allowed(await asAdmin('accounts.setClassification', { name: 'Detective', authorized: true }))
    allowed(await asAdmin('accounts.changeClassification', { userId: ivy.id, classification: 'Detective' }))
    allowed(await search(ivy))
    const created = clock.now()
    const overview = allowed<AccountsOverview>(await asAdmin('accounts.overview'))
    const row = overview.accounts.find((a) => a.id === ivy.id)!
    expect(row).toMatchObject({
      username: 'ivy',
      roles: ['investigator'],
      classification: 'Detective',
      classificationAuthorized: true,
      lastAccessAt: created,
      trainingValid: true,
      lastReviewDecision: 'approved',
    })
    expect(row.due.map((d) => d.item)).toEqual(['inactivity', 'review', 'training'])
    expect(row.due[0]!.at).toBe(created + 90 * DAY)
    // Setup authorized the administrator's title, the helpers the people's default classification.
    expect(overview.classifications.map((c) => [c.name, c.authorized])).toEqual([
      ['ALPR Administrator', true],
      ['Detective', true],
      ['Police Officer', true],
    ])
  })

  it('approves one account and revokes another with a reason; the revoked one loses access at once', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    const ivyWindow = fromWindow('ivy-window')
    allowed(await signIn(core, ivyWindow, clock, ivy))
    clock.advance(300 * DAY) // most of a year later; both keep working
    await core.store.users.recordAlprAccess(ivy.id, clock.now() - DAY)
    await core.store.users.recordAlprAccess(sam.id, clock.now() - DAY)

    const session = allowed<ReviewSession>(await asAdmin('accounts.startReview'))
    expect(session.id).toMatch(/^AR-\d{8}-[0-9A-F]{6}$/)
    const approved = allowed<AccountOverview>(
      await asAdmin('accounts.review', { sessionId: session.id, userId: sam.id, decision: 'approved', reason: 'Still supervises the detective unit' }),
    )
    expect(approved.reviewExpiresAt).toBe(addMonths(clock.now(), 12))
    expect((await lastLogEntry(core)).dataElements).toMatchObject({ sessionId: session.id, userId: sam.id, decision: 'approved' })

    const revoked = allowed<AccountOverview>(
      await asAdmin('accounts.review', { sessionId: session.id, userId: ivy.id, decision: 'revoked', reason: 'Moved to patrol; no investigative need' }),
    )
    expect(revoked).toMatchObject({
      status: 'suspended',
      lastReviewDecision: 'revoked',
      suspensionReason: 'Access revoked in the annual access review: Moved to patrol; no investigative need',
    })
    refused(await search(ivy), 'ACCOUNT_SUSPENDED')
    // Approving a suspended account in the review does not bring it back; re-activation does.
    refused(
      await asAdmin('accounts.review', { sessionId: session.id, userId: ivy.id, decision: 'approved', reason: 'Changed my mind' }),
      'ACCOUNT_SUSPENDED',
    )
    // Nobody reviews their own access.
    refused(await asAdmin('accounts.review', { sessionId: session.id, userId: admin.id, decision: 'approved', reason: 'Self' }), 'CONFLICT')
    refused(await asAdmin('accounts.review', { sessionId: session.id, userId: sam.id, decision: 'approved', reason: '' }), 'INVALID_INPUT')

    const overview = allowed<AccountsOverview>(await asAdmin('accounts.overview'))
    expect(overview.sessions[0]!.decisions.map((d) => [d.username, d.decision])).toEqual([
      ['sam', 'approved'],
      ['ivy', 'revoked'],
    ])
  })

  it('an account whose review lapses (reviewValidityMonths) loses access', async () => {
    const { clock, core, admin, asAdmin, search } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const bob = await createPerson(core, admin, clock, { username: 'bob', displayName: 'Bob Admin', roles: ['administrator'] })
    const created = clock.now()
    allowed(await asAdmin('settings.change', { key: 'reviewValidityMonths', value: 2 }))
    const lapse = addMonths(created, 2)
    // A week before, a second administrator reviews the first (nobody reviews their own access).
    clock.set(lapse - 7 * DAY)
    const bobWindow = fromWindow('bob-window')
    await core.store.users.recordUse(bob.id, clock.now())
    allowed(await signIn(core, bobWindow, clock, bob))
    const byBob = allowed<ReviewSession>(await core.dispatch(bobWindow, 'accounts.startReview', {}))
    allowed(await core.dispatch(bobWindow, 'accounts.review', { sessionId: byBob.id, userId: admin.id, decision: 'approved', reason: 'Custodian' }))
    clock.set(lapse - 1000)
    await core.store.users.recordAlprAccess(ivy.id, clock.now() - DAY)
    allowed(await search(ivy))
    clock.set(lapse)
    refused(await search(ivy), 'REVIEW_EXPIRED')

    const session = allowed<ReviewSession>(await asAdmin('accounts.startReview'))
    allowed(await asAdmin('accounts.review', { sessionId: session.id, userId: ivy.id, decision: 'approved', reason: 'Active detective' }))
    allowed(await search(ivy))
  })

  it('exports a review session as a signed PDF that lists each decision and reason, outside the exports ledger', async () => {
    const { clock, core, admin, asAdmin } = await accountsWorld(lab)
    const ivy = await createPerson(core, admin, clock, { username: 'ivy', displayName: 'Ivy Nguyen', roles: ['investigator'] })
    const sam = await createPerson(core, admin, clock, { username: 'sam', displayName: 'Sam Supervisor', roles: ['supervisor'] })
    await createPerson(core, admin, clock, { username: 'dora', displayName: 'Dora Diaz', roles: ['dispatcher'] })
    const session = allowed<ReviewSession>(await asAdmin('accounts.startReview'))
    allowed(await asAdmin('accounts.review', { sessionId: session.id, userId: sam.id, decision: 'approved', reason: 'Supervises detectives' }))
    allowed(await asAdmin('accounts.review', { sessionId: session.id, userId: ivy.id, decision: 'revoked', reason: 'Transferred to patrol' }))

    const file = allowed<DocumentFile>(await asAdmin('accounts.exportReview', { sessionId: session.id }))
    expect(file).toMatchObject({ fileName: `access-review-${session.id}.pdf`, mimeType: 'application/pdf', exportId: null, destroyBy: null })
    const pdf = Buffer.from(file.dataBase64, 'base64')
    expect(pdfPageCount(pdf)).toBeGreaterThanOrEqual(1)
    const text = pdfText(pdf)
    for (const expected of [
      'Annual ALPR access review',
      'Springfield Police Department',
      session.id,
      '2 (1 approved, 1 revoked)',
      'sam (Sam Supervisor)',
      'Supervises detectives',
      'ivy (Ivy Nguyen)',
      'Transferred to patrol',
      'Revoked',
      'Accounts not reviewed in this session',
      'dora (Dora Diaz)',
      'Signature',
    ]) {
      expect(text).toContain(expected)
    }
    const entry = await lastLogEntry(core)
    expect(entry).toMatchObject({ channel: 'accounts.exportReview', outcome: 'allowed' })
    expect(entry.dataElements).toMatchObject({ sessionId: session.id, sha256: file.sha256 })
    expect(text).toContain(String(entry.dataElements.contentSha256))
    // No ALPR information in it, so nothing enters the exports ledger (whose items must be destroyed).
    expect(await core.store.exports.list({})).toEqual([])

    mkdirSync('test-results/pdf', { recursive: true })
    pdfToPngs(pdf, 'test-results/pdf', 'access-review')
  })
})
