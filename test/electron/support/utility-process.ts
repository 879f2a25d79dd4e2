// A stand-in for Electron's UtilityProcess (Electron cannot run here): a real Node child process running the
// module through parent-port-shim.mjs, with UtilityProcess's surface: postMessage (structured clone; only
// message ports may be transferred), 'spawn', 'message', 'exit' with a code, kill() and pid.
import { type ChildProcess, fork, type Serializable } from 'node:child_process'
import { EventEmitter } from 'node:events'
import { constants } from 'node:os'

const SHIM = new URL('./parent-port-shim.mjs', import.meta.url)

export class NodeUtilityProcess extends EventEmitter {
  pid: number | undefined
  private readonly child: ChildProcess

  constructor(modulePath: string, args: string[] = []) {
    super()
    this.child = fork(SHIM, [modulePath, ...args], { serialization: 'advanced', stdio: 'inherit' })
    this.child.on('spawn', () => {
      this.pid = this.child.pid
      this.emit('spawn')
    })
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('error', () => {}) // sends after exit; Electron drops those too
    this.child.on('exit', (code, signal) => {
      this.pid = undefined
      this.emit('exit', code ?? 128 + (signal ? constants.signals[signal] : 0))
    })
  }

  postMessage(message: unknown, transfer?: unknown[]): void {
    if (transfer?.length) throw new TypeError('utilityProcess.postMessage transfers only MessagePortMain objects')
    if (this.child.connected) this.child.send(message as Serializable)
  }

  kill(): boolean {
    return this.child.kill()
  }
}
