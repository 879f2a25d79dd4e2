// Stands in for Electron's utility-process runtime in tests: runs a module in a real child process and gives
// it process.parentPort over Node's IPC channel (structured-clone serialisation, as Electron's), with
// parentPort's documented behaviour of queuing messages until the first 'message' listener is added.
import { EventEmitter } from 'node:events'
import { pathToFileURL } from 'node:url'
import { register } from 'tsx/esm/api'

const [entry] = process.argv.splice(2, 1)
if (entry.endsWith('.ts')) register()

const port = new EventEmitter()
port.postMessage = (message) => process.send(message)
const queued = []
let listening = false
port.on('newListener', (event) => {
  if (event !== 'message' || listening) return
  // After the listener is added (newListener runs before): flush what arrived meanwhile.
  Promise.resolve().then(() => {
    listening = true
    for (const data of queued.splice(0)) port.emit('message', { data, ports: [] })
  })
})
process.on('message', (data) => {
  if (listening) port.emit('message', { data, ports: [] })
  else queued.push(data)
})
process.parentPort = port

await import(pathToFileURL(entry).href)
