// Runs a TypeScript worker entry under plain Node (never used by the built app).
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
