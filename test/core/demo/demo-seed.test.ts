// demo:seed (issue 5): a new encrypted store filled through the product's own channels, whose printed
// credentials sign in, whose reads carry images and whose hot lists raise hits.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedDemoStore } from '../../../tools/demo-seed'
import { useLab } from '../../helpers/lab'
import { TestClock } from '../../helpers/clock'
import { allowed, fromWindow, signIn } from '../../helpers/core'
import type { SessionInfo } from '../../../src/shared/models'

describe('demo:seed', () => {
  const lab = useLab()

  it('creates a store whose printed credentials sign in, with cameras, reads with images, hot lists and hits', async () => {
    const dataDir = join(lab.tempDir(), 'demo')
    const clock = new TestClock()
    const result = await seedDemoStore({ dataDir, reads: 400, images: 20, days: 10, clock })
    expect(result.reads).toBe(400)
    expect(result.cameras).toBe(12)
    expect(result.hits).toBeGreaterThan(0)
    expect(result.credentials.map((c) => c.role)).toEqual(['administrator', 'dispatcher', 'investigator', 'supervisor', 'auditor'])

    clock.advance(60_000)
    const core = await lab.openCore({ dataDir, clock, retention: false })
    for (const [i, person] of result.credentials.entries()) {
      const session = allowed<SessionInfo>(await signIn(core, fromWindow(`w${i}`), clock, person))
      expect(session.user.username).toBe(person.username)
    }
    const first = await core.store.reads.get(1)
    expect(first).toMatchObject({ source: 'camera' })
    const withImages = await Promise.all(Array.from({ length: 400 }, (_, i) => core.store.reads.get(i + 1)))
    expect(withImages.filter((r) => r?.hasImages).length).toBeGreaterThanOrEqual(20)
  })

  it('refuses a folder that already holds data', async () => {
    const dataDir = lab.tempDir()
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'alpr.db'), 'existing')
    await expect(seedDemoStore({ dataDir, reads: 100 })).rejects.toThrow(/not empty/)
  })
})
