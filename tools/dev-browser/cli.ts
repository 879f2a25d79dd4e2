// `npm run dev:browser -- [--data-dir DIR] [--port N]`: the app in a browser, on the real core and store.
import { parseArgs } from 'node:util'
import { startHarness } from './server'

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
})
if (values.help) {
  console.log('Usage: npm run dev:browser -- [--data-dir DIR] [--port N]\nServes the built renderer and the real core on 127.0.0.1 only.')
  process.exit(0)
}
const port = values.port === undefined ? 0 : Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`)
  process.exit(2)
}
try {
  const harness = await startHarness({ dataDir: values['data-dir'], port })
  console.log(`ALPR workstation (browser harness)\n  store: ${harness.dataDir}\n  open:  ${harness.url}\n  Ctrl+C stops it.`)
  const stop = async () => {
    await harness.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  console.error(`Could not start the harness: ${(error as Error).message}`)
  process.exit(1)
}
