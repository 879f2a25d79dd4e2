// The browser harness: serves the built renderer and bridges `window.alpr` over a WebSocket on 127.0.0.1
// to the real main/core (real guard, real encrypted store). Only the transport differs from Electron.
// For tests and demos; not part of the packaged app. Protocol: test/e2e/README.md.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { createCore, type Core, type CoreOptions } from '../../src/main/core/app/create-core'
import { parseRange, rangeHeaders } from '../../src/main/core/footage/range'

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url))
const BRIDGE_FILE = fileURLToPath(new URL('./bridge.js', import.meta.url))

export interface HarnessOptions {
  /** Store folder; a fresh temporary folder when absent. */
  dataDir?: string
  /** 0 (default) picks a free port. */
  port?: number
  rendererDir?: string
  clock?: CoreOptions['clock']
  device?: CoreOptions['device']
}

export interface Harness {
  /** The URL to open, carrying the access token. */
  url: string
  origin: string
  token: string
  dataDir: string
  core: Core
  close(): Promise<void>
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

interface BridgeRequest {
  id: number
  channel: string
  input: unknown
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const rendererDir = resolve(options.rendererDir ?? RENDERER_DIR)
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}. Run \`npm run build\` first.`)
  }
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'alpr-harness-')))
  const token = randomBytes(24).toString('base64url')
  const server = createServer()
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`

  let core: Core
  try {
    core = await createCore({ dataDir, appOrigin: origin, clock: options.clock, device: options.device })
  } catch (error) {
    server.close()
    throw error
  }

  server.on('request', (req, res) => {
    if ((req.url ?? '').startsWith('/media/')) void serveMedia(core, req, res)
    else serveFile(rendererDir, port, req, res)
  })

  const wss = new WebSocketServer({
    server,
    path: '/bridge',
    maxPayload: 4 * 1024 * 1024,
    verifyClient: ({ origin: from, req }: { origin: string; req: IncomingMessage }) =>
      from === origin && new URL(req.url ?? '', origin).searchParams.get('token') === token,
  })
  let nextSender = 1
  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const senderId = `harness-${nextSender++}`
    const call = { senderId, origin: req.headers.origin ?? '', isMainFrame: true }
    socket.on('message', async (data) => {
      let request: BridgeRequest
      try {
        request = JSON.parse(String(data)) as BridgeRequest
        if (typeof request.id !== 'number' || typeof request.channel !== 'string') throw new Error('bad frame')
      } catch {
        socket.close(1003, 'Frames are JSON objects {id, channel, input}')
        return
      }
      const result = await core.dispatch(call, request.channel, request.input)
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: request.id, ...result }))
    })
    socket.on('close', () => core.forgetSender(senderId))
  })

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    dataDir,
    core,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((done) => wss.close(() => done()))
      await new Promise<void>((done) => server.close(() => done()))
      await core.close()
    },
  }
}

function serveFile(root: string, port: number, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
  if (req.method !== 'GET' && req.method !== 'HEAD') return void send(res, 405, 'text/plain', 'Method not allowed')
  if (path === '/__harness/bridge.js') return void send(res, 200, MIME['.js']!, readFileSync(BRIDGE_FILE), port)
  const file = normalize(join(root, path === '/' ? 'index.html' : path))
  if (!file.startsWith(root + sep) || !existsSync(file)) return void send(res, 404, 'text/plain', 'Not found')
  let body: string | Buffer = readFileSync(file)
  if (file.endsWith(`${sep}index.html`)) {
    // The bridge must define window.alpr before the app's module script runs; module scripts run in order.
    body = body.toString('utf8').replace('<head>', '<head>\n    <script type="module" src="/__harness/bridge.js"></script>')
  }
  send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', body, port)
}

/** A footage video by its short-lived token (footage.media), with byte ranges so the video element can seek. */
async function serveMedia(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return void send(res, 405, 'text/plain', 'Method not allowed')
  const media = await core.resolveMedia(new URL(req.url ?? '/', 'http://127.0.0.1').pathname).catch(() => null)
  if (!media) return void send(res, 404, 'text/plain', 'Not found')
  const range = parseRange(req.headers.range, media.size)
  const { status, headers } = rangeHeaders(range, media.size, media.mime)
  res.writeHead(status, { ...headers, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  if (req.method === 'HEAD' || range.kind === 'unsatisfiable') return void res.end()
  const stream = createReadStream(media.path, range.kind === 'partial' ? { start: range.start, end: range.end } : {})
  stream.on('error', () => res.destroy())
  res.on('close', () => stream.destroy())
  stream.pipe(res)
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, port?: number): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(port
      ? {
          'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src ws://127.0.0.1:${port}; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        }
      : {}),
  })
  res.end(body)
}
