// What the access log keeps of a call's input: the query's data elements, never secrets or file bytes.
import { describe, expect, it } from 'vitest'
import { dataElementsOf } from '../../../src/main/core/access/data-elements'

describe('data elements of a call', () => {
  it('keeps query fields, withholds secrets and uploaded files at any depth, and leaves the purpose to its column', () => {
    const message = Buffer.from('From: detective@example.org\r\nSubject: 7ABC123\r\n\r\nbody').toString('base64')
    const elements = dataElementsOf({
      plate: '7ABC123',
      purpose: '24-012345',
      password: 'granite-lantern-orbit-47',
      messageBase64: message,
      nested: { code: '123456', fileBase64: message, camera: 'North gate' },
    })
    expect(elements).toEqual({
      plate: '7ABC123',
      password: '[withheld]',
      messageBase64: `[file of ${Math.floor((message.length * 3) / 4)} bytes withheld]`,
      nested: { code: '[withheld]', fileBase64: expect.stringMatching(/^\[file of \d+ bytes withheld\]$/), camera: 'North gate' },
    })
    expect(JSON.stringify(elements)).not.toContain(message.slice(0, 20))
  })

  it('cuts long strings so one call cannot flood the log', () => {
    const elements = dataElementsOf({ note: 'x'.repeat(1000) })
    expect(elements.note).toBe(`${'x'.repeat(200)}… (1000 chars)`)
  })
})
