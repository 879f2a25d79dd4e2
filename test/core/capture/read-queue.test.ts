// Reads the store refused are kept and tried again with back-off, in order; a queue that would grow past its
// limit gives up its oldest reads and says so, and stopping gives up (and says so) rather than waiting forever.
import { describe, expect, it } from 'vitest'
import { ReadQueue } from '../../../src/main/core/capture/read-queue'

function recorder(failTimes: number | 'always') {
  let left = failTimes
  const stored: string[][] = []
  const events: string[] = []
  const attempts: number[] = []
  const start = Date.now()
  const hooks = {
    store: async (batch: string[]) => {
      attempts.push(Date.now() - start)
      if (left === 'always' || left-- > 0) throw new Error('SQLITE_BUSY: database is locked')
      stored.push(batch)
    },
    onFailing: (failing: boolean) => events.push(failing ? 'failing' : 'recovered'),
    onGivenUp: (reads: number, why: string) => events.push(`gave up ${reads} (${why})`),
  }
  return { hooks, stored, events, attempts }
}

describe('read queue', () => {
  it('keeps a refused batch and stores it, in order, once the store answers again', async () => {
    const r = recorder(2)
    const queue = new ReadQueue(r.hooks, { backoffMs: { first: 20, max: 1000 } })
    queue.add(['7ABC123'])
    queue.add(['5KLM246', '6TRX901'])
    expect(queue.waiting).toBe(3)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(r.stored).toEqual([['7ABC123'], ['5KLM246', '6TRX901']])
    expect(r.events).toEqual(['failing', 'recovered'])
    expect(queue.waiting).toBe(0)
    expect(queue.failing).toBe(false)
    // Back-off: 20 ms, then 40 ms between the three attempts at the first batch.
    expect(r.attempts[1]! - r.attempts[0]!).toBeGreaterThanOrEqual(15)
    expect(r.attempts[2]! - r.attempts[1]!).toBeGreaterThanOrEqual(35)
    await queue.stop()
  })

  it('gives up the oldest waiting reads past its limit and says how many', async () => {
    const r = recorder('always')
    const queue = new ReadQueue(r.hooks, { backoffMs: { first: 10_000, max: 10_000 }, maxReads: 3 })
    queue.add(['A1'])
    queue.add(['B1', 'B2'])
    queue.add(['C1', 'C2'])
    expect(r.events).toEqual(['gave up 2 (overflow)'])
    expect(queue.waiting).toBe(3)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(queue.failing).toBe(true)
    const stopped = Date.now()
    await queue.stop()
    expect(Date.now() - stopped).toBeLessThan(5000) // does not wait out the back-off
    expect(r.events).toEqual(['gave up 2 (overflow)', 'failing', 'gave up 3 (stopped)'])
    expect(r.stored).toEqual([])
  })
})
