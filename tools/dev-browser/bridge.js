// Browser side of the harness bridge: defines `window.alpr` over a WebSocket to the real main/core.
// Loaded before the app's own script; the Electron preload plays this role in the real app.
// Plain JavaScript on purpose: it is served as-is and is never part of the packaged app.
;(() => {
  const params = new URLSearchParams(location.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    sessionStorage.setItem('alpr-harness-token', fromUrl)
    params.delete('token')
    const rest = params.toString()
    history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash)
  }
  const token = sessionStorage.getItem('alpr-harness-token') ?? ''
  let socket = null
  let opened = null
  let nextId = 1
  const pending = new Map()

  function connect() {
    if (opened) return opened
    socket = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`)
    opened = new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(socket), { once: true })
      socket.addEventListener('error', () => reject(new Error('The harness connection failed.')), { once: true })
    })
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data)
      const waiter = pending.get(message.id)
      if (!waiter) return
      pending.delete(message.id)
      waiter(message.ok ? { ok: true, value: message.value } : { ok: false, error: message.error })
    })
    socket.addEventListener('close', () => {
      for (const waiter of pending.values()) waiter(lost())
      pending.clear()
      opened = null
    })
    return opened
  }

  const lost = () => ({ ok: false, error: { code: 'INTERNAL', message: 'The connection to the application core was lost.' } })

  async function call(channel, input) {
    let ws
    try {
      ws = await connect()
    } catch {
      opened = null
      return lost()
    }
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      ws.send(JSON.stringify({ id, channel, input: input ?? {} }))
    })
  }

  const domains = new Map()
  const api = new Proxy(
    {},
    {
      get(_target, domain) {
        if (typeof domain !== 'string') return undefined
        if (!domains.has(domain)) {
          domains.set(domain, new Proxy({}, { get: (_t, method) => (input) => call(`${domain}.${String(method)}`, input) }))
        }
        return domains.get(domain)
      },
    },
  )
  Object.defineProperty(window, 'alpr', { value: api, writable: false, configurable: false })
})()
