// app://alpr/media/<token>: the Electron app serves a footage video through the same resolver as the harness,
// with byte ranges and the Content-Security-Policy, and answers 404 for a token the resolver refuses.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({ protocol: {} }))
const { appProtocolHandler, CONTENT_SECURITY_POLICY } = await import('../../../src/main/electron/protocol')

const dir = mkdtempSync(join(tmpdir(), 'alpr-app-media-'))
const video = join(dir, 'clip.webm')
const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 253))
writeFileSync(video, bytes)
writeFileSync(join(dir, 'index.html'), '<!doctype html>')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TOKEN = '/media/' + 'b'.repeat(43)
const serve = appProtocolHandler(dir, async (path) => (path === TOKEN ? { path: video, mime: 'video/webm', size: bytes.length } : null))

describe('footage media over app://', () => {
  it('serves the whole file and byte ranges for a valid token', async () => {
    const whole = await serve(new Request(`app://alpr${TOKEN}`))
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('video/webm')
    expect(whole.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true)

    const part = await serve(new Request(`app://alpr${TOKEN}`, { headers: { range: 'bytes=10-19' } }))
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 10-19/4000')
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true)
    expect((await serve(new Request(`app://alpr${TOKEN}`, { headers: { range: 'bytes=4000-' } }))).status).toBe(416)
  })

  it('answers 404 for a token the core refuses, and never serves media without a resolver', async () => {
    expect((await serve(new Request('app://alpr/media/' + 'c'.repeat(43)))).status).toBe(404)
    expect((await appProtocolHandler(dir)(new Request(`app://alpr${TOKEN}`))).status).toBe(404)
  })
})
