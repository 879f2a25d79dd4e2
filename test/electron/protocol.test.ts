// app://alpr serves only the built renderer, with the right types and the Content-Security-Policy on every answer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  registered: [] as unknown[],
  handled: [] as Array<{ scheme: string; handler: unknown }>,
}))
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown) => electron.registered.push(schemes),
    handle: (scheme: string, handler: unknown) => electron.handled.push({ scheme, handler }),
  },
}))

const { CONTENT_SECURITY_POLICY, appProtocolHandler, mimeTypeOf, registerAppScheme, resolveAppPath, serveRenderer } = await import(
  '../../src/main/electron/protocol'
)

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const dir = mkdtempSync(join(tmpdir(), 'alpr-protocol-'))
const root = join(dir, 'renderer')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html><title>ALPR</title>')
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>')
writeFileSync(join(root, 'assets', 'font.woff2'), 'wOF2')
// Secrets beside the renderer folder, including one whose name shares its prefix.
writeFileSync(join(dir, 'secret.txt'), 'TOP SECRET')
mkdirSync(join(dir, 'renderer-secrets'))
writeFileSync(join(dir, 'renderer-secrets', 'key.txt'), 'TOP SECRET')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const serve = appProtocolHandler(root)
const get = (url: string, method = 'GET') => serve(new Request(url, { method }))

describe('resolving app://alpr paths', () => {
  it('maps the root and files to the renderer folder', () => {
    expect(resolveAppPath(root, 'app://alpr/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://alpr')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://alpr/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'))
    expect(resolveAppPath(root, 'app://alpr/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'))
  })

  it.each([
    'app://alpr/..%2fsecret.txt',
    'app://alpr/%2e%2e%2fsecret.txt',
    'app://alpr/assets/..%2F..%2F..%2Fsecret.txt',
    'app://alpr/..%2frenderer-secrets%2fkey.txt',
    'app://alpr/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://alpr/index.html%00.js',
    'app://alpr/%E0%A4%A',
    'app://evil/index.html',
    'app://alpr.evil/index.html',
    'https://alpr/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull()
  })

  it('keeps plain ".." segments inside the root (the URL parser removes them first)', () => {
    expect(resolveAppPath(root, 'app://alpr/../../secret.txt')).toBe(join(root, 'secret.txt'))
  })
})

describe('serving the renderer', () => {
  it('serves index.html with its type and the exact Content-Security-Policy', async () => {
    const response = await get('app://alpr/index.html')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html><title>ALPR</title>')
  })

  it.each([
    ['app://alpr/assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['app://alpr/assets/index-abc.css', 'text/css; charset=utf-8'],
    ['app://alpr/assets/logo.svg', 'image/svg+xml'],
    ['app://alpr/assets/font.woff2', 'font/woff2'],
  ])('serves %s as %s', async (url, type) => {
    const response = await get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
  })

  it('answers 404, with the CSP, for traversal, missing files and folders, and never leaks the secret', async () => {
    for (const url of ['app://alpr/..%2fsecret.txt', 'app://alpr/..%2frenderer-secrets%2fkey.txt', 'app://alpr/missing.js', 'app://alpr/assets', 'app://alpr/assets/']) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP)
      expect(await response.text()).not.toContain('SECRET')
    }
  })

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://alpr/index.html', 'POST')).status).toBe(405)
    const head = await get('app://alpr/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('labels unknown types as opaque bytes', () => {
    expect(mimeTypeOf('x.bin')).toBe('application/octet-stream')
    expect(mimeTypeOf('X.HTML')).toBe('text/html; charset=utf-8')
  })
})

describe('registering the scheme', () => {
  it('makes app:// standard, secure and fetch-capable, and serves it through protocol.handle', async () => {
    registerAppScheme()
    expect(electron.registered).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]])
    serveRenderer(root)
    expect(electron.handled).toHaveLength(1)
    expect(electron.handled[0]?.scheme).toBe('app')
    const handler = electron.handled[0]?.handler as (request: Request) => Promise<Response>
    expect((await handler(new Request('app://alpr/'))).status).toBe(200)
  })
})
