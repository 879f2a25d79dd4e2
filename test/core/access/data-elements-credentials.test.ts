// Stream credentials never reach the access log: credential fields are withheld, and the userinfo of any
// URL-shaped value (rtsp://user:pass@host) is cut, at any depth and before long values are shortened.
import { describe, expect, it } from 'vitest'
import { dataElementsOf, withoutUserinfo } from '../../../src/main/core/access/data-elements'

describe('credentials in a call’s data elements', () => {
  it('withholds the stream user name and password fields', () => {
    const elements = dataElementsOf({ name: 'North gate', streamUsername: 'operator', streamPassword: 'Harbor-Kite-93' })
    expect(elements).toEqual({ name: 'North gate', streamUsername: '[withheld]', streamPassword: '[withheld]' })
  })

  it('cuts the userinfo out of stream addresses anywhere in the input', () => {
    const elements = dataElementsOf({
      source: 'rtsp://operator:Harbor-Kite-93@192.0.2.10:554/stream1',
      nested: { list: ['http://viewer:Sun%40Flower@cam.example.org/video.mjpg', 'udp://@:5000'] },
    })
    expect(elements).toEqual({
      source: 'rtsp://192.0.2.10:554/stream1',
      nested: { list: ['http://cam.example.org/video.mjpg', 'udp://:5000'] },
    })
  })

  it('cuts a password that holds an unencoded @, / or space whole', () => {
    for (const raw of ['rtsp://admin:p@ss/w0rd@cam.local/live', 'rtsp://admin:p@ss w0rd@cam.local/live']) {
      const safe = withoutUserinfo(raw)
      expect(safe).toBe('rtsp://cam.local/live')
      expect(safe).not.toContain('w0rd')
    }
  })

  it('cuts credentials before shortening a long value, so a cut cannot keep the password', () => {
    const raw = `rtsp://operator:Harbor-Kite-93@cam.local/${'x'.repeat(150)}@${'y'.repeat(100)}`
    const elements = dataElementsOf({ source: raw })
    expect(JSON.stringify(elements)).not.toContain('Harbor-Kite-93')
    expect(JSON.stringify(elements)).not.toContain('operator')
  })

  it('withholds everything before the last @ of a camera source typed without scheme://', () => {
    const cases: [string, string][] = [
      ['admin:Pass@192.0.2.10:554/stream1', '[withheld]@192.0.2.10:554/stream1'],
      ['rtsp:/admin:Harbor-Kite-93@cam.local/live', '[withheld]@cam.local/live'],
      ['rtsp//admin:Harbor-Kite-93@cam.local/live', '[withheld]@cam.local/live'],
      ['rtsp:admin:p@ss@w0rd@cam.local/live', '[withheld]@cam.local/live'],
      ['//admin:Harbor-Kite-93@cam.local/live', '[withheld]@cam.local/live'],
    ]
    for (const [raw, logged] of cases) {
      const elements = dataElementsOf({ sourceKind: 'rtsp', source: raw })
      expect(elements).toEqual({ sourceKind: 'rtsp', source: logged })
      for (const secret of ['Pass', 'Harbor-Kite-93', 'admin', 'w0rd']) expect(JSON.stringify(elements)).not.toContain(secret)
    }
  })

  it('withholds credentials given as query parameters of an address', () => {
    const elements = dataElementsOf({
      source: 'http://cam.local/video.cgi?user=admin&pwd=Harbor-Kite-93&resolution=640x480',
      note: { list: ['https://cam.local/snap.jpg?token=abc123secret', 'http://cam.local/a?Password=Sun%40Flower'] },
    })
    expect(elements).toEqual({
      source: 'http://cam.local/video.cgi?user=[withheld]&pwd=[withheld]&resolution=640x480',
      note: { list: ['https://cam.local/snap.jpg?token=[withheld]', 'http://cam.local/a?Password=[withheld]'] },
    })
  })

  it('leaves addresses without credentials and plain e-mail addresses as they are', () => {
    expect(dataElementsOf({ source: 'rtsp://192.0.2.10/stream1', email: 'records@example.org' })).toEqual({
      source: 'rtsp://192.0.2.10/stream1',
      email: 'records@example.org',
    })
  })
})
